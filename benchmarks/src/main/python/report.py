#!/usr/bin/python3
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
"""Prints the table of benchmarks/run.sh from its results: ops/s of every client against every daemon kind, the
ratio of jxs's rate to each other client's (jxs/libxenstore, jxs/pyxs, jxs/ceiling), and the bytes jxs
allocates per read. Reads RESULTS/jxs-*-KIND.json (JMH, one file per benchmark) and
RESULTS/{libxenstore,pyxs,raw-socket,idle-heap}-KIND.jsonl; with the results of run.sh --baseline
(RESULTS/jxs-before-*-KIND.json), a row "jxs before" under each jxs row.

Exits with 1, after the table, when a cell is empty: a part of the run failed or did not run.

usage: report.py RESULTS KIND...
"""

import glob
import json
import os
import sys

OTHER_WATCHES = "10000"

# The watch benchmark's default holder of the other watches; the results leave it out.
MONITOR = ("otherWatchesHeldBy", "MONITOR")
ELSEWHERE = {"otherWatches": OTHER_WATCHES, "otherWatchesHeldBy": "OTHER_CONNECTION"}

# One row per client and operation: (operation, client label, client, op, params, the jxs row it is compared
# with: its op, or (op, params) when its params are not the row's; None for a jxs row). An empty operation
# continues the one above.
ROWS = [
    ("read, 1 thread", "jxs", "jxs", "read", {}, None),
    ("", "jxs, traffic trace on", "jxs", "readTraceOn", {}, "read"),
    ("", "libxenstore", "libxenstore", "read", {}, "read"),
    ("", "pyxs", "pyxs", "read", {}, "read"),
    ("", "jxs transport alone, no router", "jxs", "readOnCallerThread", {}, "read"),
    ("read, 8 threads", "jxs, one client", "jxs", "read8Threads", {}, None),
    ("", "libxenstore, 8 handles", "libxenstore", "read8Threads", {}, "read8Threads"),
    ("", "pyxs, one client", "pyxs", "read8Threads", {}, "read8Threads"),
    ("read, pipelined on 1 connection", "jxs, 64 in flight from 1 thread", "jxs", "read64InFlight", {}, None),
    ("", "raw socket, 8 in flight", "raw-socket", "read8InFlight", {}, "read8Threads"),
    ("", "raw socket, 64 in flight (ceiling)", "raw-socket", "read64InFlight", {}, "read64InFlight"),
    ("write, 1 thread", "jxs", "jxs", "write", {}, None),
    ("", "libxenstore", "libxenstore", "write", {}, "write"),
    ("", "pyxs", "pyxs", "write", {}, "write"),
    ("transaction: start, read, write, commit", "jxs", "jxs", "transactionIncrement", {}, None),
    ("", "libxenstore", "libxenstore", "transactionIncrement", {}, "transactionIncrement"),
    ("", "pyxs", "pyxs", "transactionIncrement", {}, "transactionIncrement"),
    ("watch events delivered", "jxs", "jxs", "watchEvent", {"otherWatches": "0"}, None),
    ("", "libxenstore", "libxenstore", "watchEvent", {"otherWatches": "0"}, "watchEvent"),
    ("... with 10,000 other watches", "jxs", "jxs", "watchEvent", {"otherWatches": OTHER_WATCHES}, None),
    ("", "libxenstore", "libxenstore", "watchEvent", {"otherWatches": OTHER_WATCHES}, "watchEvent"),
    ("", "jxs, the 10,000 on another connection", "jxs", "watchEvent", ELSEWHERE,
     ("watchEvent", {"otherWatches": OTHER_WATCHES})),
]


def key(client, op, params):
    return client, op, tuple(sorted(params.items()))


def read_json(path, lines):
    """The JSON value of a file, or of each of its lines; None when it is missing or unreadable (a failed part)."""
    if not os.path.exists(path):
        return None
    try:
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()] if lines else json.load(f)
    except ValueError as e:
        print("report.py: %s is no JSON (%s): that part failed" % (path, e), file=sys.stderr)
        return None


