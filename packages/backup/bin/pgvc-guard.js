#!/usr/bin/env node
import "../dist/cli/guard.js";
