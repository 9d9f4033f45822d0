"""Scratch check (not part of the build): does the time of ratings help EASE on the stratified 75/25 protocol?

Per seed, each user's ratings split 75/25 at random (numpy's generator: not the Java split, so figures differ in
the third decimal); EASE (lambda 300) on binary training ratings; NDCG@10 over every test rating, training movies
out of the candidates. "+filter": only movies rated in training by anyone at or before the user's last training
rating (a service running then could have shown no other). "era pop": popularity among the training ratings made
from a month before the user's first to a month after their last training rating. "+era w": per-user z-scores
(1 - w) z(EASE) + w z(log(1 + era pop)).

    python3 docs/notes/stratified-time.py ../shared/data/ml-latest-small/ratings.csv
"""
import sys
import numpy as np, scipy.sparse as sp
a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
U, I, T = a[:, 0].astype(int), a[:, 1].astype(int), a[:, 3].astype(np.int64)
users, Ui = np.unique(U, return_inverse=True); items, Ii = np.unique(I, return_inverse=True)
N, M = len(users), len(items)
def split(seed):
    rng = np.random.default_rng(seed)
    test = np.zeros(len(U), bool)
    for u in range(N):
        idx = np.flatnonzero(Ui == u); rng.shuffle(idx)
        test[idx[:int(round(0.25 * len(idx)))]] = True
    return test
def ease(X, lam):
    G = (X.T @ X).toarray().astype(np.float64); G[np.diag_indices(M)] += lam
    P = np.linalg.inv(G); B = P / (-np.diag(P)); B[np.diag_indices(M)] = 0
    return B
def ndcg_all(S, Xtr, te_u, te_i, k=10):
    S = S.copy(); S[Xtr.nonzero()] = -np.inf
    top = np.argpartition(-S, k, axis=1)[:, :k]
    top = np.take_along_axis(top, np.argsort(-np.take_along_axis(S, top, 1), 1), 1)
    Te = sp.csr_matrix((np.ones(len(te_u)), (te_u, te_i)), shape=(N, M)).toarray() > 0
    hit = np.take_along_axis(Te, top, 1)
    disc = 1 / np.log2(np.arange(2, k + 2))
    dcg = (hit * disc).sum(1); nt = Te.sum(1)
    idcg = np.array([disc[:min(k, n)].sum() for n in nt])
    m = nt > 0
    return (dcg[m] / idcg[m]).mean()
def z(S):
    return (S - S.mean(1, keepdims=True)) / (S.std(1, keepdims=True) + 1e-12)
for seed in (42, 43, 44):
    te = split(seed); tr = ~te
    X = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
    B = ease(X, 300.0); S = (X @ B)
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
