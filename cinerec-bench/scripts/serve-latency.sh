#!/usr/bin/env bash
# Latency of `cinerec serve` under an open-loop load, by hand (results in docs/notes/serve-latency.md).
#
# Trains each of MODELS on DATA (once; files kept in OUT/models), serves them all from one `cinerec serve`
# JVM with an SQLite store on disk (OUT/ratings.db), and runs org.cinerec.bench.load.OpenLoopSweep in
# another JVM for each scenario: top-10 for users drawn uniformly from DATA, per model (?model=NAME), at
# RATES; then, with the first model, anonymous histories (5 ratings, folded in per request), similar
# movies, and a durable rating write followed by that user's refreshed top-10, at WRITE_RATES.
# RUNS runs per rate (interleaved), WARMUP + DURATION seconds each; medians per rate in OUT/*/sweep.md.
#
#   cinerec-bench/scripts/serve-latency.sh                              # the issue's settings (long)
#   MODELS=mf RATES=500,2000 RUNS=1 WARMUP=10 DURATION=20 cinerec-bench/scripts/serve-latency.sh   # quick look
#
# Client and server share this machine's cores: say so with the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${DATA:-$root/../shared/data/ml-latest-small}"
MODELS="${MODELS:-mf als ease multitask}"
RATES="${RATES:-2000}"
WRITE_RATES="${WRITE_RATES:-200}"
SCENARIOS="${SCENARIOS:-top10 anonymous similar rate-then-top10}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-30}"
DURATION="${DURATION:-60}"
CONNECTIONS="${CONNECTIONS:-16}"
OUT="${OUT:-$root/cinerec-bench/target/serve-latency}"
SERVER_OPTS="${SERVER_OPTS:--Xmx2g -XX:+UseParallelGC}"   # as the cinerec launcher runs serve
CLIENT_OPTS="${CLIENT_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC}"

cli="$root/cinerec-cli/target/cinerec.jar"
bench="$root/cinerec-bench/target/cinerec-bench.jar"
if [ -z "${NO_BUILD:-}" ]; then
  echo "building the jars..." >&2
  (cd "$root" && mvn -q -B -ntp -pl cinerec-cli,cinerec-bench -am package -DskipTests)
fi
export OPENBLAS_NUM_THREADS=1
mkdir -p "$OUT/models"
for m in $MODELS; do
  if [ ! -f "$OUT/models/$m.cinerec" ]; then
    java --add-modules=jdk.incubator.vector -jar "$cli" train "$DATA" --model "$m" --no-eval \
      --out "$OUT/models/$m.cinerec" 2>/dev/null | tail -1
  fi
done
rm -f "$OUT/ratings.db" "$OUT/ratings.db-wal" "$OUT/ratings.db-shm"
log="$OUT/server.log"
# shellcheck disable=SC2086
java $SERVER_OPTS --add-modules=jdk.incubator.vector -jar "$cli" serve "$OUT/models" --data "$DATA" \
  --store "$OUT/ratings.db" --port 0 --no-watch >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 900); do
  url="$(grep -o 'serving .* on http://[0-9.]*:[0-9]*' "$log" | grep -o 'http://.*' || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { echo "the server exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the server did not start within 180 s; see $log" >&2; exit 1; }
until curl -fs "$url/health" >/dev/null; do sleep 0.5; done
echo "server: $url ($(grep -c . "$log") log lines); load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

sweep() { # NAME RATES SCENARIO
  # shellcheck disable=SC2086
  java $CLIENT_OPTS -cp "$bench" org.cinerec.bench.load.OpenLoopSweep --url "$url" --rates "$2" --runs "$RUNS" \
    --warmup "$WARMUP" --duration "$DURATION" --connections "$CONNECTIONS" --scenario "$3" --data "$DATA" \
    --out "$OUT/$1" >"$OUT/$1.log" 2>&1 || { echo "$1: the sweep failed; see $OUT/$1.log" >&2; return 1; }
  echo "== $1 (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
  cat "$OUT/$1/sweep.md"
}
first="${MODELS%% *}"
for s in $SCENARIOS; do
  case "$s" in
    top10) for m in $MODELS; do sweep "top10-$m" "$RATES" "GET /api/v1/users/{user}/recommendations?k=10&model=$m"; done ;;
    anonymous) sweep "anonymous-$first" "$RATES" \
      "POST /api/v1/recommendations?model=$first {\"ratings\": {history:5}, \"k\": 10}" ;;
    similar) sweep "similar-$first" "$RATES" "GET /api/v1/movies/{movie}/similar?k=10&model=$first" ;;
    rate-then-top10)
      printf '%s\n%s\n' "PUT /api/v1/users/{user}/ratings/{movie} {\"rating\": {rating}}" \
        "then GET /api/v1/users/{user}/recommendations?k=10&model=$first" >"$OUT/rate-then-top10.txt"
      sweep "rate-then-top10-$first" "$WRITE_RATES" "$OUT/rate-then-top10.txt" ;;
  esac
done
