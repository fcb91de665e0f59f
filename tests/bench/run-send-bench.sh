#!/bin/bash
# Backfill cost: `preflight-cli send --calls` of generated D2C calls (SIZE events and the identifies
# before them) to a local sandbox with the rate
# limit lifted, per size and API. Prints wall time, CPU µs per call (user + system, enqueue and send),
# calls/s and the sender's peak RSS, so CPU per call can be seen to stay flat as the file grows.
#   tests/bench/run-send-bench.sh build/app/cli/preflight-cli build/tests/bench/preflight-bench-generate \
#     [sizes...]   (default: 1000 10000 100000)
set -eu
CLI=${1:?usage: run-send-bench.sh PATH/TO/preflight-cli PATH/TO/preflight-bench-generate [sizes...]}
GENERATE=${2:?usage: run-send-bench.sh PATH/TO/preflight-cli PATH/TO/preflight-bench-generate [sizes...]}
shift 2
SIZES=${*:-1000 10000 100000}
WORK=$(mktemp -d)
PORT=${PREFLIGHT_BENCH_PORT:-18481}
trap 'kill "$sandbox" 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$CLI" sandbox serve --quiet --port "$PORT" > "$WORK/serve.log" 2>&1 &
sandbox=$!
for _ in $(seq 50); do
  grep -q listening "$WORK/serve.log" 2>/dev/null && break
  sleep 0.1
done
export PREFLIGHT_SANDBOX_ORIGIN="http://127.0.0.1:$PORT" PREFLIGHT_CONFIG_DIR="$WORK/config" \
  PREFLIGHT_DATA_DIR="$WORK/data" PREFLIGHT_KEYCHAIN=off

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) cores: $(nproc)"
for size in $SIZES; do
  "$GENERATE" --canonical "$size" "$WORK/calls.jsonl" > /dev/null # SIZE events, with their identifies
  calls=$(wc -l < "$WORK/calls.jsonl")
  for api in track-v1 pipelines; do
    curl -s -X POST "http://127.0.0.1:$PORT/preflight/reset" > /dev/null
    rm -f "$WORK"/outbox.sqlite*
    start=$(date +%s.%N)
    "$CLI" send --api "$api" --calls "$WORK/calls.jsonl" --outbox "$WORK/outbox.sqlite" --rate 1000000 \
      --quiet > "$WORK/send.out" 2>&1 &
    pid=$!
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
      now=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ -n "$now" ] && [ "$now" -gt "$peak" ] && peak=$now
      # utime and stime (clock ticks) of the sender, read while it still exists
      ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "${ticks:-0}")
      sleep 0.05
    done
    status=0
    wait "$pid" || status=$?
    end=$(date +%s.%N)
    acknowledged=$(grep -c 'acknowledged' "$WORK/send.out" || true)
    awk -v size="$calls" -v api="$api" -v start="$start" -v end="$end" -v ticks="$ticks" \
      -v hz="$(getconf CLK_TCK)" -v peak="$peak" -v acked="$acknowledged" -v status="$status" 'BEGIN {
        wall = end - start; cpu = ticks / hz
        printf "api=%s calls=%d acknowledged=%d exit=%d wall_s=%.2f cpu_us_per_call=%.0f calls_per_s=%.0f peak_rss_kib=%d\n",
          api, size, acked, status, wall, cpu * 1e6 / size, size / wall, peak }'
  done
done
