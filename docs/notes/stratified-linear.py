"""Scratch check (not part of the build): do other linear models than EASE lift NDCG@10 on the stratified 75/25
protocol? Same split and metric as stratified-time.py (numpy's generator, EASE lambda 300 the yardstick).
"uease L": the user-side EASE (each user's row predicted from the other users' rows, lambda L over the 610 x 610
Gram); "blend L,w": per-user z-scores (1 - w) z(EASE) + w z(uease L); "edlae p,L": EASE with item-specific
regularisation L + p/(1-p) G_ii (Steck 2020's dropout emphasis, the constrained form). Chosen on the test part:
upper bounds.

    python3 docs/notes/stratified-linear.py ../shared/data/ml-latest-small/ratings.csv     # 8 minutes
"""
import sys
import numpy as np, scipy.sparse as sp
a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
U, I, R, T = a[:, 0].astype(int), a[:, 1].astype(int), a[:,2], a[:, 3].astype(np.int64)
users, Ui = np.unique(U, return_inverse=True); items, Ii = np.unique(I, return_inverse=True)
N, M = len(users), len(items)
def split(seed):
    rng = np.random.default_rng(seed)
    test = np.zeros(len(U), bool)
    for u in range(N):
        idx = np.flatnonzero(Ui == u); rng.shuffle(idx)
        test[idx[:int(round(0.25 * len(idx)))]] = True
    return test
def ease_from_G(G, lamvec):
    G = G.copy(); G[np.diag_indices(G.shape[0])] += lamvec
    P = np.linalg.inv(G); B = P / (-np.diag(P)); B[np.diag_indices(G.shape[0])] = 0
    return B
def ndcg_all(S, Xtr, Te, k=10):
    S = S.copy(); S[Xtr.nonzero()] = -np.inf
    top = np.argpartition(-S, k, axis=1)[:, :k]
    top = np.take_along_axis(top, np.argsort(-np.take_along_axis(S, top, 1), 1), 1)
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
    Te = sp.csr_matrix((np.ones(te.sum()), (Ui[te], Ii[te])), shape=(N, M)).toarray() > 0
    Xd = X.toarray()
    G = (X.T @ X).toarray()
    S = Xd @ ease_from_G(G, 300.0)
    res = {"ease300": ndcg_all(S, X, Te)}
    Gu = Xd @ Xd.T
    for lu in (10, 30, 100, 300):
        Bu = ease_from_G(Gu, float(lu))
        Su = Bu.T @ Xd
        res[f"uease{lu}"] = ndcg_all(Su, X, Te)
        for w in (0.3, 0.5):
            res[f"blend{lu},{w}"] = ndcg_all((1-w)*z(S)+w*z(Su), X, Te)
    # EDLAE-style item-specific reg
    d = np.diag(G)
    for p in (0.1, 0.25, 0.5):
        for lam in (30, 100):
            Bd = ease_from_G(G, lam + p/(1-p)*d)
            res[f"edlae{p},{lam}"] = ndcg_all(Xd @ Bd, X, Te)
    print(seed, {k: round(v, 4) for k, v in res.items()}, flush=True)
