"""Scratch check (not part of the build): does the time of ratings help EASE on the stratified 75/25 protocol?

Per seed, each user's ratings split 75/25 at random (numpy's generator: not the Java split, so figures differ in
the third decimal); EASE (lambda 300) on binary training ratings; NDCG@10 over every test rating, training movies
out of the candidates. "+filter": only movies rated in training by anyone at or before the user's last training
rating (a service running then could have shown no other). "era pop": popularity among the training ratings made
from a month before the user's first to a month after their last training rating. "+era w": per-user z-scores
(1 - w) z(EASE) + w z(log(1 + era pop)).

    python3 docs/notes/stratified-time.py ../shared/data/ml-latest-small/ratings.csv
"""
import numpy as np, scipy.sparse as sp
from stratified_common import *  # the data, split, ease, ndcg_all, z
for seed in (42, 43, 44):
    te = split(seed); tr = ~te
    X = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
    B = ease((X.T @ X).toarray(), 300.0); S = (X @ B)
    S = np.asarray(S)
    base = ndcg_all(S, X, Ui[te], Ii[te])
    # first training time of each item; user's last training time
    first = np.full(M, np.iinfo(np.int64).max); np.minimum.at(first, Ii[tr], T[tr])
    ulast = np.zeros(N, np.int64); np.maximum.at(ulast, Ui[tr], T[tr])
    ufirst = np.full(N, np.iinfo(np.int64).max); np.minimum.at(ufirst, Ui[tr], T[tr])
    Sf = S.copy(); Sf[first[None, :] > ulast[:, None] + 0] = -np.inf
    filt = ndcg_all(Sf, X, Ui[te], Ii[te])
    # era popularity: ratings by others within user's [first-30d, last+30d] -- via time buckets (months)
    mb = ((T - T.min()) // (30 * 86400)).astype(int); NB = mb.max() + 1
    C = np.zeros((NB, M)); np.add.at(C, (mb[tr], Ii[tr]), 1.0); Cc = np.cumsum(C, 0)
    lo = np.clip(((ufirst - T.min()) // (30 * 86400)).astype(int) - 1, 0, NB - 1)
    hi = np.clip(((ulast - T.min()) // (30 * 86400)).astype(int) + 1, 0, NB - 1)
    E = Cc[hi] - np.where(lo[:, None] > 0, Cc[np.maximum(lo - 1, 0)], 0)
    res = {"ease": base, "ease+filter": filt, "era pop": ndcg_all(E, X, Ui[te], Ii[te])}
    for w in (0.1, 0.2, 0.3, 0.5):
        res[f"ease+era {w}"] = ndcg_all((1 - w) * z(S) + w * z(np.log1p(E)), X, Ui[te], Ii[te])
    print(seed, {k: round(v, 4) for k, v in res.items()}, flush=True)
