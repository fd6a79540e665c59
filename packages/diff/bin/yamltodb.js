#!/usr/bin/env node
import "../dist/cli/yamltodb.js";
