#!/usr/bin/env bash
# Starts Debian's redis-server on loopback for several CollabCanvas web nodes on one machine (Orleans membership,
# optionally the rooms hub's backplane). It keeps nothing on disk: the membership table is rebuilt by the nodes
# when Redis restarts. Usage: tools/redis/start.sh [port]   (default 6379; runs in the foreground, Ctrl+C stops it)
# Across machines, run a Redis the web nodes can reach instead, and protect it (bind, requirepass, a firewall).
set -euo pipefail
port="${1:-6379}"

if ! command -v redis-server >/dev/null 2>&1; then
  echo "start.sh: redis-server is missing; install it with: apt-get install -y redis-server" >&2
  exit 2
fi

echo "start.sh: Redis on 127.0.0.1:${port}; give the web nodes ConnectionStrings__Redis=127.0.0.1:${port}"
exec redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no
