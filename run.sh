#!/usr/bin/env bash
# The main job: chain + contract + silo (+ a simulated fleet), on this machine.
#   ./run.sh            set up, start, stay in the foreground (Ctrl-C stops everything)
#   ./run.sh --once     set up, start, print the outcome and stop
set -euo pipefail
cd "$(dirname "$0")"
exec scripts/run.sh "$@"
