#!/usr/bin/env bash
# Runs StreamEngine on the embedded default: SQLite, local disk storage, in-process transcoding, in-memory event bus
# and rate limiter, e-mail written to ./data/outbox. Arguments go to the server: scripts/run.sh --urls http://127.0.0.1:5080
# scripts/run.sh --worker runs a transcode worker only (no API; /health and /metrics on 127.0.0.1:5090 unless --urls
# says otherwise) that leases jobs from the same database and storage as the servers: configure both to be shared
# (StreamEngine__Database__..., StreamEngine__Storage__... or a shared StreamEngine__DataDirectory).
# Live streaming (RTMP on port 1935) is on when nginx and its RTMP module are installed; scripts/run.sh --live installs
# them (as root, with apt-get) and turns it on; StreamEngine__Live__Enabled=false turns it off.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ffmpeg is missing: installing it with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null
  else
    echo "StreamEngine needs ffmpeg and ffprobe on the PATH. Install them, e.g.: sudo apt-get install ffmpeg (Debian/Ubuntu)," >&2
    echo "brew install ffmpeg (macOS), winget install ffmpeg (Windows); then run this again." >&2
    exit 1
  fi
fi
command -v dotnet >/dev/null 2>&1 || { echo "StreamEngine needs the .NET 10 SDK (dotnet on the PATH)." >&2; exit 1; }

url="http://localhost:5000"
worker=false
live=false
args=()
for a in "$@"; do
  case "$a" in
    --worker) worker=true ;;
    --live) live=true ;;
    *) args+=("$a") ;;
  esac
done
rtmp_module=/usr/lib/nginx/modules/ngx_rtmp_module.so
if $live && { [ ! -x /usr/sbin/nginx ] || [ ! -f "$rtmp_module" ]; }; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "live streaming needs nginx and its RTMP module: installing them with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light libnginx-mod-rtmp >/dev/null
  else
    echo "Live streaming needs nginx with its RTMP module: sudo apt-get install nginx-light libnginx-mod-rtmp" >&2
    exit 1
  fi
fi
if [ -z "${StreamEngine__Live__Enabled:-}" ] && ! $worker && [ -x /usr/sbin/nginx ] && [ -f "$rtmp_module" ]; then
  export StreamEngine__Live__Enabled=true
fi
if $worker; then
  url="http://127.0.0.1:5090"
  printf '%s\n' "${args[@]}" | grep -q -- '^--urls' || args+=(--urls "$url")
  export StreamEngine__Role=Worker
fi
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    --urls) url="${args[$((i + 1))]:-$url}" ;;
    --urls=*) url="${args[$i]#--urls=}" ;;
  esac
done
url="${url%%;*}"
url="${url%/}"

dotnet build src/Web -c Release -nologo -v q
echo
if $worker; then
  echo "  Transcode worker (no API). Health: $url/health/ready  Metrics: $url/metrics"
else
  echo "  GraphQL endpoint:     $url/graphql"
  echo "  Banana Cake Pop IDE:  $url/graphql/   (open in a browser)"
  echo "  Web app:              $url/"
  echo "  Demo watch page:      $url/demo/"
  if [ "${StreamEngine__Live__Enabled:-false}" = "true" ]; then
    echo "  Live ingest (RTMP):   rtmp://$(echo "$url" | sed -E 's#^[a-z]+://([^:/]+).*#\1#'):${StreamEngine__Live__RtmpPort:-1935}/live   + a stream key"
  else
    echo "  Live streaming:       off (scripts/run.sh --live installs nginx's RTMP module and turns it on)"
  fi
fi
echo "  Data directory:       ${StreamEngine__DataDirectory:-$ROOT/data}"
echo
export StreamEngine__DataDirectory="${StreamEngine__DataDirectory:-$ROOT/data}"
exec dotnet run --project src/Web -c Release --no-build --no-launch-profile -- "${args[@]}"
