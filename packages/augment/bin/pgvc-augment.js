#!/usr/bin/env node
// `pgvc augment` runs this.
import "../dist/bundle/dbaugment.js";
