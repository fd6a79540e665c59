#!/usr/bin/env node
import "../dist/bundle/yaml.js";
