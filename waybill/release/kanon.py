"""k-anonymity (and distinct l-diversity) by full-domain generalisation with suppression, then a
local refinement of the region attribute.

**Search.** Every quasi-identifier has a hierarchy of levels; a lattice node is one level per
attribute. A node *satisfies* the constraints when the records in equivalence classes smaller than
k (or with fewer than l distinct sensitive values) are at most the allowed share of the data set:
those records are suppressed. Generalising merges classes, so satisfaction is monotone: everything
above a satisfying node satisfies, everything below a failing node fails. The search evaluates
nodes in a binary-search order over the lattice's heights (as OLA and Flash do), tagging the
cone above every satisfying node and below every failing one, until every node is known; of the
minimal satisfying nodes (no satisfying node below them) it takes the one with the least
weighted generalisation loss (sum over attributes of weight x level / top level; by default the
region counts 8, time 4, categories 2, numbers 1, so that districts and days are given up last), ties broken
by the discernibility metric (``optimize = "dm"``: the least discernibility metric). This is the "least generalisation" of the issue: no attribute can be made
finer without breaking k, l or the suppression limit.

**Evaluation.** Records are held as compact integer codes (one int32 per quasi-identifier and
record) and grouped once into a table of distinct code tuples with counts. A node is evaluated
from the smallest cached table of a node below it (codes lifted level to level by small lookup
arrays, regrouped by a dense count or a sort), so most evaluations touch a few thousand rows.

**Refinement.** At the chosen node the region attribute is uniform (say: city). Then, city by city
(largest first), each district is published on its own when that does not raise the number of
suppressed records (its classes and those of the rest of the city are recounted); the rest of the
city stays at city level. This keeps busy urban districts at district level while sparse rural
ones are merged, and it never weakens k or l. The release is still a global recoding: one
district is always published the same way.
"""
from __future__ import annotations

import numpy as np

from .hierarchies import STAR, Hierarchy

_DENSE = 1 << 22
_CACHE_ROWS = 6_000_000


def factorize(key: np.ndarray, space: int) -> tuple[np.ndarray, int]:
    """Dense group ids (0..G-1) of ``key`` values in ``[0, space)``."""
    if len(key) == 0:
        return key.astype(np.int64), 0
    if space <= max(_DENSE, 2 * len(key)):
        present = np.zeros(space, dtype=bool)
        present[key] = True
        ids = np.cumsum(present, dtype=np.int64) - 1
        return ids[key], int(ids[-1] + 1)
    uniq, inv = np.unique(key, return_inverse=True)
    return inv.reshape(-1).astype(np.int64), len(uniq)


def group(cols: list[np.ndarray], cards: list[int]) -> tuple[np.ndarray, int]:
    """Group ids of the rows of several code columns (each in ``[0, card)``)."""
    n = len(cols[0]) if cols else 0
    key = np.zeros(n, dtype=np.int64)
    space = 1
    for c, card in zip(cols, cards):
        card = max(int(card), 1)
        if space * card >= (1 << 62):
            key, space = factorize(key, space)
        key = key * card + c
        space *= card
    return factorize(key, space)


class Table:
    """Distinct code tuples (per QI, plus the sensitive code) with their record counts."""

    __slots__ = ("cols", "sens", "w")

    def __init__(self, cols: list[np.ndarray], sens: np.ndarray | None, w: np.ndarray):
        self.cols, self.sens, self.w = cols, sens, w

    def __len__(self) -> int:
        return len(self.w)


class Result:
    __slots__ = ("node", "ok", "suppressed", "dm", "classes")

    def __init__(self, node, ok, suppressed, dm, classes):
        self.node, self.ok, self.suppressed, self.dm, self.classes = node, ok, suppressed, dm, classes


