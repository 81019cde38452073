#!/usr/bin/env bash
# Activation throughput only (no update phase), one fresh embedded silo per block time; a thin
# wrapper over bench-load.sh. Reports: artifacts/bench-activation-<block>s/report.{json,md,svg}
set -euo pipefail
cd "$(dirname "$0")/.."
devices="${1:-2000}"; concurrency="${2:-500}"; shift 2 || true
block_times="${*:-1 0.2}"
scripts/setup.sh
for bt in $block_times; do
  KUSABI_BENCH_NO_BUILD=1 KUSABI_BENCH_UPDATE=0 KUSABI_BENCH_OUT="artifacts/bench-activation-${bt}s" \
    scripts/bench-load.sh embedded "$bt" "$devices" "$concurrency" || true
done
