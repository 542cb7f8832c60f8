"""Exact reduction: drop hiring options that can never be needed in an optimal plan.

Only whether a rating reaches a requirement's level matters, so an option (candidate,
role) is summarised by a *structure*: which requirements it meets on each task of the
role, which tasks the role does (and which of them as primary), and how many tasks the
candidate may take. Option A *dominates* option B when A's structure contains B's (same
or more tasks, primary wherever B is, every requirement B meets, a cap at least B's
effective cap), A costs no more and fits at least as well.

Exchange argument: in any optimal plan that uses B (candidate b), if A's candidate a is
not on the team, giving a B's tasks in A's role instead of b changes no hard constraint
for the worse and no objective stage for the worse. So B may be dropped once

* another kept option of b itself dominates B (b just switches role), or
* kept options of at least ``M`` distinct other candidates dominate B, where ``M`` is
  the most non-must-hire members an optimal plan can have (then one of them is free).

``M`` comes from :func:`planner.solver.bounds.member_bound` (team max, the budget, the
redundancy, and what the best team so far proves). Options are decided in an order where
dominators come first, and a decision is never revisited, so every dropped option has its
dominators among the kept ones (transitivity does the rest). Must-hires (and, when
minimising changes, the previous team) are never dropped; must-hires never count as
dominators (they are always on the team).

Speed: the option structures are computed once per solve (:func:`option_structures`) and
shared by every stage group; a vectorised pre-filter (:func:`_prefilter`) drops in bulk
what one earlier dominating group already undercuts ``M`` times, and the exact pass then
compares each remaining group only with the groups that kept something.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from planner.solver.bounds import member_bound
from planner.solver.prepare import Prepared

ABORT_CHECK_EVERY = 256  # groups decided between two polls of ``should_abort``
PREFILTER_CELLS = 4_000_000  # group pairs compared at once by the bulk pre-filter


class ReductionAborted(Exception):
    """``should_abort`` said stop (deadline or user) before the reduction finished."""


@dataclass(frozen=True)
class Reduction:
    """Kept options as (candidate, shape index) pairs, and what was dropped."""

    kept: tuple[tuple[int, int], ...]
    considered: int  # options before the reduction
    bound: int  # M, the most non-must-hire members of an optimal plan


def reduce_options(
    prep: Prepared,
    protected: set[int],
    *,
    use_cost: bool = True,
    use_fit: bool = True,
    limit: int | None = None,
    strict_cost: bool = False,
    should_abort: Callable[[], bool] | None = None,
    structures: Structures | None = None,
    usable: npt.NDArray[np.bool_] | None = None,
) -> Reduction:
    """The options worth modelling; ``protected`` candidates keep all their options.

    ``use_cost``/``use_fit`` False: cost/fit are ignored (every option counts as equal),
    which is exact for a stage whose objective and constraints do not involve them.

    ``strict_cost`` (the stages after the cost stage, cost fixed at its optimum): a
    structurally dominating option also counts when it is *strictly cheaper*, whatever its
    fit: a team using B next to such a free dominator could swap and cost less than the
    optimum, so no team left in these stages uses B.
    """
    limit = member_bound(prep) if limit is None else min(limit, member_bound(prep))
    kept: list[tuple[int, int]] = []
    must = set(prep.must)
    for i in sorted(protected | must):
        kept.extend((i, s) for s in range(len(prep.shapes)) if prep.allowed[i, s])
    if structures is None:
        structures = option_structures(prep, protected)
    free = structures.free
    considered = int(prep.allowed[free].sum()) if len(free) else 0
    if not structures.members:
        return Reduction(tuple(sorted(set(kept))), considered + len(kept), limit)

    if usable is not None:
        structures = Structures(
            structures.free, structures.shape, structures.bits, [m[usable[m]] for m in structures.members]
        )
    use_cost = use_cost or strict_cost
    if strict_cost or not use_fit:
        prices = prep.cost if use_cost else np.zeros_like(prep.cost)
        structures = _prefilter(structures, prices, limit, strict=use_fit)
    bits = structures.bits
    kept_bits = np.zeros_like(bits)
    survivors_of: list[_Kept] = []  # groups with at least one kept option, in decision order
    for position, members in enumerate(structures.members):
        if should_abort is not None and position % ABORT_CHECK_EVERY == 0 and should_abort():
            raise ReductionAborted
        if len(members) == 0:
            continue
        shape = int(structures.shape[position])
        if survivors_of:
            covering = np.all((bits[position] & ~kept_bits[: len(survivors_of)]) == 0, axis=1)
            dominators = [survivors_of[d] for d in np.nonzero(covering)[0]]
        else:
            dominators = []
        cost = prep.cost[members] if use_cost else np.zeros(len(members), dtype=np.int64)
        fit = prep.fit[members, shape] if use_fit else np.zeros(len(members), dtype=np.int64)
        survivors = _decide(members, cost, fit, dominators, limit, strict_cost)
        if len(survivors.cand):
            kept_bits[len(survivors_of)] = bits[position]
            survivors_of.append(survivors)
            kept.extend((int(c), shape) for c in survivors.cand)
    return Reduction(tuple(sorted(set(kept))), considered + len(prep.must), limit)


@dataclass(frozen=True)
class Structures:
    """Options of the free candidates grouped by identical structure, dominators first.

    Group g is shape ``shape[g]`` taken by any of ``members[g]``; ``bits[g]`` packs its
    structure (requirements met, tasks, primary tasks, cap) so that A dominates B
    structurally exactly when B's bits are a subset of A's. A group is never preceded by a
    group it strictly dominates.
    """

    free: npt.NDArray[np.int64]
    shape: npt.NDArray[np.int64]
    bits: npt.NDArray[np.uint64]
    members: list[npt.NDArray[np.int64]]


@dataclass
class _Kept:
    cand: npt.NDArray[np.int64]
    cost: npt.NDArray[np.int64]
    fit: npt.NDArray[np.int64]


def option_structures(prep: Prepared, protected: set[int]) -> Structures:
    """The structures of every option of a free (not protected, not must-hire) candidate."""
    free = np.array(sorted(set(prep.eligible) - protected - set(prep.must)), dtype=np.int64)
    columns = prep.meets if prep.structure is None else prep.structure  # meets, plus trainability (training.py)
    column_task = prep.req_task if prep.structure is None else prep.structure_task
    n_req = columns.shape[1]
    n_task = len(prep.tasks)
    max_cap = int(prep.cap.max()) if len(prep.cap) else 1
    words = (n_req + 2 * n_task + max_cap + 63) // 64
    req_task = np.array(column_task, dtype=np.int64)
    shapes, bits, ranks, members = [], [], [], []
    for s, shape in enumerate(prep.shapes):
        rows = free[prep.allowed[free, s]] if len(free) else free
        if len(rows) == 0:
            continue
        cols = np.nonzero(np.isin(req_task, shape.tasks))[0]
        caps = np.minimum(prep.cap[rows], len(shape.tasks))
        table = np.concatenate([columns[rows][:, cols].astype(np.uint8), caps[:, None].astype(np.uint8)], axis=1)
        keys, inverse = np.unique(table, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        flags = np.zeros((len(keys), words * 64), dtype=np.bool_)
        flags[:, cols] = keys[:, :-1].astype(np.bool_)
        for t, primary in zip(shape.tasks, shape.primary, strict=True):
            flags[:, n_req + t] = True
            flags[:, n_req + n_task + t] = primary
        cap = keys[:, -1].astype(np.int64)
        flags[:, n_req + 2 * n_task : n_req + 2 * n_task + max_cap] = np.arange(max_cap)[None, :] < cap[:, None]
        packed = np.packbits(flags.reshape(len(keys), words, 64), axis=2, bitorder="little")
        bits.append(packed.view(np.uint64).reshape(len(keys), words))
        met = keys[:, :-1].sum(axis=1).astype(np.int64)
        k = np.arange(len(keys))
        ranks.append(
            np.stack(
                [
                    -met,
                    np.full_like(k, -len(shape.tasks)),
                    np.full_like(k, -sum(shape.primary)),
                    -cap,
                    np.full_like(k, s),
                    k,
                ],
                axis=1,
            )
        )
        order = np.argsort(inverse, kind="stable")
        members.extend(np.split(rows[order], np.cumsum(np.bincount(inverse, minlength=len(keys)))[:-1]))
        shapes.append(np.full(len(keys), s, dtype=np.int64))
    if not shapes:
        return Structures(free, np.zeros(0, dtype=np.int64), np.zeros((0, words), dtype=np.uint64), [])
    rank = np.concatenate(ranks)
    order = np.lexsort(rank.T[::-1])
    return Structures(free, np.concatenate(shapes)[order], np.concatenate(bits)[order], [members[g] for g in order])


def _prefilter(structures: Structures, prices: npt.NDArray[np.int64], limit: int, *, strict: bool) -> Structures:
    """Drop, in bulk, options that ``limit`` members of one earlier dominating group undercut.

    Option X (candidate x, cost c) of group g goes when some group h decided before g
    structurally dominates g and has ``limit`` members costing at most c (less than c when
    ``strict``: fits then do not matter). Each of them dominates X; if x is one of them,
    x's own option in h dominates X. Every option this drops thus has ``limit`` distinct
    dominators decided before it, or an own one, and so (by induction over the decision
    order, dominance being transitive: a dominator that is itself dropped is dominated by
    what dropped it) ``limit`` distinct kept dominators or a kept own dominator — exactly
    what the exact pass asks. ``strict`` False: fits are ignored (equal), cost at most c.
    ``prices``: per candidate, the costs the stage compares (zeros when it ignores cost).
    """
    members = structures.members
    sizes = np.array([len(m) for m in members], dtype=np.int64)
    if limit <= 0 or not len(sizes) or sizes.max() < limit:
        return structures
    group = np.repeat(np.arange(len(members)), sizes)
    flat = np.concatenate(members)
    order = np.lexsort((prices[flat], group))
    rank = np.arange(len(flat)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    at = order[rank == limit - 1]  # the limit-th cheapest member of each group large enough
    sources = group[at]
    threshold = prices[flat[at]]
    if not len(sources):
        return structures
    huge = np.iinfo(np.int64).max
    bits = structures.bits
    # A source that an earlier source dominates with a threshold as low adds nothing.
    useful = _covered_min(bits[sources], sources, bits[sources], sources, threshold) > threshold
    sources, threshold = sources[useful], threshold[useful]
    cutoff = _covered_min(bits, np.arange(len(members)), bits[sources], sources, threshold)
    kept_members = []
    for g, m in enumerate(members):
        if cutoff[g] == huge:
            kept_members.append(m)
            continue
        cost = prices[m]
        kept_members.append(m[cost <= cutoff[g]] if strict else m[cost < cutoff[g]])
    return Structures(structures.free, structures.shape, structures.bits, kept_members)


def _covered_min(
    bits: npt.NDArray[np.uint64],
    position: npt.NDArray[np.int64],
    source_bits: npt.NDArray[np.uint64],
    source_position: npt.NDArray[np.int64],
    value: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Per target: the least ``value`` of a source decided before it whose bits contain its bits."""
    huge = np.iinfo(np.int64).max
    out = np.full(len(bits), huge, dtype=np.int64)
    chunk = max(1, PREFILTER_CELLS // max(1, len(source_bits)))
    for start in range(0, len(bits), chunk):
        end = min(len(bits), start + chunk)
        covers = source_position[None, :] < position[start:end, None]
        for w in range(bits.shape[1]):
            covers &= (bits[start:end, w, None] & ~source_bits[None, :, w]) == 0
        out[start:end] = np.where(covers, value[None, :], huge).min(axis=1, initial=huge)
    return out


def _decide(
    members: npt.NDArray[np.int64],
    member_cost: npt.NDArray[np.int64],
    member_fit: npt.NDArray[np.int64],
    dominators: list[_Kept],
    limit: int,
    strict: bool,
) -> _Kept:
    """Keep the options of one group that fewer than ``limit`` kept options dominate."""
    order = np.lexsort((-member_fit, member_cost))
    cand, cost, fit = members[order], member_cost[order], member_fit[order]
    size = len(cand)
    if dominators:
        ext_cand = np.concatenate([d.cand for d in dominators])
        ext_cost = np.concatenate([d.cost for d in dominators])
        ext_fit = np.concatenate([d.fit for d in dominators])
        # One entry per candidate, with its best fit (its cost is the same in every role).
        by = np.lexsort((-ext_fit, ext_cand))
        ext_cand, ext_cost, ext_fit = ext_cand[by], ext_cost[by], ext_fit[by]
        first = np.ones(len(ext_cand), dtype=np.bool_)
        first[1:] = ext_cand[1:] != ext_cand[:-1]
        ext_cand, ext_cost, ext_fit = ext_cand[first], ext_cost[first], ext_fit[first]
    else:
        ext_cand = ext_cost = ext_fit = np.zeros(0, dtype=np.int64)
    ext_count = np.zeros(size, dtype=np.int64)
    self_dominated = np.zeros(size, dtype=np.bool_)
    if len(ext_cand):
        chunk = max(1, 4_000_000 // len(ext_cand))
        for start in range(0, size, chunk):
            end = min(size, start + chunk)
            hit = (ext_cost[None, :] <= cost[start:end, None]) & (ext_fit[None, :] >= fit[start:end, None])
            if strict:
                hit |= ext_cost[None, :] < cost[start:end, None]
            ext_count[start:end] = hit.sum(axis=1)
        pos = np.searchsorted(ext_cand, cand)
        pos_ok = pos < len(ext_cand)
        same = np.zeros(size, dtype=np.bool_)
        same[pos_ok] = ext_cand[pos[pos_ok]] == cand[pos_ok]
        self_dominated[same] = ext_fit[pos[same]] >= fit[same]
    candidates = np.nonzero(~self_dominated & (ext_count < limit))[0]
    if len(candidates) == 0:  # the common case on a large pool: the whole group is dominated
        return _Kept(cand[:0], cost[:0], fit[:0])
    ext_fit_of = dict(zip(ext_cand.tolist(), ext_fit.tolist(), strict=True))
    keep: list[int] = []
    kept_fits: list[tuple[int, int, int]] = []  # (fit, candidate, cost) of kept options in this group
    for j in candidates.tolist():
        f = int(fit[j])
        count = int(ext_count[j])
        for other_fit, other, other_cost in kept_fits:
            cheaper = strict and other_cost < cost[j]
            if not (cheaper or other_fit >= f):
                continue
            # Already counted among the external dominators?
            if other in ext_fit_of and (cheaper or ext_fit_of[other] >= f):
                continue
            count += 1
            if count >= limit:
                break
        if count >= limit:
            continue
        keep.append(j)
        kept_fits.append((f, int(cand[j]), int(cost[j])))
    index = np.array(keep, dtype=np.int64)
    return _Kept(cand[index], cost[index], fit[index])
