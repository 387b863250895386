#!/usr/bin/env bash
# Submits a sharded plan to Slurm: the totals step of every shard (a job array), the returns step of every shard (a
# job array that starts when all totals have succeeded, --dependency=afterok), the forecast step (after all returns
# steps), then the merge (after all forecasts).
# A failed task cancels what depends on it (--kill-on-invalid-dep=yes); rerun it with the same array index:
#   sbatch --array=3 --export=ALL,PLANNER_SCENARIO=...,PLANNER_STAGE=...,PLANNER_SHARDS=8 deploy/slurm/shard.sbatch
#
#   deploy/slurm/submit.sh SCENARIO STAGE SHARDS [SBATCH OPTION...]
# prints the four job ids (totals array, returns array, forecast array, merge). The database comes from PLANNER_DATABASE_URL in the
# environment (exported to the jobs, never on a command line); PLANNER names the planner binary (default: planner
# on PATH), which every node must be able to run; SCENARIO and its data folder must be readable on every node.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 SCENARIO STAGE SHARDS [SBATCH OPTION...]" >&2
  exit 64
fi
scenario=$(realpath "$1")
stage=$2
shards=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
planner=${PLANNER:-planner}
case "$planner" in */*) planner=$(realpath "$planner") ;; esac
export PLANNER=$planner PLANNER_SCENARIO=$scenario PLANNER_STAGE=$stage PLANNER_SHARDS=$shards
common=(--parsable --kill-on-invalid-dep=yes --export=ALL "$@")
totals=$(PLANNER_STEP=totals sbatch "${common[@]}" --array="0-$((shards - 1))" --job-name="planner-totals-$stage" \
  "$here/shard.sbatch")
totals=${totals%%;*}
returns=$(PLANNER_STEP=returns sbatch "${common[@]}" --array="0-$((shards - 1))" --dependency="afterok:$totals" \
  --job-name="planner-returns-$stage" "$here/shard.sbatch")
returns=${returns%%;*}
forecast=$(PLANNER_STEP=forecast sbatch "${common[@]}" --array="0-$((shards - 1))" --dependency="afterok:$returns" \
  --job-name="planner-forecast-$stage" "$here/shard.sbatch")
forecast=${forecast%%;*}
merge=$(sbatch "${common[@]}" --dependency="afterok:$forecast" --job-name="planner-merge-$stage" "$here/merge.sbatch")
merge=${merge%%;*}
echo "$totals $returns $forecast $merge"
