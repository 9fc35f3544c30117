#!/usr/bin/env bash
# A real Slurm cluster test of the shipped job files: starts a one-node cluster on this machine (munged, slurmctld,
# slurmd), submits experiments/cluster/sweep-array.sbatch as an array job for a small sweep and merge.sbatch after
# it, and checks that the merged folder is byte-identical to the same sweep run on one machine.
# Needs root (apt-get, and slurmd must be root to start jobs as the submitting user) and Debian's apt.
# Run with: npm run test:slurm     Keep the scratch folder for inspection with SLURM_TEST_KEEP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# A sweep of 6 tiny points takes seconds; the limit only stops a job that would otherwise hang CI.
TIMEOUT=${SLURM_TEST_TIMEOUT:-300}
# Not Slurm's default ports (6817, 6818): a Slurm already on this machine must neither answer nor be disturbed.
CTLD_PORT=${SLURM_TEST_CTLD_PORT:-16817}
SLURMD_PORT=${SLURM_TEST_SLURMD_PORT:-16818}

say() { printf '[slurm-test %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { say "FAIL: $*" >&2; exit 1; }

# experiments/README.md shows what the jobs run; it must be what they do run, and that is what this test checks.
readme=$(cat "$ROOT/experiments/README.md")
for job in sweep-array merge; do
  run=$(sed -n '/^exec \$DEPARTURE_SIM /,$p' "$ROOT/experiments/cluster/$job.sbatch")
  if [ -z "$run" ] || [[ $readme != *"$run"* ]]; then
    die "experiments/README.md does not quote the command of experiments/cluster/$job.sbatch as it is"
  fi
done

[ "$(id -u)" -eq 0 ] || die "run as root: it installs Debian packages and runs slurmd, which starts jobs as their user"

# --- Debian packages ---------------------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
   || ! command -v munged >/dev/null || ! command -v mungekey >/dev/null; then
  say "installing slurm-wlm and munge with apt-get"
  # Without systemd, the packages' postinst scripts would start munged (and try slurmctld, slurmd) from
  # /etc/init.d with the system configuration, leaving daemons behind; policy-rc.d exit 101 forbids that.
  # An existing policy-rc.d is left as it is.
  policy_added=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  install_rc=0
  (
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends slurm-wlm munge
  ) || install_rc=$?
  if [ -n "$policy_added" ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ "$install_rc" -eq 0 ] || die "apt-get install slurm-wlm munge failed (exit $install_rc)"
fi
say "$(slurmctld -V), munge $(munged -V 2>&1 | awk '{print $1; exit}')"

# The one-machine run below uses the built CLI; the jobs use npx departure-sim, which runs the same dist/.
if [ ! -f "$ROOT/dist/cli/main.js" ]; then
  say "dist/ missing: npm run build"
  (cd "$ROOT" && npm run build)
fi

# --- scratch folder and clean-up ---------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/departure-sim-slurm.XXXXXX")
# munged refuses a socket in a folder that others cannot search; mktemp makes it 0700.
chmod 755 "$WORK"
mkdir -m 700 "$WORK/munge-key"
mkdir -m 755 "$WORK/munge-run" "$WORK/slurm" "$WORK/slurm/state" "$WORK/slurm/spool" "$WORK/logs"
export SLURM_CONF="$WORK/slurm/slurm.conf"

munged_pid='' ctld_pid='' slurmd_pid='' job_ids='' ok=''
show_logs() {
  local f
  for f in "$WORK"/logs/*; do
    [ -e "$f" ] || continue
    say "---- job log $f"; cat "$f"
  done
  if [ -n "$job_ids" ] && [ -n "$ctld_pid" ]; then
    say "---- squeue -t all"; squeue -t all -r -o '%i %j %T %r %N' 2>&1 || true
    say "---- scontrol show job"; scontrol show job 2>&1 || true
  fi
  for f in slurm/slurmctld.log slurm/slurmd.log munged.log; do
    [ -e "$WORK/$f" ] || continue
    say "---- last 80 lines of $f"; tail -n 80 "$WORK/$f"
  done
}
# A zombie counts as gone: munged forks away from this shell, and its new parent may take a while to reap it.
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }
# Stop a daemon this script started: TERM, up to 15 s to exit, then KILL.
stop() {
  local pid=$1 name=$2 _
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do alive "$pid" || return 0; sleep 0.5; done
  say "$name (pid $pid) ignored TERM; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$? pid ids
  trap - EXIT INT TERM
  set +e
  IFS=, read -ra ids <<<"$job_ids"
  if [ -z "$ok" ]; then
    say "failed (exit $rc): logs follow"
    show_logs
  fi
  if [ -n "$job_ids" ] && alive "$ctld_pid"; then
    scancel "${ids[@]}" 2>/dev/null
    # Let slurmd end the jobs' processes before it stops; once it is gone, nothing would.
    for _ in $(seq 1 30); do
      [ -z "$(squeue -h -j "$job_ids" -o %i 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  stop "$slurmd_pid" slurmd
  stop "$ctld_pid" slurmctld
  stop "$munged_pid" munged
  # A job outlives a killed slurmd (slurmstepd and the job's processes). Every process this run started carries
  # its SLURM_CONF in its environment, and no other process does: end those still there.
  for pid in /proc/[0-9]*; do
    pid=${pid#/proc/}
    [ "$pid" != $$ ] || continue
    if tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qxF "SLURM_CONF=$SLURM_CONF"; then
      say "stopping leftover process $pid ($(cat "/proc/$pid/comm" 2>/dev/null))"
      kill -KILL "$pid" 2>/dev/null
    fi
  done
  if [ -n "${SLURM_TEST_KEEP:-}" ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- munge -------------------------------------------------------------------------------------------------------
# A key and a socket of its own: the test neither needs nor touches /etc/munge or a munged already running.
say "starting munged"
mungekey --create --keyfile="$WORK/munge-key/munge.key"
munged --socket="$WORK/munge-run/munge.sock" --key-file="$WORK/munge-key/munge.key" \
  --pid-file="$WORK/munge-run/munged.pid" --seed-file="$WORK/munge-key/munged.seed" --log-file="$WORK/munged.log"
munged_pid=$(cat "$WORK/munge-run/munged.pid")
munge -S "$WORK/munge-run/munge.sock" -n | unmunge -S "$WORK/munge-run/munge.sock" >/dev/null \
  || die "munge cannot encode and decode a credential"

# --- slurm.conf --------------------------------------------------------------------------------------------------
HOST=$(hostname -s)
CPUS=$(nproc)
# slurmd drains a node whose RealMemory is above what it finds; 90% leaves room for rounding and the kernel.
MEM_MB=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
for port in "$CTLD_PORT" "$SLURMD_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use: set SLURM_TEST_CTLD_PORT and SLURM_TEST_SLURMD_PORT to free ports"
  fi
done
cat >"$SLURM_CONF" <<EOF
# One-node cluster for experiments/cluster/slurm-test.sh, written by it.
ClusterName=departuresim
# The address is given so that the test does not depend on how this machine's name resolves.
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
# Root, as this script: the daemons then own the temporary folder without handing it to Debian's slurm user.
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$WORK/munge-run/munge.sock
StateSaveLocation=$WORK/slurm/state
SlurmdSpoolDir=$WORK/slurm/spool
SlurmctldPidFile=$WORK/slurm/slurmctld.pid
SlurmdPidFile=$WORK/slurm/slurmd.pid
SlurmctldLogFile=$WORK/slurm/slurmctld.log
SlurmdLogFile=$WORK/slurm/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: containers and CI machines often have no writable cgroup tree, and one node needs no confinement.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# A merge whose sweep failed is cancelled rather than left pending for ever.
DependencyParameters=kill_invalid_depend
ReturnToService=2
MailProg=/bin/true
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF

# --- daemons -----------------------------------------------------------------------------------------------------
say "starting slurmctld and slurmd (node $HOST, $CPUS CPUs, ${MEM_MB} MB)"
slurmctld -D -f "$SLURM_CONF" >>"$WORK/slurm/slurmctld.out" 2>&1 &
ctld_pid=$!
slurmd -D -N "$HOST" -f "$SLURM_CONF" >>"$WORK/slurm/slurmd.out" 2>&1 &
slurmd_pid=$!

deadline=$((SECONDS + 60))
until [ "$(sinfo -h -N -n "$HOST" -o %t 2>/dev/null)" = idle ]; do
  alive "$ctld_pid" || { cat "$WORK/slurm/slurmctld.out"; die "slurmctld exited"; }
  alive "$slurmd_pid" || { cat "$WORK/slurm/slurmd.out"; die "slurmd exited"; }
  [ $SECONDS -lt $deadline ] || { sinfo -N -l 2>&1 || true; die "node $HOST not idle after 60 s"; }
  sleep 1
done
say "node $HOST is idle"

# --- the sweep on the cluster ------------------------------------------------------------------------------------
# 3 x 2 points x 2 replicates; agents 5000 in the file, 3000 through AGENTS, so that the override is exercised.
cat >"$WORK/tiny.json" <<EOF
{
  "version": 1, "name": "slurm-tiny", "title": "Slurm test sweep", "base": "$ROOT/scenarios/cbp-home-2025.json",
  "fixed": { "time.steps": 8 }, "agents": 5000, "replicates": 2, "seeds": [20250505], "budget": 100,
  "design": { "kind": "grid", "parameters": [
    { "name": "stipend", "path": "programme.stipend", "values": [0, 2500, 5000] },
    { "name": "removalsPerDay", "path": "enforcement.removalsPerDay", "min": 742, "max": 1500, "levels": 2 }
  ] }
}
EOF
POINTS=6 AGENTS_RUN=3000

# The shipped files as a user submits them, from the repository root with npx departure-sim (the default).
# On the command line: an array of 3 starting at 1 (so the shard is the task id less the minimum), one core and
# 1 GB per task to fit a small machine, and logs outside the repository.
cd "$ROOT"
export EXPERIMENT="$WORK/tiny.json" SWEEP_DIR="$WORK/cluster" AGENTS=$AGENTS_RUN
unset DEPARTURE_SIM
sweep_id=$(sbatch --parsable --array=1-3 --cpus-per-task=1 --mem=1G --output="$WORK/logs/%x-%A_%a.out" \
  experiments/cluster/sweep-array.sbatch)
sweep_id=${sweep_id%%;*}
job_ids=$sweep_id
merge_id=$(sbatch --parsable --dependency="afterok:$sweep_id" --mem=1G --output="$WORK/logs/%x-%j.out" \
  experiments/cluster/merge.sbatch)
merge_id=${merge_id%%;*}
job_ids="$sweep_id,$merge_id"
say "submitted sweep array job $sweep_id (tasks 1-3) and merge job $merge_id (afterok:$sweep_id)"

terminal='^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)$'
deadline=$((SECONDS + TIMEOUT))
last=
while :; do
  # Finished jobs stay listed with -t all for MinJobAge (300 s), long after this loop has seen them.
  listing=$(squeue -h -t all -r -j "$job_ids" -o '%i %T' 2>/dev/null | sort) || true
  [ "$listing" = "$last" ] || say "jobs: $(echo "$listing" | tr '\n' ' ')"
  last=$listing
  pending=$(echo "$listing" | awk -v t="$terminal" '$2 !~ t' | wc -l)
  [ "$(echo "$listing" | grep -c .)" -eq 4 ] && [ "$pending" -eq 0 ] && break
  alive "$ctld_pid" || die "slurmctld exited"
  alive "$slurmd_pid" || die "slurmd exited"
  [ $SECONDS -lt $deadline ] || die "jobs not finished after $TIMEOUT s"
  sleep 2
done
failed=$(echo "$listing" | awk '$2 != "COMPLETED"')
[ -z "$failed" ] || die "jobs did not complete: $(echo "$failed" | tr '\n' ' ')"
say "all 3 sweep tasks and the merge completed"

# Each task must have run its own third of the design: 2 points each in shard-1, shard-2, shard-3.
shards=$(cd "$WORK/cluster/shards" && echo shard-*)
[ "$shards" = "shard-1 shard-2 shard-3" ] || die "expected shard folders shard-1 shard-2 shard-3, found: $shards"
for s in $shards; do
  n=$(find "$WORK/cluster/shards/$s/points" -name 'p*.json' | wc -l)
  [ "$n" -eq $((POINTS / 3)) ] || die "$s holds $n points, expected $((POINTS / 3))"
done

# --- the same sweep on one machine, and the comparison -----------------------------------------------------------
say "running the same sweep on one machine"
node "$ROOT/dist/cli/main.js" sweep "$WORK/tiny.json" --agents "$AGENTS_RUN" --out "$WORK/one" --quiet
n=$(find "$WORK/one/points" -name 'p*.json' | wc -l)
if [ "$n" -ne "$POINTS" ] || [ ! -s "$WORK/one/results.csv" ]; then
  die "the one-machine sweep wrote $n of $POINTS points, or no results.csv"
fi

if ! diff -r "$WORK/one" "$WORK/cluster/merged" >"$WORK/diff.txt" 2>&1; then
  say "merged folder differs from the one-machine sweep:"
  # report.html has lines of hundreds of kilobytes (the inlined chart libraries): show the start of each line.
  head -n 60 "$WORK/diff.txt" | cut -c1-240
  diff -rq "$WORK/one" "$WORK/cluster/merged" || true
  die "merged Slurm shards are not byte-identical to the one-machine sweep"
fi
files=$(cd "$WORK/one" && find . -type f | wc -l)
say "PASS: merged Slurm shards are byte-identical to the one-machine sweep ($files files, $POINTS points)"
ok=1
