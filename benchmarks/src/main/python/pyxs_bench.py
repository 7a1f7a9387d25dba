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
#
"""Single-threaded XenStore throughput of the non-Java clients, the counterpart of ClientBenchmark.

Clients (--client):
  pyxs          the Python reference client (Debian's python3-pyxs), pyxs.Client(unix_socket_path=...)
  libxenstore   Xen's C library, libxenstore.so.4, called through ctypes (xs_open / xs_read / xs_write)
  xenstore-read one xenstore-read / xenstore-write process per operation, as a shell script would

Operations: read and write of a 10-byte node, and (pyxs only) a transaction that increments a counter,
the same nodes and values as the JMH benchmark. Like JMH, each operation is timed over warm-up then
measured iterations of a fixed duration; the score is the mean of the measured iterations.

The socket is --socket, else $XENSTORED_PATH (set by io.jxs.benchmarks.WithDaemon). Prints one JSON
object per line: {"client", "op", "ops_per_s", "iterations"}.
"""

import argparse
import ctypes
import ctypes.util
import json
import os
import subprocess
import sys
import time

READ_PATH = b"/bench/read"
WRITE_PATH = b"/bench/write"
COUNTER_PATH = b"/bench/counter"
VALUE = b"0123456789"


def measure(operation, warmups, iterations, seconds):
    """Runs operation() in a loop; returns the ops/s of each measured iteration."""
    scores = []
    for i in range(warmups + iterations):
        count = 0
        start = time.perf_counter()
        deadline = start + seconds
        now = start
        while now < deadline:
            for _ in range(16):  # check the clock every 16 calls
                operation()
            count += 16
            now = time.perf_counter()
        if i >= warmups:
            scores.append(count / (now - start))
    return scores


def pyxs_operations(socket_path):
    from pyxs import Client

    client = Client(unix_socket_path=socket_path)
    client.connect()
    client.write(READ_PATH, VALUE)
    client.write(WRITE_PATH, VALUE)
    client.write(COUNTER_PATH, b"0")

    def increment():
        # The transaction id is kept by the client: read and write go into it until commit.
        while True:
            client.transaction()
            value = int(client.read(COUNTER_PATH))
            client.write(COUNTER_PATH, str(value + 1).encode())
            if client.commit():
                return

    return client.close, {
        "read": lambda: client.read(READ_PATH),
        "write": lambda: client.write(WRITE_PATH, VALUE),
        "transactionIncrement": increment,
    }


def libxenstore_operations(socket_path):
    os.environ["XENSTORED_PATH"] = socket_path  # read by xs_open
    lib = ctypes.CDLL(ctypes.util.find_library("xenstore") or "libxenstore.so.4")
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    lib.xs_open.restype = ctypes.c_void_p
    lib.xs_open.argtypes = [ctypes.c_ulong]
    lib.xs_close.argtypes = [ctypes.c_void_p]
    lib.xs_read.restype = ctypes.c_void_p
    lib.xs_read.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint)]
    lib.xs_write.restype = ctypes.c_bool
    lib.xs_write.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
    libc.free.argtypes = [ctypes.c_void_p]
    handle = lib.xs_open(0)
    if not handle:
        raise OSError(ctypes.get_errno(), "xs_open failed for " + socket_path)
    length = ctypes.c_uint()

    def read():
        data = lib.xs_read(handle, 0, READ_PATH, ctypes.byref(length))
        if not data:
            raise OSError("xs_read failed")
        libc.free(data)

    def write():
        if not lib.xs_write(handle, 0, WRITE_PATH, VALUE, len(VALUE)):
            raise OSError("xs_write failed")

    write()
    lib.xs_write(handle, 0, READ_PATH, VALUE, len(VALUE))
    return lambda: lib.xs_close(handle), {"read": read, "write": write}


def tool_operations(socket_path):
    env = dict(os.environ, XENSTORED_PATH=socket_path)

    def run(*command):
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

    run("xenstore-write", READ_PATH, VALUE)
    return lambda: None, {
        "read": lambda: run("xenstore-read", READ_PATH),
        "write": lambda: run("xenstore-write", WRITE_PATH, VALUE),
    }


CLIENTS = {"pyxs": pyxs_operations, "libxenstore": libxenstore_operations, "xenstore-read": tool_operations}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--socket", default=os.environ.get("XENSTORED_PATH"), help="the daemon's socket")
    parser.add_argument("--client", choices=sorted(CLIENTS), action="append",
                        help="client to measure (repeatable; default: all)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up iterations (default 2)")
    parser.add_argument("--iterations", type=int, default=3, help="measured iterations (default 3)")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of an iteration (default 2)")
    args = parser.parse_args()
    if not args.socket:
        parser.error("no socket: give --socket or set XENSTORED_PATH")
    for name in args.client or ["pyxs", "libxenstore", "xenstore-read"]:
        close, operations = CLIENTS[name](args.socket)
        try:
            for op, operation in operations.items():
                scores = measure(operation, args.warmup, args.iterations, args.seconds)
                print(json.dumps({"client": name, "op": op, "ops_per_s": sum(scores) / len(scores),
                                  "iterations": scores}), flush=True)
        finally:
            close()


if __name__ == "__main__":
    sys.exit(main())
