#!/usr/bin/env bash
# Runs every command the README shows, on ../shared/data, and writes each output to OUT/NN-name.txt.
# Usage: scripts/readme-examples.sh [OUT]   (default /tmp/cinerec-examples)
set -uo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/cinerec-examples}"
rm -rf "$out" && mkdir -p "$out"
data=../shared/data/ml-latest-small
kaggle=../shared/data/the-movies-dataset
n=0
ex() { # name, command...
  n=$((n + 1))
  local name="$1"; shift
  local f="$out/$(printf %02d $n)-$name.txt"
  { echo "\$ $*"; CINEREC_PROGRESS=never "$@" 2>&1; echo "(exit $?)"; } | sed "s|$out|OUT|g" > "$f"
  echo "$f"
}
ex info ./cinerec info $data --top 3
ex prepare ./cinerec prepare $kaggle --out $out/kaggle.cinerec
ex generate ./cinerec generate --preset small --seed 42 --out $out/synthetic
ex split ./cinerec split $data --split temporal:10 --out $out/split
ex train ./cinerec train $data --model multitask --preset stable --out $out/multitask.cinerec
ex evaluate ./cinerec evaluate $out/multitask.cinerec --data $data
ex recommend ./cinerec recommend $out/multitask.cinerec --user 1 -k 5
ex similar ./cinerec similar $out/multitask.cinerec --movie "Toy Story" -k 5
ex predict ./cinerec predict $out/multitask.cinerec --user 1 --movie 318
ex compare ./cinerec compare $data --models popularity,baseline,mf,svdpp,ease,multitask --protocol holdout --k 10 --out $out/board
ex tune ./cinerec tune $data --model mf --grid factors=50,100 reg=0.02,0.05 --protocol kfold:3
ex plot ./cinerec plot $data --out $out/pictures
ex report ./cinerec report $data --model $out/multitask.cinerec --leaderboard $out/board.json --out $out/report.html
ex download ./cinerec download ml-latest-small
ex bad-flag ./cinerec train $data --model mf --factors 0
ex bad-user ./cinerec recommend $out/multitask.cinerec --user 999999
ex bad-movie ./cinerec similar $out/multitask.cinerec --movie "Toy Stroy"
ex bad-data ./cinerec info $out/multitask.cinerec
