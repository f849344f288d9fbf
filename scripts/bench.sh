#!/usr/bin/env bash
# Runs the benchmarks (bench/) in Release and prints their tables:
#   scripts/bench.sh [accounts|enumeration|ratelimit|subscriptions [--subscribers 10000]|catalog|video|media|all]
#   scripts/bench.sh soak [--minutes 10] [--instances 1|2]
#   scripts/bench.sh towatch [--seconds 600] [--chunk 60]
#   scripts/bench.sh live [--streams 4]   (needs nginx-light + libnginx-mod-rtmp, and tests/peers for Chromium)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The reference peers some benchmarks run beside ours (graphql-ws for the subscriptions); network steps are retried.
if [ ! -d bench/peers/node_modules ]; then
  for attempt in 1 2 3; do
    (cd bench/peers && npm ci --no-audit --no-fund >/dev/null) && break
    [ "$attempt" = 3 ] && { echo "npm ci in bench/peers failed" >&2; exit 1; }
    sleep $((attempt * 5))
  done
fi

# 10,000 WebSocket clients and their server need more descriptors than a default shell allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
dotnet build -c Release src/Web >/dev/null
exec dotnet run -c Release --project bench -- "$@"
