#!/usr/bin/env bash
# The benchmark of examples/BENCHMARKS.md: `earnings yoy --format csv` against
# two baselines on the same generated file, at 100,000 and 1,000,000 facts:
#
#   floor     examples/parse_floor.rs: read the file and parse it with
#             serde_json into borrowed structs, nothing else;
#   earnings  earnings yoy --data N.json --format csv > /dev/null;
#   duckdb    examples/bench_duckdb.py: DuckDB's read_json, the same
#             year-over-year join with exact decimals, CSV to /dev/null.
#
# Times are hyperfine's mean over BENCH_RUNS runs (default 5) after one
# warm-up run, without a shell (-N); peak memory is the maximum resident set
# size from /usr/bin/time -v, one run each. Last, `earnings report` on the
# bundled data. It installs what it lacks: hyperfine (apt-get) and DuckDB
# (pip, into target/bench/venv). The generated files stay in target/bench.
#
# Usage: examples/bench.sh            (sizes 100000 1000000)
#        BENCH_SIZES="10000" BENCH_RUNS=3 examples/bench.sh
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=${BENCH_SIZES:-"100000 1000000"}
runs=${BENCH_RUNS:-5}
dir=target/bench
mkdir -p "$dir"

say() { printf '%s\n' "$*" >&2; }

# Tools.
if ! command -v hyperfine >/dev/null; then
    say "installing hyperfine (apt-get)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y hyperfine >/dev/null || {
        $sudo apt-get update >/dev/null && $sudo apt-get install -y hyperfine >/dev/null
    }
fi
[ -x /usr/bin/time ] || { say "needs /usr/bin/time (apt-get install time)"; exit 2; }
python=$dir/venv/bin/python
if ! "$python" -c 'import duckdb' 2>/dev/null; then
    say "installing DuckDB (pip, into $dir/venv)"
    python3 -m venv "$dir/venv"
    "$dir/venv/bin/pip" install --quiet duckdb
fi

say "building (release)"
cargo build --release --quiet --bin earnings --example generate --example parse_floor
earnings=target/release/earnings
floor=target/release/examples/parse_floor

# Peak resident memory of one run, in bytes.
peak() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 * 1024 }'
}

summary=$dir/summary.txt
: >"$summary"
{
    echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB"
    echo "system: $(uname -sr), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
    echo "versions: $("$earnings" --version), $(rustc --version), $(hyperfine --version), duckdb $("$python" -c 'import duckdb; print(duckdb.__version__)')"
} | tee -a "$summary"

for n in $sizes; do
    data=$dir/$n.json
    [ -s "$data" ] || { say "generating $data"; target/release/examples/generate "$n" "$data"; }
    bytes=$(stat -c %s "$data")
    hyperfine -N --warmup 1 --runs "$runs" --style basic \
        --export-json "$dir/$n.hyperfine.json" \
        -n floor "$floor $data" \
        -n earnings "$earnings yoy --data $data --format csv" \
        -n duckdb "$python examples/bench_duckdb.py $data /dev/null" >&2
    floor_peak=$(peak "$floor" "$data")
    earnings_peak=$(peak "$earnings" yoy --data "$data" --format csv)
    duckdb_peak=$(peak "$python" examples/bench_duckdb.py "$data" /dev/null)
    "$python" - "$dir/$n.hyperfine.json" "$n" "$bytes" "$floor_peak" "$earnings_peak" "$duckdb_peak" <<'EOF' | tee -a "$summary"
import json, sys
path, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
peaks = dict(zip(["floor", "earnings", "duckdb"], map(int, sys.argv[4:7])))
results = {r["command"]: r for r in json.load(open(path))["results"]}
mean = {name: results[name]["mean"] for name in peaks}
mb = lambda b: b / 1e6
print()
print(f"{n:,} facts, input {mb(size):.1f} MB")
print(f"  {'':9} {'seconds':>16} {'peak MB':>8} {'peak/input':>10}")
for name in ["floor", "earnings", "duckdb"]:
    r = results[name]
    print(f"  {name:9} {r['mean']:8.3f} ± {r['stddev']:5.3f} {mb(peaks[name]):8.1f} {peaks[name] / size:10.2f}")
print(f"  earnings/floor  {mean['earnings'] / mean['floor']:.2f}x  (target at 1,000,000 facts: at most 3)")
print(f"  duckdb/earnings {mean['duckdb'] / mean['earnings']:.2f}x  (target at 1,000,000 facts: at least 5)")
print(f"  earnings peak/input {peaks['earnings'] / size:.2f}  (target at 1,000,000 facts: at most 2.5)")
EOF
done

if [ "$(echo $sizes | wc -w)" -ge 2 ]; then
    "$python" - $(for n in $sizes; do echo "$n $dir/$n.hyperfine.json"; done) <<'EOF' | tee -a "$summary"
import json, sys
args = sys.argv[1:]
points = []
for n, path in zip(args[0::2], args[1::2]):
    results = {r["command"]: r for r in json.load(open(path))["results"]}
    points.append((int(n), results["earnings"]["mean"]))
(n0, t0), (n1, t1) = points[0], points[-1]
print()
print(f"scaling {n0:,} -> {n1:,} facts ({n1 / n0:.0f}x): earnings time x{t1 / t0:.2f}, "
      f"{t0 / n0 * 1e6:.2f} -> {t1 / n1 * 1e6:.2f} us a fact")
EOF
fi
hyperfine -N --warmup 3 --runs 30 --style basic --export-json "$dir/report.hyperfine.json" \
    -n report "$earnings report" >&2
"$python" - "$dir/report.hyperfine.json" <<'EOF' | tee -a "$summary"
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print()
print(f"earnings report (bundled data): {r['mean'] * 1000:.1f} ms ± {r['stddev'] * 1000:.1f} ms")
EOF
say "summary in $summary"
