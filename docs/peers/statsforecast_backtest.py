"""Holdout backtest of Nixtla statsforecast on a SupplyPlanner data folder, scored like `planner backtest`.

Usage (in a venv with `pip install statsforecast pandas`):
    python statsforecast_backtest.py DATA_DIR --holdout 28 --out OUT_DIR [--ours OURS_DIR] [--arima]
        [--truth TRUTH_CSV]

Each SKU's daily series is its units summed over regions, from its first sale to the last history day,
a day without a row being 0 (as Sources/Forecasting). The last `holdout` days are held out and forecast with
each model; forecasts are floored at 0 (as ours). Per SKU and model: MAE, RMSE, bias (mean forecast -
actual), MASE = MAE / mean|y_t - y_(t-1)| and RMSSE = RMSE / sqrt(mean (y_t - y_(t-1))^2) over the
in-sample history; SKUs with a zero scale are left out of the MASE/RMSSE means. Classes: Syntetos-Boylan
on the raw last 364 history days (ADI 1.32, CV^2 0.49), `new` under 28 days, `inactive` without demand.
"best_by_class" is the analyst's choice with statsforecast alone: AutoETS for smooth and erratic,
CrostonSBA for intermittent, lumpy and inactive, SeasonalNaive for new. A model that fails on a short series
falls back to Naive (statsforecast's fallback_model); SeasonalNaive's NaN for under 7 days becomes Naive.
With --ours, the SKU set and per-class means are compared with `planner backtest --out` metrics.csv.
With --truth (truth.csv of `planner-bench accuracy --out`: sku, shape, date, mean over the holdout), the classes
are the generated shapes, a `true_mean` row scores the true daily mean (the noise floor), and a closing table
puts ours, the best statsforecast model of each shape and the floor side by side with the ratios.
Writes OUT_DIR/metrics.csv (sku, class, model, mae, rmse, bias, mase, rmsse) and OUT_DIR/timings.csv.
"""

import argparse
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
import statsforecast
from statsforecast import StatsForecast
from statsforecast.models import (
    ADIDA, IMAPA, TSB, AutoARIMA, AutoETS, CrostonClassic, CrostonOptimized, CrostonSBA, Naive, SeasonalNaive,
)

CLASSES = ["smooth", "erratic", "intermittent", "lumpy", "new", "inactive"]
BEST_BY_CLASS = {"smooth": "AutoETS", "erratic": "AutoETS", "intermittent": "CrostonSBA", "lumpy": "CrostonSBA",
                 "inactive": "CrostonSBA", "new": "SeasonalNaive"}


def load_series(data_dir, holdout):
    """Dense (sku x day) matrix of units over regions, the first day, the plan (first holdout) column."""
    demand = pd.read_csv(os.path.join(data_dir, "demand.csv"), usecols=["date", "sku", "qty"],
                         dtype={"sku": "category", "qty": "float64"}, parse_dates=["date"])
    first_day, last_day = demand["date"].min(), demand["date"].max()
    columns = (demand["date"] - first_day).dt.days.to_numpy()
    skus = demand["sku"].cat.categories
    units = np.zeros((len(skus), (last_day - first_day).days + 1))
    np.add.at(units, (demand["sku"].cat.codes.to_numpy(), columns), demand["qty"].to_numpy())
    return list(skus), units, first_day, units.shape[1] - holdout


def demand_class(history):
    if len(history) < 28:
        return "new"
    window = history[-364:]
    sizes = window[window > 0]
    if len(sizes) == 0:
        return "inactive"
    adi = len(window) / len(sizes)
    cv2 = sizes.var() / sizes.mean() ** 2 if len(sizes) >= 2 else 0.0
    return ("intermittent" if cv2 < 0.49 else "lumpy") if adi >= 1.32 else ("smooth" if cv2 < 0.49 else "erratic")


def scores(forecast, actual, history):
    errors = forecast - actual
    mae, rmse = np.abs(errors).mean(), np.sqrt((errors ** 2).mean())
    steps = np.diff(history)
    mad, msd = (np.abs(steps).mean(), (steps ** 2).mean()) if len(steps) else (0.0, 0.0)
    return mae, rmse, errors.mean(), mae / mad if mad > 0 else np.nan, rmse / np.sqrt(msd) if msd > 0 else np.nan


