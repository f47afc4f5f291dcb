#!/usr/bin/env bash
# Throwaway single-node Slurm cluster on localhost, for CI tests.
#
# Usage:
#   slurm_cluster.sh start DIR   # config + state + logs under DIR; prints
#                                # "export SLURM_CONF=DIR/slurm.conf" on stdout
#   slurm_cluster.sh stop  DIR   # stops exactly the daemons started for DIR
#   slurm_cluster.sh status DIR  # exit 0 if both daemons of DIR are running
#
# Typical use:
#   eval "$(tests/cluster/slurm_cluster.sh start /tmp/mycluster)"
#   trap 'tests/cluster/slurm_cluster.sh stop /tmp/mycluster' EXIT
#   jid=$(sbatch --parsable ...)
#
# Environment knobs (all optional):
#   SLURM_TEST_CTLD_PORT    slurmctld port (default 16817; the next free port
#                           is used if it is taken)
#   SLURM_TEST_SLURMD_PORT  slurmd port (default: slurmctld port + 1, or the
#                           next free one)
#   SLURM_TEST_TIMEOUT      seconds to wait for the node to become idle (60)
#   SLURM_TEST_CLUSTER_NAME ClusterName (default migdiptest)
#   SLURM_TEST_KILL_INVALID_DEPEND=1
#                           add DependencyParameters=kill_invalid_depend, so a
#                           job whose afterok dependency failed is cancelled
#                           instead of staying PENDING (DependencyNeverSatisfied)
#
# Needs only the Debian packages slurmctld/slurmd/slurm-client (slurm-wlm).
# Uses auth/none + cred/none: no munge, no slurmdbd, no systemd, no /etc/slurm.
# Must run as root (SlurmUser=root, jobs run as the submitting user = root).
set -euo pipefail

PROG=$(basename "$0")

