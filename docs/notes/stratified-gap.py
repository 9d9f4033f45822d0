"""Scratch check (not part of the build): do the movies other people rated *between* two of a user's consecutive
training ratings fill the held-out quarter on the stratified 75/25 protocol?

Same numpy split and yardstick as stratified-adjacency.py. A[i, j] counts training users who rated j within W
positions after i (weight 1/gap); a user's movie j scores sum over consecutive training pairs (a, b) of
sqrt(A[a, j] * A[j, b]) ("gap"), or sum of A[a, j] + A[j, a] over their movies ("near"); blended with EASE by
per-user z-scores. Picked on the test part: upper bounds. Seed 42 (EASE 0.3975): gap 0.327 (W 2) / 0.335 (W 4),
near 0.323 / 0.325, every blend (w 0.2, 0.35, 0.5) 0.351-0.386: below EASE. Stopped after that seed.

    python3 docs/notes/stratified-gap.py ../shared/data/ml-latest-small/ratings.csv
"""
import numpy as np, scipy.sparse as sp
from stratified_common import *  # the data, split, ease, ndcg_all, z
def seqs(tr):
    out = []
    for u in range(N):
        idx = byu[u][tr[byu[u]]]
        idx = idx[np.argsort(T[idx], kind="stable")]
        out.append(Ii[idx])
    return out
def forward(sq, W):
    r, c, v = [], [], []
    for s in sq:
        for d in range(1, W + 1):
            if len(s) > d:
                r.append(s[:-d]); c.append(s[d:]); v.append(np.full(len(s) - d, 1.0 / d))
    return sp.csr_matrix((np.concatenate(v), (np.concatenate(r), np.concatenate(c))), shape=(M, M))
for seed in (42, 43, 44):
    te = split(seed); tr = ~te
    X = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
    S0 = np.asarray(X @ ease((X.T @ X).toarray(), 300.0))
    sq = seqs(tr)
    res = {"ease": ndcg_all(S0, X, Ui[te], Ii[te])}
    for W in (2, 4, 8):
        A = forward(sq, W); A = A.tocsr(); At = A.T.tocsr()
        Sg = np.zeros((N, M)); Sn = np.zeros((N, M))
        for u, s in enumerate(sq):
            if len(s) < 2: continue
            L = A[s[:-1]].toarray(); R = At[s[1:]].toarray()
            Sg[u] = (np.sqrt(L * R)).sum(0)          # j between s_k and s_{k+1}
            Sn[u] = (L + R).sum(0)                   # j next to any of u's movies
        res[f"gap W{W}"] = ndcg_all(Sg, X, Ui[te], Ii[te])
        res[f"near W{W}"] = ndcg_all(Sn, X, Ui[te], Ii[te])
        for w in (0.2, 0.35, 0.5):
            res[f"ease+gap W{W} w{w}"] = ndcg_all((1 - w) * z(S0) + w * z(Sg), X, Ui[te], Ii[te])
            res[f"ease+near W{W} w{w}"] = ndcg_all((1 - w) * z(S0) + w * z(Sn), X, Ui[te], Ii[te])
        print(seed, W, {k: round(v, 4) for k, v in res.items() if f"W{W}" in k or k == "ease"}, flush=True)
    best = max(res, key=res.get)
    print(seed, "best", best, round(res[best], 4), "÷ ease", round(res[best] / res["ease"], 3), flush=True)
