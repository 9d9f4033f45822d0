"""Scratch check (not part of the build): kernel shapes for the adjacency Gram matrix beyond one scale and a floor.

The same numpy split and yardstick as stratified-kernels.py (seed 42; ties share a position as in cinerec). Pair
weights (d = distance in positions): one scale with a floor (cinerec's `ease --adjacency S --adjacency-floor F`
form), two or three scales with a floor, a Cauchy kernel 1/(1 + d/10), a Gaussian with a floor. Every figure is
picked on the test part: upper bounds.

    python3 docs/notes/stratified-multiscale.py ../shared/data/ml-latest-small/ratings.csv    # about 25 minutes
"""
import numpy as np, scipy.sparse as sp
from stratified_common import *  # the data, training, positional_gram, ease, ndcg_all
seed = 42
te, tr, X, Xd = training(seed)
gram = lambda kern: positional_gram(tr, kern)
ks = {
 "s10 f0.2 (cinerec form: 0.8e+0.2)": lambda d: 0.8*np.exp(-d/10) + 0.2,
 "s30 f0.2": lambda d: 0.8*np.exp(-d/30) + 0.2,
 "0.4 s3 + 0.4 s30 + 0.2": lambda d: 0.4*np.exp(-d/3) + 0.4*np.exp(-d/30) + 0.2,
 "0.4 s5 + 0.4 s50 + 0.2": lambda d: 0.4*np.exp(-d/5) + 0.4*np.exp(-d/50) + 0.2,
 "0.3 s3 + 0.3 s10 + 0.3 s100 + 0.1": lambda d: 0.3*np.exp(-d/3) + 0.3*np.exp(-d/10) + 0.3*np.exp(-d/100) + 0.1,
 "1/(1+d/10) (Cauchy) ": lambda d: 1/(1+d/10),
 "gauss s10 + 0.2": lambda d: 0.8*np.exp(-(d/10)**2) + 0.2,
}
for name, k in ks.items():
    G = gram(k)
    for lam in (50, 100, 200):
        print(name, lam, round(ndcg_all(Xd @ ease(G, lam), X, Ui[te], Ii[te]), 4), flush=True)
