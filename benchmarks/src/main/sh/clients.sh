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
# Runs every client's benchmarks against the one daemon that io.jxs.benchmarks.WithDaemon started
# (XENSTORED_PATH, JXS_DAEMON_KIND): jxs (JMH, with the GC profiler), libxenstore (xs_bench), pyxs
# (pyxs_bench.py) and the raw pipelining client (raw_bench). One operation at a time, every client's
# measurement of it right after the others', so that the ratios compare moments close together: on a shared
# machine the rate of everything can change severalfold over minutes. Called by benchmarks/run.sh, from the
# checkout. Results go to OUT/jxs-<op>-<kind>.json (JMH) or OUT/<client>-<kind>.jsonl (one JSON line per
# measurement), each client's messages to OUT/<client>-<kind>.log.
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

# part CLIENT WHAT RESULTS COMMAND...: measures WHAT with one client, its standard output appended to RESULTS
# (- for the log) and its messages to OUT/CLIENT-KIND.log.
part() {
  local client=$1 what=$2 results=$3 log="$out/$1-$kind.log" code
  shift 3
  echo "== $client $what against $kind" >&2
  if [[ $results == - ]]; then
    timeout --kill-after=10 "$limit" "$@" >>"$log" 2>&1
  else
    timeout --kill-after=10 "$limit" "$@" >>"$results" 2>>"$log"
  fi
  code=$?
  if [[ $code -ne 0 ]]; then
    [[ $code -eq 124 ]] && echo "(stopped after $limit s)" >>"$log"
    echo "clients.sh: $client $what against $kind failed with exit code $code; the end of $log:" >&2
    tail -n 20 "$log" >&2
    failed+=("$client $what")
  fi
}

# jxs NAME BENCHMARK [JMH OPTION...]: one JMH benchmark (a regular expression), results in OUT/jxs-NAME-KIND.json;
# with JXS_BASELINE_JAR (run.sh --baseline), the same benchmark of that jar right after, in
# OUT/jxs-before-NAME-KIND.json
jxs() {
  local name=$1 benchmark=$2
  shift 2
  part jxs "$name" - java -jar benchmarks/target/benchmarks.jar "$benchmark" -p kind="$kind" -f "$forks" \
    -wi "$warmups" -w "$jmh_time" -i "$iterations" -r "$jmh_time" -prof gc -foe true "$@" \
    -rf json -rff "$out/jxs-$name-$kind.json"
  if [[ -n ${JXS_BASELINE_JAR:-} ]]; then
    part jxs-before "$name" - java -jar "$JXS_BASELINE_JAR" "$benchmark" -p kind="$kind" -f "$forks" \
      -wi "$warmups" -w "$jmh_time" -i "$iterations" -r "$jmh_time" -prof gc -foe true "$@" \
      -rf json -rff "$out/jxs-before-$name-$kind.json"
  fi
}

# libxenstore [XS_BENCH OPTION...] OP
libxenstore() {
  part libxenstore "${*: -1}" "$out/libxenstore-$kind.jsonl" \
    "$bin/xs_bench" -w "$warmups" -i "$iterations" -s "$seconds" -t 8 "$@"
}

# pyxs OP
pyxs() {
  part pyxs "$1" "$out/pyxs-$kind.jsonl" /usr/bin/python3 benchmarks/src/main/python/pyxs_bench.py \
    --warmup "$warmups" --iterations "$iterations" --seconds "$seconds" --threads 8 "$1"
}

# raw IN_FLIGHT
raw() {
  part raw-socket "$1 in flight" "$out/raw-socket-$kind.jsonl" \
    "$bin/raw_bench" -w "$warmups" -i "$iterations" -s "$seconds" "$1"
}

jxs read 'ClientBenchmark.read$'
# The trace is newer than a baseline jar may be: this row has no "jxs before".
JXS_BASELINE_JAR='' jxs readTraceOn 'ClientBenchmark.readTraceOn$'
libxenstore read
pyxs read
jxs readOnCallerThread 'TransportBenchmark.readOnCallerThread$'

jxs read8Threads 'ClientBenchmark.read8Threads$'
libxenstore readThreads
pyxs readThreads
raw 8

jxs read64InFlight 'ClientBenchmark.read64InFlight$'
raw 64

jxs write 'ClientBenchmark.write$'
libxenstore write
pyxs write

jxs transactionIncrement 'ClientBenchmark.transactionIncrement$'
libxenstore transactionIncrement
pyxs transactionIncrement

jxs watchEvent 'WatchBenchmark.watchEvent$' -p otherWatches=0
libxenstore watchEvent

jxs watchEvent-others 'WatchBenchmark.watchEvent$' -p otherWatches="$other_watches"
libxenstore -n "$other_watches" watchEvent
# The daemon's share of the cost of those watches: the same benchmark with them on a third connection.
jxs watchEvent-others-elsewhere 'WatchBenchmark.watchEvent$' -p otherWatches="$other_watches" \
  -p otherWatchesHeldBy=OTHER_CONNECTION

part idle-heap "1,000 watches" "$out/idle-heap-$kind.jsonl" \
  java -cp benchmarks/target/benchmarks.jar io.jxs.benchmarks.IdleClientHeap

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "clients.sh: failed against $kind: ${failed[*]}" >&2
  exit 1
fi
