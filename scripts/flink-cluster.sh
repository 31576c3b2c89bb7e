#!/usr/bin/env bash
# A local Apache Flink 1.19.0 session cluster for development and CI, assembled from Maven Central jars (no Flink
# distribution needed): a JobManager and TaskManagers as separate JVMs, configured the way the distribution's
# bin/jobmanager.sh and bin/taskmanager.sh do it. Docs: docs/running-on-flink.md.
#
#   scripts/flink-cluster.sh start [--dir DIR] [--port PORT] [--taskmanagers N] [--slots S]
#                                  [--tm-memory SIZE] [--jm-memory SIZE]
#   scripts/flink-cluster.sh add-taskmanager [--dir DIR]      start one more TaskManager (for example a replacement)
#   scripts/flink-cluster.sh kill-taskmanager N [--dir DIR]   kill -9 TaskManager N (a crash, for fault testing)
#   scripts/flink-cluster.sh status [--dir DIR]               each process: pid, alive, RSS and peak RSS; the REST overview
#   scripts/flink-cluster.sh stop [--dir DIR]                 stop exactly the processes this script started in DIR
#
# DIR (default: .flink-cluster in the repository) holds conf/, log/, the pid files and every temporary file of the
# cluster. The REST API and web UI answer on http://localhost:PORT (default 8081); submit with
#   ./veil run --runner flink --flink-master localhost:PORT ...
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB_POM="$REPO/scripts/flink-cluster/pom.xml"
LIB="${VEIL_FLINK_LIB:-$REPO/scripts/flink-cluster/target/lib}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

DIR="$REPO/.flink-cluster"
PORT=8081
TASKMANAGERS=1
SLOTS=2
# Sized for a 2-core / 24 GB machine: a 1 GB JobManager and 4 GB per TaskManager (about 1.3 GB of it task heap and
# 1.2 GB managed memory for sorting and grouping, which spills to disk beyond that).
TM_MEMORY=4096m
JM_MEMORY=1024m

# Flink's default JVM options on Java 17 (env.java.default-opts.all of the 1.19 distribution).
JAVA_OPTS_ALL=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

die() {
  echo "flink-cluster: $*" >&2
  exit 1
}

usage() {
  sed -n '5,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

first_free_port() {
  local p=$1
  while port_in_use "$p"; do
    p=$((p + 1))
  done
  echo "$p"
}

# A pid file's process, if it is still the one this cluster started (its command line names this cluster's conf/).
live_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DIR/conf" || return 1
  echo "$pid"
}

rest() {
  curl -sf --max-time 5 "http://localhost:$(cat "$DIR/rest.port")$1"
}

ensure_lib() {
  if [ ! -f "$LIB/flink-runtime-1.19.0.jar" ]; then
    echo "flink-cluster: assembling the Flink 1.19.0 jars into $LIB ..." >&2
    mvn -B -q -f "$LIB_POM" dependency:copy-dependencies -DoutputDirectory="$LIB" -DincludeScope=runtime >&2 \
      || die "could not assemble the Flink jars (mvn dependency:copy-dependencies on $LIB_POM failed)"
  fi
}

write_config() {
  local rpc_port=$1
  mkdir -p "$DIR/conf" "$DIR/log" "$DIR/tmp" "$DIR/web/upload" "$DIR/blob" "$DIR/plugins"
  cat >"$DIR/conf/config.yaml" <<EOF
# Written by scripts/flink-cluster.sh; every path and port of this cluster is here.
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: localhost
taskmanager.host: localhost
taskmanager.bind-host: localhost
rest.address: localhost
rest.bind-address: localhost
rest.port: $PORT
jobmanager.memory.process.size: $JM_MEMORY
taskmanager.memory.process.size: $TM_MEMORY
taskmanager.memory.jvm-metaspace.size: 512m
taskmanager.numberOfTaskSlots: $SLOTS
cluster.evenly-spread-out-slots: true
parallelism.default: 2
# The cluster's default for jobs that set none (Veil's job sets its own: --restart-attempts, --restart-delay).
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 3
restart-strategy.fixed-delay.delay: 5 s
# A TaskManager that dies is noticed within seconds.
heartbeat.interval: 2000
heartbeat.timeout: 10000
classloader.check-leaked-classloader: false
# Beam's batch translation has a few hundred operators; each blocking result partition of the sort-based shuffle
# reserves taskmanager.network.sort-shuffle.min-buffers network buffers (default 512, 16 MB), more than a TaskManager
# of this size has for the number of them a Veil job holds open at once.
taskmanager.network.sort-shuffle.min-buffers: 64
taskmanager.memory.network.fraction: 0.15
io.tmp.dirs: $DIR/tmp
web.tmpdir: $DIR/web
web.upload.dir: $DIR/web/upload
blob.storage.directory: $DIR/blob
EOF
  cat >"$DIR/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
logger.pekko.name = org.apache.pekko
logger.pekko.level = WARN
logger.netty.name = org.apache.flink.shaded.netty4
logger.netty.level = WARN
appender.main.name = MainAppender
appender.main.type = RollingFile
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.filePattern = ${sys:log.file}.%i
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
appender.main.policies.type = Policies
appender.main.policies.size.type = SizeBasedTriggeringPolicy
appender.main.policies.size.size = 100MB
appender.main.strategy.type = DefaultRolloverStrategy
appender.main.strategy.max = 5
EOF
}

