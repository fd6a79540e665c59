#!/usr/bin/env node
import "../dist/bundle/pgvc-yaml-upgrade.js";