class Search:
    def __init__(self, hiers: list[Hierarchy], codes: list[np.ndarray], sens: np.ndarray | None,
                 n_sens: int, k: int, l: int | None, max_suppressed: int, optimize: str = "loss"):
        self.h = hiers
        self.optimize = optimize
        self.m = len(hiers)
        self.k = k
        self.l = l if (l and sens is not None) else None
        self.max_supp = max_suppressed
        self.n = len(codes[0]) if codes else (len(sens) if sens is not None else 0)
        self.heights = [len(h.levels) for h in hiers]
        self.cards = [[len(h.level_map(j)[1]) for j in range(len(h.levels))] for h in hiers]
        self.n_sens = max(n_sens, 1)
        self.lifts: dict[tuple[int, int, int], np.ndarray] = {}
        self.evaluated = 0
        self.results: dict[tuple, Result] = {}
        # the base table: distinct leaf tuples (level-0 group ids) with counts
        cols0 = [h.level_map(0)[0][c] for h, c in zip(hiers, codes)]
        w = np.ones(self.n, dtype=np.int64)
        self.cache: dict[tuple, Table] = {}
        bottom = (0,) * self.m
        self.cache[bottom] = self._regroup(cols0, sens, w, bottom)

    # ------------------------------------------------------------------ evaluation
    def _lift(self, i: int, lo: int, hi: int) -> np.ndarray:
        key = (i, lo, hi)
        got = self.lifts.get(key)
        if got is None:
            got = self.lifts[key] = self.h[i].lift(lo, hi)
        return got

    def _regroup(self, cols, sens, w, node) -> Table:
        cards = [self.cards[i][node[i]] for i in range(self.m)]
        if sens is not None:
            gid, G = group(cols + [sens], cards + [self.n_sens])
        else:
            gid, G = group(cols, cards)
        rep = np.empty(G, dtype=np.int64)
        rep[gid] = np.arange(len(gid))
        ww = np.bincount(gid, weights=w, minlength=G).astype(np.int64)
        return Table([c[rep] for c in cols], sens[rep] if sens is not None else None, ww)

    def _source(self, node) -> tuple[tuple, Table]:
        best = None
        for s, t in self.cache.items():
            if all(a <= b for a, b in zip(s, node)) and (best is None or len(t) < len(best[1])):
                best = (s, t)
        return best

    def _classes(self, t: Table, node):
        """Class id per table row, class sizes and distinct sensitive counts."""
        cards = [self.cards[i][node[i]] for i in range(self.m)]
        cid, C = group(t.cols, cards) if self.m else (np.zeros(len(t), dtype=np.int64), 1 if len(t) else 0)
        sizes = np.bincount(cid, weights=t.w, minlength=C).astype(np.int64)
        if self.l is not None:
            # rows of a table at a node are distinct (QI codes, sensitive) pairs
            distinct = np.bincount(cid, minlength=C)
        else:
            distinct = None
        return cid, sizes, distinct

    def evaluate(self, node: tuple) -> Result:
        got = self.results.get(node)
        if got is not None:
            return got
        s, src = self._source(node)
        cols = [src.cols[i] if s[i] == node[i] else self._lift(i, s[i], node[i])[src.cols[i]]
                for i in range(self.m)]
        if s != node:
            t = self._regroup(cols, src.sens, src.w, node)
            if len(t) < 0.8 * len(src):
                self._remember(node, t)
        else:
            t = src
        cid, sizes, distinct = self._classes(t, node)
        fail = sizes < self.k
        if distinct is not None:
            fail |= distinct < self.l
        supp = int(sizes[fail].sum())
        dm = int((sizes[~fail].astype(np.float64) ** 2).sum()) + supp * self.n
        r = Result(node, supp <= self.max_supp, supp, dm, int((~fail).sum()))
        self.results[node] = r
        self.evaluated += 1
        return r

    def _remember(self, node, t: Table) -> None:
        self.cache[node] = t
        total = sum(len(x) for x in self.cache.values())
        bottom = (0,) * self.m
        while total > _CACHE_ROWS and len(self.cache) > 1:
            victim = max((s for s in self.cache if s != bottom), key=lambda s: len(self.cache[s]), default=None)
            if victim is None:
                break
            total -= len(self.cache.pop(victim))

    # ------------------------------------------------------------------ search
    def run(self, rng: np.random.Generator) -> Result | None:
        grids = np.meshgrid(*[np.arange(h) for h in self.heights], indexing="ij")
        nodes = np.stack([g.reshape(-1) for g in grids], axis=1) if self.m else np.zeros((1, 0), dtype=np.int64)
        self.lattice = len(nodes)
        height = nodes.sum(axis=1)
        state = np.zeros(len(nodes), dtype=np.int8)  # 0 unknown, 1 satisfies, -1 fails
        while True:
            unknown = np.flatnonzero(state == 0)
            if not len(unknown):
                break
            hs = height[unknown]
            mid = (int(hs.min()) + int(hs.max())) // 2
            cand = unknown[hs == mid]
            if not len(cand):
                cand = unknown[np.abs(hs - mid) == np.abs(hs - mid).min()]
            if len(cand) > 48:
                cand = rng.choice(cand, 48, replace=False)
            if len(cand) > 1:
                # the candidate whose answer settles most nodes either way
                unk = nodes[unknown]
                best, score = cand[0], -1
                for c in cand:
                    v = nodes[c]
                    up = int(np.all(unk >= v, axis=1).sum())
                    down = int(np.all(unk <= v, axis=1).sum())
                    if min(up, down) > score:
                        best, score = c, min(up, down)
                pick = best
            else:
                pick = cand[0]
            v = nodes[pick]
            r = self.evaluate(tuple(int(x) for x in v))
            if r.ok:
                state[(state == 0) & np.all(nodes >= v, axis=1)] = 1
            else:
                state[(state == 0) & np.all(nodes <= v, axis=1)] = -1
        sat = state == 1
        if not sat.any():
            return None
        # minimal satisfying nodes: no satisfying node one step below
        index = {tuple(int(x) for x in v): i for i, v in enumerate(nodes)}
        minimal = []
        for i in np.flatnonzero(sat):
            v = nodes[i]
            below = False
            for a in range(self.m):
                if v[a] > 0:
                    u = v.copy()
                    u[a] -= 1
                    if sat[index[tuple(int(x) for x in u)]]:
                        below = True
                        break
            if not below:
                minimal.append(tuple(int(x) for x in v))
        self.minimal = minimal
        res = [self.evaluate(v) for v in minimal]
        res = [r for r in res if r.ok]
        if self.optimize == "dm":
            return min(res, key=lambda r: (r.dm, self.loss(r.node), r.node))
        return min(res, key=lambda r: (round(self.loss(r.node), 9), r.dm, r.node))

    def loss(self, node) -> float:
        """Weighted generalisation height: sum of weight x level / top level."""
        return sum(getattr(h, "weight", 1.0) * node[i] / max(self.heights[i] - 1, 1)
                   for i, h in enumerate(self.h))


