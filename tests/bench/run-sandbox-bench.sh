#!/bin/sh
# Sandbox throughput: wrk (Debian package `wrk`) posting valid Track v1 events, then Pipelines batches of
# 20 calls, over keep-alive connections, in memory and with --db (answers after commit). Prints req/s
# (and items/s for batches), p50/p99 and the sandbox's peak RSS per run. Use a Release build:
#   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DPREFLIGHT_BUILD_GUI=OFF
#   cmake --build build-release --target preflight-cli
#   tests/bench/run-sandbox-bench.sh build-release/app/cli/preflight-cli [seconds] [threads]
set -eu
CLI=${1:?usage: run-sandbox-bench.sh PATH/TO/preflight-cli [seconds] [wrk-threads]}
SECONDS_PER_RUN=${2:-10}
THREADS=${3:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
PORT=${PREFLIGHT_BENCH_PORT:-18480}
trap 'rm -rf "$WORK"' EXIT

run() {
  mode=$1 connections=$2 script=$3
  rm -f "$WORK"/bench.db*
  if [ "$mode" = db ]; then
    "$CLI" sandbox serve --quiet --port "$PORT" --db "$WORK/bench.db" > "$WORK/serve.log" 2>&1 &
  else
    "$CLI" sandbox serve --quiet --port "$PORT" > "$WORK/serve.log" 2>&1 &
  fi
  pid=$!
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    grep -q listening "$WORK/serve.log" 2>/dev/null && break
    sleep 0.2
  done
  result=$(wrk -t"$THREADS" -c"$connections" -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/$script.lua" \
    "http://127.0.0.1:$PORT" | grep RESULT)
  peak=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
  stored=""
  if [ "$mode" = db ]; then
    stored=" stored=$(curl -s "http://127.0.0.1:$PORT/preflight/health" | sed 's/.*"last_sequence":\([0-9]*\).*/\1/')"
  fi
  kill -TERM "$pid"
  wait "$pid" || true
  echo "script=$script mode=$mode connections=$connections $result peak_rss_kib=$peak$stored"
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) cores: $(nproc)"
for script in sandbox-track-v1 sandbox-pipelines-batch; do
  for mode in memory db; do
    for connections in 16 64; do
      run "$mode" "$connections" "$script"
    done
  done
done
