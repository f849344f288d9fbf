#!/usr/bin/env bash
# Installs what the tests need, starts real services on 127.0.0.1 (PostgreSQL, Redis, an S3-compatible server,
# an SMTP server), runs every test, stops everything it started, and prints "N passed, N failed" last.
# Idempotent; works as root on a fresh Debian 12 (installs with apt-get) or as a user who has the packages.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '\033[1m[test.sh]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; echo "0 passed, 1 failed"; exit 1; }
# Network steps fail now and then on a registry's hiccup: try a few times with a pause before giving up.
retry() { local n; for n in 1 2 3 4; do "$@" && return 0; log "attempt $n of '$*' failed; retrying in $((n * 5)) s"; sleep $((n * 5)); done; "$@"; }

# --- 1. Packages -------------------------------------------------------------------------------------------------
missing=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-tools)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v strace >/dev/null 2>&1 || missing+=(strace)
# The live-streaming ingest: Debian's nginx with its RTMP module (the server runs it as a child process).
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ] || missing+=(libnginx-mod-rtmp)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus) # promtool checks deploy/observability
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    log "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    retry apt-get update -qq >/dev/null || die "apt-get update failed"
    retry apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
  else
    die "missing packages: ${missing[*]}; install them (sudo apt-get install ${missing[*]}) or run as root"
  fi
fi
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is required (dotnet not on PATH)"
# cfn-lint checks infra/aws/template.yaml against the CloudFormation specification (a Python tool, from PyPI).
if ! command -v cfn-lint >/dev/null 2>&1; then
  log "installing cfn-lint with pip"
  # Debian's own python refuses --user installs without the last flag (PEP 668); the package stays in ~/.local.
  retry python3 -m pip install --quiet --user cfn-lint >/dev/null 2>&1 \
    || retry python3 -m pip install --quiet --user --break-system-packages cfn-lint >/dev/null 2>&1 \
    || die "pip install cfn-lint failed"
  export PATH="$HOME/.local/bin:$PATH"
fi

