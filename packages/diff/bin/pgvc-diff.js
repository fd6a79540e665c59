#!/usr/bin/env node
import "../dist/cli/diff.js";
