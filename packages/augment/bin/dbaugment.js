#!/usr/bin/env node
import "../dist/bundle/dbaugment.js";