log "restoring dotnet tools and node test peers"
retry dotnet tool restore >/dev/null || die "dotnet tool restore failed"
if [ ! -f tests/peers/node_modules/.package-lock.json ] || [ tests/peers/package-lock.json -nt tests/peers/node_modules/.package-lock.json ]; then
  (cd tests/peers && retry npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tests/peers failed"
fi
# The server's own front-end assets (Banana Cake Pop, hls.js, Uppy): installed here with retries, so the build does
# not meet a transient registry error (it installs them itself only when they are missing).
if [ ! -f src/Web/node_modules/.package-lock.json ] || [ src/Web/package-lock.json -nt src/Web/node_modules/.package-lock.json ]; then
  (cd src/Web && retry npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in src/Web failed"
fi

# --- 2. Services -------------------------------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/streamengine-test.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGDATA="$WORK/pg/data"

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  local code=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$PGDATA/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  mountpoint -q "$WORK/smalldisk" 2>/dev/null && umount "$WORK/smalldisk"
  rm -rf "$WORK"
  exit $code
}
trap cleanup EXIT INT TERM

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_port() { # name port seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  die "$1 did not start on port $2 (logs in $WORK)"
}

PG_PORT=$(free_port); REDIS_PORT=$(free_port); S3_PORT=$(free_port)
SMTP_PORT=$(free_port); SMTP_WEB_PORT=$(free_port); IMAP_PORT=$(free_port); POP3_PORT=$(free_port)

log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$WORK/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pg"
as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust --no-sync -E UTF8 >"$WORK/pg-initdb.log" 2>&1 || die "initdb failed: $(tail -3 "$WORK/pg-initdb.log")"
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/server.log" -w -t 60 start \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  >/dev/null || die "PostgreSQL did not start: $(tail -5 "$WORK/pg/server.log")"

log "starting Redis on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)

log "starting s3rver on 127.0.0.1:$S3_PORT"
mkdir -p "$WORK/s3"
node tests/peers/s3rver.mjs --port "$S3_PORT" --directory "$WORK/s3" >"$WORK/s3rver.log" 2>&1 &
PIDS+=($!)

log "starting smtp4dev (SMTP 127.0.0.1:$SMTP_PORT, API 127.0.0.1:$SMTP_WEB_PORT)"
dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$SMTP_WEB_PORT" --smtpport="$SMTP_PORT" --imapport="$IMAP_PORT" \
  --pop3port="$POP3_PORT" --bindaddress=127.0.0.1 --hostname=localhost --db="" --nousersettings --tlsmode=None \
  --baseappdatapath="$WORK/smtp4dev" >"$WORK/smtp4dev.log" 2>&1 &
PIDS+=($!)

wait_port redis "$REDIS_PORT" 20
wait_port s3rver "$S3_PORT" 30
wait_port smtp4dev-smtp "$SMTP_PORT" 60
wait_port smtp4dev-api "$SMTP_WEB_PORT" 60

export STREAMENGINE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20"
export STREAMENGINE_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export STREAMENGINE_TEST_S3="http://127.0.0.1:$S3_PORT"
export STREAMENGINE_TEST_SMTP="127.0.0.1:$SMTP_PORT"
export STREAMENGINE_TEST_SMTP4DEV_API="http://127.0.0.1:$SMTP_WEB_PORT"
export STREAMENGINE_TEST_PEERS="$ROOT/tests/peers"
export STREAMENGINE_TEST_CHROMIUM="/usr/bin/chromium"
export STREAMENGINE_TEST_PGBIN="$PGBIN"

# A small disk for the disk-full tests: a 64 MiB tmpfs (mounting needs root, like the installs above).
mkdir -p "$WORK/smalldisk"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64m tmpfs "$WORK/smalldisk"; then
  export STREAMENGINE_TEST_SMALL_DISK="$WORK/smalldisk"
else
  log "could not mount a small tmpfs (needs root): the disk-full tests will fail and say so"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Test processes and the servers they start live for seconds to minutes: profile-guided tiering (an instrumented
# tier before the optimised one) costs them more JIT work than it wins back, on cores the suite already fills.
export DOTNET_TieredPGO=0

# --- 3. Build and test -------------------------------------------------------------------------------------------
log "building (warnings are errors)"
if ! dotnet build StreamEngine.sln -c Release -warnaserror -nologo -v q >"$WORK/build.log" 2>&1; then
  grep -E "error|warn" "$WORK/build.log" | sort -u | head -50 >&2
  die "build failed"
fi

log "running tests"
# Arguments narrow the run for a developer (scripts/test.sh tests/Web.Tests --filter Hostile); CI passes none.
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(StreamEngine.sln)
rm -rf "$WORK/results"
dotnet test "${targets[@]}" -c Release --no-build --nologo -v q --results-directory "$WORK/results" \
  --logger "trx" 2>&1 | tee "$WORK/test.log"
status=${PIPESTATUS[0]}

# Why each failed test failed, at the end where a CI log's tail shows it (quiet verbosity prints only the names),
# and the totals, counted from the result files whatever the console verbosity.
python3 - "$WORK/results" >"$WORK/failures.txt" <<'PY' || true
import collections, glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
# The slowest test classes (summed test durations): where a run's time goes, for keeping CI within its budget.
spent = collections.Counter()
for trx in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(trx).getroot()
    for r in root.iterfind(".//t:UnitTestResult", ns):
        h, m, sec = (r.get("duration") or "0:0:0").split(":")
        spent[r.get("testName").split("(")[0].rsplit(".", 1)[0]] += int(h) * 3600 + int(m) * 60 + float(sec)
    counters = root.find(".//t:Counters", ns)
    passed += int(counters.get("passed", 0)); failed += int(counters.get("failed", 0))
    for r in root.iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = r.findtext(".//t:ErrorInfo/t:Message", "", ns).strip()
        stack = r.findtext(".//t:ErrorInfo/t:StackTrace", "", ns).strip().splitlines()
        print(f"--- failed: {r.get('testName')} ({r.get('duration')})")
        print("\n".join(message[:3000].splitlines()[:40] + stack[:6]))
print("--- slowest test classes (seconds, summed over their tests):")
for name, seconds in spent.most_common(12):
    print(f"{seconds:8.1f}  {name}")
print(f"{passed} {failed}")
PY
passed=0; failed=0
read -r passed failed < <(tail -n 1 "$WORK/failures.txt") || true
head -n -1 "$WORK/failures.txt"
passed=${passed:-0}; failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
