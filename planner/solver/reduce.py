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

``M`` is at most team max minus must-hires, and at most max(team min - must-hires,
redundancy x requirements + tasks): a member who is not needed for a requirement's
redundancy or a task's only member could be removed, improving size and cost. Options
are decided in an order where dominators come first, and a decision is never revisited,
so every dropped option has its dominators among the kept ones (transitivity does the
rest). Must-hires (and, when minimising changes, the previous team) are never dropped;
must-hires never count as dominators (they are always on the team).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from planner.solver.prepare import Prepared


@dataclass(frozen=True)
class Reduction:
    """Kept options as (candidate, shape index) pairs, and what was dropped."""

    kept: tuple[tuple[int, int], ...]
    considered: int  # options before the reduction
    bound: int  # M, the most non-must-hire members of an optimal plan


def member_bound(prep: Prepared) -> int:
    """M: the most non-must-hire members any optimal plan can have."""
    constraints = prep.problem.constraints
    musts = len(prep.must)
    needed = sum(n for n, t in zip(prep.need, prep.req_task, strict=True) if t >= 0) + len(prep.tasks)
    bound = max(needed, (constraints.team_size_min or 0) - musts)
    if constraints.team_size_max is not None:
        bound = min(bound, constraints.team_size_max - musts)
    return max(0, min(bound, len(prep.eligible)))


def reduce_options(
    prep: Prepared,
    protected: set[int],
    *,
    use_cost: bool = True,
    use_fit: bool = True,
    limit: int | None = None,
    strict_cost: bool = False,
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
    free = np.array(sorted(set(prep.eligible) - protected - must), dtype=np.int64)
    considered = int(prep.allowed[free].sum()) if len(free) else 0
    if len(free) == 0 or not prep.shapes:
        return Reduction(tuple(sorted(set(kept))), considered + len(kept), limit)

    groups = _groups(prep, free, use_cost or strict_cost, use_fit)
    if not groups:
        return Reduction(tuple(sorted(set(kept))), considered + len(kept), limit)
    order = sorted(range(len(groups)), key=lambda g: groups[g].rank)
    bits = np.stack([groups[g].bits for g in order])
    done: list[_Kept] = []
    for position, g in enumerate(order):
        group = groups[g]
        if position:
            dominating = np.nonzero(np.all((bits[position] & ~bits[:position]) == 0, axis=1))[0]
        else:
            dominating = np.zeros(0, dtype=np.int64)
        survivors = _decide(group, [done[d] for d in dominating], limit, strict_cost)
        done.append(survivors)
        kept.extend((int(c), group.shape) for c in survivors.cand)
    return Reduction(tuple(sorted(set(kept))), considered + len(prep.must), limit)


@dataclass
class _Group:
    shape: int
    bits: npt.NDArray[np.uint64]
    rank: tuple[int, ...]
    cand: npt.NDArray[np.int64]
    cost: npt.NDArray[np.int64]
    fit: npt.NDArray[np.int64]


@dataclass
class _Kept:
    cand: npt.NDArray[np.int64]
    cost: npt.NDArray[np.int64]
    fit: npt.NDArray[np.int64]


def _groups(prep: Prepared, free: npt.NDArray[np.int64], use_cost: bool, use_fit: bool) -> list[_Group]:
    """Options of free candidates grouped by identical structure."""
    columns = prep.meets if prep.structure is None else prep.structure  # meets, plus trainability (training.py)
    column_task = prep.req_task if prep.structure is None else prep.structure_task
    n_req = columns.shape[1]
    n_task = len(prep.tasks)
    max_cap = int(prep.cap.max()) if len(prep.cap) else 1
    width = n_req + 2 * n_task + max_cap
    words = (width + 63) // 64
    groups: list[_Group] = []
    for s, shape in enumerate(prep.shapes):
        rows = free[prep.allowed[free, s]]
        if len(rows) == 0:
            continue
        cols = [q for q, t in enumerate(column_task) if t in shape.tasks]
        caps = np.minimum(prep.cap[rows], len(shape.tasks))
        table = np.concatenate([columns[rows][:, cols].astype(np.uint8), caps[:, None].astype(np.uint8)], axis=1)
        keys, inverse = np.unique(table, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        for k, key in enumerate(keys):
            members = rows[inverse == k]
            flags = np.zeros(words * 64, dtype=np.bool_)
            met = [cols[j] for j in range(len(cols)) if key[j]]
            flags[met] = True
            for t, primary in zip(shape.tasks, shape.primary, strict=True):
                flags[n_req + t] = True
                flags[n_req + n_task + t] = primary
            cap = int(key[-1])
            flags[n_req + 2 * n_task : n_req + 2 * n_task + cap] = True
            packed = np.packbits(flags.reshape(words, 64), axis=1, bitorder="little")
            word_bits = packed.view(np.uint64).reshape(words)
            rank = (-len(met), -len(shape.tasks), -sum(shape.primary), -cap, s, k)
            cost = prep.cost[members] if use_cost else np.zeros(len(members), dtype=np.int64)
            fit = prep.fit[members, s] if use_fit else np.zeros(len(members), dtype=np.int64)
            groups.append(_Group(s, word_bits, rank, members, cost, fit))
    return groups


def _decide(group: _Group, dominators: list[_Kept], limit: int, strict: bool) -> _Kept:
    """Keep the options of ``group`` that fewer than ``limit`` kept options dominate."""
    order = np.lexsort((-group.fit, group.cost))
    cand, cost, fit = group.cand[order], group.cost[order], group.fit[order]
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
    ext_fit_of = dict(zip(ext_cand.tolist(), ext_fit.tolist(), strict=True))
    keep: list[int] = []
    kept_fits: list[tuple[int, int, int]] = []  # (fit, candidate, cost) of kept options in this group
    for j in range(size):
        if self_dominated[j] or ext_count[j] >= limit:
            continue
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