def cpu_seconds():
    """User + system CPU of this process and its finished workers."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF,
                                                                          resource.RUSAGE_CHILDREN)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--holdout", type=int, default=28)
    parser.add_argument("--out", required=True)
    parser.add_argument("--ours", help="folder of `planner backtest --out` to compare with")
    parser.add_argument("--arima", action="store_true", help="also AutoARIMA(season_length=7) (slow)")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--truth", help="truth.csv of planner-bench accuracy: classes become shapes, adds true_mean")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    start = time.perf_counter()
    skus, units, first_day, plan = load_series(args.data_dir, args.holdout)
    frames, histories, actuals, classes = [], {}, {}, {}
    for row, sku in enumerate(skus):
        sold = np.flatnonzero(units[row, :plan])
        if len(sold) == 0:
            continue  # no sale before the holdout: no forecast (ours does not score these either)
        history = units[row, sold[0]:plan]
        histories[sku], actuals[sku], classes[sku] = history, units[row, plan:], demand_class(history)
        days = pd.date_range(first_day + pd.Timedelta(days=int(sold[0])), periods=len(history), freq="D")
        frames.append(pd.DataFrame({"unique_id": sku, "ds": days, "y": history}))
    train = pd.concat(frames, ignore_index=True)
    load_seconds = time.perf_counter() - start
    print(f"statsforecast {statsforecast.__version__}, pandas {pd.__version__}, numpy {np.__version__}; "
          f"{len(histories)} SKUs, {len(train)} history rows, holdout from "
          f"{(first_day + pd.Timedelta(days=plan)).date()}; load {load_seconds:.2f} s")

    models = [SeasonalNaive(season_length=7), AutoETS(season_length=7), CrostonClassic(), CrostonOptimized(),
              CrostonSBA(), TSB(alpha_d=0.2, alpha_p=0.2), TSB(alpha_d=0.1, alpha_p=0.1, alias="TSB_0.1"),
              ADIDA(), IMAPA()] + ([AutoARIMA(season_length=7)] if args.arima else [])
    forecasts, timings = {}, []
    for model in models:
        name = str(model)
        start, cpu_start = time.perf_counter(), cpu_seconds()
        result = StatsForecast(models=[model], freq="D", n_jobs=args.n_jobs, fallback_model=Naive()).forecast(
            df=train, h=args.holdout)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
        table = result.pivot(index="unique_id", columns="ds", values=name)
        forecasts[name] = table
        timings.append((name, seconds, cpu))
        print(f"  {name:18s} fit+predict {seconds:8.2f} s wall, {cpu:8.2f} s CPU", flush=True)

    truth = None
    if args.truth:
        table = pd.read_csv(args.truth, parse_dates=["date"])
        shapes = table.groupby("sku")["shape"].first()
        classes.update({sku: shapes[sku] for sku in histories if sku in shapes.index})
        truth = table.pivot(index="sku", columns="date", values="mean")

    rows = []
    for sku, history in histories.items():
        if truth is not None:
            rows.append((sku, classes[sku], "true_mean") + scores(truth.loc[sku].to_numpy(), actuals[sku], history))
        for name, table in forecasts.items():
            forecast = table.loc[sku].to_numpy()
            forecast = np.where(np.isnan(forecast), history[-1], forecast)  # SeasonalNaive under 7 days
            rows.append((sku, classes[sku], name) + scores(np.maximum(forecast, 0), actuals[sku], history))
    metrics = pd.DataFrame(rows, columns=["sku", "class", "model", "mae", "rmse", "bias", "mase", "rmsse"])
    best = metrics[metrics["model"] == metrics["class"].map(BEST_BY_CLASS)].assign(model="best_by_class")
    metrics = pd.concat([metrics, best], ignore_index=True)
    metrics.to_csv(os.path.join(args.out, "metrics.csv"), index=False)
    usage_self = resource.getrusage(resource.RUSAGE_SELF)
    usage_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    timings.append(("load", load_seconds, np.nan))
    pd.DataFrame(timings, columns=["step", "wall_seconds", "cpu_seconds"]).to_csv(os.path.join(args.out, "timings.csv"), index=False)
    print(f"CPU {cpu_seconds():.1f} s; peak RSS {usage_self.ru_maxrss / 1024:.0f}"
          f" MB (main process), {usage_children.ru_maxrss / 1024:.0f} MB (largest worker)")

    if args.ours:
        ours = pd.read_csv(os.path.join(args.ours, "metrics.csv"))
        ours = ours[ours["selected"]].assign(model="ours_selected")
        ours_skus, our_skus = set(ours["sku"]), set(histories)
        print(f"SKUs: ours {len(ours_skus)}, statsforecast {len(our_skus)}, common {len(ours_skus & our_skus)}")
        ours = ours[ours["sku"].isin(our_skus)].assign(**{"class": lambda t: t["sku"].map(classes)})
        metrics = pd.concat([ours[metrics.columns], metrics[metrics["sku"].isin(ours_skus)]], ignore_index=True)
    order = {name: index for index, name in enumerate(["ours_selected", "true_mean", "best_by_class"]
                                                       + list(forecasts))}
    labels = CLASSES if truth is None else list(dict.fromkeys(classes[sku] for sku in histories))
    for label, part in [(c, metrics[metrics["class"] == c]) for c in labels] + [("all", metrics)]:
        if part.empty:
            continue
        table = part.groupby("model").agg(skus=("sku", "size"), scaled=("mase", "count"), mae=("mae", "mean"),
                                          rmse=("rmse", "mean"), bias=("bias", "mean"), mase=("mase", "mean"),
                                          rmsse=("rmsse", "mean"))
        table = table.sort_index(key=lambda index: index.map(order))
        print(f"\n{label}\n{table.round(3).to_string()}")
    if truth is not None and args.ours:
        side_by_side(metrics, labels, list(forecasts))


def side_by_side(metrics, labels, peer_models):
    """Per shape: ours, the best statsforecast model by MASE (and its RMSSE), the floor, and the ratios."""
    print("\nshape          ours MASE/RMSSE   best statsforecast (MASE)      floor MASE/RMSSE   ours/floor  ours/best")
    for label in labels + ["all"]:
        part = metrics if label == "all" else metrics[metrics["class"] == label]
        means = part.groupby("model")[["mase", "rmsse"]].mean()
        if "ours_selected" not in means.index:
            continue
        ours, floor = means.loc["ours_selected"], means.loc["true_mean"]
        peers = means.loc[[m for m in peer_models if m in means.index]]
        best = peers["mase"].idxmin()
        print(f"{label:13s} {ours.mase:6.3f} / {ours.rmsse:5.3f}   {best:15s} {peers.loc[best].mase:6.3f} / "
              f"{peers.loc[best].rmsse:5.3f}   {floor.mase:6.3f} / {floor.rmsse:5.3f}   {ours.mase / floor.mase:9.3f}"
              f"  {ours.mase / peers.loc[best].mase:9.3f}")


if __name__ == "__main__":
    sys.exit(main())
