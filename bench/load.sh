#!/bin/bash
# Load test of mumstrong's two hot paths, compared with the floor server in the same run.
#
#   bash bench/load.sh [SECONDS] [CONNECTIONS]        (defaults: 15 s, 16 connections, 2 wrk threads)
#   env: DURABILITY=normal|full   SQLite synchronous setting for both servers. Default: each
#                                 server's own default, mumstrong `full` (what it ships with)
#                                 against the floor's `NORMAL`, the harder comparison for us.
#        KEEP=1                   keep the temp dir (database, server log, wrk output) for a look
#
# What it does: installs wrk if missing; builds `mumstrong` in release; starts `mumstrong serve`
# on a free port with a fresh SQLite database in a temp dir; signs up a member, puts a profile and
# makes a programme with curl; then runs wrk against
#   GET  /api/v1/programme/today   (the member's session cookie)
#   POST /api/v1/logs/sets         (a valid set for today, no client_ref, no symptoms)
# and reports requests/s, p50 and p99 for each (any non-2xx reply fails the run). Then it stops
# mumstrong and runs ../shared/bench/floor/run.sh (next to the repository) with the same seconds,
# connections and durability, and prints mumstrong/floor ratios against the targets:
#   GET >= 30 % of floor, POST >= 25 % of floor, p99 < 10 ms on both endpoints.
# Exit status: 0 when every check passes, 1 when one fails, 2 when the set-up fails.
# wrk and the servers share the machine's cores (2 in CI); the ratio is what to compare.
set -euo pipefail

secs=${1:-15}
conns=${2:-16}
threads=2
if [ "$conns" -lt "$threads" ]; then threads=$conns; fi
durability=$(echo "${DURABILITY:-full}" | tr '[:upper:]' '[:lower:]')
case "$durability" in
  normal) floor_sync=NORMAL ;;
  full) floor_sync=FULL ;;
  *) echo "DURABILITY=$durability: expected normal or full" >&2; exit 2 ;;
esac
# Without DURABILITY, the floor runs at its own default (NORMAL).
if [ -z "${DURABILITY:-}" ]; then floor_sync=NORMAL; fi

repo=$(cd "$(dirname "$0")/.." && pwd)
floor_script="$(dirname "$repo")/shared/bench/floor/run.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/mumstrong-load.XXXXXX")
server_pid=""

cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "load.sh: $*" >&2; exit 2; }

# ---- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else sudo apt-get install -y wrk >/dev/null || { sudo apt-get update >/dev/null && sudo apt-get install -y wrk >/dev/null; }
  fi
fi
command -v wrk >/dev/null || die "wrk is missing and could not be installed"
command -v curl >/dev/null || die "curl is missing"

echo "building mumstrong (release)"
(cd "$repo" && cargo build --release -q -p mumstrong) || die "cargo build failed"
bin="${CARGO_TARGET_DIR:-$repo/target}/release/mumstrong"
[ -x "$bin" ] || die "no binary at $bin"

# ---- helpers -----------------------------------------------------------------------------------

# A TCP port nothing listens on (for the floor server, which takes a fixed port).
free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

# A wrk latency ("812.00us", "1.23ms", "2.00s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000;
    else if (v ~ /s$/) n = n * 1000
    printf "%.3f", n }'
}

# Runs wrk (label, output file, extra arguments) and sets RPS, P50 and P99 from its report.
RPS="" P50="" P99=""
run_wrk() {
  local label=$1 out=$2; shift 2
  wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$@" >"$out" 2>&1 || die "wrk failed for $label: $(cat "$out")"
  if grep -q "Non-2xx" "$out"; then
    echo "  $label: $(grep 'Non-2xx' "$out" | sed 's/^ *//')  <- replies other than 2xx" >&2
  fi
  if grep -q "Socket errors" "$out"; then
    echo "  $label: $(grep 'Socket errors' "$out" | sed 's/^ *//')" >&2
  fi
  RPS=$(awk '/Requests\/sec/ {print $2}' "$out")
  P50=$(awk '$1=="50%" {print $2}' "$out")
  P99=$(awk '$1=="99%" {print $2}' "$out")
  [ -n "$RPS" ] && [ -n "$P50" ] && [ -n "$P99" ] || die "could not read wrk's output for $label: $(cat "$out")"
}

