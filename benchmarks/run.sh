#!/usr/bin/env bash
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#
# Runs the jxs JMH benchmarks and their pyxs / libxenstore / xenstore-read counterparts against the real
# xenstored and oxenstored (each run gets a fresh daemon from the jxs-testing fixture), then prints a
# side-by-side table of ops/s. Raw results go to benchmarks/target/results/.
#
# usage: benchmarks/run.sh [--no-build] [extra JMH arguments, e.g. -p kind=XENSTORED]
# Short runs on purpose (1 fork, 2 x 2 s warm-up, 3 x 2 s measurement): about 3 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=/usr/bin/python3 # Debian's, with python3-pyxs
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/results
WARMUPS=2 ITERATIONS=3 SECONDS_PER_ITERATION=2

if [[ "${1:-}" == "--no-build" ]]; then
    shift
else
    ./mvnw -q -pl benchmarks -am package -DskipTests
fi
mkdir -p "$OUT"

echo "== JMH: jxs" >&2
java -jar "$JAR" -f 1 -wi "$WARMUPS" -w "${SECONDS_PER_ITERATION}s" -i "$ITERATIONS" -r "${SECONDS_PER_ITERATION}s" \
    -rf json -rff "$OUT/jmh.json" "$@" >"$OUT/jmh.txt"

for kind in XENSTORED OXENSTORED; do
    echo "== pyxs, libxenstore, xenstore-read against $kind" >&2
    java -cp "$JAR" io.jxs.benchmarks.WithDaemon "$kind" "$PYTHON" benchmarks/src/main/python/pyxs_bench.py \
        --warmup "$WARMUPS" --iterations "$ITERATIONS" --seconds "$SECONDS_PER_ITERATION" >"$OUT/python-$kind.jsonl"
done

"$PYTHON" - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
scores = {}  # (row, kind) -> ops/s
for result in json.load(open(os.path.join(out, "jmh.json"))):
    name = result["benchmark"].rsplit(".", 1)[1]
    scores[("jxs", name), result["params"]["kind"]] = result["primaryMetric"]["score"]
for kind in ("XENSTORED", "OXENSTORED"):
    path = os.path.join(out, "python-%s.jsonl" % kind)
    if os.path.exists(path):
        for line in open(path):
            r = json.loads(line)
            scores[(r["client"], r["op"]), kind] = r["ops_per_s"]
rows = [
    ("read, 1 thread", "jxs", "read"), ("", "pyxs", "read"), ("", "libxenstore", "read"),
    ("", "xenstore-read", "read"),
    ("read, 8 threads, 1 client", "jxs", "read8Threads"),
    ("write, 1 thread", "jxs", "write"), ("", "pyxs", "write"), ("", "libxenstore", "write"),
    ("", "xenstore-read", "write"),
    ("transaction increment", "jxs", "transactionIncrement"), ("", "pyxs", "transactionIncrement"),
]
label = {"xenstore-read": "xenstore-read/-write (process per op)", "libxenstore": "libxenstore (ctypes)"}
fmt = "| %-26s | %-38s | %10s | %10s |"
print(fmt % ("operation", "client", "xenstored", "oxenstored"))
print("|%s|%s|%s|%s|" % ("-" * 28, "-" * 40, "-" * 11 + ":", "-" * 11 + ":"))
for op, client, key in rows:
    cells = []
    for kind in ("XENSTORED", "OXENSTORED"):
        value = scores.get(((client, key), kind))
        cells.append("-" if value is None else "{:,.0f}".format(value))
    print(fmt % (op, label.get(client, client), cells[0], cells[1]))
print("\nops/s, higher is better; %d cores (%s)" % (os.cpu_count(), open("/proc/cpuinfo").read()
      .split("model name")[1].split(":")[1].split("\n")[0].strip()))
PY