# The JVM flags (first line) and -D memory properties (second line) Flink derives from the config, as bin/*.sh do.
resource_params() {
  local which=$1 out
  out=$("$JAVA" -cp "$LIB/*" -Dlog4j2.level=ERROR org.apache.flink.runtime.util.bash.BashJavaUtils \
      "$which" --configDir "$DIR/conf" 2>&1) || die "BashJavaUtils $which failed: $(echo "$out" | tail -3)"
  echo "$out" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
  [ "$(echo "$out" | grep -c '^BASH_JAVA_UTILS_EXEC_RESULT:')" -eq 2 ] || die "BashJavaUtils $which: unexpected output"
}

# launch NAME MAIN_CLASS RESOURCE_PARAMS_KIND ARGS...: starts one JVM in the background, records its pid.
launch() {
  local name=$1 main=$2 kind=$3
  shift 3
  local params jvm dyn
  params=$(resource_params "$kind")
  jvm=$(echo "$params" | head -n1)
  dyn=$(echo "$params" | tail -n1)
  # Its own session (setsid): a signal to the shell or process group that ran this script does not reach the cluster;
  # `stop` does.
  # shellcheck disable=SC2086 # the flag lists are meant to split into words
  FLINK_PLUGINS_DIR="$DIR/plugins" FLINK_CONF_DIR="$DIR/conf" setsid "$JAVA" $jvm "${JAVA_OPTS_ALL[@]}" \
    -Dlog.file="$DIR/log/$name.log" -Dlog4j.configuration="file:$DIR/conf/log4j.properties" \
    -Dlog4j.configurationFile="file:$DIR/conf/log4j.properties" -Djava.io.tmpdir="$DIR/tmp" \
    -cp "$LIB/*" "$main" --configDir "$DIR/conf" "$@" $dyn \
    </dev/null >"$DIR/log/$name.out" 2>&1 &
  echo $! >"$DIR/$name.pid"
}

