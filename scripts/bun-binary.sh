#!/usr/bin/env bash
# Prints the path of the pinned Bun binary (scripts/runtimes.json), fetched from npm on first use.
exec bash "$(dirname "$0")/runtime-binary.sh" bun
