"""The joint draw of the case-mix: sequential conditional draws that keep each variable's marginal.

A variable (the child) is drawn given earlier ones (its parents) from P(child | parent) ∝ marginal(child) ·
exp(tilt[parent, child]) · b(child): the tilts say which levels go together (log odds ratios, targets.py),
and b is solved by iterative proportional fitting so that, over the parents actually drawn, the children
still have the published marginal (Bilag 3 Table 3.3 and the other shares of targets.py). So correlation is
added without moving a marginal the report prints.
"""

from __future__ import annotations

import numpy as np


def conditional_table(
    parent: np.ndarray,
    n_parent: int,
    marginal: np.ndarray,
    tilt: np.ndarray,
    calibrate: np.ndarray | None = None,
) -> np.ndarray:
    """P(child | parent) as an (n_parent, k) table: rows ∝ marginal · exp(tilt[row]) · b, b such that the
    parents' mixture of the rows equals the marginal (to 1e-9) over the elements selected by ``calibrate``
    (default all)."""
    m = np.asarray(marginal, dtype=float)
    m = m / m.sum()
    sel = parent if calibrate is None else parent[calibrate]
    w = np.bincount(sel, minlength=n_parent).astype(float)
    w = w / max(w.sum(), 1.0)
    base = m[None, :] * np.exp(np.asarray(tilt, dtype=float))
    b = np.ones(len(m))
    for _ in range(500):
        cond = base * b
        cond /= cond.sum(axis=1, keepdims=True)
        mix = w @ cond
        if np.abs(mix - m).max() < 1e-9:
            break
        b *= m / np.maximum(mix, 1e-300)
    return cond


def draw(rng: np.random.Generator, parent: np.ndarray, cond: np.ndarray) -> np.ndarray:
    """One child level per element, from row ``parent`` of ``cond`` (inverse CDF of one uniform each)."""
    u = rng.random(len(parent))
    out = np.zeros(len(parent), dtype=np.int64)
    cum = np.cumsum(cond, axis=1)
    for row in np.unique(parent):
        sel = np.flatnonzero(parent == row)
        out[sel] = np.minimum(np.searchsorted(cum[row], u[sel], side="right"), cond.shape[1] - 1)
    return out


def draw_given(
    rng: np.random.Generator,
    marginal: np.ndarray,
    parents: list[tuple[np.ndarray, np.ndarray]],
    calibrate: np.ndarray | None = None,
) -> np.ndarray:
    """Draw a child given parents [(parent level per element, tilt[level, child]), ...] (the tilts of several
    parents add up, no interaction) so that the elements selected by ``calibrate`` (default all) have the
    marginal."""
    n = len(parents[0][0])
    k = len(marginal)
    combo = np.zeros(n, dtype=np.int64)
    tilt = np.zeros((1, k))
    for level, t in parents:
        t = np.asarray(t, dtype=float)
        combo = combo * t.shape[0] + level
        tilt = (tilt[:, None, :] + t[None, :, :]).reshape(-1, k)
    cond = conditional_table(combo, tilt.shape[0], marginal, tilt, calibrate)
    return draw(rng, combo, cond)


def binary_given(
    rng: np.random.Generator,
    share: float,
    parents: list[tuple[np.ndarray, np.ndarray]],
    calibrate: np.ndarray | None = None,
) -> np.ndarray:
    """A yes/no child with P(yes) = share (over ``calibrate``); tilts are log odds ratios of yes per level."""
    parents2 = [(lv, np.stack([np.zeros(len(t)), np.asarray(t, dtype=float)], axis=1)) for lv, t in parents]
    return draw_given(rng, np.array([1 - share, share]), parents2, calibrate) == 1
