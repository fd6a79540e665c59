#!/usr/bin/env node
import "../dist/cli/dbtoyaml.js";
