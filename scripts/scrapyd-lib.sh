# shellcheck shell=bash
# Helpers shared by scripts/scrapyd-check and scripts/scrapyd-network-check; source it, do not run
# it. The caller sets ROOT, VENV, PY, HOST (127.0.0.1), ME (its name, for messages) and tmp (its
# temp dir), runs under `set -euo pipefail`, and stops what it started in its own EXIT trap.
# Functions that start a process store its pid in the caller's variable named by an argument as
# soon as it runs, so that the trap can stop it whatever fails next. Their locals start with _
# so that they cannot hide the caller's variable of the same name.

say() { echo "$ME: $*" >&2; }
die() {
  say "FAILED: $*"
  exit 1
}

require_tools() {
  [ -x "$PY" ] || die "no $PY; create the venv first (scripts/test, or scripts/setup.sh)"
  local tool
  for tool in scrapyd scrapyd-deploy; do
    [ -x "$VENV/bin/$tool" ] ||
      die "$tool is not in .venv; install it: .venv/bin/pip install -r requirements-dev.txt"
  done
  command -v curl >/dev/null || die "curl is required"
}

stop() { # stop a process we started, and (for scrapyd) the jobs in its process group
  local pid="$1" group="${2:-}"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -n "$group" ]; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# JSON field of a Scrapyd answer: json_get FILE EXPR (EXPR is Python over `d`).