# ---- mumstrong ---------------------------------------------------------------------------------
"$bin" serve --bind 127.0.0.1:0 --database-url "sqlite://$work/mumstrong.db" --durability "$durability" \
  >"$work/server.log" 2>&1 &
server_pid=$!
addr=""
for _ in $(seq 1 100); do
  addr=$(grep -o 'listening on http://[0-9.:]*' "$work/server.log" | head -1 | sed 's/listening on //') || true
  [ -n "$addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || die "mumstrong serve exited: $(cat "$work/server.log")"
  sleep 0.1
done
[ -n "$addr" ] || die "mumstrong serve did not say where it listens: $(cat "$work/server.log")"
echo "mumstrong is listening on $addr (durability $durability)"

today=$(date -u +%F)
birth=$(date -u -d "-20 weeks" +%F)
json=(-H "Content-Type: application/json")

# Sign up and take the session cookie from Set-Cookie.
code=$(curl -s -o "$work/signup.json" -D "$work/signup.headers" -w '%{http_code}' "${json[@]}" \
  -d '{"email":"load@example.org","password":"a long enough password","display_name":"Load"}' \
  "$addr/api/v1/auth/signup")
[ "$code" = 201 ] || die "sign-up answered $code: $(cat "$work/signup.json")"
session=$(grep -i '^set-cookie: *mumstrong_session=' "$work/signup.headers" | head -1 \
  | sed -E 's/^[^:]*: *(mumstrong_session=[^;]*).*/\1/' | tr -d '\r')
[ -n "$session" ] || die "sign-up set no session cookie"
cookie=(-H "Cookie: $session")

profile="{\"birth\":{\"date\":\"$birth\",\"delivery\":\"vaginal\"},\"health\":{\"postnatal_check_done\":true},\
\"training\":{\"days_per_week\":4,\"minutes_per_session\":30,\"equipment\":[\"bodyweight\",\"dumbbells:4,6,8\"]}}"
code=$(curl -s -o "$work/profile.json" -w '%{http_code}' -X PUT "${json[@]}" "${cookie[@]}" -d "$profile" "$addr/api/v1/profile")
[ "$code" = 200 ] || die "PUT /api/v1/profile answered $code: $(cat "$work/profile.json")"
code=$(curl -s -o "$work/programme.json" -w '%{http_code}' "${json[@]}" "${cookie[@]}" -d '{}' "$addr/api/v1/programme")
[ "$code" = 201 ] || die "POST /api/v1/programme answered $code: $(cat "$work/programme.json")"

set_body="{\"date\":\"$today\",\"exercise\":\"goblet_squat_dumbbell\",\"reps\":10,\"load_kg\":8,\"rpe\":7}"

# One request of each kind by hand first: wrk only counts non-2xx, it does not show why.
code=$(curl -s -o "$work/today.json" -w '%{http_code}' "${cookie[@]}" "$addr/api/v1/programme/today")
[ "$code" = 200 ] || die "GET /api/v1/programme/today answered $code: $(cat "$work/today.json")"
grep -q '"status":"ready"' "$work/today.json" || die "today's session is not ready: $(head -c 300 "$work/today.json")"
code=$(curl -s -o "$work/set.json" -w '%{http_code}' "${json[@]}" "${cookie[@]}" -d "$set_body" "$addr/api/v1/logs/sets")
[ "$code" = 201 ] || die "POST /api/v1/logs/sets answered $code: $(cat "$work/set.json")"
echo "checked: GET today -> 200 ($(wc -c <"$work/today.json") bytes), POST set -> 201"

# Lua scripts: wrk's -H cannot set a method or body, so both go through a script.
lua_escape() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
cat >"$work/get.lua" <<LUA
wrk.headers["Cookie"] = "$(lua_escape "$session")"
LUA
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$(lua_escape "$set_body")"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "$(lua_escape "$session")"
LUA

echo "warming up (3 s)"
wrk -t"$threads" -c"$conns" -d3s -s "$work/get.lua" "$addr/api/v1/programme/today" >/dev/null

echo "wrk: $threads threads, $conns connections, ${secs} s each"
run_wrk "mumstrong GET /today" "$work/wrk-get.txt" -s "$work/get.lua" "$addr/api/v1/programme/today"
m_get_rps=$RPS m_get_p50=$P50 m_get_p99=$P99
echo "mumstrong GET /api/v1/programme/today: $m_get_rps req/s, p50 $m_get_p50, p99 $m_get_p99"
run_wrk "mumstrong POST /logs/sets" "$work/wrk-post.txt" -s "$work/post.lua" "$addr/api/v1/logs/sets"
m_post_rps=$RPS m_post_p50=$P50 m_post_p99=$P99
echo "mumstrong POST /api/v1/logs/sets: $m_post_rps req/s, p50 $m_post_p50, p99 $m_post_p99"
# SQLite checkpoints the WAL into the database every ~1000 pages; a WAL far above 4 MB here means
# checkpoints are not happening.
size_mb() { awk -v b="$(stat -c %s "$1" 2>/dev/null || echo 0)" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
echo "files after the POST run: database $(size_mb "$work/mumstrong.db"), WAL $(size_mb "$work/mumstrong.db-wal")"

# Stop mumstrong before the floor runs, so the two never share the cores.
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""

# ---- verdicts ----------------------------------------------------------------------------------
failed=0
verdict() { # NAME OK(1/0) TEXT
  if [ "$2" = 1 ]; then echo "PASS  $1: $3"; else echo "FAIL  $1: $3"; failed=1; fi
}
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }' && echo 1 || echo 0; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }' && echo 1 || echo 0; }

