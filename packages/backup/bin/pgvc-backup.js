#!/usr/bin/env node
import "../dist/cli/backup.js";