json_get() {
  "$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# Scrapyd answers errors with HTTP 200 and {"status": "error", "message": ...}.
api_at() { # api_at BASE NAME OUTFILE [curl args...]
  local at="$1" name="$2" out="$3"
  shift 3
  curl -sS --max-time 30 -o "$out" "$@" "$at/$name" || die "$name: no answer from $at"
  [ "$(json_get "$out" 'd.get("status")')" = ok ] || die "$name: $(cat "$out")"
}
api() { api_at "$base" "$@"; } # the Scrapyd at $base

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_scrapyd DIR PIDVAR BASEVAR: a Scrapyd on a random free port of $HOST, everything under
# DIR (scrapyd/scrapyd.conf, home/, eggs/, logs/, dbs/, scrapyd.log, status.json).
start_scrapyd() {
  local _dir="$1" _pidvar="$2" _basevar="$3" _attempt _port _url _pid
  mkdir -p "$_dir/scrapyd" "$_dir/home"
  for _attempt in 1 2 3; do
    _port="$(free_port)"
    _url="http://$HOST:$_port"
    # items_dir stays empty on purpose: when set, Scrapyd passes -s FEEDS=... on the command
    # line, which replaces the project's own dated feed under RMOL_DATA_DIR (rmolcrawler/config.py).
    cat >"$_dir/scrapyd/scrapyd.conf" <<EOF
[scrapyd]
bind_address = $HOST
http_port    = $_port
eggs_dir     = $_dir/eggs
logs_dir     = $_dir/logs
items_dir    =
dbs_dir      = $_dir/dbs
jobs_dir     =
poll_interval = 0.5
max_proc     = 1
EOF
    # Own session (so its jobs can be stopped with it), own cwd (so it reads only our
    # scrapyd.conf and no scrapy.cfg), own HOME (no ~/.scrapyd.conf), and nothing that would let
    # the job import the checkout instead of the deployed egg.
    (cd "$_dir/scrapyd" &&
      exec env -u PYTHONPATH -u SCRAPY_SETTINGS_MODULE -u SCRAPY_PROJECT HOME="$_dir/home" \
        setsid "$VENV/bin/scrapyd" --pidfile= -l "$_dir/scrapyd.log") &
    _pid=$!
    printf -v "$_pidvar" '%s' "$_pid"
    for _ in $(seq 200); do
      kill -0 "$_pid" 2>/dev/null || break
      curl -sf --max-time 2 -o /dev/null "$_url/daemonstatus.json" && break
      sleep 0.1
    done
    if curl -sf --max-time 2 -o "$_dir/status.json" "$_url/daemonstatus.json"; then
      printf -v "$_basevar" '%s' "$_url"
      return 0
    fi
    say "scrapyd did not come up on port $_port (attempt $_attempt)"
    tail -n 20 "$_dir/scrapyd.log" >&2 2>/dev/null || true
    stop "$_pid" group
    printf -v "$_pidvar" '%s' ""
    [ "$_attempt" = 3 ] && die "scrapyd would not start; see $_dir/scrapyd.log"
  done
}

scrapyd_version() { "$VENV/bin/scrapyd" --version | awk '{print $2}'; }

# start_mirror LOG PIDVAR URLVAR COMMAND...: run COMMAND from $ROOT in the background; the first
# line it prints is its base URL, on $HOST.
start_mirror() {
  local _log="$1" _pidvar="$2" _urlvar="$3" _pid _url=""
  shift 3
  (cd "$ROOT" && exec "$@") >"$_log" 2>&1 &
  _pid=$!
  printf -v "$_pidvar" '%s' "$_pid"
  for _ in $(seq 100); do
    _url="$(head -n1 "$_log" 2>/dev/null || true)"
    case "$_url" in http://*) break ;; esac
    kill -0 "$_pid" 2>/dev/null || die "the mirror exited: $(cat "$_log")"
    sleep 0.1
  done
  case "$_url" in http://$HOST:*) ;; *) die "the mirror printed no URL: $(cat "$_log")" ;; esac
  printf -v "$_urlvar" '%s' "$_url"
}

# The egg is built from a snapshot of the project (the files setup.py packages) in $tmp/src, so
# the checkout gets no build/ or *.egg-info and concurrent runs cannot clean each other's build.
# scrapy.cfg is copied as is; deploy targets come from a user-level scrapy.cfg
# ($XDG_CONFIG_HOME/scrapy.cfg = $tmp/xdg/scrapy.cfg), which scrapyd-deploy merges with the
# project's.
snapshot_project() {
  mkdir -p "$tmp/src" "$tmp/xdg"
  (cd "$ROOT" && tar --exclude=__pycache__ --exclude='*.pyc' -cf - \
    scrapy.cfg setup.py pyproject.toml rmolcrawler) | tar -xf - -C "$tmp/src"
}

# scrapyd_deploy LOG ARGS...: scrapyd-deploy ARGS in the snapshot, its whole output in LOG.
scrapyd_deploy() {
  local log="$1"
  shift
  # TMPDIR keeps the egg build (and with -d its build dir) under $tmp.
  if ! (cd "$tmp/src" && env -u PYTHONPATH XDG_CONFIG_HOME="$tmp/xdg" HOME="$tmp/home" \
    TMPDIR="$tmp" "$PY" "$VENV/bin/scrapyd-deploy" "$@") >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "scrapyd-deploy failed; its whole output: $log"
  fi
}

# check_deployed DEPLOYLOG DIR BASE SPIDER: the deploy's addversion.json answer was ok and the
# Scrapyd at BASE lists SPIDER (answers kept in DIR: addversion.json, spiders.json).
check_deployed() {
  local log="$1" dir="$2" at="$3" spider="$4"
  sed -n '/^{/p' "$log" >"$dir/addversion.json"
  [ "$(json_get "$dir/addversion.json" 'd["status"]')" = ok ] || die "deploy: $(cat "$log")"
  api_at "$at" "listspiders.json?project=rmolcrawler" "$dir/spiders.json" -G
  [ "$(json_get "$dir/spiders.json" "'$spider' in d['spiders']")" = True ] ||
    die "the deployed egg has no $spider spider: $(cat "$dir/spiders.json")"
}

# wait_job BASE JOB TIMEOUT LISTJOBS: poll listjobs.json (answer kept in LISTJOBS) until JOB is
# finished; cancel it and fail after TIMEOUT seconds.
wait_job() {
  local at="$1" job="$2" timeout="$3" out="$4" deadline state
  deadline=$((SECONDS + timeout))
  while :; do
    api_at "$at" "listjobs.json?project=rmolcrawler" "$out" -G
    state="$(json_get "$out" \
      "next((s for s in ('finished', 'running', 'pending') if any(j['id'] == '$job' for j in d[s])), 'unknown')")"
    [ "$state" = finished ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      curl -sS --max-time 10 -o /dev/null "$at/cancel.json" -d project=rmolcrawler -d "job=$job" ||
        true
      die "job $job still $state after ${timeout}s"
    fi
    sleep 1
  done
}

# check_exit SCRAPYDLOG JOB: fail unless Scrapyd logged that JOB's process exited 0.
# listjobs.json lists a job as finished whatever its exit status; Scrapyd's own log tells:
# "Process finished: ... job='ID'" (status 0) or "Process died: exitstatus=N ... job='ID'".
check_exit() {
  local log="$1" job="$2" ended status
  ended="$(grep -E "Process (finished|died).*job='$job'" "$log" | tail -n1 || true)"
  case "$ended" in
    *"Process finished:"*) ;;
    *"Process died:"*)
      status="$(sed -n 's/.*Process died: exitstatus=\([0-9A-Za-z]*\).*/\1/p' <<<"$ended")"
      die "the crawl (job $job) exited with status ${status:-?}; see the job log above" ;;
    *) die "no end of job $job in $log" ;;
  esac
}

# finish_reason JOBLOG: the finish_reason of the crawl's final stats, or nothing.
finish_reason() { sed -n "s/.*'finish_reason': '\([^']*\)'.*/\1/p" "$1" | tail -n1; }
