#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, from Debian's slurm-wlm and munge, running sharded plans end to end and
# checking each merged run against the unsharded run of the same inputs, table by table, row by row.
#
#   deploy/slurm/local-cluster.sh              the sample scenario (3 shards, demand streamed and skipped) and a
#                                              generated data set (partitioned into 4 shards)
#   deploy/slurm/local-cluster.sh start        start the cluster only, print the environment to use it, leave it running
#   deploy/slurm/local-cluster.sh stop DIR     stop a cluster `start` left in DIR
#
# Runs as root (it installs slurm-wlm and munge with apt-get when missing, and starts the daemons). Everything else
# lives in a temporary folder: slurm.conf, the controller's state, the node's spool, logs, a munge daemon of its own
# on its own socket (a system munged, if any, is left alone), ports chosen free, and an embedded PostgreSQL. The
# daemons it started are stopped at the end (by their pid files), whatever happened.
# Environment: PLANNER (default .build/debug/planner), KEEP=1 keeps the folder for a post-mortem.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
planner=$(realpath "${PLANNER:-.build/debug/planner}")
command=${1:-check}

log() { echo "[slurm $(date +%H:%M:%S)] $*"; }

if [ "$(id -u)" != 0 ]; then
  echo "deploy/slurm/local-cluster.sh starts slurmctld, slurmd and munged: run it as root (sudo)" >&2
  exit 1
fi

install_missing() {
  local missing=""
  for package in slurm-wlm munge; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    log "installing$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing > /dev/null
  fi
}

# A TCP port nobody listens on, from a range away from Slurm's defaults.
free_port() {
  local port
  for port in $(shuf -i 20000-40000 -n 50); do
    if ! ss -Hltn "sport = :$port" | grep -q .; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

start_cluster() {
  local dir=$1
  mkdir -p "$dir"/{munge,slurm/state,slurm/spool,logs}
  chmod 755 "$dir"
  # munge: the package's key, copied for a daemon of our own on our own socket.
  chown munge:munge "$dir/munge"
  chmod 700 "$dir/munge"
  install -o munge -g munge -m 400 /etc/munge/munge.key "$dir/munge/munge.key"
  runuser -u munge -- /usr/sbin/munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/seed"
  local host
  host=$(hostname -s)
  local controller_port node_port
  controller_port=$(free_port)
  node_port=$(free_port)
  cat > "$dir/slurm/slurm.conf" <<CONF
ClusterName=planner-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$controller_port
SlurmdPort=$node_port
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
MinJobAge=3600
StateSaveLocation=$dir/slurm/state
SlurmdSpoolDir=$dir/slurm/spool
SlurmctldPidFile=$dir/slurm/slurmctld.pid
SlurmdPidFile=$dir/slurm/slurmd.pid
SlurmctldLogFile=$dir/slurm/slurmctld.log
SlurmdLogFile=$dir/slurm/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=planner Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$dir/slurm/slurm.conf
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  local attempt
  for attempt in $(seq 120); do
    if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      log "cluster up: $(sinfo -h -o '%P %D nodes %c CPUs %T') (controller port $controller_port)"
      return
    fi
    sleep 0.5
  done
  echo "the node did not come up; slurmctld.log and slurmd.log:" >&2
  tail -n 20 "$dir/slurm/slurmctld.log" "$dir/slurm/slurmd.log" >&2
  return 1
}

stop_cluster() {
  local dir=$1
  export SLURM_CONF=$dir/slurm/slurm.conf
  [ -f "$SLURM_CONF" ] && scancel --quiet --user=root 2>/dev/null || true
  local pidfile
  for pidfile in "$dir/slurm/slurmd.pid" "$dir/slurm/slurmctld.pid" "$dir/munge/munged.pid"; do
    if [ -f "$pidfile" ]; then
      local pid
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ -d "$dir/.planner" ]; then (cd "$dir" && env -u PLANNER_DATABASE_URL "$planner" db stop > /dev/null) || true; fi
}

# Waits for the jobs to leave the queue; then every task of each must have COMPLETED.
wait_for() {
  local ids=("$@")
  local id
  while squeue -h -j "$(IFS=,; echo "${ids[*]}")" 2>/dev/null | grep -q .; do sleep 1; done
  for id in "${ids[@]}"; do
    local states
    states=$(scontrol -o show job "$id" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr -s ' ')
    if [ "$(scontrol -o show job "$id" | grep -c 'JobState=COMPLETED')" != "$(scontrol -o show job "$id" | wc -l)" ]; then
      echo "job $id did not complete:$states" >&2
      return 1
    fi
  done
}

