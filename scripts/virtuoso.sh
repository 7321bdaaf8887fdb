#!/usr/bin/env bash
# Runs a private Virtuoso (Debian's virtuoso-opensource 7) for osce-kg: its own database directory and ini, loopback
# only, random dba/dav passwords, a SPARQL_UPDATE user for Digest auth at /sparql-auth, a raised result-row cap.
#
#   scripts/virtuoso.sh start DIR PORT [--json]   start (or restart) the server; prints the endpoints and credentials
#                                                 as shell assignments (eval-able) or, with --json, as one JSON object
#   scripts/virtuoso.sh env DIR [--json]          prints them again for a running server
#   scripts/virtuoso.sh stop DIR                  clean shutdown (checkpoint), waits for the process to exit
#   scripts/virtuoso.sh load DIR GRAPH FILE...    bulk load (ld_dir + rdf_loader_run) of .nt/.nq/.ttl(.gz) files into
#                                                 GRAPH (.nq files keep their own graphs); bumps the osce-kg version
#   scripts/virtuoso.sh isql DIR [SQL]            an isql session as dba (for operators)
#
# DIR keeps virtuoso.ini, the database, virtuoso.log and credentials.env (mode 600). Nothing listens beyond 127.0.0.1.
set -euo pipefail
# Virtuoso reads SPARQL text in the locale's character set: without a UTF-8 locale (a bare CI shell, a systemd unit)
# it stores every non-ASCII character of an update mangled, and a page ingested again no longer matches its release.
export LC_ALL=C.UTF-8

die() { echo "virtuoso.sh: $*" >&2; exit 1; }
VIRTUOSO_BIN=${VIRTUOSO_BIN:-virtuoso-t}
ISQL_BIN=${ISQL_BIN:-isql-vt}
VAD_DIR=${VIRTUOSO_VAD_DIR:-/usr/share/virtuoso-opensource-7/vad}
VSP_DIR=${VIRTUOSO_VSP_DIR:-/var/lib/virtuoso-opensource-7/vsp}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
random_secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20; }

# write_ini DIR HTTP_PORT SQL_PORT
write_ini() {
  local dir=$1 http=$2 sql=$3
  cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile    = $dir/virtuoso.db
ErrorLogFile    = $dir/virtuoso.log
LockFile        = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel   = 7
FileExtend      = 200
MaxCheckpointRemap = 2000
Striping        = 0
TempStorage     = TempDatabase

[TempDatabase]
DatabaseFile    = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping        = 0

[Parameters]
ServerPort      = 127.0.0.1:$sql
DisableUnixSocket = 1
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode        = 2
AllowOSCalls    = 0
DirsAllowed     = ., $dir/load, $VAD_DIR
VADInstallDir   = $VAD_DIR/
NumberOfBuffers = ${VIRTUOSO_BUFFERS:-170000}
MaxDirtyBuffers = ${VIRTUOSO_DIRTY_BUFFERS:-130000}
MaxQueryMem     = ${VIRTUOSO_QUERY_MEM:-1G}
ThreadsPerQuery = 2
; ORDER BY … LIMIT/OFFSET windows (paged dumps) past 10,000 rows
MaxSortedTopRows = ${VIRTUOSO_MAX_ROWS:-100000000}

[HTTPServer]
ServerPort      = 127.0.0.1:$http
ServerRoot      = $VSP_DIR
MaxClientConnections = 20
ServerThreads   = 20
EnabledDavVSP   = 0
Charset         = UTF-8
EnabledGzipContent = 1
KeepAliveTimeout = 10

[SPARQL]
; Debian's default cuts every result at 10,000 rows without telling the client.
ResultSetMaxRows = ${VIRTUOSO_MAX_ROWS:-100000000}
MaxQueryCostEstimationTime = 0
; 0 = no server-wide "anytime" cut-off (partial results); osce-kg sends a per-query timeout and treats a partial
; answer as a timeout.
MaxQueryExecutionTime = 0
DefaultGraph    =
EOF
}

isql_dba() { # isql_dba DIR SQL...
  local dir=$1; shift
  # shellcheck disable=SC1091
  source "$dir/credentials.env"
  "$ISQL_BIN" "127.0.0.1:$VIRTUOSO_SQL_PORT" dba "$VIRTUOSO_DBA_PASSWORD" VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF \
    ERRORS=STDOUT "exec=$*"
}

