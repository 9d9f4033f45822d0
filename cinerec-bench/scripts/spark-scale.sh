#!/usr/bin/env bash
# Local-mode time and memory versus data size: Spark MLlib ALS (`cinerec spark train-als`, local[*] in one
# JVM) and cinerec's own `als` (`cinerec train --model als`), by hand (results in docs/cluster.md, issue #12).
#
# Per size of SIZES (synthetic presets of `cinerec generate`, seed 42): generates the data once as MovieLens
# CSV (kept in OUT/SIZE/raw; DATA_SIZE=DIR, e.g. DATA_25m=/work/scale/syn-25m, uses a folder already
# generated), prepares it once per side (`cinerec prepare` → OUT/SIZE/data.cinerec, `cinerec spark prepare` →
# OUT/SIZE/spark-prepared; timed and recorded, not part of the table), then per system one warm-up run and
# RUNS timed runs at -Xmx$XMX, all with rank 10, 10 iterations, regParam 0.1, seed 42 and split hash:0.2:42
# (the same training rows on both sides; cinerec with --init spark, Spark's own initial factors, so both fit
# the same model). Wall time is the whole command's (JVM start, reading, fitting, saving the model); fit
# time is what the job prints (`trained als in X s`, `trained ALS on ... in X s`).
# Then the memory: the smallest -Xmx that completes, by bisection on a log scale between FLOOR and XMX, to
# max(5%, 32 MB); a probe completes when it exits 0 within PROBE_FACTOR times the timed runs' median wall
# time (so a run that only crawls through in the garbage collector does not count). Every run has
# -XX:+ExitOnOutOfMemoryError (an OutOfMemoryError anywhere ends the JVM, exit 3: "did not complete"), a
# timeout, and -XX:+PrintCommandLineFlags, whose MaxHeapSize is checked against the -Xmx asked for (the
# launcher passes JAVA_OPTS to the JVM; in local mode Spark's driver and executor are that one JVM).
# Peak RSS is GNU time's %M (the largest process: the JVM).
#
#   cinerec-bench/scripts/spark-scale.sh                          # the issue's settings: 1m,5m,25m, 3 runs (hours)
#   SIZES=1m RUNS=1 cinerec-bench/scripts/spark-scale.sh          # a quick look (40 minutes on 2 loaded cores)
#   DATA_25m=/work/scale/syn-25m SIZES=25m cinerec-bench/scripts/spark-scale.sh
#
# Output in OUT: runs.csv (every run: warm-up, timed, probe), prepare.csv, results.csv, results.md (the
# table, printed at the end), machine.txt (cores, memory, Java, load average before and after), and per
# size SIZE/shuffle.csv: Spark's shuffle bytes written and read per stage, from the event log of the Spark
# warm-up run (the only run with the event log on), SIZE/logs/ every run's output.
# Say with the figures how loaded the machine was (machine.txt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZES="${SIZES:-1m,5m,25m}"
RUNS="${RUNS:-3}"
OUT="${OUT:-$root/target/scale}"
SYSTEMS="${SYSTEMS:-cinerec spark}"
XMX="${XMX:-6g}"                 # heap of the warm-up and timed runs, and the bisection's ceiling
FLOOR="${FLOOR:-32m}"            # the bisection's floor (tried first: when it completes, the answer is "<= FLOOR")
TIMEOUT="${TIMEOUT:-7200}"       # seconds, per warm-up or timed run
PROBE_FACTOR="${PROBE_FACTOR:-3}" # a bisection probe must finish within this many times the median wall time
SEED="${SEED:-42}"
RANK=10 MAXITER=10 REG=0.1 ALS_SEED=42 SPLIT=hash:0.2:42
cli="$root/cinerec"

