#!/usr/bin/env bash
# Runs the examples of README.md and docs/*.md and checks their output; see readme-examples.py.
exec python3 "$(dirname "$0")/readme-examples.py" "$@"
