"""Mult-DAE and Mult-VAE (Liang et al. 2018, "Variational Autoencoders for Collaborative Filtering") on the
stratified 75/25 split of stratified_common.py, against EASE: a scratch check in numpy, not part of the build.

    python3 docs/notes/stratified-vae.py ../shared/data/ml-latest-small/ratings.csv [SEED ...]

Both read a user's training movies as one multinomial draw: the input row (binary, L2-normalised, dropout 0.5 while
training) goes through tanh layers to a softmax over the catalogue, trained by Adam (lr 1e-3, batches of 64 users)
on the multinomial log-likelihood, with L2 on the weights; the VAE samples its 200-d code and adds the KL term,
annealed to beta = 0.2 over the first epochs (the paper's setting). Scores are the logits for the training row
without dropout (the VAE's mean code). Every 20 epochs NDCG@10 on the test part is printed, and the best epoch's
scores are blended with EASE's by per-user z-scores: every figure is an upper bound (picked on the test part), as
in the other notes. About 10 minutes a seed on 2 cores.
"""
import sys
import numpy as np, scipy.sparse as sp
from stratified_common import U, I, Ui, Ii, N, M, split, ease, ndcg_all, z

f32 = np.float32


class Adam:
    def __init__(self, params, lr=1e-3):
        self.p, self.lr, self.t = params, lr, 0
        self.m = [np.zeros_like(x) for x in params]
        self.v = [np.zeros_like(x) for x in params]

    def step(self, grads):
        self.t += 1
        for p, g, m, v in zip(self.p, grads, self.m, self.v):
            m *= 0.9; m += 0.1 * g
            v *= 0.999; v += 0.001 * g * g
            p -= self.lr * (m / (1 - 0.9 ** self.t)) / (np.sqrt(v / (1 - 0.999 ** self.t)) + 1e-8)


def glorot(rng, a, b):
    return (rng.standard_normal((a, b)) * np.sqrt(2.0 / (a + b))).astype(f32)


def softmax_grad(logits, x):
    """d(-sum x log softmax)/d logits, per row."""
    e = np.exp(logits - logits.max(1, keepdims=True))
    s = e / e.sum(1, keepdims=True)
    return s * x.sum(1, keepdims=True) - x


def train(X, Xtr, te_u, te_i, vae, hidden, latent, epochs, lam, seed, every=20):
    rng = np.random.default_rng(seed)
    if vae:  # I -> hidden -> (mu, logvar) latent ; latent -> hidden -> I
        W = [glorot(rng, M, hidden), glorot(rng, hidden, 2 * latent), glorot(rng, latent, hidden), glorot(rng, hidden, M)]
        b = [np.zeros(hidden, f32), np.zeros(2 * latent, f32), np.zeros(hidden, f32), np.zeros(M, f32)]
    else:  # I -> hidden -> I
        W = [glorot(rng, M, hidden), glorot(rng, hidden, M)]
        b = [np.zeros(hidden, f32), np.zeros(M, f32)]
    opt = Adam(W + b)
    norm = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
    best, best_scores, steps, total = (0, 0), None, 0, 1000  # beta reaches 0.2 after 1,000 updates (100 epochs)
    for ep in range(1, epochs + 1):
        order = rng.permutation(N)
        for s in range(0, N, 64):
            rows = order[s:s + 64]
            x = X[rows]
            inp = norm[rows] * (rng.random(x.shape) > 0.5) * 2
            if vae:
                h1 = np.tanh(inp @ W[0] + b[0]); q = h1 @ W[1] + b[1]
                mu, logvar = q[:, :latent], q[:, latent:]
                eps = rng.standard_normal(mu.shape).astype(f32)
                std = np.exp(0.5 * logvar); zz = mu + eps * std
                h2 = np.tanh(zz @ W[2] + b[2]); logits = h2 @ W[3] + b[3]
                beta = min(0.2, 0.2 * steps / total); steps += 1
                g = softmax_grad(logits, x) / len(rows)
                gW3 = h2.T @ g; gb3 = g.sum(0)
                gh2 = (g @ W[3].T) * (1 - h2 * h2)
                gW2 = zz.T @ gh2; gb2 = gh2.sum(0)
                gz = gh2 @ W[2].T
                gmu = gz + beta * mu / len(rows)
                glv = gz * eps * 0.5 * std + beta * 0.5 * (np.exp(logvar) - 1) / len(rows)
                gq = np.concatenate([gmu, glv], 1)
                gW1 = h1.T @ gq; gb1 = gq.sum(0)
                gh1 = (gq @ W[1].T) * (1 - h1 * h1)
                gW0 = inp.T @ gh1; gb0 = gh1.sum(0)
                grads = [gW0, gW1, gW2, gW3]
                gbs = [gb0, gb1, gb2, gb3]
            else:
                h = np.tanh(inp @ W[0] + b[0]); logits = h @ W[1] + b[1]
                g = softmax_grad(logits, x) / len(rows)
                gW1 = h.T @ g; gb1 = g.sum(0)
                gh = (g @ W[1].T) * (1 - h * h)
                gW0 = inp.T @ gh; gb0 = gh.sum(0)
                grads = [gW0, gW1]
                gbs = [gb0, gb1]
            grads = [gw + lam * w for gw, w in zip(grads, W)]
            opt.step(grads + gbs)
        if ep % every == 0 or ep == epochs:
            if vae:
                h1 = np.tanh(norm @ W[0] + b[0]); mu = (h1 @ W[1] + b[1])[:, :latent]
                S = np.tanh(mu @ W[2] + b[2]) @ W[3] + b[3]
            else:
                S = np.tanh(norm @ W[0] + b[0]) @ W[1] + b[1]
            n = ndcg_all(S.astype(np.float64), Xtr, te_u, te_i)
            if n > best[0]:
                best, best_scores = (n, ep), S.astype(np.float64)
            print(f"  {'vae' if vae else 'dae'} hidden {hidden} lam {lam:g} epoch {ep:3d}: NDCG@10 {n:.4f}", flush=True)
    return best, best_scores


for seed in [int(s) for s in sys.argv[2:]] or [42]:
    test = split(seed)
    tr = ~test
    Xtr = sp.csr_matrix((np.ones(tr.sum()), (Ui[tr], Ii[tr])), shape=(N, M))
    X = Xtr.toarray().astype(f32)
    te_u, te_i = Ui[test], Ii[test]
    G = (Xtr.T @ Xtr).toarray()
    E = X.astype(np.float64) @ ease(G, 300)
    base = ndcg_all(E, Xtr, te_u, te_i)
    print(f"seed {seed}: EASE lambda 300 NDCG@10 {base:.4f}", flush=True)
    for vae, hidden, lam, epochs in [(False, 200, 1e-4, 200), (False, 600, 1e-4, 100), (False, 200, 1e-3, 200),
                                     (True, 600, 1e-5, 200)]:
        (n, ep), S = train(X, Xtr, te_u, te_i, vae, hidden, 200, epochs, lam, seed)
        blends = " / ".join(f"{ndcg_all((1 - w) * z(E) + w * z(S), Xtr, te_u, te_i):.4f}" for w in (0.2, 0.3, 0.5))
        print(f"seed {seed}: {'Mult-VAE' if vae else 'Mult-DAE'} hidden {hidden} lam {lam:g}: best NDCG@10 {n:.4f} "
              f"(epoch {ep}), {n / base:.3f} x EASE; EASE + it, w 0.2 / 0.3 / 0.5: {blends}", flush=True)
