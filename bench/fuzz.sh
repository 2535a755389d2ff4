#!/bin/bash
# Fuzzing: every fuzz target in fuzz/ (the importers, the JSON export, the training log, the
# profile) for SECONDS each, JOBS at a time, seeded from examples/, then one line per target:
# runs, runs a second, the longest input it tried, peak memory, and crashes (0 expected).
#
#   bash bench/fuzz.sh [SECONDS] [JOBS]        (defaults: 600 seconds, 2 at a time)
#   env: TARGETS="import_csv log"   only these targets
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain it sets
# RUSTC_BOOTSTRAP=1, which lets stable rustc take the sanitizer flags cargo-fuzz passes.
# Writes under fuzz/corpus and fuzz/artifacts (both ignored by git); a crash leaves its input in
# fuzz/artifacts/TARGET/ and makes the exit status 1. Local only; stops by itself.
set -euo pipefail

seconds=${1:-600}
jobs=${2:-2}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo/fuzz"
targets=${TARGETS:-"import_csv json_export log profile"}
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2; exit 2; }
if ! rustc --version | grep -q nightly; then export RUSTC_BOOTSTRAP=1; fi

# Seeds: the sample files a user brings.
seed() {
  local dir="corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do if [ -f "$f" ]; then cp "$f" "$dir/"; fi; done
}
for target in $targets; do
  case $target in
    import_csv) seed "$target" ../examples/imports/*.csv ;;
    json_export) seed "$target" ../examples/imports/*.json ;;
    log) seed "$target" ../examples/logs/* ;;
    profile) seed "$target" ../examples/profiles/* ;;
  esac
done

echo "== building the fuzz targets"
build_log=$(mktemp)
cargo fuzz build >"$build_log" 2>&1 || { grep -E '^(error|warning)' -A 6 "$build_log" | head -n 40; exit 2; }
tail -n 1 "$build_log"

logs=$(mktemp -d)
run() {
  local target=$1
  cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 >"$logs/$target.log" 2>&1
  echo $? >"$logs/$target.rc"
}
echo "== fuzzing $targets for $seconds s each, $jobs at a time"
running=0
for target in $targets; do
  run "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true

status=0
printf '%-12s %12s %10s %10s %9s %8s\n' target runs runs/s max_len rss_mb crashes
for target in $targets; do
  log="$logs/$target.log"
  stat() { grep -m1 "stat::$1:" "$log" | awk '{print $2}'; }
  runs=$(stat number_of_executed_units); per_sec=$(stat average_exec_per_sec); rss=$(stat peak_rss_mb)
  # libFuzzer's `L: size/longest-in-corpus`: the longest input it kept.
  longest=$(grep -oE 'L: ?[0-9]+/[0-9]+' "$log" | sed -E 's/.*\///' | sort -n | tail -n 1)
  crashes=$(ls "artifacts/$target" 2>/dev/null | grep -cE '^(crash|oom|timeout|leak)-' || true)
  rc=$(cat "$logs/$target.rc")
  [ "$rc" = 0 ] && [ "${crashes:-0}" = 0 ] || status=1
  printf '%-12s %12s %10s %10s %9s %8s\n' "$target" "${runs:-?}" "${per_sec:-?}" "${longest:-?}" "${rss:-?}" "${crashes:-0}"
done
[ "$status" = 0 ] || echo "a target failed: see fuzz/artifacts/ and $logs"
exit "$status"
