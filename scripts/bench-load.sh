#!/usr/bin/env bash
# Full-pipeline load test on this machine: starts what it needs (Redis for the durable profile, the
# silo in Release with its embedded anvil mining at the given block time), runs `kusabi-device
# loadtest` (factory → activation → update → inventory), writes the reports and stops everything.
#
#   scripts/bench-load.sh [embedded|durable] [block-time-seconds] [devices] [concurrency]
#   defaults:              embedded            1                    10000     1000
#
# Reports: artifacts/loadtest/<UTC timestamp>-<profile>-<block>s/ (report.json, report.md,
# report.svg, silo.log). Environment: KUSABI_BENCH_OUT=<folder>, KUSABI_BENCH_UPDATE=0 (factory and
# activation only), KUSABI_BENCH_NO_BUILD=1 (use the existing Release build),
# KUSABI_BENCH_DURATION=<limit, e.g. 20m>, KUSABI_BENCH_ARTIFACT=<bytes>, KUSABI_BENCH_SILO_ARGS=<extra
# silo settings, e.g. "--Logging:LogLevel:Default=Information" to measure with request logging on>.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-embedded}"; block="${2:-1}"; devices="${3:-10000}"; concurrency="${4:-1000}"
case "$profile" in embedded|durable) ;; *) echo "usage: $0 [embedded|durable] [block-time] [devices] [concurrency]" >&2; exit 2 ;; esac

if [ "${KUSABI_BENCH_NO_BUILD:-0}" != 1 ]; then
  if [ "$profile" = durable ]; then scripts/setup.sh redis; else scripts/setup.sh; fi
fi
out="${KUSABI_BENCH_OUT:-artifacts/loadtest/$(date -u +%Y%m%dT%H%M%SZ)-$profile-${block}s}"
mkdir -p "$out"
data=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
token() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
sha256() { printf %s "$1" | sha256sum | cut -d' ' -f1; }

silo=""; redis=""
cleanup() {
  [ -n "$silo" ] && kill "$silo" 2>/dev/null && wait "$silo" 2>/dev/null
  [ -n "$redis" ] && kill "$redis" 2>/dev/null && wait "$redis" 2>/dev/null
  [ -f "$data/silo.log" ] && cp "$data/silo.log" "$out/silo.log"
  rm -rf "$data"
}
trap cleanup EXIT INT TERM

port=$(free_port)
factory_token=$(token); operator_token=$(token)
printf %s "$factory_token" > "$data/factory.token"; printf %s "$operator_token" > "$data/operator.token"
settings=(
  --urls "http://127.0.0.1:$port" --contentRoot "$PWD/Silo" --Kusabi:DataDirectory="$data" --Kusabi:EmbeddedBlockTimeSeconds="$block"
  --Kusabi:SiloPort="$(free_port)" --Kusabi:GatewayPort="$(free_port)"
  --Kusabi:FactoryTokenHashes:0="$(sha256 "$factory_token")"
  --Kusabi:Credentials:0:Role=Operator --Kusabi:Credentials:0:Sha256="$(sha256 "$operator_token")"
)
if [ "$profile" = durable ]; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync always --dir "$data" > "$data/redis.log" 2>&1 &
  redis=$!
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  settings+=(--Kusabi:Profile=durable --Kusabi:Redis="127.0.0.1:$redis_port" --Kusabi:ClusterId="bench-$$" --Kusabi:ServiceId="bench-$$")
fi

echo "[bench-load] $profile profile, block time ${block}s, $devices devices, concurrency $concurrency; reports in $out"
# shellcheck disable=SC2086 # extra settings are words on purpose
dotnet Silo/bin/Release/net10.0/Kusabi.Silo.dll "${settings[@]}" ${KUSABI_BENCH_SILO_ARGS:-} > "$data/silo.log" 2>&1 &
silo=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$silo" 2>/dev/null || { echo "[bench-load] the silo exited:"; tail -20 "$data/silo.log"; exit 1; }
  sleep 0.5
done

# CPU used by the silo and its anvil during the run (clock ticks of /proc/<pid>/stat), sampled every
# second: on a shared machine this, not wall time, is what an activation costs.
ticks() { [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
anvil=$(pgrep -P "$silo" anvil || echo 0)
( hz=$(getconf CLK_TCK); echo "seconds silo_cpu_seconds anvil_cpu_seconds"
  while kill -0 "$silo" 2>/dev/null; do
    echo "$(date +%s.%N) $(awk -v t="$(ticks "$silo")" -v h="$hz" 'BEGIN{print t/h}') $(awk -v t="$(ticks "$anvil")" -v h="$hz" 'BEGIN{print t/h}')"
    sleep 1
  done ) > "$out/cpu.tsv" 2>/dev/null &
sampler=$!

update=(--operator-token-file "$data/operator.token" --update-artifact-size "${KUSABI_BENCH_ARTIFACT:-4096}")
[ "${KUSABI_BENCH_UPDATE:-1}" = 0 ] && update=()
status=0
dotnet DeviceClient/bin/Release/net10.0/kusabi-device.dll loadtest --server "http://127.0.0.1:$port" \
  --devices "$devices" --concurrency "$concurrency" --duration-limit "${KUSABI_BENCH_DURATION:-30m}" \
  --token-file "$data/factory.token" "${update[@]}" --out "$out" || status=$?
kill "$sampler" 2>/dev/null || true
awk 'NR == 2 { s = $2; a = $3 } NR > 1 { ls = $2; la = $3 } END { printf "[bench-load] CPU during the run: silo %.1f s, anvil %.1f s\n", ls - s, la - a }' "$out/cpu.tsv"
echo "[bench-load] exit $status; reports in $out"
exit $status
