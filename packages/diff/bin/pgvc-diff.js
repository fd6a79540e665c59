#!/usr/bin/env node
import "../dist/bundle/diff.js";
