"""Scratch check (not part of the build): does the order in which a user rated help EASE on the stratified 75/25 protocol?

The same numpy split and yardstick as stratified-time.py (so EASE's figures are those of that table). EASE counts two
movies as related when one user rated both, at any distance in time; here a second EASE is fitted on a Gram matrix
where each such pair counts exp(-|p_i - p_j| / s), p being the positions of the two ratings in the user's own
training ratings sorted by time (a positive-definite kernel, so the Gram matrix stays positive semi-definite): movies
rated one after the other, as on one page of the MovieLens sign-up, count most. Scored like EASE (the user's binary
row times B) and blended with plain EASE by per-user z-scores, (1 - w) z(EASE) + w z(adjacency EASE). Every figure
is picked on the test part: upper bounds.

    python3 docs/notes/stratified-adjacency.py ../shared/data/ml-latest-small/ratings.csv    # 20 minutes
"""
import numpy as np, scipy.sparse as sp
from stratified_common import *  # the data, split, ease, ndcg_all, z
def adjacency_gram(tr, s):
    G = np.zeros((M, M))
    for u in range(N):
        idx = np.flatnonzero((Ui == u) & tr)
        idx = idx[np.argsort(T[idx], kind="stable")]
        p = np.arange(len(idx))
        G[np.ix_(Ii[idx], Ii[idx])] += np.exp(-np.abs(p[:, None] - p[None, :]) / s)
    return G
for seed in (42, 43, 44):
    te = split(seed); tr = ~te
    X = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
    S0 = np.asarray(X @ ease((X.T @ X).toarray(), 300.0))
    res = {"ease 300": ndcg_all(S0, X, Ui[te], Ii[te])}
    for s in (3, 5, 10):
        G = adjacency_gram(tr, s)
        for lam in (30, 100):
            Sa = np.asarray(X @ ease(G, lam))
            res[f"adj s={s} lam={lam}"] = ndcg_all(Sa, X, Ui[te], Ii[te])
            for w in (0.3, 0.5, 0.7):
                res[f"ease+adj s={s} lam={lam} w={w}"] = ndcg_all((1 - w) * z(S0) + w * z(Sa), X, Ui[te], Ii[te])
    best = max((k for k in res if k != "ease 300"), key=res.get)
    print(seed, {k: round(v, 4) for k, v in res.items()}, flush=True)
    print(seed, "best", best, round(res[best], 4), "÷ ease", round(res[best] / res["ease 300"], 3), flush=True)
