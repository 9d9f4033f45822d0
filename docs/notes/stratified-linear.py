"""Scratch check (not part of the build): do other linear models than EASE lift NDCG@10 on the stratified 75/25
protocol? Same split and metric as stratified-time.py (numpy's generator, EASE lambda 300 the yardstick).
"uease L": the user-side EASE (each user's row predicted from the other users' rows, lambda L over the 610 x 610
Gram); "blend L,w": per-user z-scores (1 - w) z(EASE) + w z(uease L); "edlae p,L": EASE with item-specific
regularisation L + p/(1-p) G_ii (Steck 2020's dropout emphasis, the constrained form). Chosen on the test part:
upper bounds.

    python3 docs/notes/stratified-linear.py ../shared/data/ml-latest-small/ratings.csv     # 8 minutes
"""
import numpy as np, scipy.sparse as sp
from stratified_common import *  # the data, split, ease, ndcg_all, z
for seed in (42, 43, 44):
    te = split(seed); tr = ~te
    X = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
    Xd = X.toarray()
    G = (X.T @ X).toarray()
    S = Xd @ ease(G, 300.0)
    res = {"ease300": ndcg_all(S, X, Ui[te], Ii[te])}
    Gu = Xd @ Xd.T
    for lu in (10, 30, 100, 300):
        Bu = ease(Gu, float(lu))
        Su = Bu.T @ Xd
        res[f"uease{lu}"] = ndcg_all(Su, X, Ui[te], Ii[te])
        for w in (0.3, 0.5):
            res[f"blend{lu},{w}"] = ndcg_all((1-w)*z(S)+w*z(Su), X, Ui[te], Ii[te])
    # EDLAE-style item-specific reg
    d = np.diag(G)
    for p in (0.1, 0.25, 0.5):
        for lam in (30, 100):
            Bd = ease(G, lam + p/(1-p)*d)
            res[f"edlae{p},{lam}"] = ndcg_all(Xd @ Bd, X, Ui[te], Ii[te])
    print(seed, {k: round(v, 4) for k, v in res.items()}, flush=True)
