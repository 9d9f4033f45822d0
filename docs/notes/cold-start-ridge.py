"""Scratch check (not part of the build): a ridge regression from a user's first ratings to what they rate later.

Protocol as cold-start-sequence.py's (same held-out users: 10% of the users with >= 40 ratings, numpy's
generator, seeds 1, 2, 3; each gives their earliest n ratings; measured on every rating after their 20th; their
first 20 out of the candidates; NDCG@10, binary, median over seeds).

Training rows: for every training user with more than 20 ratings and every cut c in CUTS, x = their first c
movies (binary; with --era also a one-hot calendar year of their c-th rating), y = the movies they rated after
their 20th. B = (Xc' Xc + lambda I)^-1 Xc' Yc on centred X and Y (an intercept: "what people rate after their
20th rating"); a history scores mean(y) + (x - mean(x)) B. "future pop" is that intercept alone.

    python3 docs/notes/cold-start-ridge.py ../shared/data/ml-latest-small/ratings.csv 300,1000,3000
"""
import sys
from collections import defaultdict

import numpy as np
import scipy.sparse as sp

a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
U, I, T = a[:, 0].astype(int), a[:, 1].astype(int), a[:, 3].astype(np.int64)
o = np.lexsort((I, T, U))
U, I, T = U[o], I[o], T[o]
items = np.unique(I)
M = len(items)
Ii = np.searchsorted(items, I)
b = np.flatnonzero(np.diff(U)) + 1
seqs = {U[s]: (Ii[s:e], T[s:e]) for s, e in zip(np.r_[0, b], np.r_[b, len(U)])}
elig = np.array(sorted(u for u in seqs if len(seqs[u][0]) >= 40))
NS = (1, 3, 5, 10, 20)
YEARS = 40  # one-hot calendar years from 1996


def year(ts):
    return min(YEARS - 1, max(0, int((ts - 820454400) // (365.25 * 86400))))


def ndcg(top, test, k=10):
    dcg = sum(1 / np.log2(p + 2) for p, x in enumerate(top[:k]) if x in test)
    return dcg / sum(1 / np.log2(p + 2) for p in range(min(k, len(test))))


def fit(train, lam, cuts, era):
    rows, cols, yrows, ycols = [], [], [], []
    r = 0
    for u in train:
        s, t = seqs[u]
        if len(s) <= 20:
            continue
        for c in cuts:
            rows.append(np.full(c, r))
            cols.append(s[:c])
            if era:
                rows.append(np.array([r]))
                cols.append(np.array([M + year(t[c - 1])]))
            yrows.append(np.full(len(s) - 20, r))
            ycols.append(s[20:])
            r += 1
    cols, ycols = np.concatenate(cols), np.concatenate(ycols)
    X = sp.csr_matrix((np.ones(len(cols)), (np.concatenate(rows), cols)), shape=(r, M + YEARS))
    Y = sp.csr_matrix((np.ones(len(ycols)), (np.concatenate(yrows), ycols)), shape=(r, M)).toarray()
    used = np.flatnonzero(np.asarray(X.sum(0)).ravel() > 0)
    Xu = X[:, used].toarray()
    mx, my = Xu.mean(0), Y.mean(0)
    B = np.linalg.solve((Xu - mx).T @ (Xu - mx) + lam * np.eye(len(used)), (Xu - mx).T @ (Y - my))
    pos = np.full(M + YEARS, -1)
    pos[used] = np.arange(len(used))

    def score(given, times):
        g = np.r_[given, M + year(times[-1])] if era else np.asarray(given)
        x = -mx.copy()
        p = pos[g]
        x[p[p >= 0]] += 1
        return my + x @ B

    return score, my


out = defaultdict(list)
lams = [float(x) for x in sys.argv[2].split(",")]
names = []
for seed in (1, 2, 3):
    held = set(np.random.default_rng(seed).choice(elig, size=int(round(0.1 * len(elig))), replace=False))
    train = [u for u in seqs if u not in held]
    pop = np.zeros(M)
    for u in train:
        pop[seqs[u][0]] += 1
    methods = {"popularity": lambda g, t: pop.copy()}
    for lam in lams:
        for era in (False, True):
            for cuts in (NS, tuple(range(1, 21))):
                f, my = fit(train, lam, cuts, era)
                methods[f"ridge {lam:g}{' +era' if era else ''}, cuts {'1..20' if len(cuts) == 20 else '1,3,5,10,20'}"] = f
    methods["future pop"] = lambda g, t, my=my: my + 1e-9 * pop
    names = list(methods)
    res = defaultdict(list)
    for u in sorted(held):
        s, t = seqs[u]
        test = set(s[20:])
        for n in NS:
            for name, f in methods.items():
                sc = np.asarray(f(s[:n], t[:n]), dtype=float)
                sc[s[:20]] = -np.inf
                top = np.argpartition(-sc, 10)[:10]
                res[(name, n)].append(ndcg(top[np.argsort(-sc[top])], test))
    for k, v in res.items():
        out[k].append(np.mean(v))
    print(f"seed {seed}: n=5 " + ", ".join(f"{k[0]} {np.mean(v):.4f}" for k, v in res.items() if k[1] == 5),
          file=sys.stderr, flush=True)
print("| method | n=1 | n=3 | n=5 | n=10 | n=20 |\n|---|---|---|---|---|---|")
for name in names:
    print(f"| {name} | " + " | ".join(f"{np.median(out[(name, n)]):.4f}" for n in NS) + " |")
