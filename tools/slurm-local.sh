#!/usr/bin/env bash
# A real single-node Slurm on this machine, for trying `synqt sweep --launcher slurm` without a cluster.
#
#   sudo tools/slurm-local.sh install   # Debian's slurm-wlm, slurmdbd, munge and mariadb-server (once per machine)
#   sudo tools/slurm-local.sh start     # munged, MariaDB, slurmdbd, slurmctld and slurmd on localhost; waits until the node is idle
#   tools/slurm-local.sh status         # sinfo and squeue
#   sudo tools/slurm-local.sh stop
#
# The configuration goes where every Slurm command looks, /etc/slurm; state, logs and the database live
# under $SLURM_LOCAL (default /tmp/synqt-slurm).
# One partition, `local`, with this machine's cores and memory and no GPU. submitit follows its jobs with
# `sacct`, which needs Slurm's accounting, hence slurmdbd and a MariaDB server of its own (on a socket
# at MariaDB's default socket, no TCP port). Run as root: slurmd starts the jobs' processes.
set -euo pipefail
HERE="${SLURM_LOCAL:-/tmp/synqt-slurm}"
CONF=/etc/slurm
SOCKET=/run/mysqld/mysqld.sock  # the client library's default: slurmdbd finds it without a setting
NODE="$(hostname -s)"

write_config() {
  mkdir -p "$CONF" /run/mysqld "$HERE/state/ctld" "$HERE/state/d" "$HERE/log" "$HERE/run" "$HERE/db"
  local cpus memory_mb
  cpus="$(nproc)"
  memory_mb="$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))"  # leave a tenth to the daemons
  cat > "$CONF/slurm.conf" <<EOF
ClusterName=synqt-local
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$HERE/state/ctld
SlurmdSpoolDir=$HERE/state/d
SlurmctldPidFile=$HERE/run/slurmctld.pid
SlurmdPidFile=$HERE/run/slurmd.pid
SlurmctldLogFile=$HERE/log/slurmctld.log
SlurmdLogFile=$HERE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=30
DefMemPerCPU=$(( memory_mb / cpus ))
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  cat > "$CONF/slurmdbd.conf" <<EOF
AuthType=auth/munge
DbdHost=$NODE
DbdAddr=127.0.0.1
SlurmUser=root
PidFile=$HERE/run/slurmdbd.pid
LogFile=$HERE/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StoragePort=0
StorageUser=root
StorageLoc=slurm_acct_db
EOF
  chmod 600 "$CONF/slurmdbd.conf"
  cat > "$CONF/my.cnf" <<EOF
[client]
socket=$SOCKET
[mysqld]
datadir=$HERE/db
socket=$SOCKET
pid-file=$HERE/run/mysqld.pid
log-error=$HERE/log/mysqld.log
skip-networking
user=root
innodb_buffer_pool_size=1G
innodb_lock_wait_timeout=900
EOF
}

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...: retry COMMAND once a second
  local seconds="$1" what="$2"; shift 2
  for _ in $(seq "$seconds"); do "$@" > /dev/null 2>&1 && return 0; sleep 1; done
  echo "slurm-local: $what did not come up in $seconds s; logs in $HERE/log" >&2; return 1
}

start() {
  write_config
  pgrep -x munged > /dev/null || { mkdir -p /run/munge && chown munge:munge /run/munge; runuser -u munge -- /usr/sbin/munged; }
  wait_for 10 munged munge -n
  if [ ! -d "$HERE/db/mysql" ]; then mariadb-install-db --defaults-file="$CONF/my.cnf" --auth-root-authentication-method=socket > "$HERE/log/mariadb-install.log" 2>&1; fi
  pgrep -f "mariadbd --defaults-file=$CONF/my.cnf" > /dev/null || { mariadbd --defaults-file="$CONF/my.cnf" 2>> "$HERE/log/mysqld.log" & }
  wait_for 30 MariaDB mariadb --defaults-file="$CONF/my.cnf" -e 'select 1'
  pgrep -x slurmdbd > /dev/null || slurmdbd
  wait_for 30 slurmdbd bash -c "sacctmgr -n list cluster"
  sacctmgr -i -Q add cluster synqt-local > /dev/null 2>&1 || true
  pgrep -x slurmctld > /dev/null || slurmctld
  wait_for 30 slurmctld scontrol ping
  pgrep -x slurmd > /dev/null || slurmd
  wait_for 60 "the node" bash -c "sinfo -h -N -o %t | grep -qx idle"
  echo "slurm-local: up; partition local: $(sinfo -h -o '%c CPUs, %m MB on %N')"
}

stop() {
  for daemon in slurmd slurmctld slurmdbd; do pkill -x "$daemon" || true; done
  pkill -f "mariadbd --defaults-file=$CONF/my.cnf" || true
  for _ in $(seq 30); do  # gone before a restart
    pgrep -x slurmd > /dev/null || pgrep -x slurmctld > /dev/null || pgrep -x slurmdbd > /dev/null || pgrep -x mariadbd > /dev/null || break
    sleep 1
  done
  echo "slurm-local: stopped (state kept in $HERE; rm -r it to start afresh)"
}

case "${1:-}" in
  install) DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm slurmdbd munge mariadb-server ;;
  start) start ;;
  stop) stop ;;
  status) sinfo; squeue ;;
  *) echo "usage: $0 install|start|stop|status (as root but for status)" >&2; exit 2 ;;
esac