echo
g99=$(to_ms "$m_get_p99"); p99=$(to_ms "$m_post_p99")

if [ -x "$floor_script" ] || [ -f "$floor_script" ]; then
  echo "floor: $floor_script (sync $floor_sync)"
  floor_out=$(CARGO_TARGET_DIR="$repo/target/floor" FLOOR_SYNC=$floor_sync PORT=$(free_port) \
    bash "$floor_script" "$secs" "$conns" 2>&1) || die "the floor run failed: $floor_out"
  echo "$floor_out" | grep '^floor ' || die "the floor printed no results: $floor_out"
  f_get_line=$(echo "$floor_out" | grep '^floor GET /today:' | head -1)
  f_post_line=$(echo "$floor_out" | grep '^floor POST /log:' | head -1)
  f_get_rps=$(echo "$f_get_line" | sed -E 's/^[^:]*: ([0-9.]+) req\/s.*/\1/')
  f_post_rps=$(echo "$f_post_line" | sed -E 's/^[^:]*: ([0-9.]+) req\/s.*/\1/')
  [ -n "$f_get_rps" ] && [ -n "$f_post_rps" ] || die "could not read the floor's results: $floor_out"
  get_ratio=$(awk -v m="$m_get_rps" -v f="$f_get_rps" 'BEGIN { printf "%.1f", (f > 0 ? 100 * m / f : 0) }')
  post_ratio=$(awk -v m="$m_post_rps" -v f="$f_post_rps" 'BEGIN { printf "%.1f", (f > 0 ? 100 * m / f : 0) }')
  echo
  verdict "GET  /today ratio" "$(ge "$get_ratio" 30)" "mumstrong $m_get_rps / floor $f_get_rps req/s = $get_ratio % (target >= 30 %)"
  verdict "POST /log ratio  " "$(ge "$post_ratio" 25)" "mumstrong $m_post_rps / floor $f_post_rps req/s = $post_ratio % (target >= 25 %)"
else
  echo "the floor server is missing ($floor_script): no ratios"
  echo
fi
verdict "GET  /today p99  " "$(lt "$g99" 10)" "$m_get_p99 (target < 10 ms)"
verdict "POST /log p99    " "$(lt "$p99" 10)" "$m_post_p99 (target < 10 ms)"
if grep -q "Non-2xx" "$work/wrk-get.txt" "$work/wrk-post.txt"; then
  verdict "2xx replies      " 0 "wrk counted non-2xx replies (above)"
else
  verdict "2xx replies      " 1 "every reply was 2xx"
fi
exit "$failed"
