#!/usr/bin/env node
import "../dist/bundle/guard.js";
