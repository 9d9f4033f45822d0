"""Scratch check (not part of the build): a learned re-ranker (gradient-boosted trees, LambdaMART) over EASE's
candidates, with time, era, genre and popularity features, on the stratified 75/25 protocol.

The same numpy split and yardstick as the other stratified-*.py checks. Per seed: the outer cut gives the training
part T and the test part; an inner per-user 75/25 cut of T gives a fit part F and a validation part V. Every scorer
is fitted on F, each user's top C candidates (union of EASE and time-adjacency EASE, F's movies excluded) get
features, and the trees learn V's movies among them (half of the users to fit the trees, the other half to choose
the objective, depth and number of rounds by NDCG@10; then refitted on all users). Then every scorer is fitted
again on T, the test users' candidates get the same features, and the trees re-rank them: NDCG@10 on the test
part, the ideal DCG over all the user's test movies as ndcg_all's. Nothing is chosen on the test part; C = 100 and
the learning rate 0.05 were fixed beforehand.

Needs xgboost (Debian's python3-xgboost with Debian's numpy and scipy: run with /usr/bin/python3).

    /usr/bin/python3 docs/notes/stratified-ltr.py ../shared/data/ml-latest-small/ratings.csv 42   # ~10 minutes a seed
"""
import os, sys
import numpy as np, scipy.sparse as sp
import xgboost as xgb
from stratified_common import *  # the data, split, ease, ndcg_all, z

