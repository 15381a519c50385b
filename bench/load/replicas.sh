#!/usr/bin/env bash
# Two service replicas on one store while a third process analyses (a benchmark, not a test; docs/scaling.md).
#
#   bench/load/replicas.sh [ACCOUNTS] [WINDOW]      e.g. bench/load/replicas.sh 200000 5s
#
# 1. builds src/Influence.Api and src/Influence.Cli in Release (output under $INFLUENCE_ARTIFACTS, default /tmp/art-load);
# 2. prepares one SQLite store (default /tmp/influence-replicas-ACCOUNTS/influence.db) once with the CLI: the seeded
#    demo world (benchmark profile, seed 42), 'influence import --store', and a first 'influence analyze --store';
# 3. starts two real Influence.Api processes on two loopback ports against that one file (Influence:RunPollSeconds=1,
#    no demo world, no run on start) and waits until both serve the run with its graph;
# 4. drives both at once with wrk (THREADS=1 CONNECTIONS=16 each; mixed.lua: account profiles and community
#    influencer lists) in WINDOW-long windows: "before"; "during" while a third process runs
#    'influence analyze --store' on the same file and until both replicas serve its run; "after";
# 5. prints per window and replica: requests/s, p50/p99 latency, non-2xx, socket errors, the replica's CPU time per
#    request, and the load average; checks that both replicas serve the new run (with its graph) and that no request
#    failed; the replicas' log says whether they re-read the graph or kept it (nothing was ingested: "graph reused");
# 6. posts a run to both replicas at once: one must start it, the other answer 409 naming it and the winner's pid,
#    then both serve it. Exit code 1 when a check fails.
set -euo pipefail
ACCOUNTS=${1:-200000}
WINDOW=${2:-5s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
POLL=${POLL:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/load"
export INFLUENCE_ARTIFACTS=${INFLUENCE_ARTIFACTS:-/tmp/art-load}
DATA=${DATA:-/tmp/influence-replicas-$ACCOUNTS}
DB="$DATA/influence.db"
WORK=$(mktemp -d /tmp/influence-replicas-work.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT_A=$(free_port); PORT_B=$(free_port)

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

echo "== build (Release)"
for project in Influence.Api Influence.Cli; do
  dotnet build "$ROOT/src/$project" -c Release -v q -nologo 2>&1 | grep -E " error |rror\(s\)" || true
done
API="$INFLUENCE_ARTIFACTS/bin/Influence.Api/release/Influence.Api.dll"
CLI="$INFLUENCE_ARTIFACTS/bin/Influence.Cli/release/influence.dll"
[ -f "$API" ] && [ -f "$CLI" ] || { echo "build output missing ($API, $CLI)"; exit 1; }
influence() { dotnet "$CLI" "$@"; }

latest_run() {   # the latest completed run of the store (read-only; the rule LoadLatestRunAsync follows)
  python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
row = c.execute("SELECT id FROM runs WHERE state = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1").fetchone()
print(row[0] if row else 0)
PY
}

if [ ! -f "$DB" ] || [ "$(latest_run)" = 0 ]; then
  echo "== prepare the store: $ACCOUNTS accounts in $DB (once; delete $DATA to redo)"
  rm -rf "$DATA" && mkdir -p "$DATA"
  influence demo --out "$DATA/world" --accounts "$ACCOUNTS" --seed 42 --benchmark-profile | head -1
  influence import --store "$DB" --follows "$DATA/world/follows.csv" --interactions "$DATA/world/interactions.csv" | tail -2
  influence analyze --store "$DB" --out "$DATA/run-first" | grep -E "^Run|Timings" || true
fi
FIRST_RUN=$(latest_run)

start_replica() {   # NAME PORT
  ( cd "$(dirname "$API")" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=1 \
      dotnet "$API" --urls "http://127.0.0.1:$2" --Influence:DataDirectory="$DATA" --Influence:DemoAccounts=0 \
      --Influence:AnalyzeOnStartWhenNoRun=false --Influence:RunPollSeconds="$POLL" --Influence:ApiKey=replicas-key-0123456789 \
      --Neo4j:Uri= --Logging:LogLevel:Default=Warning --Logging:LogLevel:Influence=Information ) > "$WORK/$1.log" 2>&1 &
  echo $!
}
echo "== start replicas A (port $PORT_A) and B (port $PORT_B) on $DB"
PID_A=$(start_replica A "$PORT_A"); PID_B=$(start_replica B "$PORT_B")
ANALYZE_PID=""
cleanup() {
  for pid in $PID_A $PID_B $ANALYZE_PID ${PICKUP_PID:-}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

served() {   # PORT -> "runId graphLoaded" of what the replica serves
  curl -sf "http://127.0.0.1:$1/api/v1/summary" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["run"]["id"], str(s["graphLoaded"]).lower())' 2>/dev/null || echo "0 false"
}
for pair in "A $PORT_A $PID_A" "B $PORT_B $PID_B"; do
  set -- $pair
  until [ "$(served "$2")" = "$FIRST_RUN true" ]; do
    kill -0 "$3" 2>/dev/null || { echo "replica $1 exited:"; cat "$WORK/$1.log"; exit 1; }
    sleep 1
  done
done
echo "   both serve run $FIRST_RUN with its graph"

# Ids to request: 2,000 accounts spread over the influence order, and every community id (as run.sh).
python3 - "http://127.0.0.1:$PORT_A" "$WORK" <<'PY'
import json, sys, urllib.request, urllib.parse
base, work = sys.argv[1], sys.argv[2]
get = lambda p: json.load(urllib.request.urlopen(base + p))
total = get("/api/v1/accounts?pageSize=1")["total"]
pages = max(1, total // 500)
ids = []
for i in range(4):
    ids += [a["id"] for a in get(f"/api/v1/accounts?pageSize=500&page={1 + i * max(1, pages // 4)}")["items"]]
comms = [c["id"] for c in get("/api/v1/communities?pageSize=500")["items"]]
with open(f"{work}/ids.lua", "w") as f:
    f.write("ids = {" + ",".join(json.dumps(urllib.parse.quote(i, safe="")) for i in ids) + "}\n")
    f.write("communities = {" + ",".join(str(c) for c in comms) + "}\n")
PY
(cd "$WORK" && wrk -t1 -c4 -d2s -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT_A" > /dev/null && wrk -t1 -c4 -d2s -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT_B" > /dev/null)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
printf '%-10s %-7s %9s %9s %9s %8s %7s %13s %8s  %s\n' window replica "req/s" "p50 ms" "p99 ms" non-2xx "sock-err" "CPU ms/req" serving load
window() {   # LABEL: one WINDOW of load on both replicas at once, one line each
  local label=$1 cpu_a cpu_b
  cpu_a=$(cpu_ticks "$PID_A"); cpu_b=$(cpu_ticks "$PID_B")
  (cd "$WORK" && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WINDOW" -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT_A" > "$WORK/wrk-A.txt") &
  local wa=$!
  (cd "$WORK" && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WINDOW" -s "$HERE/mixed.lua" "http://127.0.0.1:$PORT_B" > "$WORK/wrk-B.txt") &
  wait $wa $!
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  for r in A B; do
    local pid port before
    if [ $r = A ]; then pid=$PID_A; port=$PORT_A; before=$cpu_a; else pid=$PID_B; port=$PORT_B; before=$cpu_b; fi
    python3 - "$label" "$r" "$WORK/wrk-$r.txt" "$(( $(cpu_ticks "$pid") - before ))" "$TICKS" "$(served "$port")" "$load" <<'PY' | tee -a "$WORK/results.txt"
import re, sys
label, replica, path, ticks, hz, serving, load = sys.argv[1:]
line = next((l for l in open(path) if l.startswith("RESULT")), "")
num = lambda key: float(re.search(key + r" ([0-9.]+)", line).group(1)) if line else float("nan")
rps, p50, p99, n, bad, sock = num("requests/s"), num("p50"), num("p99"), num("requests"), num("non-2xx"), num("socket errors")
cpu_ms = 1000.0 * int(ticks) / int(hz) / n if n else float("nan")
print(f"{label:<10} {replica:<7} {rps:9,.0f} {p50:9.2f} {p99:9.2f} {bad:8.0f} {sock:7.0f} {cpu_ms:13.3f} {serving.replace(' true', '+graph').replace(' false', ''):>8}  {load}")
PY
  done
}

window before
echo "   third process: influence analyze --store $DB (started $(date -u +%T))"
influence analyze --store "$DB" --out "$WORK/run-new" > "$WORK/analyze.log" 2>&1 &
ANALYZE_PID=$!
# Watches, every 0.1 s, when the new run completes in the store and when each replica first serves it.
python3 - "$DB" "$FIRST_RUN" "$PORT_A" "$PORT_B" "$POLL" > "$WORK/pickup.txt" <<'PY' &
import json, sqlite3, sys, time, urllib.request
from datetime import datetime, timezone
db, first, ports = sys.argv[1], int(sys.argv[2]), {"A": sys.argv[3], "B": sys.argv[4]}
run, completed, served = None, None, {}
deadline = time.time() + 3600
while len(served) < 2 and time.time() < deadline:
    if run is None:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        row = c.execute("SELECT id, completed_at FROM runs WHERE state = 'completed' AND id > ? ORDER BY completed_at DESC LIMIT 1", (first,)).fetchone()
        c.close()
        if row:
            run, completed = row[0], datetime.fromisoformat(row[1].replace("Z", "+00:00")[:26] + "+00:00").timestamp()
    for name, port in ports.items():
        if name in served or run is None: continue
        try:
            s = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/summary", timeout=5))
            if s["run"]["id"] == run and s["graphLoaded"]: served[name] = time.time()
        except OSError:
            pass
    time.sleep(0.1)
if run is None: print("   the new run never completed"); sys.exit()
print(f"   run {run} completed in the store at {datetime.fromtimestamp(completed, timezone.utc):%H:%M:%S.%f}"[:-3] + " UTC; served with its graph by "
      + ", ".join(f"{n} {t - completed:.1f} s" for n, t in sorted(served.items())) + f" later (the replicas poll every {sys.argv[5]} s, then read the run and its graph)")
PY
PICKUP_PID=$!
analyze_started=$(date +%s.%N)
analyze_ended=""
NEW_RUN=""
i=0
while :; do
  i=$((i + 1))
  window "during-$i"
  if [ -z "$analyze_ended" ] && ! kill -0 "$ANALYZE_PID" 2>/dev/null; then
    wait "$ANALYZE_PID" || { echo "the analysis failed:"; cat "$WORK/analyze.log"; exit 1; }
    analyze_ended=$(date +%s.%N); ANALYZE_PID=""
    NEW_RUN=$(latest_run)
    printf '   the analysis process ended after %.1f s (run %s; it writes its output files after completing the run)\n' "$(echo "$analyze_ended - $analyze_started" | bc)" "$NEW_RUN"
  fi
  if [ -n "$NEW_RUN" ] && [ "$(served "$PORT_A")" = "$NEW_RUN true" ] && [ "$(served "$PORT_B")" = "$NEW_RUN true" ]; then
    wait "$PICKUP_PID" || true
    cat "$WORK/pickup.txt"
    break
  fi
  [ $i -lt 200 ] || { echo "gave up waiting for the replicas to serve the new run"; exit 1; }
done
window after
RSS_AFTER="A $(( $(ps -o rss= -p "$PID_A") / 1024 )) MiB, B $(( $(ps -o rss= -p "$PID_B") / 1024 )) MiB"

# 6. One run at a time per store: POST /api/v1/runs to both replicas at once (no load); exactly one starts a run, the
#    other answers 409 naming it and the winner's process; then both serve that run (the loser after its next poll).
echo "== one run at a time per store: POST /api/v1/runs to A and B at once"
python3 - "$PORT_A" "$PORT_B" "$PID_A" "$PID_B" > "$WORK/claim.txt" <<'PY' || { cat "$WORK/claim.txt"; echo "FAIL: the run claim across replicas"; exit 1; }
import json, sys, threading, time, urllib.error, urllib.request
ports, pids = {"A": sys.argv[1], "B": sys.argv[2]}, {"A": sys.argv[3], "B": sys.argv[4]}
answers, gate = {}, threading.Barrier(2)
def post(name):
    request = urllib.request.Request(f"http://127.0.0.1:{ports[name]}/api/v1/runs", method="POST", headers={"X-Api-Key": "replicas-key-0123456789"})
    gate.wait()
    try:
        with urllib.request.urlopen(request, timeout=120) as r: answers[name] = (r.status, json.load(r))
    except urllib.error.HTTPError as e: answers[name] = (e.code, json.load(e))
threads = [threading.Thread(target=post, args=(n,)) for n in ports]
for t in threads: t.start()
for t in threads: t.join()
for name, (status, body) in sorted(answers.items()):
    print(f"   {name} (pid {pids[name]}): {status} " + (f"run {body['id']} {body['state']}" if status == 202 else f"{body.get('title')}: {body.get('detail')}"))
winners = [n for n, (status, _) in answers.items() if status == 202]
losers = [n for n, (status, _) in answers.items() if status == 409]
if len(winners) != 1 or len(losers) != 1: print("   expected one 202 and one 409"); sys.exit(1)
run, refusal = answers[winners[0]][1]["id"], answers[losers[0]][1]
if refusal.get("runId") != run or not str(refusal.get("owner", "")).startswith(pids[winners[0]] + "@"):
    print(f"   the 409 names run {refusal.get('runId')} held by {refusal.get('owner')}, not run {run} of pid {pids[winners[0]]}"); sys.exit(1)
started, served, deadline = time.time(), {}, time.time() + 1800
while len(served) < 2 and time.time() < deadline:
    for name, port in ports.items():
        if name in served: continue
        s = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/summary", timeout=10))
        if s["run"]["id"] == run and s["graphLoaded"]: served[name] = time.time() - started
    time.sleep(0.2)
if len(served) < 2: print(f"   run {run} was not served by both replicas"); sys.exit(1)
print(f"   run {run} (run by {winners[0]}) served by " + ", ".join(f"{n} {t:.1f} s" for n, t in sorted(served.items())) + " after the POST")
PY
cat "$WORK/claim.txt"

grep -h "Run .* completed by\|Serving run\|loaded beside\|No run started" "$WORK/A.log" "$WORK/B.log" | sed 's/^/   /' || true
echo "== RSS after the load windows: $RSS_AFTER; raw output in $WORK"
errors=$(awk '{ s += $6 + $7 } END { print s + 0 }' "$WORK/results.txt")
if [ "$errors" != 0 ]; then echo "FAIL: $errors failed requests"; exit 1; fi
echo "OK: no failed request; both replicas moved from run $FIRST_RUN to run $NEW_RUN; one run at a time across them"
