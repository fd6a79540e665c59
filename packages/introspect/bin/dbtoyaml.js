#!/usr/bin/env node
import "../dist/bundle/dbtoyaml.js";