wait_http() { # wait_http URL: until the SPARQL endpoint answers (bounded: 120 s)
  local i
  for i in $(seq 1 240); do
    node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
      "$1?query=ASK%7B%7D" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

print_env() { # print_env DIR [--json]
  local dir=$1 fmt=${2:-}
  # shellcheck disable=SC1091
  source "$dir/credentials.env"
  local base="http://127.0.0.1:$VIRTUOSO_HTTP_PORT"
  if [ "$fmt" = "--json" ]; then
    printf '{"query":"%s/sparql","update":"%s/sparql-auth","gsp":"%s/sparql-graph-crud-auth","user":"%s","password":"%s","dbaPassword":"%s","httpPort":%s,"sqlPort":%s,"dir":"%s"}\n' \
      "$base" "$base" "$base" "$VIRTUOSO_USER" "$VIRTUOSO_PASSWORD" "$VIRTUOSO_DBA_PASSWORD" "$VIRTUOSO_HTTP_PORT" \
      "$VIRTUOSO_SQL_PORT" "$dir"
  else
    cat <<EOF
OSCE_KG_STORE=sparql
OSCE_KG_STORE_QUERY=$base/sparql
OSCE_KG_STORE_UPDATE=$base/sparql-auth
OSCE_KG_STORE_GSP=$base/sparql-graph-crud-auth
OSCE_KG_STORE_USER=$VIRTUOSO_USER
OSCE_KG_STORE_PASSWORD=$VIRTUOSO_PASSWORD
VIRTUOSO_DBA_PASSWORD=$VIRTUOSO_DBA_PASSWORD
VIRTUOSO_HTTP_PORT=$VIRTUOSO_HTTP_PORT
VIRTUOSO_SQL_PORT=$VIRTUOSO_SQL_PORT
EOF
  fi
}

# First start: random passwords for dba and dav, the osce-kg user with SPARQL_UPDATE (Digest auth at /sparql-auth).
secure_new_db() {
  local dir=$1 dba dav
  dba=$(random_secret); dav=$(random_secret)
  # shellcheck disable=SC1091
  source "$dir/credentials.env"
  local isql=("$ISQL_BIN" "127.0.0.1:$VIRTUOSO_SQL_PORT" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF ERRORS=STDOUT)
  "${isql[@]}" exec="
    DB.DBA.USER_CREATE('$VIRTUOSO_USER', '$VIRTUOSO_PASSWORD');
    GRANT SPARQL_SELECT TO \"$VIRTUOSO_USER\";
    GRANT SPARQL_UPDATE TO \"$VIRTUOSO_USER\";
    DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
    DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('$VIRTUOSO_USER', 3);
    DB.DBA.USER_PASSWORD_SET('dav', '$dav');" >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; return 1; }
  if grep -q 'Error' "$dir/setup.log"; then cat "$dir/setup.log" >&2; return 1; fi
  # dba last, and recorded at once: a half-secured database must stay reachable with a known password.
  "${isql[@]}" exec="DB.DBA.USER_PASSWORD_SET('dba', '$dba'); checkpoint;" >>"$dir/setup.log" 2>&1 || return 1
  sed -i "s/^VIRTUOSO_DBA_PASSWORD=.*/VIRTUOSO_DBA_PASSWORD=$dba/" "$dir/credentials.env"
}

cmd_start() {
  local dir=${1:?usage: start DIR PORT} http=${2:?usage: start DIR PORT} fmt=${3:-}
  command -v "$VIRTUOSO_BIN" >/dev/null || die "$VIRTUOSO_BIN not found: apt-get install -y virtuoso-opensource"
  mkdir -p "$dir/load"; dir=$(cd "$dir" && pwd)
  local running; running=$(server_pid "$dir" || true)
  if [ -n "$running" ] && kill -0 "$running" 2>/dev/null; then print_env "$dir" "$fmt"; return 0; fi  # already up
  local fresh=0 sql
  if [ ! -f "$dir/credentials.env" ]; then
    fresh=1; sql=${VIRTUOSO_SQL_PORT:-$(free_port)}
    umask 077
    cat >"$dir/credentials.env" <<EOF
VIRTUOSO_HTTP_PORT=$http
VIRTUOSO_SQL_PORT=$sql
VIRTUOSO_USER=osce_kg
VIRTUOSO_PASSWORD=$(random_secret)
VIRTUOSO_DBA_PASSWORD=dba
EOF
  else
    # shellcheck disable=SC1091
    source "$dir/credentials.env"; sql=$VIRTUOSO_SQL_PORT
    sed -i "s/^VIRTUOSO_HTTP_PORT=.*/VIRTUOSO_HTTP_PORT=$http/" "$dir/credentials.env"
  fi
  write_ini "$dir" "$http" "$sql"
  (cd "$dir" && "$VIRTUOSO_BIN" +configfile "$dir/virtuoso.ini" +wait >"$dir/startup.log" 2>&1) ||
    { tail -20 "$dir/virtuoso.log" >&2; die "virtuoso-t did not start (see $dir/virtuoso.log)"; }
  wait_http "http://127.0.0.1:$http/sparql" || die "the SPARQL endpoint on port $http did not answer within 120 s"
  [ $fresh = 1 ] && { secure_new_db "$dir" || { cmd_stop "$dir" || true; die "could not secure the new database"; }; }
  print_env "$dir" "$fmt"
}

server_pid() { # the pid of the server owning DIR's database, from its lock file
  local lck="$1/virtuoso.lck"
  [ -f "$lck" ] && sed -n 's/^VIRT_PID=//p' "$lck" | head -1
}

cmd_stop() {
  local dir=${1:?usage: stop DIR} pid i
  dir=$(cd "$dir" && pwd)
  pid=$(server_pid "$dir")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || { echo "virtuoso.sh: no server running in $dir" >&2; return 0; }
  isql_dba "$dir" "shutdown;" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -TERM "$pid" 2>/dev/null || true
  die "server $pid did not stop within 60 s; sent SIGTERM"
}

# Bulk load with Virtuoso's own loader; afterwards a change-log entry steps the osce-kg version so running replicas follow.
cmd_load() {
  local dir=${1:?usage: load DIR GRAPH FILE...} graph=${2:?usage: load DIR GRAPH FILE...}; shift 2
  dir=$(cd "$dir" && pwd)
  local stage="$dir/load/batch-$$" f
  mkdir -p "$stage"
  for f in "$@"; do [ -f "$f" ] || die "no such file: $f"; cp "$f" "$stage/"; done
  local out
  out=$(isql_dba "$dir" "ld_dir('$stage', '*', '$graph'); rdf_loader_run(); checkpoint;
    SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '$stage/%' AND ll_error IS NOT NULL;")
  rm -rf "$stage"
  if echo "$out" | grep -q -e '\*\*\* Error' -e "$stage/"; then echo "$out" >&2; die "bulk load failed"; fi
  bump_version "$dir" "$graph"
  echo "loaded $# file(s) into $graph"
}

# The version and change log live in the backend's state graph (src/store/remote/meta.ts). The loader cannot step
# them itself, so one SPARQL update request (one transaction) here adds the change-log entry of the load (a bulk
# entry: no delta, the entity IRIs of GRAPH as touched and present) and steps the version; every replica's caches,
# change feed, search index and dumps then follow. OSCE_KG_BASE must be the service's --base.
bump_version() {
  local dir=$1 graph=$2 base=${OSCE_KG_BASE:-http://localhost:8080/}
  base="${base%/}/"
  local g="${base}graph/meta/store" st='https://w3id.org/osce-kg/store#' code
  # shellcheck disable=SC1091
  source "$dir/credentials.env"
  code=$(curl -sS -o "$dir/load/bump.out" -w '%{http_code}' --digest -u "$VIRTUOSO_USER:$VIRTUOSO_PASSWORD" \
    "http://127.0.0.1:$VIRTUOSO_HTTP_PORT/sparql-auth" --data-urlencode update@- <<EOF
PREFIX st: <$st>
INSERT { GRAPH <$g> { ?e st:touched ?s ; st:present ?s } }
WHERE { GRAPH <$g> { <$g#state> st:version ?v } BIND (IRI(CONCAT("$g#change-", STR(?v + 1))) AS ?e)
  { SELECT DISTINCT ?s WHERE { GRAPH <$graph> { ?s ?p ?o } FILTER (isIRI(?s) && STRSTARTS(STR(?s), "${base}id/")) } } } ;
DELETE { GRAPH <$g> { <$g#state> st:version ?v ; st:modified ?m } }
INSERT { GRAPH <$g> { <$g#state> st:version ?n ; st:modified ?t . ?e st:changeVersion ?n ; st:time ?t ; st:bulk true } }
WHERE { GRAPH <$g> { <$g#state> st:version ?v OPTIONAL { <$g#state> st:modified ?m } }
  BIND (?v + 1 AS ?n) BIND (IRI(CONCAT("$g#change-", STR(?n))) AS ?e) BIND (NOW() AS ?t) }
EOF
  )
  case $code in 2??) ;; *) cat "$dir/load/bump.out" >&2; die "could not step the dataset version (HTTP $code)" ;; esac
  rm -f "$dir/load/bump.out"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  env) shift; print_env "$(cd "${1:?usage: env DIR}" && pwd)" "${2:-}" ;;
  load) shift; cmd_load "$@" ;;
  isql) shift; d=$(cd "${1:?usage: isql DIR [SQL]}" && pwd); shift; source "$d/credentials.env"
        exec "$ISQL_BIN" "127.0.0.1:$VIRTUOSO_SQL_PORT" dba "$VIRTUOSO_DBA_PASSWORD" ${1:+"exec=$1"} ;;
  *) echo "usage: $0 start DIR PORT [--json] | env DIR [--json] | stop DIR | load DIR GRAPH FILE... | isql DIR [SQL]" >&2; exit 2 ;;
esac
