#!/usr/bin/env bash
# Model swap under load, by hand (results in docs/notes/model-swap.md).
#
# Trains two models of one kind on DATA with different seeds (two files, two versions), serves a copy of the
# first with `cinerec serve` in its own JVM, and runs org.cinerec.bench.swap.ModelSwap in another: an
# open-loop load (top-10 for users drawn uniformly from DATA) at RATE requests/s for WARMUP + DURATION
# seconds, swapping the served file SWAPS times during the measured seconds (alternating the two files), by
# POST /api/v1/admin/reload (VIA=reload) or by the server's file watcher (VIA=watch). Passes (exit 0) when
# every answer is 2xx, the model generation never goes backwards on a connection, and every swap is served.
#
#   cinerec-bench/scripts/model-swap.sh                      # mf, reload, 10 swaps, 30 s, 500 req/s
#   VIA=watch KIND=als RATE=1000 cinerec-bench/scripts/model-swap.sh
#
# Client and server share this machine's cores (say so with the figures).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${DATA:-$root/../shared/data/ml-latest-small}"
KIND="${KIND:-mf}"
VIA="${VIA:-reload}"
SWAPS="${SWAPS:-10}"
RATE="${RATE:-500}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-30}"
CONNECTIONS="${CONNECTIONS:-16}"
OUT="${OUT:-$root/cinerec-bench/target/model-swap}"
SERVER_OPTS="${SERVER_OPTS:--Xmx1g -XX:+UseParallelGC}"
CLIENT_OPTS="${CLIENT_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC}"

cli="$root/cinerec-cli/target/cinerec.jar"
bench="$root/cinerec-bench/target/cinerec-bench.jar"
if [ -z "${NO_BUILD:-}" ]; then
  echo "building the jars..." >&2
  (cd "$root" && mvn -q -B -ntp -pl cinerec-cli,cinerec-bench -am package -DskipTests)
fi
export OPENBLAS_NUM_THREADS=1
mkdir -p "$OUT/served"
for seed in 1 2; do
  if [ ! -f "$OUT/$KIND-$seed.cinerec" ]; then
    java --add-modules=jdk.incubator.vector -jar "$cli" train "$DATA" --model "$KIND" --seed "$seed" --no-eval \
      --out "$OUT/$KIND-$seed.cinerec" 2>/dev/null | tail -1
  fi
done
cp "$OUT/$KIND-1.cinerec" "$OUT/served/$KIND.cinerec"
rm -f "$OUT/ratings.db" "$OUT/ratings.db-wal" "$OUT/ratings.db-shm"
watch=(--no-watch)
[ "$VIA" = watch ] && watch=()
log="$OUT/server-$VIA.log"
# shellcheck disable=SC2086
java $SERVER_OPTS --add-modules=jdk.incubator.vector -jar "$cli" serve "$OUT/served/$KIND.cinerec" --data "$DATA" \
  --store "$OUT/ratings.db" --port 0 "${watch[@]}" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 600); do
  url="$(grep -o 'serving .* on http://[0-9.]*:[0-9]*' "$log" | grep -o 'http://.*' || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { echo "the server exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the server did not start within 120 s; see $log" >&2; exit 1; }
echo "server $url (pid $server), log $log" >&2
status=0
# shellcheck disable=SC2086
java $CLIENT_OPTS -cp "$bench" org.cinerec.bench.swap.ModelSwap --url "$url" --model "$OUT/served/$KIND.cinerec" \
  --versions "$OUT/$KIND-1.cinerec,$OUT/$KIND-2.cinerec" --via "$VIA" --swaps "$SWAPS" --rate "$RATE" \
  --warmup "$WARMUP" --duration "$DURATION" --connections "$CONNECTIONS" --data "$DATA" \
  --out "$OUT/model-swap-$KIND-$VIA.json" || status=$?
kill "$server"
wait "$server" 2>/dev/null || true
grep -E 'swapped in|cannot' "$log" | tail -n "$((SWAPS + 2))" >&2 || true
exit "$status"
