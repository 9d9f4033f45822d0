#!/usr/bin/env python3
"""Write the five folds of Surprise's KFold(n_splits=5, random_state=0) for a MovieLens ratings.csv.

Surprise 1.1.4's KFold.split shuffles the row indices of data.raw_ratings (file order, header skipped)
with numpy.random.RandomState(random_state).shuffle, then cuts them into n_splits contiguous test
ranges (the first len % n_splits folds one row longer); a fold's training set is every other row.
This reproduces that with numpy (RandomState's legacy shuffle is stable across numpy versions), so
cinerec and the peers can be measured on exactly the folds behind the Surprise figures in
../shared/peers/README.md. Rows are copied verbatim under the original header, LF line endings.

usage: /usr/bin/python3 scripts/surprise-folds.py DATA_DIR/ratings.csv OUT_DIR [--folds 5] [--seed 0]
writes OUT_DIR/fold1/{train,test}.csv ... OUT_DIR/fold5/{train,test}.csv
"""
import argparse
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ratings")
    ap.add_argument("out")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    with open(a.ratings, newline="") as f:
        lines = [line.rstrip("\r\n") for line in f]
    header, rows = lines[0], [line for line in lines[1:] if line]
    indices = np.arange(len(rows))
    np.random.RandomState(a.seed).shuffle(indices)
    stop = 0
    for fold in range(a.folds):
        start = stop
        stop += len(indices) // a.folds
        if fold < len(indices) % a.folds:
            stop += 1
        test = set(indices[start:stop].tolist())
        d = os.path.join(a.out, "fold%d" % (fold + 1))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "train.csv"), "w") as tr, open(os.path.join(d, "test.csv"), "w") as te:
            tr.write(header + "\n")
            te.write(header + "\n")
            for i, row in enumerate(rows):
                (te if i in test else tr).write(row + "\n")
        print("fold %d: %d train, %d test rows -> %s" % (fold + 1, len(rows) - len(test), len(test), d))


if __name__ == "__main__":
    main()
