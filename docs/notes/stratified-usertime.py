"""Scratch check (not part of the build): do the times at which two users rated the same movies help, on top of EASE
with time adjacency, on the stratified 75/25 protocol?

The same numpy split and yardstick as stratified-adjacency.py, seed 42, every figure on the test part (upper
bounds). The adjacency EASE (s 10, lam 100; `cinerec train --model ease --adjacency 10 --lambda 100`) is blended
by per-user z-scores with a user-side EASE (each user's row predicted from the other users' rows) whose users x
users Gram counts two users' ratings of one movie exp(-|t_u - t_v| / tau) (tau None: 1, the plain user-side model).

    python3 docs/notes/stratified-usertime.py ../shared/data/ml-latest-small/ratings.csv    # 10 minutes
"""
import numpy as np, scipy.sparse as sp
from stratified_common import *  # the data, split, ease, ndcg_all, z
def adjacency_gram(tr, s):
    return positional_gram(tr, lambda d: np.exp(-d / s))
def user_gram(tr, tau):
    G = np.zeros((N, N))
    idx = np.flatnonzero(tr); idx = idx[np.argsort(Ii[idx], kind="stable")]
    for grp in np.split(idx, np.flatnonzero(np.diff(Ii[idx])) + 1):
        t = T[grp].astype(float)
        G[np.ix_(Ui[grp], Ui[grp])] += 1 if tau is None else np.exp(-np.abs(t[:, None] - t[None, :]) / tau)
    return G
te = split(42); tr = ~te
X = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
S_adj = np.asarray(X @ ease(adjacency_gram(tr, 10), 100.0))
print("adjacency EASE", round(ndcg_all(S_adj, X, Ui[te], Ii[te]), 4), flush=True)
for tau in (None, 86400 * 30, 86400 * 365, 86400 * 365 * 3):
    for lam in (30.0, 100.0, 300.0):
        S_u = ease(user_gram(tr, tau), lam).T @ X.toarray()
        blends = {w: round(ndcg_all((1 - w) * z(S_adj) + w * z(S_u), X, Ui[te], Ii[te]), 4) for w in (0.2, 0.4)}
        print("tau", tau, "lam", lam, "alone", round(ndcg_all(S_u, X, Ui[te], Ii[te]), 4), "blends", blends, flush=True)
