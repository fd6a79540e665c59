#!/usr/bin/env node
import "../dist/bundle/backup.js";
