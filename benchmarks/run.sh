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
# The benchmark: jxs next to libxenstore, pyxs and the daemon's ceiling. For each daemon kind, one freshly
# started daemon (io.jxs.benchmarks.WithDaemon) serves the JMH benchmarks of jxs, a C program over
# libxenstore, the pyxs script and a raw C client that pipelines reads on one connection, one operation at a
# time, every client's measurement of it right after the others' (src/main/sh/clients.sh); then the table of rates and ratios is printed (src/main/python/report.py).
# Results and logs go to benchmarks/target/results/. See benchmarks/README.md.
#
# usage: benchmarks/run.sh [--smoke] [--no-build] [--daemon XENSTORED|OXENSTORED] [--baseline JAR]
#   --smoke     a few seconds per daemon: checks that every part works and prints the table; the rates
#               mean nothing and nothing is asserted about them
#   --no-build  use benchmarks/target/benchmarks.jar as it is (the C programs are always compiled)
#   --daemon    measure against this daemon kind only (default: both)
#   --baseline  also measure the jxs benchmarks of JAR (benchmarks.jar built at another commit), each right
#               after this checkout's, as the rows "jxs before"
# Exits non-zero when a part fails or a cell of the table stays empty.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '/^# usage:/,/^# Exits/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

smoke=false build=true kinds=(XENSTORED OXENSTORED)
while [[ $# -gt 0 ]]; do
  case $1 in
    --smoke) smoke=true ;;
    --no-build) build=false ;;
    --baseline)
      [[ $# -ge 2 && -f $2 ]] || usage
      export JXS_BASELINE_JAR=$(realpath "$2")
      shift ;;
    --daemon)
      [[ $# -ge 2 && ( $2 == XENSTORED || $2 == OXENSTORED ) ]] || usage
      kinds=("$2")
      shift ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done

# WARMUPS ITERATIONS SECONDS (per iteration) FORKS (JMH) LIMIT (seconds per part and daemon)
if $smoke; then
  timing=(0 1 0.2 1 300)
else
  timing=(2 3 2 1 1800)
fi
out=benchmarks/target/results
bin=benchmarks/target/c

if $build; then
  ./mvnw -q -pl benchmarks -am package -DskipTests
fi
[[ -f benchmarks/target/benchmarks.jar ]] || { echo "run.sh: no benchmarks/target/benchmarks.jar: build first" >&2; exit 1; }
# In the build, the smoke follows the tests' rule: on a developer machine without the daemons it is skipped
# with a message; in CI (CI=true) a missing part is a failure.
if $smoke && [[ "${CI:-}" != true ]]; then
  if [[ ! -f /usr/include/xenstore.h ]] || ! ls /usr/lib/xen-*/bin/xenstored /usr/sbin/xenstored >/dev/null 2>&1 \
      || ! /usr/bin/python3 -c 'import pyxs' 2>/dev/null; then
    echo "run.sh: benchmark smoke skipped: apt-get install xen-utils-4.17 xenstore-utils python3-pyxs libxen-dev gcc" >&2
    exit 0
  fi
fi
if [[ ! -f /usr/include/xenstore.h ]]; then
  echo "run.sh: libxenstore's header is missing: apt-get install libxen-dev" >&2
  exit 1
fi
mkdir -p "$bin"
gcc -O2 -Wall -Wextra -pthread -o "$bin/xs_bench" benchmarks/src/main/c/xs_bench.c -lxenstore
gcc -O2 -Wall -Wextra -o "$bin/raw_bench" benchmarks/src/main/c/raw_bench.c
rm -rf "$out" # no result of an earlier run may fill a cell
mkdir -p "$out"

failed=()
for kind in "${kinds[@]}"; do
  echo "== a fresh $kind for every client" >&2
  java -cp benchmarks/target/benchmarks.jar io.jxs.benchmarks.WithDaemon "$kind" \
    benchmarks/src/main/sh/clients.sh "$out" "$bin" "${timing[@]}" || failed+=("$kind")
done
/usr/bin/python3 benchmarks/src/main/python/report.py "$out" "${kinds[@]}" | tee "$out/table.md" || failed+=(table)
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "run.sh: failed: ${failed[*]} (logs in $out)" >&2
  exit 1
fi