# Rows of run $2 missing from run $3 and the other way, per run table (the solve time aside): all 0, or exit 1.
compare_runs() {
  local url=$1 merged=$2 unsharded=$3
  local report
  report=$(psql -X -q -A -t -v ON_ERROR_STOP=1 "$url" <<SQL
SELECT format(
    'SELECT %L, (SELECT count(*) FROM planner.%I WHERE run_id = $merged), '
    '(SELECT count(*) FROM (SELECT %s FROM planner.%I WHERE run_id = $merged EXCEPT ALL '
    'SELECT %s FROM planner.%I WHERE run_id = $unsharded) a) + '
    '(SELECT count(*) FROM (SELECT %s FROM planner.%I WHERE run_id = $unsharded EXCEPT ALL '
    'SELECT %s FROM planner.%I WHERE run_id = $merged) b)',
    c.relname, c.relname, cols, c.relname, cols, c.relname, cols, c.relname, cols, c.relname)
FROM (
    SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS cols
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'planner' AND c.relkind = 'p' AND a.attname NOT IN ('run_id', 'solve_seconds')
    GROUP BY c.relname ORDER BY c.relname
) c \gexec
SQL
)
  echo "$report" | awk -F'|' '{ printf "    %-26s %9d rows, %d differ\n", $1, $2, $3 }'
  ! echo "$report" | awk -F'|' '$3 != 0 { bad = 1 } END { exit !bad }'
}

# A sharded plan through Slurm, then the same plan unsharded, compared.
check() {
  local name=$1 scenario=$2 unsharded_scenario=$3 shards=$4 url=$5 dir=$6
  local start end
  start=$(date +%s.%N)
  local jobs
  jobs=$(PLANNER=$planner PLANNER_MERGE_OPTIONS="--force" PLANNER_TIME=1 deploy/slurm/submit.sh "$scenario" "$name" \
    "$shards" --output="$dir/logs/%x-%A_%a.out" --chdir="$dir")
  log "$name: submitted totals array, returns array, forecast array, merge: $jobs"
  # shellcheck disable=SC2086
  wait_for $jobs
  end=$(date +%s.%N)
  local merged
  merged=$(psql -X -A -t "$url" -c "SELECT max(run_id) FROM planner.runs")
  log "$name: $shards shards and the merge done in $(python3 -c "print(f'{$end - $start:.1f}')") s: run $merged"
  grep -h "KB peak" "$dir"/logs/planner-*-"$name"-*.out | sort | sed 's/^/    /'
  "$planner" plan "$unsharded_scenario" --database "$url" --force --log-level warning > "$dir/logs/unsharded-$name.txt"
  local unsharded
  unsharded=$(psql -X -A -t "$url" -c "SELECT max(run_id) FROM planner.runs")
  log "$name: unsharded run $unsharded; every table of run $merged against it:"
  if ! compare_runs "$url" "$merged" "$unsharded"; then
    echo "the merged run $merged differs from the unsharded run $unsharded" >&2
    return 1
  fi
}

case "$command" in
  stop)
    stop_cluster "${2:?usage: $0 stop DIR}"
    exit 0
    ;;
  start | check) ;;
  *)
    echo "usage: $0 [check | start | stop DIR]" >&2
    exit 64
    ;;
esac

install_missing
test -x "$planner" || { echo "no planner at $planner (make build, or set PLANNER)" >&2; exit 1; }
work=$(mktemp -d /tmp/planner-slurm.XXXXXX)
if [ "$command" = start ]; then
  start_cluster "$work"
  echo "export SLURM_CONF=$work/slurm/slurm.conf   # stop with: $0 stop $work"
  exit 0
fi
cleanup() {
  local status=$?
  stop_cluster "$work"
  if [ "$status" != 0 ] || [ -n "${KEEP:-}" ]; then
    echo "logs kept in $work (slurm/*.log, logs/)" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
started=$(date +%s)
start_cluster "$work"
url=$(cd "$work" && "$planner" db start | sed 's/^embedded database running: //')
export PLANNER_DATABASE_URL=$url

# 1. The sample scenario, 3 shards each reading all of demand.csv and skipping other shards' rows.
cp -r Scenarios/sample "$work/sample"
cp Scenarios/peak-season.yaml "$work/peak-season.yaml"
check sample "$work/peak-season.yaml" "$work/peak-season.yaml" 3 "$url" "$work"

# 2. A generated data set with returns, partitioned into 4 shards; the unsharded plan reads the original folder.
"$planner" generate --skus 1200 --regions 6 --warehouses 4 --days 800 --orders 3000 --seed 16 \
  --out "$work/generated" > /dev/null
"$planner" partition "$work/generated" --shards 4 --out "$work/generated-4" | sed 's/^/    /'
for data in generated generated-4; do
  printf 'name: generated\ndata: %s\nplan_date: 2026-11-16\nhorizon_days: 28\nevents:\n  - {kind: demand_uplift, from: 2026-11-23, to: 2026-11-30, factor: 1.3, abc_class: [A]}\n' \
    "$data" > "$work/$data.yaml"
done
check generated "$work/generated-4.yaml" "$work/generated.yaml" 4 "$url" "$work"
log "every merged run equals its unsharded run, row for row ($(( $(date +%s) - started )) s in all)"
