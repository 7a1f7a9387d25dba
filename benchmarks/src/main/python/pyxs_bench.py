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
"""XenStore throughput of pyxs (Debian's python3-pyxs, the Python reference client), the counterpart of
the jxs JMH benchmarks on the same nodes and values:

  read                  one thread reading a 10-byte node
  readThreads           T threads (--threads) reading it through one shared pyxs.Client (one connection, as
                        jxs does); reported as read<T>Threads
  write                 one thread writing a 10-byte node
  transactionIncrement  start, read, write, commit of a counter (retried when the commit conflicts)

Measures the operations given, in that order. Like JMH, each operation is timed over warm-up then measured
iterations of a fixed length; the score is the mean of the measured iterations. The socket is --socket, else $XENSTORED_PATH (set by
io.jxs.benchmarks.WithDaemon). Prints one JSON object per line:
{"client", "op", "params", "ops_per_s", "iterations"}.
"""

import argparse
import json
import os
import sys
import threading
import time

from pyxs import Client

READ_PATH = b"/bench/read"
WRITE_PATH = b"/bench/write"
COUNTER_PATH = b"/bench/counter"
VALUE = b"0123456789"


def count_until(operation, deadline):
    """Runs operation() until the deadline; returns how many times it ran."""
    count = 0
    while time.perf_counter() < deadline:
        for _ in range(16):  # check the clock every 16 calls
            operation()
        count += 16
    return count


def measure(operation, warmups, iterations, seconds, threads=1):
    """Runs operation() on `threads` threads for each iteration; returns the total ops/s of the measured ones."""
    scores = []
    for i in range(warmups + iterations):
        counts = [0] * threads

        def run(index, deadline):
            counts[index] = count_until(operation, deadline)

        start = time.perf_counter()
        workers = [threading.Thread(target=run, args=(t, start + seconds)) for t in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if i >= warmups:
            scores.append(sum(counts) / (time.perf_counter() - start))
    return scores


def operations(client, threads):
    """The measured operations: name -> (name reported, operation, threads)."""

    def read():
        if client.read(READ_PATH) != VALUE:
            raise AssertionError("read %r: not the value written" % READ_PATH)

    def increment():
        # The transaction id is kept by the client: read and write go into it until commit.
        while True:
            client.transaction()
            value = int(client.read(COUNTER_PATH))
            client.write(COUNTER_PATH, str(value + 1).encode())
            if client.commit():
                return

    return {
        "read": ("read", read, 1),
        "readThreads": ("read%dThreads" % threads, read, threads),
        "write": ("write", lambda: client.write(WRITE_PATH, VALUE), 1),
        "transactionIncrement": ("transactionIncrement", increment, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--socket", default=os.environ.get("XENSTORED_PATH"), help="the daemon's socket")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up iterations (default 2)")
    parser.add_argument("--iterations", type=int, default=3, help="measured iterations (default 3)")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of an iteration (default 2)")
    parser.add_argument("--threads", type=int, default=8, help="threads of the multi-threaded read (default 8)")
    parser.add_argument("operations", nargs="+", metavar="OP",
                        choices=["read", "readThreads", "write", "transactionIncrement"], help="what to measure")
    args = parser.parse_args()
    if not args.socket:
        parser.error("no socket: give --socket or set XENSTORED_PATH")
    if args.warmup < 0 or args.iterations < 1 or args.seconds <= 0 or args.threads < 1:
        parser.error("needs --warmup >= 0, --iterations >= 1, --seconds > 0 and --threads >= 1")
    client = Client(unix_socket_path=args.socket)
    client.connect()
    try:
        client.write(READ_PATH, VALUE)
        client.write(WRITE_PATH, VALUE)
        client.write(COUNTER_PATH, b"0")
        measured = operations(client, args.threads)
        for op, operation, threads in (measured[name] for name in args.operations):
            scores = measure(operation, args.warmup, args.iterations, args.seconds, threads)
            print(json.dumps({"client": "pyxs", "op": op, "params": {}, "ops_per_s": sum(scores) / len(scores),
                              "iterations": scores}), flush=True)
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
