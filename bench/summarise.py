#!/usr/bin/env python3
# Medians and ratios from compare.sh's runs, one table row per case.
# Input lines: LIB LABEL CASE OPS/S MIB/S CPU-US/OP LIBRARY-PATH, where
# the label tells apart the same case against different servers (TLS,
# one thread per connection), and LIB is ours, theirs or floor
# (protocol-floor, whose path is "floor").  Beside each ratio of
# medians, the lowest and highest of the rounds' own ratios (ours over
# theirs in the same round): a range that spans 1 means neither library
# won every round.
# Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.

import statistics
import sys


def ratio_cell(ours_median, theirs_median, ours_runs, theirs_runs):
    """The ratio of the medians, then the range of the rounds' ratios."""
    by_round = [o / t for o, t in zip(ours_runs, theirs_runs)]
    return (f"{ours_median / theirs_median:.2f} "
            f"({min(by_round):.2f}-{max(by_round):.2f})")


def main():
    ours_dir, theirs_dir = sys.argv[1], sys.argv[2]
    expected = {"ours": ours_dir + "/", "theirs": theirs_dir + "/",
                "floor": "floor"}
    runs = {}
    order = []
    for line in sys.stdin:
        lib, case, _, ops, mib, cpu, path = line.split()
        if not path.startswith(expected[lib]):
            sys.exit(f"{case}: the {lib} run loaded {path}")
        if case not in runs:
            runs[case] = {"ours": [], "theirs": [], "floor": []}
            order.append(case)
        runs[case][lib].append((float(ops), float(mib), float(cpu)))

    print("| case | ours ops/s | theirs ops/s | ops/s ratio "
          "| ours MiB/s | theirs MiB/s "
          "| ours CPU us/op | theirs CPU us/op | CPU ratio "
          "| floor ops/s | floor CPU us/op |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
          "| ---: | ---: |")
    for case in order:
        ours, theirs, floor = (
            [statistics.median(x) for x in zip(*runs[case][lib])]
            for lib in ("ours", "theirs", "floor"))
        floor_cells = (f"{floor[0]:.0f} | {floor[2]:.2f}" if floor
                       else "- | -")
        ops_ratio, cpu_ratio = (
            ratio_cell(ours[field], theirs[field],
                       [run[field] for run in runs[case]["ours"]],
                       [run[field] for run in runs[case]["theirs"]])
            for field in (0, 2))
        print(f"| {case} | {ours[0]:.0f} | {theirs[0]:.0f} "
              f"| {ops_ratio} | {ours[1]:.1f} | {theirs[1]:.1f} "
              f"| {ours[2]:.2f} | {theirs[2]:.2f} "
              f"| {cpu_ratio} | {floor_cells} |")


main()
