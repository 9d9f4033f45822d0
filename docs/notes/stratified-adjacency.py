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
def ease(G, lam):
    G = G.astype(np.float64).copy(); G[np.diag_indices(M)] += lam
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
