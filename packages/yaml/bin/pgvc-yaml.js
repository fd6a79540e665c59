#!/usr/bin/env node
import "../dist/cli/yaml.js";
