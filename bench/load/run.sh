#!/usr/bin/env bash
# Load figures for the HTTP service (a benchmark, not a test).
#
#   bench/load/run.sh [ACCOUNTS] [DURATION]      e.g. bench/load/run.sh 1000000 20s
#
# 1. builds src/Influence.Api in Release (output under $INFLUENCE_ARTIFACTS, default /tmp/art-load);
# 2. starts it on 127.0.0.1 with a data directory per size (default /tmp/influence-load-ACCOUNTS): the first
#    start generates the seeded demo world (benchmark profile: ~10 follows + 5 interactions per account),
#    imports it into SQLite and analyses it; later starts reuse the stored run (delete the folder to redo);
# 3. runs wrk (2 threads, 64 connections, DURATION each) on loopback against
#    GET /api/v1/communities/{id}/influencers?k=20   (random community per request)
#    GET /api/v1/accounts/{id}                       (random account per request)
#    and prints requests/s, p50/p99 latency, non-2xx counts and the service's CPU time per request, after timing
#    segment lists (the first request once the graph is loaded, then 10 new segments); the service is stopped at the end.
set -euo pipefail
ACCOUNTS=${1:-1000000}
DURATION=${2:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/load"
export INFLUENCE_ARTIFACTS=${INFLUENCE_ARTIFACTS:-/tmp/art-load}
DATA=${DATA:-/tmp/influence-load-$ACCOUNTS}
KEY=load-test-key-0123456789
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/influence-load-work.XXXXXX)

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

echo "== build (Release)"
dotnet build "$ROOT/src/Influence.Api" -c Release -v q -nologo 2>&1 | grep -E "error|Warn|Elapsed" || true
DLL="$INFLUENCE_ARTIFACTS/bin/Influence.Api/release/Influence.Api.dll"
[ -f "$DLL" ] || { echo "build output $DLL missing"; exit 1; }

mkdir -p "$DATA"
echo "== start service: $ACCOUNTS accounts, data $DATA"
start=$(date +%s.%N)
( cd "$(dirname "$DLL")" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 \
    dotnet "$DLL" --urls "$BASE" --Influence:DataDirectory="$DATA" --Influence:DemoAccounts="$ACCOUNTS" \
    --Influence:DemoBenchmarkProfile=true --Influence:ApiKey="$KEY" --Neo4j:Uri= \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Influence=Information ) > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT

# Ready = a completed run is served (by our process: it must still be alive).
sleep 1
until kill -0 $PID 2>/dev/null && curl -sf "$BASE/api/v1/summary" -o "$WORK/summary.json"; do
  if ! kill -0 $PID 2>/dev/null; then echo "service exited:"; cat "$WORK/service.log"; exit 1; fi
  sleep 2
done
ready=$(date +%s.%N)
# After a restart the run's graph is read in the background; measure once it is in (steady state).
until curl -sf "$BASE/api/v1/summary" | grep -q '"graphLoaded":true'; do sleep 2; done
loaded=$(date +%s.%N)
printf '== serving after %.1f s, graph loaded after %.1f s (first start: generation + import + analysis; later: loading the stored run)\n' \
  "$(echo "$ready - $start" | bc)" "$(echo "$loaded - $start" | bc)"
grep -E "Demo world|completed|Serving run" "$WORK/service.log" | sed 's/^/   /' || true
python3 - "$WORK/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(f"   nodes {s['nodes']:,}  follows {s['follow_edges']:,}  interactions {s['interactions']:,}  communities {s['communities']:,}  analysis {s['timings_ms'].get('total', 0)/1000:.1f} s")
PY

