#!/usr/bin/env bash
# Measures activation throughput end to end: a fresh embedded silo per block time, then
# `kusabi-device loadtest` against it. Results: artifacts/bench-activation-<block>s.json
set -euo pipefail
cd "$(dirname "$0")/.."
devices="${1:-2000}"; concurrency="${2:-500}"; shift 2 || true
block_times="${*:-1 0.2}"
scripts/setup.sh
mkdir -p artifacts
for bt in $block_times; do
  data=$(mktemp -d); port=$((18000 + RANDOM % 1000))
  dotnet Silo/bin/Release/net10.0/Kusabi.Silo.dll --urls "http://127.0.0.1:$port" --Kusabi:DataDirectory="$data" \
    --Kusabi:EmbeddedBlockTimeSeconds="$bt" --Kusabi:SiloPort=$((port + 1000)) --Kusabi:GatewayPort=$((port + 2000)) \
    --Logging:LogLevel:Default=Warning > "$data/silo.log" 2>&1 &
  silo=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
  echo "== block time ${bt}s: $devices devices, concurrency $concurrency"
  dotnet DeviceClient/bin/Release/net10.0/kusabi-device.dll loadtest --devices "$devices" --concurrency "$concurrency" \
    --server "http://127.0.0.1:$port" --token-file "$data/factory.token" --json "artifacts/bench-activation-${bt}s.json" || true
  kill $silo; wait $silo 2>/dev/null || true
  rm -rf "$data"
done
