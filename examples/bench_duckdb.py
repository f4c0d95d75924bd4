"""The DuckDB side of the benchmark (examples/bench.sh): the year-over-year
changes that `earnings yoy` lists, computed by DuckDB from the same
`earnings-dataset/1` file with exact decimals, written as CSV.

    python3 examples/bench_duckdb.py DATA.json OUT.csv

For every fact with a fact of the same entity, metric and unit for the
prior-year period (FY2025 for FY2026, FY2025-Q4 for FY2026-Q4), two rows as
`earnings yoy` has them: the absolute change (point, low, high; money in
billions; the
generated data is all money) and the percent change (point, low, high; empty, `n/m`, when the
prior or current interval is not wholly on one side of zero). A stated value
is an interval: `rounded` (the default) allows half a unit of its last
written digit either way, `exact` none.

Everything is DECIMAL or HUGEINT: DuckDB divides DECIMALs as DOUBLEs, so the
percentages are integer divisions of HUGEINTs, to 12 decimals (truncated,
where `earnings` rounds outward).

Unlike `earnings`, it does not write the people-facing `inputs` column, and
it reads only `FY` periods and the `rounded` and `exact` bounds: enough for
the generated data (examples/generate.rs), which is all it is for.
"""

import sys

import duckdb

QUERY = """
COPY (
WITH raw AS (
    SELECT unnest(facts) AS f
    FROM read_json($data, maximum_object_size = 2147483647, columns = {
        facts: 'STRUCT(entity VARCHAR, metric VARCHAR, period VARCHAR, value VARCHAR,
                       scale VARCHAR, unit VARCHAR, bound VARCHAR)[]'
    })
),
facts AS (
    SELECT
        f.entity AS entity,
        f.metric AS metric,
        f.period AS period,
        f.unit AS unit,
        f.value AS text,
        coalesce(f.bound, 'rounded') AS bound,
        CASE coalesce(f.scale, 'unit')
            WHEN 'unit' THEN 1 WHEN 'thousand' THEN 1000 WHEN 'million' THEN 1000000
            WHEN 'billion' THEN 1000000000 WHEN 'trillion' THEN 1000000000000
            WHEN 'wan' THEN 10000 WHEN 'yi' THEN 100000000
        END AS factor,
        regexp_extract(f.period, '^FY([0-9]{4})(-Q[1-4])?$', ['year', 'quarter']) AS p
    FROM raw
),
valued AS (
    -- In thousandths of a unit, exactly, as HUGEINTs: the value, and its
    -- interval (half a unit of the last written digit either way).
    SELECT
        entity, metric, period, unit,
        'FY' || lpad(CAST(CAST(p.year AS INTEGER) - 1 AS VARCHAR), 4, '0') || p.quarter AS prior,
        CAST(CAST(text AS DECIMAL(38, 9)) * factor * 1000 AS HUGEINT) AS v,
        CASE bound
            WHEN 'exact' THEN CAST(0 AS HUGEINT)
            ELSE CAST(CAST('0.' || repeat('0', length(split_part(text, '.', 2))) || '5'
                           AS DECIMAL(38, 12)) * factor * 1000 AS HUGEINT)
        END AS half
    FROM facts
    WHERE p.year <> ''
),
pairs AS (
    SELECT
        c.entity, c.metric, c.period, c.unit,
        c.v AS cv, c.v - c.half AS cl, c.v + c.half AS ch,
        p.v AS pv, p.v - p.half AS pl, p.v + p.half AS ph
    FROM valued c JOIN valued p
      ON p.entity = c.entity AND p.metric = c.metric AND p.period = c.prior AND p.unit = c.unit
),
computed AS (
    SELECT
        entity, metric, period, unit,
        cv - pv AS change, cl - ph AS change_low, ch - pl AS change_high,
        -- Percent to 12 decimals, (c − p) / |p| × 100 × 10^12, only where the
        -- prior and current intervals are wholly on one side of zero; its
        -- interval from the corners of the change's over |prior|'s, as
        -- interval arithmetic has it.
        CASE WHEN (pl > 0 AND cl > 0) OR (ph < 0 AND ch < 0) THEN [
            (cv - pv) * CAST(1e14 AS HUGEINT) // abs(pv),
            (cl - ph) * CAST(1e14 AS HUGEINT) // abs(pl),
            (cl - ph) * CAST(1e14 AS HUGEINT) // abs(ph),
            (ch - pl) * CAST(1e14 AS HUGEINT) // abs(pl),
            (ch - pl) * CAST(1e14 AS HUGEINT) // abs(ph)
        ] END AS yoy
    FROM pairs
)
-- Money in billions (thousandths of a unit / 10^12), percent as computed.
SELECT 'change' AS kind, entity, metric, period,
       CAST(change AS DECIMAL(38, 0)) * CAST('0.000000000001' AS DECIMAL(38, 12)) AS value,
       CAST(change_low AS DECIMAL(38, 0)) * CAST('0.000000000001' AS DECIMAL(38, 12)) AS low,
       CAST(change_high AS DECIMAL(38, 0)) * CAST('0.000000000001' AS DECIMAL(38, 12)) AS high,
       unit, 'billion' AS scale
FROM computed
UNION ALL
SELECT 'yoy', entity, metric, period,
       CAST(yoy[1] AS DECIMAL(38, 0)) * CAST('0.000000000001' AS DECIMAL(38, 12)),
       CAST(list_min(yoy[2:5]) AS DECIMAL(38, 0)) * CAST('0.000000000001' AS DECIMAL(38, 12)),
       CAST(list_max(yoy[2:5]) AS DECIMAL(38, 0)) * CAST('0.000000000001' AS DECIMAL(38, 12)),
       'percent', 'unit'
FROM computed
) TO '{out}' (FORMAT csv, HEADER)
"""


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench_duckdb.py DATA.json OUT.csv")
    data, out = sys.argv[1], sys.argv[2]
    connection = duckdb.connect()
    connection.execute(QUERY.replace("{out}", out.replace("'", "''")), {"data": data})


if __name__ == "__main__":
    main()
