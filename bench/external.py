#!/usr/bin/env python3
"""Run one benchmark case with a program of Debian's that links
libnbd.so.0 (fio's nbd engine, or nbdcopy), on the library that
LD_LIBRARY_PATH selects, and print the line nbd-bench prints:

    CASE OPS/S MIB/S CPU-US/OP LIBRARY

external.py fio-RW-SIZE-qdN URI SECONDS   RW randread or randwrite,
                                          SIZE 4k or 1m, N the iodepth
external.py nbdcopy SOURCE-URI DESTINATION-URI
                                          one copy of the whole export,
                                          default connections and
                                          requests; ops/s is copies/s

CPU is fio's own account of its job (user and system), or the rusage
of nbdcopy: the client alone, never the server.

A library built with sanitizers needs their runtime loaded first, which
Debian's programs do not do for themselves: SANITIZER_PRELOAD in the
environment names it, and it is preloaded for the program alone."""

import json
import math
import os
import re
import resource
import subprocess
import sys
import time


def loaded_libnbd(program):
    """The libnbd.so.0 the loader picks for program under the current
    LD_LIBRARY_PATH, as ldd reports it."""
    out = subprocess.run(["ldd", program], check=True, text=True,
                         stdout=subprocess.PIPE).stdout
    m = re.search(r"libnbd\.so\.0 => (\S+)", out)
    if not m:
        sys.exit("external.py: %s does not link libnbd.so.0" % program)
    return m.group(1)


def program_environment():
    env = dict(os.environ)
    if env.get("SANITIZER_PRELOAD"):
        env["LD_PRELOAD"] = env["SANITIZER_PRELOAD"]
        env["ASAN_OPTIONS"] = "detect_leaks=0"
    return env


def run_fio(case, uri, seconds):
    m = re.fullmatch(r"fio-(randread|randwrite)-(4k|1m)-qd(\d+)", case)
    if not m:
        sys.exit("external.py: unknown case %s" % case)
    rw, size, depth = m.groups()
    out = subprocess.run(
        ["fio", "--name=bench", "--ioengine=nbd", "--uri=" + uri,
         "--rw=" + rw, "--bs=" + size, "--iodepth=" + depth,
         # fio counts whole seconds.
         "--runtime=%d" % max(1, math.ceil(float(seconds))), "--time_based",
         "--output-format=json"],
        check=True, text=True, stdout=subprocess.PIPE,
        env=program_environment()).stdout
    job = json.loads(out[out.index("{"):])["jobs"][0]
    side = job["read" if rw == "randread" else "write"]
    ops = side["total_ios"]
    runtime = side["runtime"] / 1000.0
    cpu = (job["usr_cpu"] + job["sys_cpu"]) / 100.0 * runtime
    size_bytes = 4096 if size == "4k" else 1024 * 1024
    return ops / runtime, ops * size_bytes / runtime / 2**20, cpu / ops


def run_nbdcopy(source, destination):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(["nbdcopy", "--", source, destination], check=True,
                   env=program_environment())
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + \
        (after.ru_stime - before.ru_stime)
    size = int(subprocess.run(["nbdinfo", "--size", source], check=True,
                              text=True, stdout=subprocess.PIPE,
                              env=program_environment()).stdout)
    return 1 / elapsed, size / elapsed / 2**20, cpu


def main():
    case = sys.argv[1]
    if case == "nbdcopy":
        ops, mib, cpu = run_nbdcopy(sys.argv[2], sys.argv[3])
        program = "/usr/bin/nbdcopy"
    else:
        ops, mib, cpu = run_fio(case, sys.argv[2], sys.argv[3])
        program = "/usr/bin/fio"
    print("%s %.1f %.1f %.2f %s" % (case, ops, mib, cpu * 1e6,
                                     loaded_libnbd(program)))


main()
