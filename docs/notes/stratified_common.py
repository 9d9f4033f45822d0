"""Shared by the stratified-*.py scratch checks (not part of the build): the ratings file named on the command
line, the numpy 75/25 per-user split, EASE on a Gram matrix, NDCG@10 with training movies left out, per-user
z-scores, and the positional (time-adjacency) Gram matrix."""
import sys
import numpy as np, scipy.sparse as sp
a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
U, I, T = a[:, 0].astype(int), a[:, 1].astype(int), a[:, 3].astype(np.int64)
users, Ui = np.unique(U, return_inverse=True); items, Ii = np.unique(I, return_inverse=True)
N, M = len(users), len(items)
byu = [np.flatnonzero(Ui == u) for u in range(N)]
def split(seed):
    rng = np.random.default_rng(seed)
    test = np.zeros(len(U), bool)
    for u in range(N):
        idx = byu[u].copy(); rng.shuffle(idx)
        test[idx[:int(round(0.25 * len(idx)))]] = True
    return test
def ease(G, lam):
    """EASE's closed form on a Gram matrix (items x items, or users x users for the user-side model); lam a number
    or one per row (item-specific regularisation)."""
    n = G.shape[0]
    G = G.astype(np.float64).copy(); G[np.diag_indices(n)] += lam
    P = np.linalg.inv(G); B = P / (-np.diag(P)); B[np.diag_indices(n)] = 0
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
def training(seed):
    """The split of a seed: (test mask, training mask, training matrix X as CSR, X dense)."""
    te = split(seed); tr = ~te
    X = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
    return te, tr, X, X.toarray()
def positional_gram(known, kern):
    """Items x items: two movies of one user (among the ratings in `known`) weigh kern(|p_i - p_j|), p a rating's
    position in the user's history by time (how many of hers are strictly older: ties share a position), as
    cinerec's AdjacencyGram."""
    G = np.zeros((M, M))
    for u in range(N):
        idx = byu[u][known[byu[u]]]
        t = T[idx]; r = np.searchsorted(np.sort(t), t, "left").astype(float)
        G[np.ix_(Ii[idx], Ii[idx])] += kern(np.abs(r[:, None] - r[None, :]))
    return G