# --------------------------------------------------------------------------- applying a node


def row_groups(hiers: list[Hierarchy], codes: list[np.ndarray], node: tuple,
               region_maps: dict[int, tuple[np.ndarray, list]] | None = None):
    """Per QI: (group id per record, labels), at ``node`` (a refined region map where given)."""
    out = []
    for i, (h, c) in enumerate(zip(hiers, codes)):
        if region_maps and i in region_maps:
            m, labels = region_maps[i]
        else:
            m, labels = h.level_map(node[i])
        out.append((m[c], labels))
    return out


def classes_of(groups, sens: np.ndarray | None, k: int, l: int | None):
    """Per record: class id and whether it is suppressed; class sizes; distinct sensitive counts."""
    cols = [g for g, _ in groups]
    cards = [len(lab) for _, lab in groups]
    n = len(cols[0]) if cols else (len(sens) if sens is not None else 0)
    if cols:
        cid, C = group(cols, cards)
    else:
        cid, C = np.zeros(n, dtype=np.int64), (1 if n else 0)
    sizes = np.bincount(cid, minlength=C)
    distinct = None
    if sens is not None:
        S = int(sens.max()) + 1 if len(sens) else 1
        pid, P = group([cid, sens.astype(np.int64)], [C, S])
        rep = np.empty(P, dtype=np.int64)
        rep[pid] = np.arange(len(pid))
        distinct = np.bincount(cid[rep], minlength=C)
    fail = sizes < k
    if l and distinct is not None:
        fail |= distinct < l
    return cid, fail[cid], sizes, distinct, fail


# --------------------------------------------------------------------------- refinement


