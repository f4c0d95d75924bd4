#!/usr/bin/env bash
# The benchmark of examples/BENCHMARKS.md: every command of `earnings` that
# reads a whole dataset, at 100,000, 1,000,000 and 3,000,000 facts, in one
# run, against three baselines on the same generated files:
#
#   floor     examples/parse_floor.rs: the cheapest parse of the file, only
#             entity, metric, period and value of each fact, borrowed;
#   duckdb    examples/bench_duckdb.py: DuckDB's read_json, the same
#             year-over-year join as `earnings yoy` in exact decimals;
#   previous  the same commands built from the previous release (commit
#             BENCH_PREVIOUS, aa0e48e unless set; `none` leaves it out),
#             built once in a git worktree under target/bench/; its
#             tables once, only up to 100,000 facts, and nothing above
#             BENCH_PREVIOUS_MAX facts (1,000,000), to keep the run short
#             (and, for an older release such as f882a78, which laid every
#             table out whole, within the machine's memory).
#
# Each size N has N/10 claims (`generate N --claims N/10`: yoy, share and
# run-rate claims, some holding, some not). Every program is run with
# /usr/bin/time, which gives its wall time, CPU time and peak memory (maximum
# resident set) in the same run; output goes to /dev/null. Runs per size:
# BENCH_RUNS (default 3 below 1,000,000 facts, 2 at 1,000,000, 1 from
# 3,000,000), after one read of the file to put it in the page cache. A run longer than
# BENCH_TIMEOUT seconds (default 300) is stopped and shown as such.
#
# The summary (also in target/bench/summary.txt) gives, for each size and
# program, the mean wall time with its spread, CPU time, peak memory and
# peak over the input's size, and the ratio to the previous release; then
# the targets, at 1,000,000 facts, met or not, and how each command's time
# per fact grows from the smallest size to the largest.
#
# Usage: examples/bench.sh                      (about 11 minutes on 2 idle cores)
#        BENCH_SIZES="10000 100000" BENCH_RUNS=2 examples/bench.sh
#        BENCH_PREVIOUS=none examples/bench.sh  (no previous release)
#
# It installs what it lacks: hyperfine is not needed; DuckDB comes from pip
# into target/bench/venv. The generated files stay in target/bench.
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=${BENCH_SIZES:-"100000 1000000 3000000"}
previous=${BENCH_PREVIOUS:-aa0e48e}
timeout=${BENCH_TIMEOUT:-300}
previous_max=${BENCH_PREVIOUS_MAX:-1000000}
dir=target/bench
mkdir -p "$dir"

say() { printf '%s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { say "needs /usr/bin/time (apt-get install time)"; exit 2; }
python=$dir/venv/bin/python
if ! "$python" -c 'import duckdb' 2>/dev/null; then
    say "installing DuckDB (pip, into $dir/venv)"
    python3 -m venv "$dir/venv"
    "$dir/venv/bin/pip" install --quiet duckdb
fi

commit_built=$(git describe --always --dirty)
say "building (release) at $commit_built"
cargo build --release --quiet --bin earnings --example generate --example parse_floor
earnings=target/release/earnings
floor=target/release/examples/parse_floor

# The previous release, built once in its own worktree and target directory.
before=""
if [ "$previous" != none ]; then
    commit=$(git rev-parse --short "$previous^{commit}")
    src=$dir/previous-$commit
    before=$dir/previous-$commit-target/release/earnings
    if [ ! -x "$before" ]; then
        say "building the previous release $commit in $src"
        [ -d "$src" ] || git worktree add --detach "$src" "$commit" >/dev/null 2>&1
        CARGO_TARGET_DIR=$PWD/$dir/previous-$commit-target \
            cargo build --release --quiet --manifest-path "$src/Cargo.toml" --bin earnings
    fi
fi

# The commands timed, by name: `earnings ARGS --data FILE`, output as CSV
# (the format a screening pipeline reads) but for the two tables.
commands=(
    "yoy|yoy --format csv"
    "metrics|metrics --format csv"
    "facts|facts --format csv"
    "check|check --format csv"
    "verify|verify --format csv"
    "report|report --format csv"
    "metrics-table|metrics"
    "report-table|report"
)

results=$dir/results.tsv
printf 'size\tbytes\tprogram\trun\twall\tuser\tsystem\tpeak_kb\tstatus\n' >"$results"

# One timed run: appends its line to the results. Exit 0 and 1 are normal
# (check and verify exit 1 on contradicted claims); 124 is the timeout.
measure() {
    local n=$1 bytes=$2 name=$3 run=$4
    shift 4
    local status=0 line
    timeout "$timeout" /usr/bin/time -o "$dir/time.txt" -f '%e %U %S %M' "$@" \
        >/dev/null 2>"$dir/stderr.txt" || status=$?
    if [ "$status" -eq 124 ] || [ ! -s "$dir/time.txt" ]; then
        line="nan nan nan 0"
    else
        line=$(tail -1 "$dir/time.txt")
    fi
    if [ "$status" -gt 1 ] && [ "$status" -ne 124 ]; then
        say "$name on $n facts failed ($status): $(head -1 "$dir/stderr.txt")"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$bytes" "$name" "$run" "$(echo "$line" | tr ' ' '\t')" "$status" >>"$results"
}

start=$(date +%s)
for n in $sizes; do
    data=$dir/$n.json
    claims=$((n / 10))
    [ -s "$data" ] || {
        say "generating $data ($claims claims)"
        target/release/examples/generate "$n" "$data" --claims "$claims"
    }
    bytes=$(stat -c %s "$data")
    cat "$data" >/dev/null
    if [ -n "${BENCH_RUNS:-}" ]; then
        runs=$BENCH_RUNS
    elif [ "$n" -ge 3000000 ]; then
        runs=1
    elif [ "$n" -ge 1000000 ]; then
        runs=2
    else
        runs=3
    fi
    for run in $(seq "$runs"); do
        say "$n facts, run $run of $runs ($(( $(date +%s) - start )) s so far)"
        measure "$n" "$bytes" floor "$run" "$floor" "$data"
        for entry in "${commands[@]}"; do
            name=${entry%%|*}
            # shellcheck disable=SC2086 # the arguments are words
            measure "$n" "$bytes" "$name" "$run" "$earnings" ${entry#*|} --data "$data"
            # The previous release's tables are timed once, at 100,000
            # facts at most, and it runs up to BENCH_PREVIOUS_MAX facts
            # (1,000,000): the run stays short, and an older release that
            # held every row (f882a78: 10 GB for its report at 1,000,000
            # facts) stays within the machine's memory.
            if [ -n "$before" ] && [ "$n" -le "$previous_max" ] &&
                { [ "${name%-table}" = "$name" ] || { [ "$n" -le 100000 ] && [ "$run" -eq 1 ]; }; }; then
                # shellcheck disable=SC2086
                measure "$n" "$bytes" "$name@previous" "$run" "$before" ${entry#*|} --data "$data"
            fi
        done
        measure "$n" "$bytes" duckdb "$run" "$python" examples/bench_duckdb.py "$data" /dev/null
    done
done

summary=$dir/summary.txt
{
    echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB"
    echo "system: $(uname -sr), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
    echo "versions: $("$earnings" --version) built at $commit_built, previous ${previous}, $(rustc --version), duckdb $("$python" -c 'import duckdb; print(duckdb.__version__)')"
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); run took $(( $(date +%s) - start )) s"
    "$python" examples/bench_summary.py "$results"
} | tee "$summary"
say "summary in $summary, every run in $results"
