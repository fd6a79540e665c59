#!/usr/bin/env node
import "../dist/bundle/restore.js";
