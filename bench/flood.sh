#!/bin/bash
# Flood test: what a burst of sign-ups and a crowd of half-open connections do to the server's
# memory and to /healthz.
#
#   bash bench/flood.sh [SIGNUPS] [HALF_OPEN]          (defaults: 200 concurrent sign-ups, 1100)
#   env: HEADER_TIMEOUT=10   the server's --header-read-timeout-secs
#        MAX_OPEN=4096       the server's --max-open-connections
#        PROFILE=debug       use the debug build instead (quicker to build; argon2 is optimised
#                            in both, so sign-up figures are close to release)
#        KEEP=1              keep the temp dir (database, server log)
#
# What it does: builds `mumstrong` in release; starts `mumstrong serve` on 127.0.0.1 (a free port,
# a fresh SQLite database in a temp dir); then, in two phases,
#   1. SIGNUPS sign-ups at once (each a different email, from one address);
#   2. HALF_OPEN connections that send half a request's headers and then nothing, held for
#      HEADER_TIMEOUT + 5 seconds (the server should close them after HEADER_TIMEOUT);
# and prints the server's resident memory (VmRSS from /proc) before, during and after each phase,
# the status codes the sign-ups got, how many half-open connections the server closed by itself,
# and /healthz latency (curl, min / median / max of the samples) during each phase.
# Everything is local (127.0.0.1), bounded in count and time, and stops by itself.
# Exit status: 0 when /healthz answered 200 every time, 1 when it did not, 2 when set-up fails.
set -euo pipefail

signups=${1:-200}
half_open=${2:-1100}
header_timeout=${HEADER_TIMEOUT:-10}
max_open=${MAX_OPEN:-4096}

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mumstrong-flood.XXXXXX")
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

die() { echo "flood.sh: $*" >&2; exit 2; }
command -v curl >/dev/null || die "curl is missing"
command -v python3 >/dev/null || die "python3 is missing"

profile=${PROFILE:-release}
echo "building mumstrong ($profile)"
if [ "$profile" = release ]; then build=(--release); else build=(); fi
(cd "$repo" && cargo build "${build[@]}" --locked -p mumstrong >/dev/null 2>"$work/build.log") \
  || { cat "$work/build.log" >&2; die "build failed"; }
if [ "$profile" = release ]; then dir=release; else dir=debug; fi
bin="${CARGO_TARGET_DIR:-$repo/target}/$dir/mumstrong"
[ -x "$bin" ] || die "no binary at $bin"

"$bin" serve --bind 127.0.0.1:0 --database-url "sqlite://$work/flood.db" \
  --header-read-timeout-secs "$header_timeout" --max-open-connections "$max_open" \
  --durability normal >"$work/stdout" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 200); do
  addr=$(sed -n 's#^mumstrong is listening on http://##p' "$work/stdout" | head -1)
  [ -n "$addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "server exited"; }
  sleep 0.05
done
[ -n "${addr:-}" ] || die "server did not say where it listens"
echo "server pid $server_pid on $addr; open-file limit of the server: $(awk '/Max open files/ {print $4}' /proc/$server_pid/limits)"

SERVER_PID=$server_pid ADDR=$addr SIGNUPS=$signups HALF_OPEN=$half_open \
HEADER_TIMEOUT=$header_timeout python3 - <<'PY'
import json, os, resource, socket, statistics, subprocess, sys, threading, time, urllib.request, urllib.error

# This client holds HALF_OPEN sockets itself.
_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

pid = int(os.environ["SERVER_PID"])
addr = os.environ["ADDR"]
host, port = addr.rsplit(":", 1)
port = int(port)
signups = int(os.environ["SIGNUPS"])
half_open = int(os.environ["HALF_OPEN"])
header_timeout = int(os.environ["HEADER_TIMEOUT"])
failed = False

def rss_mib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def healthz():
    """One /healthz with curl: (seconds, status)."""
    out = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-m", "30", "-w", "%{http_code} %{time_total}",
         f"http://{addr}/healthz"], capture_output=True, text=True)
    code, secs = (out.stdout.split() + ["000", "30"])[:2]
    return float(secs), code

