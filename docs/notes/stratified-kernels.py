"""Scratch check (not part of the build): other forms of the time-adjacency Gram matrix on the stratified 75/25 protocol.

The same numpy split and yardstick as stratified-adjacency.py (seed 42). EASE fitted on a Gram matrix whose pair
weights are (a) exp(-|t_i - t_j| / tau) by seconds instead of positions, (b) the positional kernel times or plus a
time kernel, (c) the positional kernel plus a constant floor c (so far-apart pairs still count, as in plain EASE),
and (d) the positional EASE's scores with each training movie weighted by how many held-out ratings the gaps
beside it are expected to hold (from the gap's length in seconds, estimated on an inner split of the training part).
Every figure is picked on the test part: upper bounds.

    python3 docs/notes/stratified-kernels.py ../shared/data/ml-latest-small/ratings.csv    # about 30 minutes
"""
import numpy as np, scipy.sparse as sp
from stratified_common import *  # the data, split, ease, ndcg_all, z
seed = 42
te, tr, X, Xd = training(seed)
seqs = []
for u in range(N):
    idx = byu[u][tr[byu[u]]]
    seqs.append(idx[np.argsort(T[idx], kind="stable")])
def gram(kern):
    G = np.zeros((M, M))
    for idx in seqs:
        p = np.arange(len(idx)); t = T[idx].astype(float)
        G[np.ix_(Ii[idx], Ii[idx])] += kern(p, t)
    return G
dP = lambda p: np.abs(p[:, None] - p[None, :]); dT = lambda t: np.abs(t[:, None] - t[None, :])
print("ease 300", round(ndcg_all(Xd @ ease((X.T @ X).toarray(), 300.0), X, Ui[te], Ii[te]), 4), flush=True)
kernels = {"positions s10": lambda p, t: np.exp(-dP(p) / 10), "positions s30": lambda p, t: np.exp(-dP(p) / 30)}
for tau in (600, 3600, 86400, 30 * 86400):
    kernels[f"seconds tau {tau}"] = lambda p, t, tau=tau: np.exp(-dT(t) / tau)
kernels["s10 x seconds 1 day"] = lambda p, t: np.exp(-dP(p) / 10) * np.exp(-dT(t) / 86400)
kernels["s10 + seconds 1 hour"] = lambda p, t: 0.5 * np.exp(-dP(p) / 10) + 0.5 * np.exp(-dT(t) / 3600)
kernels["s10 + floor 0.2"] = lambda p, t: np.exp(-dP(p) / 10) + 0.2
for name, kern in kernels.items():
    G = gram(kern)
    for lam in (30, 100):
        print(name, lam, round(ndcg_all(Xd @ ease(G, lam), X, Ui[te], Ii[te]), 4), flush=True)
# (d) gap weights: expected held-out ratings per gap by its length in seconds, from an inner 75/25 cut of training
edges = np.array([0, 1, 3, 6, 11, 21, 41, 101, 1001, 100001])
bucket = lambda dt: np.searchsorted(edges, dt, side="right") - 1
rng = np.random.default_rng(seed + 1000); inner = np.zeros(len(U), bool)
for u in range(N):
    idx = byu[u][tr[byu[u]]].copy(); rng.shuffle(idx); inner[idx[:int(round(0.25 * len(idx)))]] = True
s_, n_ = np.zeros(10), np.zeros(10)
for u in range(N):
    idx = byu[u][tr[byu[u]]]; idx = idx[np.argsort(T[idx], kind="stable")]
    h = inner[idx]; t = T[idx]; pos = np.flatnonzero(~h)
    for a, b in zip(pos[:-1], pos[1:]):
        k = bucket(t[b] - t[a]); s_[k] += b - a - 1; n_[k] += 1
E = s_ / np.maximum(n_, 1)
W = np.zeros((N, M))
for u, idx in enumerate(seqs):
    e = E[bucket(np.diff(T[idx]))]; w = np.zeros(len(idx)); w[1:] += e; w[:-1] += e
    W[u, Ii[idx]] = w
B = ease(gram(kernels["positions s10"]), 100)
for a in (0.5, 1, 2, 4, 8):
    print("s10 gap-weighted", a, round(ndcg_all((Xd + a * W) @ B, X, Ui[te], Ii[te]), 4), flush=True)
