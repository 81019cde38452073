#!/usr/bin/env bash
# Runs every test (unit, contract, gateway, integration, end to end) against real local services.
set -euo pipefail
cd "$(dirname "$0")"
exec scripts/test.sh "$@"
