#!/bin/bash
# How fast the web pages render: wrk against each signed-in page of a member with a programme
# and a few weeks of logs, on the release build and a fresh SQLite database.
#
#   bash bench/pages.sh [SECONDS] [CONNECTIONS]     (defaults: 5 s per page, 8 connections)
#
# Prints, per page: requests/s, p50, p99 and the page's size. wrk and the server share the
# machine's cores; compare runs on the same machine.
set -euo pipefail
secs=${1:-5}
conns=${2:-8}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mumstrong-pages.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "pages.sh: install wrk first (apt-get install wrk)" >&2; exit 2; }
(cd "$repo" && cargo build --release -q -p mumstrong)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$repo/target/release/mumstrong" serve --bind "127.0.0.1:$port" --database-url "sqlite://$work/db.sqlite" >"$work/log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
api="$base/api/v1"; j='content-type: application/json'
curl -sf -c "$work/jar" -H "$j" -d '{"email":"bench@example.org","password":"a long enough password"}' "$api/auth/signup" >/dev/null
birth=$(date -u -d '20 weeks ago' +%F); start=$(date -u -d '21 days ago' +%F)
curl -sf -b "$work/jar" -H "$j" -X PUT "$api/profile" -d "{\"birth\":{\"date\":\"$birth\",\"delivery\":\"vaginal\"},\"health\":{\"postnatal_check_done\":true},\"training\":{\"days_per_week\":3,\"minutes_per_session\":30,\"equipment\":[\"bodyweight\",\"dumbbells:4,6,8,10\",\"mat\"]}}" >/dev/null
curl -sf -b "$work/jar" -H "$j" -d "{\"start\":\"$start\"}" "$api/programme" >/dev/null
for d in $(seq 1 20); do
  day=$(date -u -d "$d days ago" +%F)
  curl -sf -b "$work/jar" -H "$j" -d "{\"date\":\"$day\",\"exercise\":\"glute_bridge\",\"reps\":12,\"rpe\":6}" "$api/logs/sets" >/dev/null
  curl -sf -b "$work/jar" -H "$j" -d "{\"date\":\"$day\",\"mood\":4}" "$api/logs/checkins" >/dev/null
done
cookie=$(awk '$6 == "mumstrong_session" { print $7 }' "$work/jar")
printf '%-14s %10s %9s %9s %9s\n' page 'req/s' p50 p99 size
for page in /today /programme /progress /screening /pelvic-floor /account; do
  size=$(curl -s -b "mumstrong_session=$cookie" "$base$page" | wc -c)
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: mumstrong_session=$cookie" "$base$page")
  if grep -q "Non-2xx" <<<"$out"; then echo "$page: non-2xx replies" >&2; exit 1; fi
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  printf '%-14s %10s %9s %9s %8.1fK\n' "$page" "$rps" "$p50" "$p99" "$(echo "$size/1024" | bc -l)"
done
