#!/usr/bin/env node
import "../dist/cli/restore.js";