die() { echo "$PROG: error: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }

usage() {
    echo "usage: $PROG {start|stop|status} DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
CMD=$1
[[ -n $2 ]] || usage
DIR=$2

# --- helpers ----------------------------------------------------------------

# The harness records the pids itself (daemons run in the foreground with -D,
# started by us in a new session), in DIR/pids/<daemon>.pid.
pidfile() { echo "$DIR/pids/$1.pid"; }

# Print the pid of daemon $1 if it is alive AND really is our daemon (its
# command line contains the daemon name and our conf path; guards against pid
# reuse). Looks at the pid recorded by this script (DIR/pids/) and, as a
# fallback, at the pidfile the daemon writes itself (DIR/run/).
# Prints nothing if not running (zombies have an empty cmdline).
live_pid() {
    local name=$1 pf pid arg found
    local -a argv
    for pf in "$DIR/pids/$name.pid" "$DIR/run/$name.pid"; do
        [[ -f $pf ]] || continue
        pid=$(<"$pf")
        [[ $pid =~ ^[0-9]+$ ]] || continue
        argv=()
        mapfile -d '' argv 2>/dev/null <"/proc/$pid/cmdline" || continue
        ((${#argv[@]})) || continue
        [[ ${argv[0]##*/} == "$name" ]] || continue
        found=0
        for arg in "${argv[@]:1}"; do
            [[ $arg == "$DIR/slurm.conf" ]] && found=1
        done
        if ((found)); then
            echo "$pid"
            return 0
        fi
    done
}

# Is the process we just started still running? Right after the fork its command line may
# not yet be the daemon's (live_pid would say no), and once it exits it stays a zombie until
# reaped (kill -0 would say yes): read its state instead.
running_pid() {
    local pid=$1 state
    [[ -r /proc/$pid/stat ]] || return 1
    state=$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
    [[ -n $state && $state != Z && $state != X ]]
}

# Is something listening on 127.0.0.1:$1 ?
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port_from() {
    local p=$1 tries=0
    while port_in_use "$p" || [[ " ${USED_PORTS:-} " == *" $p "* ]]; do
        p=$((p + 1)); tries=$((tries + 1))
        ((tries < 200)) || die "no free port found starting at $1"
    done
    echo "$p"
}

# With -D the daemons log both to log/<d>.log and to stderr (log/<d>.out);
# .out also holds errors printed before the log file was opened.
# The "Could not open ... state file" / "Trying backup state save file"
# errors are normal on a fresh state directory and are filtered out.
show_logs() {
    local d f
    for d in slurmctld slurmd; do
        f=$DIR/log/$d.out
        [[ -s $f ]] || f=$DIR/log/$d.log
        [[ -s $f ]] || { echo "----- $d: no log output -----" >&2; continue; }
        echo "----- tail of $f -----" >&2
        grep -vE 'state file|Trying backup state save file' "$f" | tail -n 30 >&2 || true
    done
}

# Send SIGTERM to pid $2 (daemon $1), wait up to $3 s, then SIGKILL.
terminate() {
    local name=$1 pid=$2 timeout=$3 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < timeout * 10; i++)); do
        [[ -n $(live_pid "$name") ]] || return 0
        sleep 0.1
    done
    log "$name (pid $pid) did not exit after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        [[ -n $(live_pid "$name") ]] || return 0
        sleep 0.1
    done
    log "warning: $name (pid $pid) still alive after SIGKILL"
}

# Fallback cleanup: slurmstepd processes (one per job step) detach from
# slurmd into their own session, so they can outlive a crashed/killed slurmd.
# Ours are recognised by SLURM_CONF=DIR/slurm.conf in their environment
# (inherited from the slurmd we started). Kill them together with all their
# descendants (the job's tasks). Never touches this script or its ancestors.
kill_stepds() {
    local p comm rest ppid victims="" changed q
    local -A parent=()
    for p in /proc/[0-9]*; do
        p=${p#/proc/}
        rest=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        rest=${rest##*) }            # "state ppid pgrp session ..."
        ppid=${rest#* }; ppid=${ppid%% *}
        parent[$p]=$ppid
        comm=$(cat "/proc/$p/comm" 2>/dev/null) || continue
        [[ $comm == slurmstepd* ]] || continue
        if tr '\0' '\n' 2>/dev/null <"/proc/$p/environ" |
            grep -qxF "SLURM_CONF=$DIR/slurm.conf"; then
            victims+=" $p"
        fi
    done
    [[ -n $victims ]] || return 0
    # add descendants (repeat until no change)
    changed=1
    while ((changed)); do
        changed=0
        for q in "${!parent[@]}"; do
            [[ " $victims " == *" $q "* ]] && continue
            if [[ " $victims " == *" ${parent[$q]} "* ]]; then
                victims+=" $q"; changed=1
            fi
        done
    done
    # never kill ourselves or our ancestors
    q=$$
    while [[ -n $q && $q != 0 && $q != 1 ]]; do
        victims=" ${victims} "; victims=${victims// $q / }
        q=${parent[$q]:-}
    done
    local -a vlist
    read -r -a vlist <<<"$victims"
    ((${#vlist[@]})) || return 0
    log "killing leftover slurmstepd/job processes: ${vlist[*]}"
    kill -KILL "${vlist[@]}" 2>/dev/null || true
}

# --- stop -------------------------------------------------------------------

do_stop() {
    local ctld_pid slurmd_pid i jobs
    ctld_pid=$(live_pid slurmctld)
    slurmd_pid=$(live_pid slurmd)

    # Cancel remaining jobs so that their slurmstepd/tasks go away cleanly.
    if [[ -n $ctld_pid && -f $DIR/slurm.conf ]]; then
        jobs=$(SLURM_CONF=$DIR/slurm.conf timeout 10 squeue -h -o %A 2>/dev/null || true)
        if [[ -n $jobs ]]; then
            log "cancelling leftover jobs: ${jobs//$'\n'/ }"
            # shellcheck disable=SC2086
            SLURM_CONF=$DIR/slurm.conf timeout 10 scancel $jobs 2>/dev/null || true
            for ((i = 0; i < 100; i++)); do
                [[ -z $(SLURM_CONF=$DIR/slurm.conf timeout 5 squeue -h -o %A 2>/dev/null || true) ]] && break
                sleep 0.1
            done
        fi
    fi

    if [[ -n $slurmd_pid ]]; then terminate slurmd "$slurmd_pid" 15; fi
    if [[ -n $ctld_pid ]]; then terminate slurmctld "$ctld_pid" 15; fi
    kill_stepds
    rm -f "$(pidfile slurmctld)" "$(pidfile slurmd)" "$DIR/run/slurmctld.pid" "$DIR/run/slurmd.pid"
    if [[ -z $ctld_pid && -z $slurmd_pid ]]; then
        log "no daemons running for $DIR"
    else
        log "stopped Slurm test cluster in $DIR"
    fi
}

# --- start ------------------------------------------------------------------

write_config() {
    local node=$1 ctld_port=$2 slurmd_port=$3 cpus mem_kb mem_mb real_mem
    cpus=$(nproc)
    mem_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
    mem_mb=$((mem_kb / 1024))
    # a little below the real memory (slurmd drains the node if
    # RealMemory > detected memory)
    real_mem=$((mem_mb * 9 / 10))
    ((real_mem >= 100)) || real_mem=100

    local dep_params=""
    if [[ ${SLURM_TEST_KILL_INVALID_DEPEND:-0} == 1 ]]; then
        dep_params="DependencyParameters=kill_invalid_depend"
    fi

    : >"$DIR/plugstack.conf"
    # slurmd 22.05 always initialises a cgroup plugin, even with
    # proctrack/linuxproc + task/none (nothing is constrained). This file is
    # read from the slurm.conf directory, so /etc/slurm/cgroup.conf is never
    # used. IgnoreSystemd=yes only matters for cgroup/v2 (no systemd/dbus).
    cat >"$DIR/cgroup.conf" <<EOF
CgroupPlugin=autodetect
IgnoreSystemd=yes
EOF
    cat >"$DIR/slurm.conf" <<EOF
# Generated by $PROG for a throwaway test cluster. Do not use in production.
ClusterName=${SLURM_TEST_CLUSTER_NAME:-migdiptest}
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root

AuthType=auth/none
CredType=cred/none
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
LaunchType=launch/slurm
PlugStackConfig=$DIR/plugstack.conf
MailProg=/bin/true

SchedulerType=sched/backfill
# start jobs as soon as possible (saves a few seconds per test)
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
$dep_params

AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none

StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
TmpFS=/tmp

ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
Waittime=0
# completed jobs stay visible to 'scontrol show job' for this many seconds
MinJobAge=600
MaxArraySize=10001

NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=$cpus RealMemory=$real_mem State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
}

do_start() {
    [[ $(id -u) -eq 0 ]] || die "must run as root (SlurmUser=root)"
    local b
    for b in slurmctld slurmd sinfo; do
        command -v "$b" >/dev/null 2>&1 || die "'$b' not found (apt-get install slurm-wlm)"
    done
    if [[ -n $(live_pid slurmctld) || -n $(live_pid slurmd) ]]; then
        die "a cluster is already running for $DIR; run '$PROG stop $DIR' first"
    fi

    # If interrupted during startup, do not leave half-started daemons behind.
    trap 'do_stop >/dev/null 2>&1 || true; exit 130' INT TERM HUP

    mkdir -p "$DIR"
    # remove stale state from a previous run (only what we create)
    rm -rf "$DIR/state" "$DIR/spool" "$DIR/log" "$DIR/run" "$DIR/pids"
    rm -f "$DIR/slurm.conf" "$DIR/cgroup.conf" "$DIR/plugstack.conf"
    mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log" "$DIR/run" "$DIR/pids"

    local node ctld_port slurmd_port
    node=$(hostname -s 2>/dev/null || uname -n)
    node=${node%%.*}
    [[ -n $node ]] || node=localhost
    # slurmstepd creates unix sockets SlurmdSpoolDir/<node>_<job>.<step>;
    # sun_path is limited to 108 bytes.
    if (($(printf '%s' "$DIR/spool/${node}_4294967294.4294967294" | wc -c) > 107)); then
        die "DIR path too long for Slurm's unix sockets (keep it under ~70 characters): $DIR"
    fi
    ctld_port=$(free_port_from "${SLURM_TEST_CTLD_PORT:-16817}")
    USED_PORTS="$ctld_port"
    slurmd_port=$(free_port_from "${SLURM_TEST_SLURMD_PORT:-$((ctld_port + 1))}")

    write_config "$node" "$ctld_port" "$slurmd_port"
    export SLURM_CONF=$DIR/slurm.conf

    # Foreground daemons (-D) in their own session, backgrounded by us: we
    # know the exact pids, and early errors end up in log/*.out.
    # slurmctld: -i ignore errors reading (absent) state; state dir is empty.
    setsid slurmctld -D -i -f "$DIR/slurm.conf" \
        </dev/null >"$DIR/log/slurmctld.out" 2>&1 &
    echo $! >"$(pidfile slurmctld)"
    setsid slurmd -D -f "$DIR/slurm.conf" -N "$node" \
        </dev/null >"$DIR/log/slurmd.out" 2>&1 &
    echo $! >"$(pidfile slurmd)"

    local timeout=${SLURM_TEST_TIMEOUT:-60} start=$SECONDS state=""
    while :; do
        if ! running_pid "$(<"$(pidfile slurmctld)")"; then
            echo "$PROG: error: slurmctld exited during startup" >&2
            show_logs; do_stop >/dev/null 2>&1 || true; exit 1
        fi
        if ! running_pid "$(<"$(pidfile slurmd)")"; then
            echo "$PROG: error: slurmd exited during startup" >&2
            show_logs; do_stop >/dev/null 2>&1 || true; exit 1
        fi
        state=$(timeout 10 sinfo -h -N -n "$node" -o %T 2>/dev/null | head -n1 || true)
        [[ $state == idle ]] && break
        if ((SECONDS - start >= timeout)); then
            echo "$PROG: error: node $node not idle after ${timeout}s (state: '${state:-unknown}')" >&2
            show_logs; do_stop >/dev/null 2>&1 || true; exit 1
        fi
        sleep 0.5
    done
    trap - INT TERM HUP
    log "Slurm test cluster up in $((SECONDS - start))s: node $node idle, ports $ctld_port/$slurmd_port, conf $DIR/slurm.conf"
    echo "export SLURM_CONF=$DIR/slurm.conf"
}

do_status() {
    local c d
    c=$(live_pid slurmctld); d=$(live_pid slurmd)
    echo "slurmctld: ${c:-not running}  slurmd: ${d:-not running}"
    [[ -n $c && -n $d ]]
}

# Canonical absolute path for DIR (it may not exist yet for start); start and
# stop must agree on it, since daemons are recognised by "-f DIR/slurm.conf".
DIR=$(realpath -m -- "$DIR")
[[ $DIR != / ]] || die "DIR must not be /"
[[ $DIR != *[[:space:]]* ]] || die "DIR must not contain whitespace: '$DIR'"

case $CMD in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    *) usage ;;
esac
