#!/usr/bin/env python3
"""The job `uptake report --format csv` does, done the way an analyst would with polars or pandas.

    bench-peers.py polars|pandas DATA_DIR > per-series.csv

Reads DATA_DIR/uptake.csv, groups the rows by series (partner and proxy
population), and writes one CSV row per series, in order of first appearance:
the number of periods, the first and the latest period with their eligible
population and uptake, and the change in percentage points. It is the peer for
the benchmark in scripts/bench.sh (docs/PERFORMANCE.md); it does none of
uptake's validation, intervals or diagnostics, so it is a lower bound on what
a real analysis would cost.
"""
import sys


def with_polars(path, out):
    import polars as pl
    df = pl.read_csv(path, infer_schema_length=10000)
    key = ["partner", "proxy_population"]
    per = (
        df.group_by(key, maintain_order=True)
        .agg(
            pl.len().alias("periods"),
            pl.col("period").min().alias("first_period"),
            pl.col("eligible").sort_by("period").first().alias("first_eligible"),
            pl.col("uptake_pct").sort_by("period").first().alias("first_uptake_pct"),
            pl.col("period").max().alias("latest_period"),
            pl.col("eligible").sort_by("period").last().alias("latest_eligible"),
            pl.col("uptake_pct").sort_by("period").last().alias("latest_uptake_pct"),
        )
        .with_columns((pl.col("latest_uptake_pct") - pl.col("first_uptake_pct")).round(1).alias("change_pp"))
    )
    per.write_csv(out)


def with_pandas(path, out):
    import pandas as pd
    df = pd.read_csv(path, dtype={"partner": str, "proxy_population": str, "period": str})
    key = ["partner", "proxy_population"]
    ordered = df.sort_values("period", kind="stable")
    g = ordered.groupby(key, sort=False)
    first = g[["period", "eligible", "uptake_pct"]].first()
    last = g[["period", "eligible", "uptake_pct"]].last()
    per = pd.DataFrame({
        "periods": g.size(),
        "first_period": first["period"], "first_eligible": first["eligible"], "first_uptake_pct": first["uptake_pct"],
        "latest_period": last["period"], "latest_eligible": last["eligible"], "latest_uptake_pct": last["uptake_pct"],
    })
    per["change_pp"] = (per["latest_uptake_pct"] - per["first_uptake_pct"]).round(1)
    # Series in order of first appearance in the file, as uptake writes them.
    order = df.drop_duplicates(key)[key]
    per = order.merge(per.reset_index(), on=key, how="left")
    per.to_csv(out, index=False)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("polars", "pandas"):
        sys.exit("usage: bench-peers.py polars|pandas DATA_DIR")
    path = sys.argv[2].rstrip("/") + "/uptake.csv"
    (with_polars if sys.argv[1] == "polars" else with_pandas)(path, sys.stdout)


if __name__ == "__main__":
    main()