def sample(stop, into):
    while not stop.is_set():
        into.append(healthz())
        time.sleep(0.1)

def show(name, samples):
    global failed
    if not samples:
        print(f"  /healthz during {name}: no samples"); failed = True; return
    ms = sorted(s * 1000 for s, _ in samples)
    bad = [c for _, c in samples if c != "200"]
    if bad:
        failed = True
    print(f"  /healthz during {name}: {len(samples)} samples, min {ms[0]:.1f} ms, "
          f"median {statistics.median(ms):.1f} ms, max {ms[-1]:.1f} ms, non-200: {len(bad)}")

quiet = [healthz() for _ in range(10)]
print(f"idle: RSS {rss_mib():.1f} MiB")
show("idle", quiet)

# ---- 1. sign-ups at once ----------------------------------------------------------------------
print(f"phase 1: {signups} concurrent sign-ups")
codes = {}
lock = threading.Lock()
go = threading.Event()
def signup(i):
    body = json.dumps({"email": f"flood{i}@example.org", "password": "a long enough password",
                       "display_name": f"Flood {i}"}).encode()
    req = urllib.request.Request(f"http://{addr}/api/v1/auth/signup", data=body,
                                 headers={"content-type": "application/json"})
    go.wait()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            code = r.status
    except urllib.error.HTTPError as e:
        code = e.code
    except Exception as e:
        code = type(e).__name__
    with lock:
        codes[code] = codes.get(code, 0) + 1

threads = [threading.Thread(target=signup, args=(i,)) for i in range(signups)]
for t in threads: t.start()
before = rss_mib()
stop = threading.Event(); samples = []
sampler = threading.Thread(target=sample, args=(stop, samples)); sampler.start()
peak = before
started = time.time()
go.set()
while any(t.is_alive() for t in threads) and time.time() - started < 150:
    peak = max(peak, rss_mib()); time.sleep(0.05)
for t in threads: t.join(timeout=1)
stop.set(); sampler.join()
took = time.time() - started
print(f"  RSS before {before:.1f} MiB, peak during {peak:.1f} MiB, after {rss_mib():.1f} MiB; "
      f"{took:.1f} s; replies {dict(sorted(codes.items(), key=str))}")
show("sign-ups", samples)

# ---- 2. half-open connections ----------------------------------------------------------------
print(f"phase 2: {half_open} half-open connections (half a header each), held {header_timeout + 5} s")
before = rss_mib()
socks = []
refused = 0
for i in range(half_open):
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        s.setblocking(False)
        socks.append(s)
    except OSError:
        refused += 1
stop = threading.Event(); samples = []
sampler = threading.Thread(target=sample, args=(stop, samples)); sampler.start()
peak = before
started = time.time()
closed_at = []
open_socks = list(socks)
while time.time() - started < header_timeout + 5:
    peak = max(peak, rss_mib())
    still = []
    for s in open_socks:
        try:
            data = s.recv(1024)
            if data == b"":
                closed_at.append(time.time() - started); s.close(); continue
            still.append(s)
        except BlockingIOError:
            still.append(s)
        except OSError:
            closed_at.append(time.time() - started); s.close()
    open_socks = still
    time.sleep(0.2)
stop.set(); sampler.join()
for s in open_socks: s.close()
closed_at.sort()
when = (f"first after {closed_at[0]:.1f} s, last after {closed_at[-1]:.1f} s" if closed_at else "none")
print(f"  opened {len(socks)} ({refused} could not connect); the server closed {len(closed_at)} "
      f"by itself ({when}); RSS before {before:.1f} MiB, peak {peak:.1f} MiB, after {rss_mib():.1f} MiB")
show("half-open connections", samples)
if len(closed_at) < len(socks):
    print(f"  {len(socks) - len(closed_at)} half-open connections were still open at the end")
    failed = True
time.sleep(1)
print(f"end: RSS {rss_mib():.1f} MiB")
sys.exit(1 if failed else 0)
PY
