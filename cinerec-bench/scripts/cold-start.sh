#!/usr/bin/env bash
# Item cold start (issue #14): the two-tower model with movie features against the genre baseline on
# `items:F:SEED` splits, settings chosen on a validation part of each training set, never on its test part.
#
# Per SEED of SEEDS: `cinerec split DATA --split items:F:SEED` gives the outer training part; a validation
# folder is that training part (ratings.csv) with the whole catalogue (movies.csv), split again inside by
# `items:F:(SEED+1000)`. Every candidate setting of CANDIDATES is trained on the inner training part and
# ranked on the inner new movies; the best NDCG@10 is chosen; then `cinerec compare DATA --protocol
# items:F:SEED` trains genre, popularity and the chosen setting on the outer training part and ranks the
# outer new movies. Prints per seed the chosen setting and the test NDCG@10 of each model, and the
# median over the seeds with per-seed ratios to the genre baseline.
#
#   cinerec-bench/scripts/cold-start.sh                          # ml-latest-small, F 0.1, seeds 42 43 44
#   DATA=../shared/data/the-movies-dataset SEEDS="42" cinerec-bench/scripts/cold-start.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${DATA:-$root/../shared/data/ml-latest-small}"
SEEDS="${SEEDS:-42 43 44}"
F="${F:-0.1}"
OUT="${OUT:-$root/target/cold-start}"
cli="$root/cinerec"
# the candidates: a label, then --set values for multitask (item features always on)
CANDIDATES="${CANDIDATES:-
default|
nologq|logq=false
nologq-ret1|logq=false,retrieval-weight=1.0
nologq-drop50|logq=false,id-dropout=0.5
nologq-genres-year|logq=false,item-features=genres+year
}"
mkdir -p "$OUT"
[ -f "$DATA/movies.csv" ] || { echo "DATA must be a MovieLens CSV folder with movies.csv: $DATA" >&2; exit 2; }

sets() { # LABEL SETTINGS -> --set args for multitask@LABEL
  local label=$1 settings=$2
  echo "--set multitask@$label.item-features=genres,year,title"
  IFS=, read -r -a kv <<<"$settings"
  for x in "${kv[@]}"; do
    [ -n "$x" ] && echo "--set multitask@$label.${x//+/,}"
  done
}

ndcg() { # CSV LABEL -> ndcg@10 mean
  python3 - "$1" "$2" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["label"] == sys.argv[2]:
        print(row["ndcg@10_mean"])
PY
}

for seed in $SEEDS; do
  echo "== seed $seed" >&2
  sdir="$OUT/seed-$seed"
  mkdir -p "$sdir/val"
  "$cli" split "$DATA" --split "items:$F:$seed" --out "$sdir/outer" >/dev/null
  cp "$sdir/outer/train.csv" "$sdir/val/ratings.csv"
  cp "$DATA/movies.csv" "$sdir/val/movies.csv"
  models="" args=()
  while IFS='|' read -r label settings; do
    [ -n "$label" ] || continue
    models="$models,multitask@$label"
    read -r -a a <<<"$(sets "$label" "$settings" | tr '\n' ' ')"
    args+=("${a[@]}")
  done <<<"$CANDIDATES"
  "$cli" compare "$sdir/val" --models "genre${models}" "${args[@]}" --protocol "items:$F:$((seed + 1000))" --k 10 \
    --out "$sdir/val-compare" >"$sdir/val-compare.txt" 2>&1
  best="" bestv=-1
  while IFS='|' read -r label settings; do
    [ -n "$label" ] || continue
    v=$(ndcg "$sdir/val-compare.csv" "multitask@$label")
    echo "  validation NDCG@10 multitask@$label ($settings): $v" >&2
    if python3 -c "import sys; sys.exit(0 if float('$v') > float('$bestv') else 1)"; then best=$label bestv=$v bestset=$settings; fi
  done <<<"$CANDIDATES"
  echo "  validation genre: $(ndcg "$sdir/val-compare.csv" genre); chosen: $best" >&2
  read -r -a a <<<"$(sets "$best" "$bestset" | tr '\n' ' ')"
  "$cli" compare "$DATA" --models "genre,popularity,multitask@$best" "${a[@]}" --protocol "items:$F:$seed" --k 10 \
    --out "$sdir/test-compare" >"$sdir/test-compare.txt" 2>&1
  g=$(ndcg "$sdir/test-compare.csv" genre)
  p=$(ndcg "$sdir/test-compare.csv" popularity)
  m=$(ndcg "$sdir/test-compare.csv" "multitask@$best")
  echo "$seed,$best,$g,$p,$m" >>"$OUT/results.csv.tmp"
  echo "  test NDCG@10: genre $g, popularity (index order) $p, multitask@$best $m" >&2
done
mv "$OUT/results.csv.tmp" "$OUT/results.csv"
python3 - "$OUT/results.csv" <<'PY'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1])))
print("| seed | chosen on validation | genre | popularity (ties by index) | feature model | ÷ genre |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for s, best, g, p, m in rows:
    print(f"| {s} | {best} | {float(g):.4f} | {float(p):.4f} | {float(m):.4f} | {float(m) / float(g):.2f} |")
med = lambda i: statistics.median(float(r[i]) for r in rows)
print(f"| median | | {med(2):.4f} | {med(3):.4f} | {med(4):.4f} | {statistics.median(float(r[4]) / float(r[2]) for r in rows):.2f} |")
PY
