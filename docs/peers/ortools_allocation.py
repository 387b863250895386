"""OR-Tools' min-cost flow against `planner allocate`, side by side on the same exported allocation days.

Usage (in a venv outside the repository with `pip install ortools pyyaml`):
    python ortools_allocation.py DAY_DIR [DAY_DIR ...] [--planner [LABEL=].build/release/planner ...]
                                 [--config Config/planner.yaml] [--dry-run] [--csv OUT.csv]

Each DAY_DIR is one day written by `planner-bench allocate --export DIR` (DAY_DIR/scenario.yaml and
DAY_DIR/data/*.csv). For every day, in turn and in one process, the script runs:
  1. ours: `planner allocate DAY_DIR/scenario.yaml --out TMP` (load, allocation with explanations, dispatch,
     store in the database unless --dry-run; each planner in a folder of its own under --work-dir, so with
     an embedded database of its own), timed as a whole process; the solve seconds and objective
     come from the run's allocation_solves.csv. --planner may be given several times (LABEL=PATH, e.g. a
     build before and after a change): each runs in turn on the same day;
  2. OR-Tools: SimpleMinCostFlow on the same model, read from the same CSV files.

The model (docs/allocation-model.md) as one single-commodity network: a source with every ordered unit;
source -> warehouse w (capacity: daily_capacity_units, unlimited when blank); w -> stock (w, s) (capacity:
on hand, negative counted as 0); stock (w, s) -> bucket (s, region, priority) for every lane (w, region),
cost lane cost_per_unit + next_day_miss_penalty_per_unit when transit_days > 1; source -> bucket, cost
unfilled_penalty_per_unit x priority_weight (units left unfilled); buckets demand their units. Lines of
one (sku, region, priority) are interchangeable (the planner's exact bucket reduction). The warehouse
capacity sits on the supply side of each SKU's stock, so SKUs never mix: the LP is this network exactly.
OR-Tools takes integer costs, so costs are in cents; a cost that is not a whole number of cents stops the
script. Settings: the configuration's allocation section with the scenario's overrides on top.

Prints one Markdown row per day (ours: process wall, allocate stage, solve; OR-Tools: read, build,
solve; both objectives and whether they agree to 1e-6 relative) and writes them to --csv.
"""

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time

import yaml
from ortools.graph.python import min_cost_flow


def settings_for(config_path, scenario_path):
    with open(config_path) as handle:
        allocation = dict((yaml.safe_load(handle) or {}).get("allocation") or {})
    with open(scenario_path) as handle:
        scenario = yaml.safe_load(handle)
    overrides = ((scenario.get("overrides") or {}).get("allocation")) or {}
    allocation.update(overrides)
    weights = {int(key): float(value) for key, value in (allocation.get("priority_weights") or {}).items()}
    return {
        "unfilled": float(allocation.get("unfilled_penalty_per_unit", 50)),
        "miss": float(allocation.get("next_day_miss_penalty_per_unit", 2)),
        "weights": weights,
        "plan_date": str(scenario["plan_date"]),
    }


def cents(value, what):
    scaled = round(value * 100)
    if abs(value * 100 - scaled) > 1e-6:
        sys.exit(f"{what}: {value} is not a whole number of cents; OR-Tools needs integer costs")
    return scaled


def read_day(data_dir, plan_date):
    """The CSV tables the model needs, as plain lists (open lines: order_date <= plan_date)."""
    def rows(name):
        with open(os.path.join(data_dir, name), newline="") as handle:
            return list(csv.DictReader(handle))

    warehouses = rows("warehouses.csv")
    lanes = rows("lanes.csv")
    stock = rows("stock.csv")
    orders = [row for row in rows("orders.csv") if row["order_date"] <= plan_date]
    return warehouses, lanes, stock, orders


def solve_ortools(day_dir, settings):
    start = time.perf_counter()
    warehouses, lanes, stock, orders = read_day(os.path.join(day_dir, "data"), settings["plan_date"])
    read_seconds = time.perf_counter() - start

    start = time.perf_counter()
    buckets = {}
    for row in orders:
        priority = int(row["priority"]) if row["priority"] else 2
        key = (row["sku"], row["region"], priority)
        buckets[key] = buckets.get(key, 0) + int(row["qty"])
    total_units = sum(buckets.values())
    lanes_by_region = {}
    for lane in lanes:
        cost = float(lane["cost_per_unit"]) + (settings["miss"] if int(lane["transit_days"]) > 1 else 0)
        lanes_by_region.setdefault(lane["region"], []).append((lane["warehouse"], cents(cost, "lane cost")))
    ordered_skus = {sku for (sku, _, _) in buckets}
    on_hand = {}
    for row in stock:
        units = max(0, int(row["on_hand"]))
        if units > 0 and row["sku"] in ordered_skus:
            key = (row["warehouse"], row["sku"])
            on_hand[key] = on_hand.get(key, 0) + units

    flow = min_cost_flow.SimpleMinCostFlow()
    tails, heads, capacities, costs = [], [], [], []
    node_count = 1  # node 0: the source
    warehouse_node = {}
    for row in warehouses:
        warehouse_node[row["warehouse"]] = node_count
        node_count += 1
        capacity = int(row["daily_capacity_units"]) if row["daily_capacity_units"] else total_units
        tails.append(0), heads.append(warehouse_node[row["warehouse"]]), capacities.append(capacity), costs.append(0)
    stock_node = {}
    for (warehouse, sku), units in sorted(on_hand.items()):
        stock_node[(warehouse, sku)] = node_count
        node_count += 1
        tails.append(warehouse_node[warehouse]), heads.append(node_count - 1)
        capacities.append(units), costs.append(0)
    supplies = {0: total_units}
    for (sku, region, priority), units in sorted(buckets.items()):
        bucket = node_count
        node_count += 1
        supplies[bucket] = -units
        penalty = settings["unfilled"] * settings["weights"].get(priority, 1.0)
        tails.append(0), heads.append(bucket), capacities.append(units), costs.append(cents(penalty, "penalty"))
        for warehouse, cost in lanes_by_region.get(region, []):
            node = stock_node.get((warehouse, sku))
            if node is not None:
                tails.append(node), heads.append(bucket), capacities.append(units), costs.append(cost)
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    for node, supply in supplies.items():
        flow.set_node_supply(node, supply)
    build_seconds = time.perf_counter() - start

    start = time.perf_counter()
    status = flow.solve()
    solve_seconds = time.perf_counter() - start
    if status != flow.OPTIMAL:
        sys.exit(f"{day_dir}: OR-Tools ended with status {status}, expected OPTIMAL")
    return {
        "read": read_seconds, "build": build_seconds, "solve": solve_seconds,
        "objective": flow.optimal_cost() / 100, "nodes": node_count, "arcs": len(tails),
    }


