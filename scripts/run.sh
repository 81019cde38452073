#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
once=false
[ "${1:-}" = "--once" ] && once=true
scripts/setup.sh

url="${KUSABI_URL:-http://127.0.0.1:8080}"
mkdir -p .kusabi
echo "[run] starting the silo at $url (embedded profile: anvil + registry + Orleans in one process)"
dotnet Silo/bin/Release/net10.0/Kusabi.Silo.dll --urls "$url" --contentRoot "$PWD/Silo" --Kusabi:DataDirectory="$PWD/.kusabi" \
  > .kusabi/silo.log 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null; wait $silo 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "$url/health" > .kusabi/health.json 2>/dev/null; then break; fi
  kill -0 $silo 2>/dev/null || { echo "[run] the silo exited; see .kusabi/silo.log"; tail -20 .kusabi/silo.log; exit 1; }
  sleep 0.5
done
echo "[run] health: $(cat .kusabi/health.json)"
echo "[run] management screen: $url/ (sign in with the token in $PWD/.kusabi/operator.token; read-only: .kusabi/viewer.token)"
echo "[run] Orleans dashboard: $url/dashboard/ (operators, after signing in to the management screen)"

devices="${KUSABI_FLEET:-100}"
echo "[run] simulating a fleet of $devices devices: factory registration, activation, then a signed firmware update and inventory check"
dotnet DeviceClient/bin/Release/net10.0/kusabi-device.dll simulate --devices "$devices" --server "$url" --token-file .kusabi/factory.token \
  --operator-token-file .kusabi/operator.token --update-artifact-size 65536

if $once; then exit 0; fi
echo "[run] running; logs in .kusabi/silo.log. Ctrl-C stops the silo and the chain."
wait $silo
