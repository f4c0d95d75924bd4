"""The summary of examples/bench.sh, from its results (one line a run):

    python3 examples/bench_summary.py target/bench/results.tsv

For each size: each program's mean wall time with its spread (the smallest
and largest run), CPU time (user + system), peak memory and peak memory
over the input's size, and its time over the same command's in the
previous release. Then the targets at 1,000,000 facts (or the size nearest
it), each met or not, and how each command's time per fact grows from the
smallest size to the largest.
"""

import csv
import math
import sys
from collections import defaultdict

COMMANDS = ["yoy", "metrics", "facts", "check", "verify", "report",
            "metrics-table", "report-table"]
# Each at most this many times the time of yoy.
AGAINST_YOY = {"facts": 3, "metrics": 3, "verify": 3, "check": 3}
PEAK_OVER_INPUT = 2.5
GROWTH = 1.3
FLOOR_RATIO = 4
DUCKDB_RATIO = 5


def load(path):
    runs = defaultdict(list)
    sizes = {}
    with open(path) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            n = int(row["size"])
            sizes[n] = int(row["bytes"])
            runs[(n, row["program"])].append(row)
    return sizes, runs


def stats(rows):
    def num(row, key):
        try:
            return float(row[key])
        except ValueError:
            return math.nan
    walls = [num(r, "wall") for r in rows]
    cpus = [num(r, "user") + num(r, "system") for r in rows]
    peaks = [num(r, "peak_kb") * 1024 for r in rows]
    timed_out = any(r["status"] == "124" for r in rows)
    mean = lambda xs: sum(xs) / len(xs) if xs else math.nan
    return {
        "wall": math.inf if timed_out else mean(walls),
        "low": min(walls), "high": max(walls),
        "cpu": mean(cpus), "peak": max(peaks),
        "runs": len(rows), "timed_out": timed_out,
    }


def verdict(ok):
    return "met" if ok else "NOT met"


def main():
    sizes, runs = load(sys.argv[1])
    table = {key: stats(rows) for key, rows in runs.items()}
    order = sorted(sizes)
    programs = ["floor"] + COMMANDS + ["duckdb"]
    for n in order:
        size = sizes[n]
        count = max((s["runs"] for (m, _), s in table.items() if m == n), default=0)
        print()
        print(f"{n:,} facts ({n // 10:,} claims), input {size / 1e6:.1f} MB, {count} run(s)")
        print(f"  {'program':20} {'wall s':>8} {'(min-max)':>15} {'CPU s':>7} "
              f"{'peak MB':>8} {'peak/in':>7} {'/previous':>9}")
        for program in programs:
            s = table.get((n, program))
            if s is None:
                continue
            prev = table.get((n, program + "@previous"))
            vs = ""
            if prev is not None:
                vs = ("" if prev["timed_out"] else f"{s['wall'] / prev['wall']:.2f}x")
                if prev["timed_out"]:
                    vs = "prev timed out"
            wall = "timed out" if s["timed_out"] else f"{s['wall']:.2f}"
            print(f"  {program:20} {wall:>8} {s['low']:7.2f}-{s['high']:<7.2f} {s['cpu']:7.2f} "
                  f"{s['peak'] / 1e6:8.1f} {s['peak'] / size:7.2f} {vs:>9}")
        for program in COMMANDS:
            prev = table.get((n, program + "@previous"))
            if prev is not None:
                wall = "timed out" if prev["timed_out"] else f"{prev['wall']:.2f}"
                print(f"  {program + '@previous':20} {wall:>8} {prev['low']:7.2f}-{prev['high']:<7.2f} "
                      f"{prev['cpu']:7.2f} {prev['peak'] / 1e6:8.1f} {prev['peak'] / size:7.2f}")

    at = min(order, key=lambda n: abs(math.log(n / 1_000_000)))
    get = lambda program: table.get((at, program), {}).get("wall", math.nan)
    size = sizes[at]
    print()
    print(f"targets at {at:,} facts")
    yoy = get("yoy")
    ratio = yoy / get("floor")
    print(f"  {'yoy / floor':28} {ratio:6.2f}  at most {FLOOR_RATIO}: {verdict(ratio <= FLOOR_RATIO)}")
    ratio = get("duckdb") / yoy
    print(f"  {'duckdb / yoy':28} {ratio:6.2f}  at least {DUCKDB_RATIO}: {verdict(ratio >= DUCKDB_RATIO)}")
    for program, limit in AGAINST_YOY.items():
        ratio = get(program) / yoy
        print(f"  {program + ' / yoy':28} {ratio:6.2f}  at most {limit}: {verdict(ratio <= limit)}")
    for program in COMMANDS:
        s = table.get((at, program))
        if s is None:
            continue
        ratio = s["peak"] / size
        print(f"  {program + ' peak / input':28} {ratio:6.2f}  at most {PEAK_OVER_INPUT}: "
              f"{verdict(ratio <= PEAK_OVER_INPUT)}")

    if len(order) >= 2:
        first, last = order[0], order[-1]
        print()
        print(f"time per fact, {first:,} -> {last:,} facts (growth at most {GROWTH})")
        for program in ["floor"] + COMMANDS + ["duckdb"]:
            a, b = table.get((first, program)), table.get((last, program))
            if a is None or b is None:
                continue
            per_a = a["wall"] / first * 1e6
            per_b = b["wall"] / last * 1e6
            growth = per_b / per_a if per_a > 0 else math.nan
            mark = verdict(growth <= GROWTH) if program in COMMANDS else ""
            print(f"  {program:20} {per_a:7.2f} -> {per_b:7.2f} us a fact  x{growth:.2f}  {mark}")


main()