# Ids to request: 2,000 accounts spread over the influence order, and every community id.
python3 - "$BASE" "$WORK" <<'PY'
import json, sys, urllib.request
base, work = sys.argv[1], sys.argv[2]
get = lambda p: json.load(urllib.request.urlopen(base + p))
total = get("/api/v1/accounts?pageSize=1")["total"]
ids = []
pages = max(1, total // 500)
for i in range(4):
    page = 1 + i * max(1, pages // 4)
    ids += [a["id"] for a in get(f"/api/v1/accounts?pageSize=500&page={page}")["items"]]
comms = [c["id"] for c in get("/api/v1/communities?pageSize=500")["items"]]
quote = lambda s: s.replace("%", "%25").replace("@", "%40").replace("/", "%2F").replace(" ", "%20").replace("#", "%23").replace("?", "%3F")
with open(f"{work}/ids.lua", "w") as f:
    f.write("ids = {" + ",".join(json.dumps(quote(i)) for i in ids) + "}\n")
    f.write("communities = {" + ",".join(str(c) for c in comms) + "}\n")
print(f"   {len(ids)} account ids, {len(comms)} communities to pick from")
PY

# Segment lists (POST /api/v1/segments/influencers, 10 seeds of one community, k 20): the first request once the
# graph is loaded (does it wait for the interaction graph?), and after the wrk runs 10 more, each a new segment
# (a fresh forward push, no cache), with the service's CPU time per list.
segments() {   # first | next
  python3 - "$BASE" "$PID" "$(getconf CLK_TCK)" "$WORK" "$1" <<'PY'
import json, os, sys, time, urllib.request
base, pid, hz, work, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
get = lambda p: json.load(urllib.request.urlopen(base + p))
cpu = lambda: sum(int(x) for x in open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[11:13]) / hz
path = f"{work}/segments.json"
if not os.path.exists(path):
    comms = [c["id"] for c in get("/api/v1/communities?pageSize=12")["items"]]
    json.dump([[a["id"] for a in get(f"/api/v1/accounts?community={c}&pageSize=10")["items"]] for c in comms[:11]], open(path, "w"))
segments = json.load(open(path))
def segment(seeds):
    body = json.dumps({"seeds": seeds, "k": 20}).encode()
    request = urllib.request.Request(base + "/api/v1/segments/influencers", body, {"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request) as r:
        r.read()
    return 1000 * (time.perf_counter() - start)
if mode == "first":
    print(f"== segment list (10 seeds, k 20), first request after the graph was loaded: {segment(segments[0]):.0f} ms")
else:
    cpu_before = cpu()
    times = sorted(segment(seeds) for seeds in segments[1:])
    cpu_ms = 1000 * (cpu() - cpu_before) / len(times)
    print(f"== segment lists (10 seeds, k 20), {len(times)} new segments: median {times[len(times) // 2]:.0f} ms, "
          f"max {times[-1]:.0f} ms; service CPU {cpu_ms:.0f} ms per list (load average {open('/proc/loadavg').read().split()[0]})")
PY
}
segments first

# Warm up (JIT, caches) briefly, then measure.
for script in influencers profile; do
  (cd "$WORK" && wrk -t1 -c8 -d3s -s "$HERE/$script.lua" "$BASE" > /dev/null)
done
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
for script in influencers profile; do
  echo "== wrk $script: -t$THREADS -c$CONNECTIONS -d$DURATION (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  before=$(cpu_ticks)
  (cd "$WORK" && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/$script.lua" "$BASE") | tee "$WORK/$script.txt" \
    | grep -E "Requests/sec|Non-2xx|Socket errors|50%|99%|requests in|RESULT"
  # The service's own CPU time per request: a figure the other processes on the machine do not distort much.
  python3 -c 'import re,sys; n=int(re.search(r"requests (\d+)", open(sys.argv[1]).read().split("RESULT")[1]).group(1)); print(f"   service CPU {int(sys.argv[2])/int(sys.argv[3]):.1f} s for {n:,} requests: {1e6*int(sys.argv[2])/int(sys.argv[3])/n:.0f} µs per request")' \
    "$WORK/$script.txt" "$(( $(cpu_ticks) - before ))" "$(getconf CLK_TCK)"
done
segments next
rss=$(ps -o rss= -p $PID | tr -d ' ')
echo "== service RSS after the runs: $((rss / 1024)) MiB"
echo "   (raw output: $WORK)"