def refine_region(h: Hierarchy, leaves: np.ndarray, level: int, other: np.ndarray, sens: np.ndarray | None,
                  k: int, l: int | None) -> tuple[np.ndarray, list[tuple]]:
    """Leaf -> label id map of a cut through the region hierarchy at or below ``level`` (see the
    module docstring); never raises the number of records in failing classes."""
    n_leaves = h.size
    maps = [h.level_map(j)[0] for j in range(level + 1)]
    labels = [h.level_map(j)[1] for j in range(level + 1)]
    # the cut: for each leaf the level whose group publishes it (start: all at ``level``)
    cut = np.full(n_leaves, level, dtype=np.int64)
    # compress records to distinct (leaf, other class, sensitive) with counts
    S = int(sens.max()) + 1 if sens is not None and len(sens) else 1
    O = int(other.max()) + 1 if len(other) else 1
    cols = [leaves.astype(np.int64), other.astype(np.int64)] + ([sens.astype(np.int64)] if sens is not None else [])
    gid, G = group(cols, [n_leaves, O] + ([S] if sens is not None else []))
    rep = np.empty(G, dtype=np.int64)
    rep[gid] = np.arange(len(gid))
    t_leaf = leaves[rep].astype(np.int64)
    t_o = other[rep].astype(np.int64)
    t_s = sens[rep].astype(np.int64) if sens is not None else np.zeros(G, dtype=np.int64)
    t_w = np.bincount(gid, minlength=G).astype(np.int64)
    use_l = bool(l) and sens is not None

    def fail_records(size, dist):
        f = (size > 0) & (size < k)
        if use_l:
            f |= (size > 0) & (dist < l)
        return np.where(f, size, 0)

    def split(rows: np.ndarray, j: int, parent_label) -> None:
        """Rows (table indices) published as one group at level ``j``: publish children (groups at
        level j-1) on their own while the failing records do not grow; recurse into them."""
        if j == 0 or len(rows) == 0:
            return
        child = maps[j - 1][t_leaf[rows]]
        # local ids of (other class) and (other class, sensitive) pairs within this group
        o_ids, o_loc = np.unique(t_o[rows], return_inverse=True)
        p_key = t_o[rows] * S + t_s[rows]
        p_ids, p_loc = np.unique(p_key, return_inverse=True)
        p_o = np.searchsorted(o_ids, p_ids // S)
        cnt_p = np.bincount(p_loc, weights=t_w[rows], minlength=len(p_ids)).astype(np.int64)
        size_o = np.bincount(o_loc, weights=t_w[rows], minlength=len(o_ids)).astype(np.int64)
        dist_o = np.bincount(p_o, weights=(cnt_p > 0), minlength=len(o_ids)).astype(np.int64)
        order = np.argsort(child, kind="stable")
        ch_sorted = child[order]
        bounds = np.flatnonzero(np.diff(ch_sorted)) + 1
        parts = np.split(order, bounds)
        weights = [int(t_w[rows[p]].sum()) for p in parts]
        for pi in np.argsort(weights)[::-1]:
            part = parts[pi]
            c = int(child[part[0]])
            if labels[j - 1][c] == parent_label:
                continue  # leaves known only to this level: they stay with the group
            up, up_inv = np.unique(p_loc[part], return_inverse=True)
            hp = np.bincount(up_inv, weights=t_w[rows[part]], minlength=len(up)).astype(np.int64)
            po = p_o[up]
            uo, uo_inv = np.unique(po, return_inverse=True)
            size_c = np.bincount(uo_inv, weights=hp, minlength=len(uo)).astype(np.int64)
            dist_c = np.bincount(uo_inv, minlength=len(uo)).astype(np.int64)
            gone = np.bincount(uo_inv, weights=(cnt_p[up] - hp == 0), minlength=len(uo)).astype(np.int64)
            before = fail_records(size_o[uo], dist_o[uo])
            after_rest = fail_records(size_o[uo] - size_c, dist_o[uo] - gone)
            after_c = fail_records(size_c, dist_c)
            if int(after_rest.sum() + after_c.sum()) <= int(before.sum()):
                cnt_p[up] -= hp
                size_o[uo] -= size_c
                dist_o[uo] -= gone
                leaves_c = np.unique(t_leaf[rows[part]])
                cut[leaves_c] = j - 1
                split(rows[part], j - 1, labels[j - 1][c])

    top = maps[level][t_leaf]
    order = np.argsort(top, kind="stable")
    bounds = np.flatnonzero(np.diff(top[order])) + 1
    for part in np.split(order, bounds):
        if len(part):
            split(part, level, labels[level][int(top[part[0]])])
    # the refined map: leaf -> label of its group at its cut level
    ids: dict[tuple, int] = {}
    out_labels: list[tuple] = []
    m = np.empty(n_leaves, dtype=np.int32)
    for leaf in range(n_leaves):
        lab = labels[cut[leaf]][maps[cut[leaf]][leaf]]
        g = ids.get(lab)
        if g is None:
            g = ids[lab] = len(out_labels)
            out_labels.append(lab)
        m[leaf] = g
    return m, out_labels


def refinable(h: Hierarchy, level: int) -> bool:
    return h.kind == "region" and 0 < level and h.levels[level] != STAR
