#!/bin/sh
# Instructions per stored request, a figure that does not depend on the machine's load: runs
# `preflight-cli sandbox serve` under valgrind's callgrind, zeroes the counters once it listens, drives
# it with a short bounded wrk run (sandbox-track-v1.lua, 1 thread, 16 connections), dumps the counters
# and divides the instructions (all threads: HTTP and, with --db, the writer) by the requests served.
#   tests/bench/callgrind-sandbox.sh build-release/app/cli/preflight-cli [memory|db] [seconds]
# Leaves the profile in $OUT (default /tmp/sandbox-callgrind) for callgrind_annotate.
set -eu
CLI=${1:?usage: callgrind-sandbox.sh PATH/TO/preflight-cli [memory|db] [seconds]}
MODE=${2:-memory}
SECONDS_PER_RUN=${3:-8}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/sandbox-callgrind}
PORT=${PREFLIGHT_BENCH_PORT:-18481}
rm -rf "$OUT"; mkdir -p "$OUT"
set --
[ "$MODE" = db ] && set -- --db "$OUT/bench.db"
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out.%p" "$CLI" sandbox serve --quiet --port "$PORT" "$@" \
  > "$OUT/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do grep -q listening "$OUT/serve.log" 2>/dev/null && break; sleep 0.2; done
callgrind_control -z "$pid" > /dev/null
result=$(wrk -t1 -c16 -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/sandbox-track-v1.lua" "http://127.0.0.1:$PORT" | grep RESULT)
sleep 1 # let the last commits land
requests=$(curl -s "http://127.0.0.1:$PORT/preflight/health" | sed 's/.*"last_sequence":\([0-9]*\).*/\1/')
callgrind_control -d "$pid" > /dev/null
kill -TERM "$pid"; wait "$pid" || true
dump=$(ls "$OUT"/callgrind.out.*.1 | head -1)
total=$(grep -E '^(summary|totals):' "$dump" | head -1 | awk '{print $2}')
echo "mode=$MODE requests=$requests instructions=$total instructions_per_request=$((total / requests)) (under valgrind: $result)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); profile: $dump"
