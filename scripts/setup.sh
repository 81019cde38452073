#!/usr/bin/env bash
# Installs what Kusabi needs on a fresh Debian machine with the .NET SDK and Node.js; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (Debian packages)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)."; exit 1; }
command -v npm >/dev/null || apt_install nodejs npm

# The chain toolchain (anvil, solc) is pinned in package-lock.json.
if [ ! -x node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing the chain toolchain (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

for extra in "$@"; do
  case "$extra" in
    redis) apt_install redis-server ;;
    chromium) apt_install chromium ;;
  esac
done

log "building"
dotnet build Kusabi.Orleans.sln -c Release -nologo -v quiet -clp:ErrorsOnly
