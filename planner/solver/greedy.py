"""A greedy team: the solver's first plan and fallback, and the benchmark's baseline (d).

Must-hires first, then repeatedly the option that closes the most coverage shortfall
(cheapest, then best fit, then the lowest candidate and role index on ties) while team max
and the budget still leave room to reach team min; then the cheapest people up to team
min (open positions too, the cheapest a plan may open, when the pool is too small). Always
feasible when the conflict check found nothing, never optimal by design.

Each step scores every allowed (candidate, role) at once with numpy, so a first plan for
20,000 candidates takes a fraction of a second, before any reduction has run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from planner.solver.model import Selection
from planner.solver.prepare import Option, Prepared


def _best_tasks(option: Option, short: npt.NDArray[np.int64], staffed: set[int]) -> tuple[int, tuple[int, ...]]:
    """The up-to-cap tasks with the most shortfall closed, and that gain."""
    gains = []
    for t, met in zip(option.shape.tasks, option.covers, strict=True):
        gain = sum(1 for q in met if short[q] > 0) * 2 + (0 if t in staffed else 1)
        gains.append((gain, not option.shape.primary[option.shape.tasks.index(t)], t))
    gains.sort(key=lambda g: (-g[0], g[1], g[2]))
    chosen = [g for g in gains[: option.cap] if g[0] > 0] or gains[:1]
    return sum(g[0] for g in chosen), tuple(sorted(g[2] for g in chosen))


def greedy_selection(
    prep: Prepared, allowed: npt.NDArray[np.bool_] | Sequence[Option] | None = None, *, per_cost: bool = False
) -> Selection:
    """A feasible (not optimal) team using only the (candidate, shape) pairs ``allowed`` marks or lists.

    ``allowed``: a candidates x shapes mask, or a list of options; None: every allowed option.
    ``per_cost``: pick by shortfall closed per unit of cost (a cheaper team) instead.
    """
    constraints = prep.problem.constraints
    if allowed is not None and not isinstance(allowed, np.ndarray):
        listed = np.zeros_like(prep.allowed)
        for option in allowed:
            listed[option.candidate, prep.shapes.index(option.shape)] = True
        allowed = listed
    full = prep.allowed if allowed is None else allowed & prep.allowed
    mask = full.copy()
    mask[prep.n_candidates :] = False  # coverage from the pool; positions only to reach team min (below)
    n_tasks = len(prep.tasks)
    req_task = np.array(prep.req_task, dtype=np.int64)
    short = np.array(prep.need, dtype=np.int64)
    short[req_task < 0] = 0
    staffed: set[int] = set()
    members: list[tuple[Option, tuple[int, ...]]] = []
    hired = np.zeros(len(prep.allowed), dtype=np.bool_)

    def take(option: Option) -> None:
        _, tasks = _best_tasks(option, short, staffed)
        for t in tasks:
            staffed.add(t)
            for q in option.covers[option.shape.tasks.index(t)]:
                if short[q] > 0:
                    short[q] -= 1
        members.append((option, tasks))
        hired[option.candidate] = True

    for candidate in sorted(prep.must):
        choices = [prep.option(candidate, s) for s in np.nonzero(mask[candidate])[0].tolist()]
        if choices:
            take(max(choices, key=lambda o: (_best_tasks(o, short, staffed)[0], o.fit)))
    team_min = constraints.team_size_min or 0
    team_max = constraints.team_size_max
    spent: int = sum(o.cost for o, _ in members)
    usable: npt.NDArray[np.bool_] = np.asarray(mask.any(axis=1))
    usable[list(prep.must)] = False
    openings = np.nonzero(full[prep.n_candidates :].any(axis=1))[0] + prep.n_candidates
    openings = openings[np.lexsort((openings, prep.cost[openings]))][: prep.max_positions]
    usable[openings] = True  # the cheapest positions a plan may open can fill the team up to team min
    free = np.nonzero(usable)[0]
    free = free[np.lexsort((free, prep.cost[free]))]  # cheapest first

    while team_max is None or len(members) < team_max:
        pick = _best_option(
            prep,
            mask,
            hired,
            short,
            staffed,
            req_task,
            n_tasks,
            _room(prep, free, hired, spent, team_min - len(members) - 1),
            per_cost,
        )
        if pick is None:
            break
        option = prep.option(*pick)
        take(option)
        spent += option.cost
    for person in free.tolist():
        if len(members) >= team_min:
            break
        if not hired[person]:
            choices = [prep.option(person, s) for s in np.nonzero(full[person])[0].tolist()]
            take(max(choices, key=lambda o: o.fit))
            spent += int(prep.cost[person])
    return Selection(tuple(members))


def _room(
    prep: Prepared, free: npt.NDArray[np.int64], hired: npt.NDArray[np.bool_], spent: int, need: int
) -> npt.NDArray[np.bool_]:
    """Per candidate: hiring them still leaves the budget for the cheapest others up to team min."""
    n = len(prep.allowed)
    if prep.budget is None:
        return np.ones(n, dtype=np.bool_)
    need = max(0, need)
    others = free[~hired[free]]
    head = prep.cost[others[: need + 1]]
    cheapest = np.full(n, int(head[:need].sum()), dtype=np.int64)
    if need and len(others):
        # A candidate among the ``need`` cheapest is replaced by the next one (if any).
        inside = others[:need]
        spare = int(head[need]) if len(head) > need else 0
        cheapest[inside] = cheapest[inside] - prep.cost[inside] + spare
    return np.asarray(spent + prep.cost + cheapest <= prep.budget)


def _best_option(
    prep: Prepared,
    mask: npt.NDArray[np.bool_],
    hired: npt.NDArray[np.bool_],
    short: npt.NDArray[np.int64],
    staffed: set[int],
    req_task: npt.NDArray[np.int64],
    n_tasks: int,
    room: npt.NDArray[np.bool_],
    per_cost: bool = False,
) -> tuple[int, int] | None:
    """The (candidate, shape) with the largest gain, then lowest cost, best fit, lowest index."""
    n = len(hired)
    if n_tasks == 0 or not prep.shapes:
        return None
    wanted = (short > 0).astype(np.int64)
    task_gain = np.zeros((n, n_tasks), dtype=np.int64)
    for t in range(n_tasks):
        cols = np.nonzero(req_task == t)[0]
        if len(cols):
            task_gain[:, t] = 2 * (prep.meets[:, cols].astype(np.int64) @ wanted[cols])
        if t not in staffed:
            task_gain[:, t] += 1
    open_ = ~hired & room
    best: tuple[float, int, int, int, int] | None = None  # (score, -cost, fit, -candidate, -shape)
    for s, shape in enumerate(prep.shapes):
        rows = np.nonzero(mask[:, s] & open_)[0]
        if len(rows) == 0:
            continue
        sub = -np.sort(-task_gain[np.ix_(rows, np.array(shape.tasks, dtype=np.int64))], axis=1)
        cap = np.minimum(prep.cap[rows], len(shape.tasks))
        gain = np.cumsum(sub, axis=1)[np.arange(len(rows)), cap - 1]
        good = gain > 0
        if not good.any():
            continue
        rows, gain = rows[good], gain[good]
        cost, fit = prep.cost[rows], prep.fit[rows, s]
        score = gain / np.maximum(cost, 1) if per_cost else gain.astype(np.float64)
        top = np.lexsort((rows, -fit, cost, -score))[0]
        key = (float(score[top]), -int(cost[top]), int(fit[top]), -int(rows[top]), -s)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    return -best[3], -best[4]