C = 100
DAY = 86400.0
seeds = [int(s) for s in sys.argv[2:]] or [42]
R = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)[:, 2]
# genres and release year from movies.csv beside the ratings
import csv, re
genres_of, year_of = {}, {}
with open(os.path.join(os.path.dirname(sys.argv[1]), "movies.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        mid = int(row["movieId"]); genres_of[mid] = row["genres"].split("|")
        m = re.search(r"\((\d{4})\)\s*$", row["title"].strip()); year_of[mid] = int(m.group(1)) if m else np.nan
gnames = sorted({g for gs in genres_of.values() for g in gs})
Gm = np.zeros((M, len(gnames)))
for j, mid in enumerate(items):
    for g in genres_of.get(mid, []):
        Gm[j, gnames.index(g)] = 1
Gm /= np.maximum(np.linalg.norm(Gm, axis=1, keepdims=True), 1e-12)
Y = np.array([year_of.get(mid, np.nan) for mid in items], float)


def inner_split(tr, seed):
    rng = np.random.default_rng(seed + 1000)
    held = np.zeros(len(U), bool)
    for u in range(N):
        idx = byu[u][tr[byu[u]]].copy(); rng.shuffle(idx)
        held[idx[:int(round(0.25 * len(idx)))]] = True
    return held


def adjacency_gram(known, s=10.0, floor=0.0):
    return positional_gram(known, lambda d: np.exp(-d / s) + floor)


def rank_in_row(S):
    """0 for each row's best score, 1 for the next, ..."""
    o = np.argsort(-S, axis=1)
    r = np.empty_like(o); np.put_along_axis(r, o, np.arange(S.shape[1])[None, :].repeat(S.shape[0], 0), 1)
    return r


def features(known):
    """Fit every scorer on the ratings in `known`; return (per-user candidate lists, feature rows, names)."""
    X = sp.csr_matrix((np.ones(known.sum()), (Ui[known], Ii[known])), shape=(N, M)); Xd = X.toarray()
    S_e = Xd @ ease((X.T @ X).toarray(), 300.0)
    S_a = Xd @ ease(adjacency_gram(known, 10.0, 0.2), 100.0)
    S_u = ease(Xd @ Xd.T, 300.0).T @ Xd
    for S in (S_e, S_a, S_u):
        S[Xd > 0] = -np.inf
    ranks = [rank_in_row(S) for S in (S_e, S_a, S_u)]
    zs = [np.where(np.isfinite(S), z(np.where(np.isfinite(S), S, 0)), -10) for S in (S_e, S_a, S_u)]
    pop = np.asarray(X.sum(0)).ravel(); share = pop / known.sum()
    ki = np.flatnonzero(known)
    t_first_item = np.full(M, np.inf); np.minimum.at(t_first_item, Ii[ki], T[ki].astype(float))

    # per item: sorted rating times, for counts in a user's window
    order = ki[np.lexsort((T[ki], Ii[ki]))]
    starts = np.searchsorted(Ii[order], np.arange(M + 1))
    times = T[order].astype(float)
    mean_r = np.bincount(Ii[ki], R[ki], M) / np.maximum(pop, 1)
    cands, rows = [], []
    for u in range(N):
        mine = byu[u][known[byu[u]]]
        tu = T[mine].astype(float); t0, t1, tm = tu.min(), tu.max(), np.median(tu)
        c = np.union1d(np.flatnonzero(ranks[0][u] < C), np.flatnonzero(ranks[1][u] < C))
        c = c[np.isfinite(S_e[u, c])]
        # others' ratings of each candidate within the user's active window (a month either side)
        lo, hi = t0 - 30 * DAY, t1 + 30 * DAY
        win = np.array([np.searchsorted(times[starts[j]:starts[j + 1]], hi, "right")
                        - np.searchsorted(times[starts[j]:starts[j + 1]], lo, "left") for j in c], float)
        same_day = np.array([np.searchsorted(times[starts[j]:starts[j + 1]], t1 + DAY, "right")
                             - np.searchsorted(times[starts[j]:starts[j + 1]], t0 - DAY, "left") for j in c], float)
        prof = Gm[Ii[mine]].sum(0); prof /= max(np.linalg.norm(prof), 1e-12)
        uy = np.nanmean(Y[Ii[mine]])
        f = np.column_stack([
            zs[0][u, c], zs[1][u, c], zs[2][u, c],
            np.log1p(ranks[0][u, c]), np.log1p(ranks[1][u, c]), np.log1p(ranks[2][u, c]),
            np.log(share[c] + 1e-7),
            np.log1p(win) - np.log1p(len(c) and win.max()), win / np.maximum(pop[c], 1),
            same_day / np.maximum(pop[c], 1),
            (t_first_item[c] - t1) / (365 * DAY), (t_first_item[c] - tm) / (365 * DAY),
            np.full(len(c), np.log(len(mine))), np.full(len(c), np.log1p((t1 - t0) / DAY)),
            mean_r[c] - R[mine].mean(),
            Gm[c] @ prof,
            Y[c] - uy, np.full(len(c), uy) - 1990,
        ])
        cands.append(c); rows.append(f)
    names = ["z_ease", "z_adj", "z_user", "r_ease", "r_adj", "r_user", "log_share", "log_window_rel", "window_frac",
             "sameday_frac", "first_after_last_y", "first_after_median_y", "log_n_user", "log_span_days",
             "mean_rating_rel", "genre_cos", "year_rel", "user_year"]
    return cands, rows, names, S_e, S_a, X


def labels(cands, held):
    H = sp.csr_matrix((np.ones(held.sum()), (Ui[held], Ii[held])), shape=(N, M)).toarray() > 0
    return [H[u, c].astype(float) for u, c in enumerate(cands)], H


def ndcg_reranked(cands, scores, H, k=10):
    disc = 1 / np.log2(np.arange(2, k + 2)); out = []
    for u, c in enumerate(cands):
        nt = H[u].sum()
        if nt == 0:
            continue
        top = c[np.argsort(-scores[u], kind="stable")[:k]]
        out.append((H[u, top] * disc[:len(top)]).sum() / disc[:min(k, nt)].sum())
    return np.mean(out)


for seed in seeds:
    te = split(seed); tr = ~te
    held = inner_split(tr, seed); fit = tr & ~held
    cF, fF, names, SeF, SaF, XF = features(fit)
    yF, HV = labels(cF, held)
    print(f"seed {seed}: validation: EASE {ndcg_all(SeF, XF, Ui[held], Ii[held]):.4f}  adjacency+floor "
          f"{ndcg_all(SaF, XF, Ui[held], Ii[held]):.4f}  candidates hold "
          f"{sum(y.sum() for y in yF) / held.sum():.3f} of V", flush=True)
    rng = np.random.default_rng(seed); users = rng.permutation(N); half = set(users[:N // 2].tolist())
    def dm(us, feats, ys):
        d = xgb.DMatrix(np.vstack([feats[u] for u in us]), label=np.concatenate([ys[u] for u in us]),
                        feature_names=names)
        d.set_group([len(ys[u]) for u in us]); return d
    a = sorted(half); b = sorted(set(range(N)) - half)
    dA, dB = dm(a, fF, yF), dm(b, fF, yF)
    cT, fT, _, SeT, SaT, XT = features(tr)
    yT, HT = labels(cT, te)
    e_test = ndcg_all(SeT, XT, Ui[te], Ii[te]); a_test = ndcg_all(SaT, XT, Ui[te], Ii[te])
    print(f"seed {seed}: test: EASE {e_test:.4f}  adjacency+floor {a_test:.4f}  candidates hold "
          f"{sum(y.sum() for y in yT) / te.sum():.3f} of test", flush=True)
    dT_ = xgb.DMatrix(np.vstack(fT), feature_names=names)
    cuts = np.cumsum([len(c) for c in cT])[:-1]
    HB = HV.copy(); HB[sorted(half)] = False  # validation movies of the B users only
    cB = [c if u in set(b) else c[:0] for u, c in enumerate(cF)]
    dFB = xgb.DMatrix(np.vstack([fF[u] for u in b]), feature_names=names)
    def on_b(bst):
        pred = bst.predict(dFB); sc = np.split(pred, np.cumsum([len(cF[u]) for u in b])[:-1])
        return ndcg_reranked([cF[u] for u in b], sc, HV[b])
    base_b = ndcg_reranked([cF[u] for u in b], [fF[u][:, 1] for u in b], HV[b])
    print(f"seed {seed}: B users' validation NDCG@10 by adjacency+floor alone {base_b:.4f}", flush=True)
    results = []
    for obj in ("rank:ndcg", "rank:pairwise", "binary:logistic"):
        for depth in (3, 6):
            p = {"objective": obj, "max_depth": depth, "eta": 0.05, "subsample": 0.8, "colsample_bytree": 0.8,
                 "min_child_weight": 10, "seed": seed, "nthread": 2}
            bst = xgb.train(p, dA, 600)
            for rounds in (50, 150, 300, 600):
                v = ndcg_reranked([cF[u] for u in b], np.split(bst.predict(dFB, iteration_range=(0, rounds)),
                                  np.cumsum([len(cF[u]) for u in b])[:-1]), HV[b])
                results.append((v, obj, depth, rounds))
                print(f"seed {seed}: {obj} depth {depth} rounds {rounds}: B validation NDCG@10 {v:.4f}", flush=True)
    v, obj, depth, rounds = max(results)
    p = {"objective": obj, "max_depth": depth, "eta": 0.05, "subsample": 0.8, "colsample_bytree": 0.8,
         "min_child_weight": 10, "seed": seed, "nthread": 2}
    bst2 = xgb.train(p, dm(range(N), fF, yF), rounds)
    t = ndcg_reranked(cT, np.split(bst2.predict(dT_), cuts), HT)
    print(f"seed {seed}: chosen {obj} depth {depth} rounds {rounds} (B {v:.4f}): test NDCG@10 {t:.4f} = "
          f"{t / e_test:.3f} x EASE, {t / a_test:.3f} x adjacency+floor", flush=True)
    gain = bst2.get_score(importance_type="gain")
    print("   gain:", ", ".join(f"{k} {g:.1f}" for k, g in sorted(gain.items(), key=lambda kv: -kv[1])[:10]))