# wait_for_taskmanagers SECONDS NAME...: until the JobManager lists every named TaskManager (its resource id).
wait_for_taskmanagers() {
  local deadline=$(($(date +%s) + $1)) listed name missing
  shift
  while :; do
    listed=$(rest /taskmanagers 2>/dev/null || true)
    missing=
    for name in "$@"; do
      echo "$listed" | grep -qF "\"id\":\"$name\"" || missing="$missing $name"
    done
    [ -z "$missing" ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || die "TaskManager(s)$missing did not register within the time; see $DIR/log/"
    sleep 0.5
  done
}

next_taskmanager_index() {
  local i=1
  while [ -f "$DIR/taskmanager-$i.pid" ]; do
    i=$((i + 1))
  done
  echo "$i"
}

start_taskmanager() {
  local i
  i=$(next_taskmanager_index)
  launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D "taskmanager.resource-id=taskmanager-$i"
  echo "taskmanager-$i"
}

cmd_start() {
  [ "$TASKMANAGERS" -ge 1 ] || die "--taskmanagers must be at least 1"
  if live_pid "$DIR/jobmanager.pid" >/dev/null 2>&1; then
    die "a cluster is already running in $DIR (REST port $(cat "$DIR/rest.port")); stop it first"
  fi
  port_in_use "$PORT" && die "port $PORT is in use; pass --port"
  ensure_lib
  rm -f "$DIR"/*.pid
  local rpc_port
  rpc_port=$(first_free_port 6123)
  write_config "$rpc_port"
  echo "$PORT" >"$DIR/rest.port"
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS \
    --executionMode cluster
  local deadline=$(($(date +%s) + 60))
  until rest /overview >/dev/null 2>&1; do
    live_pid "$DIR/jobmanager.pid" >/dev/null || die "the JobManager exited; see $DIR/log/jobmanager.log and .out"
    [ "$(date +%s)" -lt "$deadline" ] || die "the JobManager's REST API did not answer within 60 s; see $DIR/log/"
    sleep 0.5
  done
  local i names=()
  for ((i = 0; i < TASKMANAGERS; i++)); do
    names+=("$(start_taskmanager)")
  done
  wait_for_taskmanagers 90 "${names[@]}"
  echo "Flink 1.19.0 session cluster running: JobManager and $TASKMANAGERS TaskManager(s) x $SLOTS slot(s)"
  echo "  REST and web UI  http://localhost:$PORT"
  echo "  submit           ./veil run --runner flink --flink-master localhost:$PORT --parallelism N ..."
  echo "  stop             $0 stop${DIR_ARG}"
}

cmd_add_taskmanager() {
  live_pid "$DIR/jobmanager.pid" >/dev/null || die "no cluster running in $DIR"
  local name
  name=$(start_taskmanager)
  wait_for_taskmanagers 90 "$name"
  echo "$name started"
}

cmd_kill_taskmanager() {
  local pid
  pid=$(live_pid "$DIR/taskmanager-$1.pid") || die "taskmanager-$1 is not running in $DIR"
  kill -9 "$pid"
  echo "taskmanager-$1 (pid $pid) killed"
}

proc_kb() {
  grep "^$2:" "/proc/$1/status" 2>/dev/null | awk '{print $2}'
}

cmd_status() {
  local f name pid
  printf '%-16s %-8s %-6s %12s %12s\n' process pid alive rss_mb peak_rss_mb
  for f in "$DIR"/jobmanager.pid "$DIR"/taskmanager-*.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid)
    if pid=$(live_pid "$f"); then
      printf '%-16s %-8s %-6s %12s %12s\n' "$name" "$pid" yes \
        "$(($(proc_kb "$pid" VmRSS) / 1024))" "$(($(proc_kb "$pid" VmHWM) / 1024))"
    else
      printf '%-16s %-8s %-6s %12s %12s\n' "$name" "$(cat "$f")" no - -
    fi
  done
  if [ -f "$DIR/rest.port" ] && rest /overview 2>/dev/null; then
    echo
  fi
}

cmd_stop() {
  local f pid pids=() name
  for f in "$DIR"/taskmanager-*.pid "$DIR"/jobmanager.pid; do
    [ -e "$f" ] || continue
    if pid=$(live_pid "$f"); then
      kill "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local deadline=$(($(date +%s) + 20))
  for pid in "${pids[@]}"; do
    while [ -d "/proc/$pid" ] && [ "$(date +%s)" -lt "$deadline" ]; do
      sleep 0.2
    done
    if [ -d "/proc/$pid" ]; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  for f in "$DIR"/taskmanager-*.pid "$DIR"/jobmanager.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid)
    mv "$f" "$DIR/log/$name.pid.stopped"
  done
  echo "stopped ${#pids[@]} process(es) of the cluster in $DIR"
}

[ $# -ge 1 ] || {
  usage
  exit 2
}
COMMAND=$1
shift
TM_INDEX=
if [ "$COMMAND" = kill-taskmanager ]; then
  [ $# -ge 1 ] || die "kill-taskmanager needs the TaskManager's number"
  TM_INDEX=$1
  shift
fi
DIR_ARG=
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$(mkdir -p "$2" && cd "$2" && pwd); DIR_ARG=" --dir $DIR"; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --taskmanagers) TASKMANAGERS=$2; shift 2 ;;
    --slots) SLOTS=$2; shift 2 ;;
    --tm-memory) TM_MEMORY=$2; shift 2 ;;
    --jm-memory) JM_MEMORY=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
mkdir -p "$DIR"

case "$COMMAND" in
  start) cmd_start ;;
  add-taskmanager) cmd_add_taskmanager ;;
  kill-taskmanager) cmd_kill_taskmanager "$TM_INDEX" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  *) usage; exit 2 ;;
esac
