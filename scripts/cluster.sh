#!/usr/bin/env bash
# A 3-silo Kusabi cluster on loopback, each silo its own process (durable profile):
# one Redis (append-only, fsync always), one anvil (state file, survives restarts), the registry
# deployed once by the admin, 3 member accounts admitted, one per silo.
#
#   scripts/cluster.sh [start]   start whatever is not running yet, wait for health, print URLs
#   scripts/cluster.sh stop      stop the silos, anvil (writing its state) and Redis
#   scripts/cluster.sh status    what is running
#
# State, logs and tokens live in .kusabi/cluster/ (KUSABI_CLUSTER_DIR to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
dir="${KUSABI_CLUSTER_DIR:-$root/.kusabi/cluster}"
redis_port="${KUSABI_CLUSTER_REDIS_PORT:-6390}"
anvil_port="${KUSABI_CLUSTER_ANVIL_PORT:-8646}"
http_base="${KUSABI_CLUSTER_HTTP_BASE:-8180}"     # silo i serves HTTP on base+i
silo_base="${KUSABI_CLUSTER_SILO_BASE:-11210}"    # silo-to-silo port base+i
gateway_base="${KUSABI_CLUSTER_GATEWAY_BASE:-30100}"
chain_id=31337
silo_dll="$root/Silo/bin/Release/net10.0/Kusabi.Silo.dll"
chain_dll="$root/ChainAdmin/bin/Release/net10.0/kusabi-chain.dll"
anvil="$root/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"

# anvil's well-known development accounts: 0 administers the registry, 1–3 are the silos' members.
admin_key=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
member_keys=(0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
             0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a
             0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6)
member_addresses=(0x70997970C51812dc3A010C7d01b50e0d17dc79C8
                  0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC
                  0x90F79bf6EB2c4f870365E785982E1f101E93b906)

log() { printf '\033[1;34m[cluster]\033[0m %s\n' "$*"; }
running() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

wait_for() { # description, command...
  local what="$1"; shift
  for _ in $(seq 1 240); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  log "timed out waiting for $what"; return 1
}

stop_one() { # name
  running "$1" || { rm -f "$dir/$1.pid"; return 0; }
  local pid; pid="$(cat "$dir/$1.pid")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/$1.pid"
  log "stopped $1"
}

start() {
  mkdir -p "$dir/redis"
  [ -x "$anvil" ] && command -v redis-server >/dev/null || scripts/setup.sh redis
  [ -f "$silo_dll" ] && [ -f "$chain_dll" ] || {
    log "building the silo and kusabi-chain"
    dotnet build Silo/Kusabi.Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
    dotnet build ChainAdmin/Kusabi.ChainAdmin.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  }

  if ! running redis; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --appendonly yes --appendfsync always \
      --save "" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    wait_for "redis" redis-cli -p "$redis_port" ping
    log "redis on 127.0.0.1:$redis_port (AOF, fsync always)"
  fi

  if ! running anvil; then
    "$anvil" --host 127.0.0.1 --port "$anvil_port" --chain-id "$chain_id" --block-time 1 --gas-limit 300000000 \
      --block-base-fee-per-gas 0 --gas-price 0 --disable-min-priority-fee --silent \
      --state "$dir/anvil-state.json" --state-interval 1 > "$dir/anvil.log" 2>&1 &
    echo $! > "$dir/anvil.pid"
    wait_for "anvil" curl -fsS -X POST -H 'Content-Type: application/json' \
      --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$anvil_port"
    log "anvil on http://127.0.0.1:$anvil_port (state in $dir/anvil-state.json)"
  fi

  # Deploys the registry on the first run only and admits any member not yet admitted.
  (umask 077; echo "$admin_key" > "$dir/admin.key")
  members=(); for a in "${member_addresses[@]}"; do members+=(--member "$a"); done
  dotnet "$chain_dll" registry --rpc "http://127.0.0.1:$anvil_port" --chain-id "$chain_id" --admin-key-file "$dir/admin.key" \
    "${members[@]}" --record "$dir/registry.json" > "$dir/registry.log"
  contract="$(sed -n 's/.*"contract": "\(0x[0-9a-fA-F]*\)".*/\1/p' "$dir/registry.json")"
  log "registry $contract, members ${member_addresses[*]}"

  for role in operator factory; do
    [ -f "$dir/$role.token" ] || (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/$role.token")
  done
  operator_hash="$(tr -d '\n' < "$dir/operator.token" | sha256sum | cut -d' ' -f1)"
  factory_hash="$(tr -d '\n' < "$dir/factory.token" | sha256sum | cut -d' ' -f1)"

  for i in 1 2 3; do
    running "silo-$i" && continue
    # The member key goes through the environment, not the command line, so `ps` does not show it.
    Chain__SignerPrivateKey="${member_keys[$((i - 1))]}" nohup dotnet "$silo_dll" \
      --urls "http://127.0.0.1:$((http_base + i))" \
      --Kusabi:Profile=durable --Kusabi:Redis="127.0.0.1:$redis_port" \
      --Kusabi:ClusterId=kusabi-local --Kusabi:ServiceId=kusabi-local --Kusabi:AdvertisedAddress=127.0.0.1 \
      --Kusabi:SiloPort=$((silo_base + i)) --Kusabi:GatewayPort=$((gateway_base + i)) \
      --Kusabi:Credentials:0:Role=Operator --Kusabi:Credentials:0:Sha256="$operator_hash" \
      --Kusabi:Credentials:1:Role=Factory --Kusabi:Credentials:1:Sha256="$factory_hash" \
      --Chain:RpcUrl="http://127.0.0.1:$anvil_port" --Chain:ChainId="$chain_id" --Chain:ContractAddress="$contract" \
      > "$dir/silo-$i.log" 2>&1 &
    echo $! > "$dir/silo-$i.pid"
  done
  for i in 1 2 3; do
    wait_for "silo-$i (see $dir/silo-$i.log)" curl -fsS "http://127.0.0.1:$((http_base + i))/health"
  done

  log "cluster up:"
  for i in 1 2 3; do
    echo "  silo-$i  http://127.0.0.1:$((http_base + i))  silo port $((silo_base + i)), gateway $((gateway_base + i)), member ${member_addresses[$((i - 1))]}"
  done
  echo "  tokens  $dir/operator.token, $dir/factory.token"
  echo "  try     dotnet DeviceClient/bin/Release/net10.0/kusabi-device.dll simulate --devices 30 --server http://127.0.0.1:$((http_base + 2)) --token-file $dir/factory.token"
}

stop() {
  for i in 3 2 1; do stop_one "silo-$i"; done
  stop_one anvil   # SIGTERM: anvil writes its state file before exiting
  stop_one redis
}

status() {
  for name in redis anvil silo-1 silo-2 silo-3; do
    if running "$name"; then echo "$name: running (pid $(cat "$dir/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh [start|stop|status]" >&2; exit 2 ;;
esac
