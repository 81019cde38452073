#!/usr/bin/env bash
# Generates a Besu QBFT network: 4 validator node keys, the registry admin key and 3 member silo
# keys, the genesis (QBFT extraData naming the validators), permissioning and per-node config.
# Works without Besu: keys and RLP are made by kusabi-chain (ChainAdmin/), offline.
#
#   deploy/besu/generate-keys.sh [OUT_DIR] [kusabi-chain keys options...]
#
# OUT_DIR defaults to deploy/besu (replacing the committed development network). Private keys are
# written owner-only; keep them out of version control for a real deployment.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here}"
[ $# -gt 0 ] && shift

tool="${KUSABI_CHAIN_TOOL:-$root/ChainAdmin/bin/Release/net10.0/kusabi-chain.dll}"
if [ ! -f "$tool" ]; then
  dotnet build "$root/ChainAdmin/Kusabi.ChainAdmin.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi
exec dotnet "$tool" keys --out "$out" "$@"
