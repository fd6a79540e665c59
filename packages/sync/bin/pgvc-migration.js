#!/usr/bin/env node
import "../dist/bundle/migration.js";
