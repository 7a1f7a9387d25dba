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
# Runs every client's benchmarks, one after another, against the one daemon that io.jxs.benchmarks.WithDaemon
# started (XENSTORED_PATH, JXS_DAEMON_KIND): jxs (JMH, with the GC profiler), libxenstore (xs_bench), pyxs
# (pyxs_bench.py) and the raw pipelining client (raw_bench); jxs's watch benchmark once more with the other
# watches held by a third connection (jxs-watches-elsewhere). Called by benchmarks/run.sh, from the checkout.
# Results go to OUT/<part>-<kind>.json (JMH) or .jsonl (one JSON line per measurement), each part's messages
# to OUT/<part>-<kind>.log.
#
# usage: clients.sh OUT BIN WARMUPS ITERATIONS SECONDS FORKS LIMIT
#   BIN: the folder of the compiled C programs; SECONDS: length of an iteration (a decimal number);
#   FORKS: JMH forks; LIMIT: seconds each part may take before it is stopped and counted as failed.
# Exits non-zero when a part fails; the others still run.
set -uo pipefail

if [[ $# -ne 7 ]]; then
  echo "usage: clients.sh OUT BIN WARMUPS ITERATIONS SECONDS FORKS LIMIT" >&2
  exit 2
fi
out=$1 bin=$2 warmups=$3 iterations=$4 seconds=$5 forks=$6 limit=$7
kind=${JXS_DAEMON_KIND:?"clients.sh runs under io.jxs.benchmarks.WithDaemon, which sets JXS_DAEMON_KIND"}
jmh_time=$(awk -v s="$seconds" 'BEGIN { printf "%dms", s * 1000 }')
other_watches=10000 # as WatchBenchmark's otherWatches
failed=()

# part NAME RESULTS COMMAND...: runs one client's benchmarks, its standard output into RESULTS (- for the log)
# and its errors into OUT/NAME-KIND.log.
part() {
  local name=$1 results=$2 log="$out/$1-$kind.log" code
  shift 2
  echo "== $name against $kind" >&2
  if [[ $results == - ]]; then
    timeout --kill-after=10 "$limit" "$@" >>"$log" 2>&1
  else
    timeout --kill-after=10 "$limit" "$@" >"$results" 2>>"$log"
  fi
  code=$?
  if [[ $code -ne 0 ]]; then
    [[ $code -eq 124 ]] && echo "(stopped after $limit s)" >>"$log"
    echo "clients.sh: $name against $kind failed with exit code $code; the end of $log:" >&2
    tail -n 20 "$log" >&2
    failed+=("$name")
  fi
}

part jxs - \
  java -jar benchmarks/target/benchmarks.jar -p kind="$kind" -f "$forks" -wi "$warmups" -w "$jmh_time" \
    -i "$iterations" -r "$jmh_time" -prof gc -foe true -rf json -rff "$out/jxs-$kind.json"
# The daemon's share of the cost of 10,000 watches: the same watch benchmark with them on a third connection.
part jxs-watches-elsewhere - \
  java -jar benchmarks/target/benchmarks.jar WatchBenchmark -p kind="$kind" -p otherWatches="$other_watches" \
    -p otherWatchesHeldBy=OTHER_CONNECTION -f "$forks" -wi "$warmups" -w "$jmh_time" -i "$iterations" \
    -r "$jmh_time" -foe true -rf json -rff "$out/jxs-watches-elsewhere-$kind.json"
part libxenstore "$out/libxenstore-$kind.jsonl" \
  "$bin/xs_bench" -w "$warmups" -i "$iterations" -s "$seconds" -t 8 -n "$other_watches"
part pyxs "$out/pyxs-$kind.jsonl" \
  /usr/bin/python3 benchmarks/src/main/python/pyxs_bench.py --warmup "$warmups" --iterations "$iterations" \
    --seconds "$seconds" --threads 8
part idle-heap "$out/idle-heap-$kind.jsonl" \
  java -cp benchmarks/target/benchmarks.jar io.jxs.benchmarks.IdleClientHeap
part raw-socket "$out/raw-socket-$kind.jsonl" \
  "$bin/raw_bench" -w "$warmups" -i "$iterations" -s "$seconds" 8 64

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "clients.sh: failed against $kind: ${failed[*]}" >&2
  exit 1
fi
