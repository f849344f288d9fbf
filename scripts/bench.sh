#!/usr/bin/env bash
# Runs the benchmarks (bench/) in Release and prints their tables: scripts/bench.sh [accounts|enumeration|ratelimit|subscriptions|catalog|video|all]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec dotnet run -c Release --project bench -- "$@"