def load(results, kind):
    """Returns {key: ops/s} and {key: bytes allocated per op} of one daemon kind's results."""
    rates, allocations = {}, {}
    jmh = sorted(glob.glob(os.path.join(results, "jxs-*-%s.json" % kind)))
    for path in jmh:
        client = "jxs-before" if os.path.basename(path).startswith("jxs-before-") else "jxs"
        for result in read_json(path, lines=False) or []:
            op = result["benchmark"].rsplit(".", 1)[1]
            params = {k: v for k, v in result.get("params", {}).items() if k != "kind" and (k, v) != MONITOR}
            rates[key(client, op, params)] = result["primaryMetric"]["score"]
            norm = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if norm:
                allocations[key(client, op, params)] = norm["score"]
    for client in ("libxenstore", "pyxs", "raw-socket"):
        for r in read_json(os.path.join(results, "%s-%s.jsonl" % (client, kind)), lines=True) or []:
            rates[key(r["client"], r["op"], r.get("params", {}))] = r["ops_per_s"]
    for r in read_json(os.path.join(results, "idle-heap-%s.jsonl" % kind), lines=True) or []:
        allocations[key(r["client"], r["op"], r.get("params", {}))] = r["bytes"]
    return rates, allocations


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: report.py RESULTS KIND...")
    results, kinds = argv[1], argv[2:]
    loaded = {kind: load(results, kind) for kind in kinds}
    missing = []

    header = ["operation", "client"]
    for kind in kinds:
        header += [kind.lower() + " ops/s", "jxs ÷"]
    lines = [header]
    baseline = bool(glob.glob(os.path.join(results, "jxs-before-*.json")))
    rows = []
    for row in ROWS:
        rows.append(row)
        operation, label, client, op, params, compared = row
        if baseline and client == "jxs" and op not in ("readOnCallerThread", "readTraceOn"):
            before = "jxs before" + label[len("jxs"):]
            rows.append(("", before, "jxs-before", op, params, (op, params)))
    for operation, label, client, op, params, compared in rows:
        cells = [operation, label]
        for kind in kinds:
            rates = loaded[kind][0]
            rate = rates.get(key(client, op, params))
            if rate is None:
                named = "".join(" %s=%s" % param for param in params.items())
                missing.append("%s %s%s against %s" % (client, op, named, kind))
            compared_op, compared_params = compared if isinstance(compared, tuple) else (compared, params)
            jxs = rates.get(key("jxs", compared_op, compared_params)) if compared else None
            cells.append("-" if rate is None else "{:,.0f}".format(rate))
            cells.append("{:.2f}".format(jxs / rate) if jxs is not None and rate else "")
        lines.append(cells)
    for op, label in (("read", "jxs, bytes (gc.alloc.rate.norm)"), ("readTraceOn", "jxs, trace on, bytes")):
        cells = ["allocation per read, 1 thread" if op == "read" else "", label]
        for kind in kinds:
            allocated = loaded[kind][1].get(key("jxs", op, {}))
            if allocated is None:
                missing.append("jxs %s gc.alloc.rate.norm against %s" % (op, kind))
            cells += ["-" if allocated is None else "{:,.0f}".format(allocated), ""]
        lines.append(cells)
    cells = ["heap of an idle client, 1,000 watches", "jxs, bytes beyond an idle JVM"]
    for kind in kinds:
        held = loaded[kind][1].get(key("jxs", "idleHeap", {"watches": "1000"}))
        if held is None:
            missing.append("jxs idle heap against %s" % kind)
        cells += ["-" if held is None else "{:,.0f}".format(held), ""]
    lines.append(cells)

    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) if i < 2 else cell.rjust(w)
                                for i, (cell, w) in enumerate(zip(line, widths))) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) if i < 2 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|")
    model = ""
    if os.path.exists("/proc/cpuinfo"):
        names = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")]
        model = " (%s)" % names[0] if names else ""
    print("\nops/s, higher is better; jxs ÷: jxs's rate over this row's; %d cores%s" % (os.cpu_count(), model))
    for kind in kinds:
        rates = loaded[kind][0]
        ceiling, one = rates.get(key("raw-socket", "read64InFlight", {})), rates.get(key("libxenstore", "read", {}))
        if ceiling and one:
            print("%s: the raw client with 64 in flight is %.2fx libxenstore's 1-thread rate (%s)" % (
                kind, ceiling / one, "the daemon is not the bound" if ceiling >= 2 * one
                else "below 2: the daemon may be the bound of this run"))
    if missing:
        print("\nreport.py: no result for: " + "; ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
