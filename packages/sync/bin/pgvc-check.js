#!/usr/bin/env node
import "../dist/bundle/check.js";