def run_ours(day_dir, planner, config, dry_run, work_dir):
    with tempfile.TemporaryDirectory() as out:
        command = [os.path.abspath(planner), "allocate", os.path.abspath(os.path.join(day_dir, "scenario.yaml")),
                   "--out", out, "--log-level", "error"]
        if config:
            command += ["--config", config]
        if dry_run:
            command.append("--dry-run")
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, cwd=work_dir)
        wall = time.perf_counter() - start
        if completed.returncode != 0:
            sys.exit(f"{day_dir}: planner exited {completed.returncode}: {completed.stderr.strip()}")
        with open(os.path.join(out, "allocation_solves.csv"), newline="") as handle:
            solve = next(csv.DictReader(handle))
        import json
        with open(os.path.join(out, "summary.json")) as handle:
            summary = json.load(handle)
        return {
            "wall": wall, "allocate": summary["stage_seconds"]["allocate"], "solve": float(solve["solve_seconds"]),
            "objective": float(solve["objective"]), "path": solve["solver_path"],
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("days", nargs="+")
    parser.add_argument("--planner", action="append", help="[LABEL=]PATH of a planner binary; repeatable")
    parser.add_argument("--config", default="Config/planner.yaml")
    parser.add_argument("--dry-run", action="store_true", help="ours computes without storing the run")
    parser.add_argument("--csv")
    parser.add_argument("--work-dir", help="folder for each planner's embedded database (default: a new temp folder)")
    args = parser.parse_args()

    planners = []
    for entry in args.planner or [".build/release/planner"]:
        label, _, path = entry.rpartition("=")
        planners.append((label or "ours", path))
    # Each planner runs in a folder of its own, so each has its own embedded database (two builds may need
    # different schema versions).
    config = os.path.abspath(args.config)
    work_root = args.work_dir or tempfile.mkdtemp(prefix="ortools-peer-")
    work_dirs = {}
    for label, _ in planners:
        work_dirs[label] = os.path.join(work_root, label)
        os.makedirs(work_dirs[label], exist_ok=True)
    header = ["day"]
    for label, _ in planners:
        header += [f"{label} wall s", f"{label} allocate s", f"{label} solve s", f"{label} path"]
    header += ["OR-Tools read s", "OR-Tools build s", "OR-Tools solve s", "nodes", "arcs"]
    header += [f"{label} objective" for label, _ in planners] + ["OR-Tools objective", "agree"]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    results = []
    for day_dir in args.days:
        settings = settings_for(args.config, os.path.join(day_dir, "scenario.yaml"))
        ours = [run_ours(day_dir, path, config, args.dry_run, work_dirs[label]) for label, path in planners]
        theirs = solve_ortools(day_dir, settings)
        agree = all(abs(run["objective"] - theirs["objective"]) <= 1e-6 * max(1.0, abs(theirs["objective"]))
                    for run in ours)
        row = [os.path.basename(os.path.normpath(day_dir))]
        for run in ours:
            row += [f"{run['wall']:.3f}", f"{run['allocate']:.3f}", f"{run['solve']:.3f}", run["path"]]
        row += [f"{theirs['read']:.3f}", f"{theirs['build']:.3f}", f"{theirs['solve']:.3f}", str(theirs["nodes"]),
                str(theirs["arcs"])]
        row += [f"{run['objective']:.2f}" for run in ours]
        row += [f"{theirs['objective']:.2f}", "yes" if agree else "NO"]
        print("| " + " | ".join(row) + " |", flush=True)
        results.append(row)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"OR-Tools process peak RSS {peak_mb:.0f} MB; load average {os.getloadavg()[0]:.2f}")
    if args.csv:
        with open(args.csv, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(results)
    if any(row[-1] != "yes" for row in results):
        sys.exit("objectives differ")


if __name__ == "__main__":
    main()