mb() { # 6g, 512m, 700 (MB) -> MB
  local v="${1,,}"
  case "$v" in
    *g) echo $(( ${v%g} * 1024 )) ;;
    *m) echo "${v%m}" ;;
    *) echo "$v" ;;
  esac
}
xmx_mb=$(mb "$XMX")
floor_mb=$(mb "$FLOOR")
for s in $SYSTEMS; do
  [ "$s" = cinerec ] || [ "$s" = spark ] || { echo "SYSTEMS: unknown system \"$s\" (cinerec, spark)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
command -v timeout >/dev/null || { echo "needs timeout (coreutils)" >&2; exit 2; }
mkdir -p "$OUT"
export OPENBLAS_NUM_THREADS=1

# build both jars now (the launcher builds on first use), so no run pays for a build
"$cli" --version >/dev/null
if [[ " $SYSTEMS " == *" spark "* ]]; then
  if ! "$cli" spark --help >"$OUT/spark-help.txt" 2>&1 || ! grep -q train-als "$OUT/spark-help.txt"; then
    echo "cinerec spark does not run here (no Spark jars?); see $OUT/spark-help.txt and docs/cluster.md" >&2
    exit 1
  fi
fi
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cores: $(nproc); memory: $(free -m | awk '/^Mem:/ {print $2 " MB total, " $7 " MB available"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "settings: SIZES=$SIZES RUNS=$RUNS XMX=$XMX FLOOR=$FLOOR PROBE_FACTOR=$PROBE_FACTOR rank $RANK," \
    "maxIter $MAXITER, regParam $REG, seed $ALS_SEED, split $SPLIT"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"
[ -f "$OUT/runs.csv" ] || echo "size,system,kind,xmx_mb,outcome,exit,wall_s,fit_s,rss_mb" >"$OUT/runs.csv"
[ -f "$OUT/prepare.csv" ] || echo "size,side,wall_s,rss_mb" >"$OUT/prepare.csv"

# timed CMD...: runs it under GNU time with JAVA_OPTS and a timeout; sets wall, rss (MB), code
timed() { # LIMIT_S LOG JAVA_OPTS CMD...
  local limit=$1 log=$2 opts=$3
  shift 3
  rm -f "$log.time"
  set +e
  JAVA_OPTS="$opts" timeout -k 10 "$limit" /usr/bin/time -o "$log.time" -f "%e %M %x" "$@" >"$log" 2>&1
  code=$?
  set -e
  if [ "$code" = 124 ] || [ "$code" = 137 ] || [ ! -s "$log.time" ]; then
    wall=""; rss=""
    [ "$code" = 137 ] || code=124
  else
    read -r wall rss _ < <(tail -1 "$log.time")
    rss=$(( rss / 1024 ))
  fi
}

# one training run: SIZE SYSTEM KIND XMX_MB LIMIT_S; appends to runs.csv, sets outcome, wall, rss, fit
train() {
  local size=$1 sys=$2 kind=$3 heap=$4 limit=$5
  local dir="$OUT/$size" log="$OUT/$size/logs/$sys-$kind-${heap}m.log"
  local opts="-Xmx${heap}m -XX:+ExitOnOutOfMemoryError -XX:+PrintCommandLineFlags"
  mkdir -p "$dir/logs"
  # Spark's scratch files (shuffle, spills) in one folder, removed after each run: a JVM ended by an
  # OutOfMemoryError runs no shutdown hook, and would leave them in /tmp
  [ "$sys" = spark ] && opts="$opts -Dspark.local.dir=$dir/spark-tmp"
  if [ "$sys" = spark ] && [ "$kind" = warmup ]; then # Spark's event log: shuffle bytes per stage (shuffle.csv)
    rm -rf "$dir/eventlog" && mkdir -p "$dir/eventlog"
    opts="$opts -Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir=file://$dir/eventlog"
  fi
  if [ "$sys" = cinerec ]; then
    timed "$limit" "$log" "$opts" nice -n 10 "$cli" train "$dir/data.cinerec" --model als --split "$SPLIT" \
      --factors "$RANK" --iterations "$MAXITER" --reg "$REG" --seed "$ALS_SEED" --init spark --no-eval \
      --out "$dir/cinerec-als.cinerec"
    fit=$(sed -n 's/^trained als in \([0-9.]*\) s.*/\1/p' "$log" | tail -1)
  else
    timed "$limit" "$log" "$opts" nice -n 10 "$cli" spark train-als "$dir/spark-prepared" "$dir/spark-als" \
      --split "$SPLIT" --rank "$RANK" --maxIter "$MAXITER" --regParam "$REG" --seed "$ALS_SEED"
    fit=$(sed -n 's/^trained ALS on .* in \([0-9.]*\) s.*/\1/p' "$log" | tail -1)
    rm -rf "$dir/spark-tmp"
  fi
  local asked=$(( heap * 1024 * 1024 )) got
  got=$(grep -o 'MaxHeapSize=[0-9]*' "$log" | head -1 | cut -d= -f2 || true)
  if [ -n "$got" ] && [ "$got" != "$asked" ]; then
    echo "$log: the JVM ran with MaxHeapSize=$got, not -Xmx${heap}m: JAVA_OPTS does not reach it" >&2
    exit 1
  fi
  if [ "$code" = 0 ] && [ -n "$fit" ]; then
    outcome=ok
  elif [ "$code" = 124 ] || [ "$code" = 137 ]; then
    outcome=timeout
  elif grep -q "INVALID_DRIVER_MEMORY\|must be at least" "$log"; then
    outcome=below-spark-minimum # Spark's UnifiedMemoryManager refuses a heap under 1.5 x 300 MB
  elif [ "$code" = 3 ] || grep -q "java.lang.OutOfMemoryError" "$log"; then
    outcome=oom # (not the bare word: -XX:+ExitOnOutOfMemoryError is in the flags line)
  else
    outcome=error
  fi
  echo "$size,$sys,$kind,$heap,$outcome,$code,$wall,$fit,$rss" >>"$OUT/runs.csv"
  if [ "$sys" = spark ] && [ "$kind" = warmup ] && [ "$outcome" = ok ]; then
    shuffle_summary "$dir/eventlog" >"$dir/shuffle.csv"
  fi
  printf '  %-7s %-8s -Xmx%5dm: %-19s wall %6s s, fit %6s s, peak RSS %5s MB\n' "$sys" "$kind" "$heap" "$outcome" \
    "${wall:--}" "${fit:--}" "${rss:--}" >&2
}

# Spark's event log -> per stage: name, tasks, shuffle bytes written and read, and the total (last row)
shuffle_summary() { # EVENTLOG_DIR
  python3 - "$1" <<'PY'
import json, os, sys
d = sys.argv[1]
rows, tw, tr = [], 0, 0
# Spark 4 writes a rolling log: eventlog_v2_APP/events_N_APP (older versions one file per application)
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs if not f.startswith((".", "appstatus")))
for path in files:
    for line in open(path):
        e = json.loads(line)
        if e.get("Event") != "SparkListenerStageCompleted":
            continue
        info = e["Stage Info"]
        acc = {a.get("Name"): a.get("Value") for a in info.get("Accumulables", [])}
        w = int(acc.get("internal.metrics.shuffle.write.bytesWritten", 0) or 0)
        r = int(acc.get("internal.metrics.shuffle.read.localBytesRead", 0) or 0) + \
            int(acc.get("internal.metrics.shuffle.read.remoteBytesRead", 0) or 0)
        rows.append((info["Stage ID"], info["Stage Name"].replace(",", ";"), info["Number of Tasks"], w, r))
        tw += w
        tr += r
print("stage,name,tasks,shuffle_write_bytes,shuffle_read_bytes")
for row in sorted(rows):
    print(",".join(str(x) for x in row))
print(f"all,all,,{tw},{tr}")
PY
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print ""; else if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo "size,ratings,users,movies,system,runs,median_wall_s,min_wall_s,max_wall_s,median_fit_s,timed_xmx_mb,rss_at_timed_mb,smallest_xmx_mb,peak_rss_mb,prepare_s,shuffle_write_bytes" \
  >"$OUT/results.csv"
IFS=, read -r -a sizes <<<"$SIZES"
for size in "${sizes[@]}"; do
  dir="$OUT/$size"
  mkdir -p "$dir/logs"
  var="DATA_$size"
  raw="${!var:-$dir/raw}"
  if [ ! -f "$raw/ratings.csv" ]; then
    echo "== $size: generating (seed $SEED) into $raw" >&2
    nice -n 10 "$cli" generate --preset "$size" --seed "$SEED" --out "$raw" | tee "$dir/generate.txt" >&2
  fi
  # prepare once per side (timed, recorded in prepare.csv, not in the table)
  if [ ! -f "$dir/data.cinerec" ]; then
    echo "== $size: cinerec prepare" >&2
    timed 7200 "$dir/logs/prepare-cinerec.log" "-Xmx$XMX" nice -n 10 "$cli" prepare "$raw" --out "$dir/data.cinerec"
    [ "$code" = 0 ] || { echo "cinerec prepare failed; see $dir/logs/prepare-cinerec.log" >&2; exit 1; }
    echo "$size,cinerec,$wall,$rss" >>"$OUT/prepare.csv"
  fi
  if [[ " $SYSTEMS " == *" spark "* ]] && [ ! -f "$dir/spark-prepared/fingerprint.txt" ]; then
    echo "== $size: spark prepare" >&2
    timed 7200 "$dir/logs/prepare-spark.log" "-Xmx$XMX" nice -n 10 "$cli" spark prepare "$raw" "$dir/spark-prepared"
    [ "$code" = 0 ] || { echo "spark prepare failed; see $dir/logs/prepare-spark.log" >&2; exit 1; }
    echo "$size,spark,$wall,$rss" >>"$OUT/prepare.csv"
  fi
  for sys in $SYSTEMS; do
    echo "== $size: $sys (warm-up, $RUNS timed runs at -Xmx${xmx_mb}m; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    train "$size" "$sys" warmup "$xmx_mb" "$TIMEOUT"
    [ "$outcome" = ok ] || { echo "the warm-up did not complete; see $OUT/$size/logs" >&2; exit 1; }
    walls=() fits=() rsss=()
    for r in $(seq 1 "$RUNS"); do
      train "$size" "$sys" "timed$r" "$xmx_mb" "$TIMEOUT"
      [ "$outcome" = ok ] || { echo "timed run $r did not complete; see $OUT/$size/logs" >&2; exit 1; }
      walls+=("$wall") fits+=("$fit") rsss+=("$rss")
    done
    med=$(printf '%s\n' "${walls[@]}" | median)
    lo_w=$(printf '%s\n' "${walls[@]}" | sort -g | head -1)
    hi_w=$(printf '%s\n' "${walls[@]}" | sort -g | tail -1)
    fit_med=$(printf '%s\n' "${fits[@]}" | median)
    rss_timed=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
    # the smallest -Xmx that completes: hi completes, lo does not (log-scale bisection)
    limit=$(awk -v m="$med" -v f="$PROBE_FACTOR" 'BEGIN {printf "%d", m * f + 30}')
    echo "== $size: $sys, smallest -Xmx in ${floor_mb}..${xmx_mb} MB (a probe must finish within $limit s)" >&2
    hi=$xmx_mb hi_rss=$rss_timed
    train "$size" "$sys" probe "$floor_mb" "$limit"
    if [ "$outcome" = ok ]; then
      hi=$floor_mb hi_rss=$rss
    else
      lo=$floor_mb
      while [ $(( hi - lo )) -gt "$(( hi / 20 > 32 ? hi / 20 : 32 ))" ]; do
        mid=$(awk -v a="$lo" -v b="$hi" 'BEGIN {printf "%d", sqrt(a * b)}')
        train "$size" "$sys" probe "$mid" "$limit"
        if [ "$outcome" = ok ]; then hi=$mid hi_rss=$rss; else lo=$mid; fi
      done
    fi
    ratings="" users="" movies=""
    line=$(grep -h -m1 -o '[0-9,]* ratings, [0-9,]* users, [0-9,]* movies' "$dir"/logs/cinerec-*.log "$dir/generate.txt" \
      2>/dev/null | head -1 || true)
    if [ -n "$line" ]; then
      read -r ratings users movies < <(echo "$line" | tr -d , | awk '{print $1, $3, $5}')
    fi
    prep=$(awk -F, -v s="$size" -v y="$sys" '$1 == s && $2 == y {w = $3} END {print w}' "$OUT/prepare.csv")
    shuffle=""
    [ "$sys" = spark ] && [ -f "$dir/shuffle.csv" ] && shuffle=$(awk -F, '$1 == "all" {print $4}' "$dir/shuffle.csv")
    echo "$size,$ratings,$users,$movies,$sys,$RUNS,$med,$lo_w,$hi_w,$fit_med,$xmx_mb,$rss_timed,$hi,$hi_rss,$prep,$shuffle" \
      >>"$OUT/results.csv"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"

awk -F, -v floor="$floor_mb" 'function c(n,  s) { s = ""; while (n >= 1000) { s = sprintf(",%03d", n % 1000) s; n = int(n / 1000) }; return n s }
  NR == 1 {
    print "| size | ratings | users | movies | system | median wall s (runs) | min–max s | fit s | RSS at timed -Xmx MB | smallest -Xmx MB | peak RSS there MB | prepare s | shuffle written MB |"
    print "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    next
  }
  { sys = $5 == "spark" ? "Spark ALS (local[*])" : "cinerec als"
    printf "| %s | %s | %s | %s | %s | %s (%s) | %s–%s | %s | %s | %s | %s | %s | %s |\n", $1, c($2), c($3), c($4), sys, $7, $6, $8, $9,
      $10, $12, $13 == floor ? "≤ " $13 : $13, $14, $15, $16 == "" ? "–" : sprintf("%.0f", $16 / 1048576) }' "$OUT/results.csv" >"$OUT/results.md"
cat "$OUT/machine.txt"
echo
cat "$OUT/results.md"
