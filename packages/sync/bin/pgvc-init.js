#!/usr/bin/env node
import "../dist/bundle/init.js";
