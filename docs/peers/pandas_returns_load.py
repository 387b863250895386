"""Peer for loading returns.csv: pandas.read_csv with typed columns, as a data team would load it.

Reads DATA_DIR/returns.csv (date, sku, region, qty, optional grade), parses the dates, turns sku, region and
grade into categorical codes and qty into int32 (the planner's record holds the same: a day, two indices, a
quantity and a grade), checks what the planner checks (known sku and region from skus.csv and regions.csv,
qty >= 1, a known grade), and prints wall seconds, CPU seconds and peak resident memory.

Usage (pandas from PyPI in a venv outside the repository, e.g. the statsforecast one of docs/benchmarks.md):
    /work/peers/venv-statsforecast/bin/python docs/peers/pandas_returns_load.py DATA_DIR
"""

import resource
import sys
import time

import pandas as pd


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    wall_start = time.perf_counter()
    cpu_start = time.process_time()
    skus = pd.read_csv(f"{folder}/skus.csv", usecols=["sku"], dtype=str)["sku"]
    regions = pd.read_csv(f"{folder}/regions.csv", usecols=["region"], dtype=str)["region"]
    frame = pd.read_csv(
        f"{folder}/returns.csv",
        dtype={"sku": "category", "region": "category", "qty": "int64", "grade": "category"},
        parse_dates=["date"],
        date_format="%Y-%m-%d",
        keep_default_na=False,
    )
    frame["sku"] = pd.Categorical(frame["sku"], categories=skus)
    frame["region"] = pd.Categorical(frame["region"], categories=regions)
    problems = int(frame["sku"].isna().sum() + frame["region"].isna().sum() + (frame["qty"] < 1).sum())
    if "grade" in frame:
        known = frame["grade"].isin(["", "resellable", "defective", "scrap"])
        problems += int((~known).sum())
    frame["qty"] = frame["qty"].astype("int32")
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"pandas {pd.__version__}: {len(frame):,} rows, {problems} problems, "
        f"wall {wall:.2f} s, cpu {cpu:.2f} s, peak rss {peak_mb:.0f} MB, "
        f"frame {frame.memory_usage(deep=True).sum() / 1e6:.0f} MB"
    )


if __name__ == "__main__":
    main()
