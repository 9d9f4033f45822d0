"""Scratch check (not part of the build): does a model of what people rate *next* lift the cold-start curve?

Protocol as ColdStartCurve's, re-implemented here with numpy/scipy on ml-latest-small (held-out users are
drawn with numpy's generator, so they are not the Java run's users, and popularity's figure differs):
10% of users with >= 40 ratings held out; each gives their earliest n ratings (time, then movie id);
measured on every rating after their 20th; their first 20 are out of the candidates; NDCG@10, binary,
median over seeds 1, 2, 3.

"later E": a forward co-occurrence count, C[i, j] = number of training users who rated i among their first E
ratings and j at any later position; a history scores j by sum over its movies i of C[i, j]. "+recent": a blend
(1 - w) * that / max + w * recent popularity / max (training ratings at or before the n-th given rating's
time, halved every 365 days).

    python3 docs/notes/cold-start-sequence.py ../shared/data/ml-latest-small/ratings.csv
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


def ndcg(top, test, k=10):
    dcg = sum(1 / np.log2(p + 2) for p, x in enumerate(top[:k]) if x in test)
    return dcg / sum(1 / np.log2(p + 2) for p in range(min(k, len(test))))


def later(train, E, mix, half_life_days=365.0):
    rows, cols, ti, tt = [], [], [], []
    pop = np.zeros(M)
    for u in train:
        s, t = seqs[u]
        pop[s] += 1
        ti.append(s)
        tt.append(t)
        for p in range(min(E, len(s))):
            rows.append(np.full(len(s) - p - 1, s[p]))
            cols.append(s[p + 1:])
    ti, tt = np.concatenate(ti), np.concatenate(tt)
    cols = np.concatenate(cols)
    C = sp.csr_matrix((np.ones(len(cols)), (np.concatenate(rows), cols)), shape=(M, M))

    def score(given, times):
        v = np.asarray(C[given].sum(axis=0)).ravel()
        v = v / max(v.max(), 1e-12)
        m = tt <= times[-1]
        w = np.bincount(ti[m], weights=2.0 ** (-(times[-1] - tt[m]) / (half_life_days * 86400)), minlength=M)
        return (1 - mix) * v + mix * w / max(w.max(), 1e-12) + 1e-12 * pop

    return score, pop


methods = {"later E20": (20, 0.0), "later E50": (50, 0.0), "later E50 +recent 0.5": (50, 0.5),
           "later E50 +recent 0.7": (50, 0.7)}
out = defaultdict(list)
for seed in (1, 2, 3):
    held = set(np.random.default_rng(seed).choice(elig, size=int(round(0.1 * len(elig))), replace=False))
    train = [u for u in seqs if u not in held]
    models = {name: later(train, E, mix) for name, (E, mix) in methods.items()}
    pop = next(iter(models.values()))[1]
    res = defaultdict(list)
    for u in sorted(held):
        s, t = seqs[u]
        test = set(s[20:])
        for n in (1, 3, 5, 10, 20):
            for name, f in [("popularity", None)] + [(k, v[0]) for k, v in models.items()]:
                sc = pop.astype(float) if f is None else f(s[:n], t[:n])
                sc[s[:20]] = -np.inf
                top = np.argpartition(-sc, 10)[:10]
                res[(name, n)].append(ndcg(top[np.argsort(-sc[top])], test))
    for k, v in res.items():
        out[k].append(np.mean(v))
print("| method | n=1 | n=3 | n=5 | n=10 | n=20 |\n|---|---|---|---|---|---|")
for name in ["popularity"] + list(methods):
    print(f"| {name} | " + " | ".join(f"{np.median(out[(name, n)]):.4f}" for n in (1, 3, 5, 10, 20)) + " |")
