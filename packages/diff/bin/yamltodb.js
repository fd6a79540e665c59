#!/usr/bin/env node
import "../dist/bundle/yamltodb.js";
