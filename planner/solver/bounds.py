"""Provable limits on an optimal team: the member bound M the reduction and the model use.

The reduction drops an option once M other candidates dominate it, and a type of
interchangeable candidates is capped at M people, so M must bound the number of
non-must-hire members of *every* optimal team of the stage group being solved. Sources,
each valid on its own (the bound is their minimum):

* team max minus must-hires; the candidates that can be hired at all;
* max(team min - must-hires, redundancy x requirements + tasks): a member who is not
  needed for a requirement's redundancy or a task's only member could leave, improving
  size and cost;
* a cost cap C (the budget, or a proven cap below): no team costs less than the
  must-hires plus its other members' cheapest possible costs, so at most the largest k
  with must-hire cost + the k cheapest other costs <= C;
* (not a count, a filter) a candidate whose cost plus the cheapest possible rest of the
  team exceeds such a cap is in no optimal team (:func:`affordable`);
* (a floor, not a cap) once the coverage stage is settled at the unavoidable shortfall,
  every coverable requirement is met R times and every task that some role does is staffed,
  so each task holds at least that many members and the team at least their sum over the
  most tasks one person may take (:func:`fewest_members`);
* the best team so far (the *incumbent*): every optimal team is lexicographically at
  least as good. Once the incumbent's coverage is known to be optimal — it reaches the
  unavoidable shortfall (:func:`coverage_floor`), or the coverage stage is proven — an
  optimal team is no larger than it (size first) or no dearer (cost first); once the
  second stage is proven too, the same holds for the third (:func:`team_caps`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from planner.model.constraints import ObjectiveOrder
from planner.solver.prepare import Prepared


def member_bound(prep: Prepared, *, size_cap: int | None = None, cost_cap: int | None = None) -> int:
    """M: the most non-must-hire members an optimal team can have (see the module docstring).

    ``size_cap``/``cost_cap`` (model units): limits every optimal team of the stage group is
    known to respect, from :func:`team_caps`.
    """
    constraints = prep.problem.constraints
    musts = len(prep.must)
    needed = sum(n for n, t in zip(prep.need, prep.req_task, strict=True) if t >= 0) + len(prep.tasks)
    bound = max(needed, (constraints.team_size_min or 0) - musts)
    if constraints.team_size_max is not None:
        bound = min(bound, constraints.team_size_max - musts)
    if size_cap is not None:
        bound = min(bound, size_cap - musts)
    for cap in (prep.budget, cost_cap):
        if cap is not None:
            bound = min(bound, affordable_members(prep, cap))
    return max(0, min(bound, len(prep.eligible)))


def affordable_members(prep: Prepared, cap: int) -> int:
    """The most non-must-hire members a team costing at most ``cap`` (model units) can have."""
    free = [i for i in prep.eligible if i not in prep.must and prep.allowed[i].any()]
    spare = cap - sum(int(prep.cost[i]) for i in prep.must)
    costs = np.cumsum(np.sort(prep.cost[free])) if free else np.zeros(0, dtype=np.int64)
    return int(np.searchsorted(costs, spare, side="right")) if spare >= 0 else 0


def affordable(
    prep: Prepared, cost_cap: int | None, size: int | None, size_floor: int | None = None
) -> npt.NDArray[np.bool_]:
    """Per candidate: whether a team within ``cost_cap`` and the budget may hold them.

    A team with candidate x (not a must-hire) and k other non-must-hire members costs at
    least the must-hires plus x plus the k cheapest free costs. The team has exactly
    ``size`` people when that is given, else at least ``size_floor`` (a proven lower bound)
    or team min, so k is that many minus the must-hires minus one (at least 0).
    Must-hires are always affordable (the conflict check saw to that).
    """
    n = len(prep.allowed)
    caps = [c for c in (cost_cap, prep.budget) if c is not None]
    if not caps:
        return np.ones(n, dtype=np.bool_)
    cost_cap = min(caps)
    musts = len(prep.must)
    fewest = size if size is not None else max(size_floor or 0, prep.problem.constraints.team_size_min or 0)
    others = fewest - musts - 1
    free = [i for i in prep.eligible if i not in prep.must and prep.allowed[i].any()]
    cheapest = int(np.sort(prep.cost[free])[: max(0, others)].sum()) if free else 0
    spare = cost_cap - sum(int(prep.cost[i]) for i in prep.must) - cheapest
    out = np.asarray(prep.cost <= spare)
    out[list(prep.must)] = True
    return out


def affordable_rows(
    prep: Prepared, cost_cap: int | None, size: int | None, size_floor: int | None = None
) -> npt.NDArray[np.bool_]:
    """:func:`affordable` as a candidates x roles mask (every role of an affordable candidate)."""
    return np.asarray(prep.allowed & affordable(prep, cost_cap, size, size_floor)[:, None])


def coverage_floor(prep: Prepared) -> tuple[int, int, int]:
    """Uncovered must-haves, unstaffed tasks and uncovered nice-to-haves that no team avoids.

    A requirement is unavoidably short when fewer candidates than it needs (open positions
    and members trainable to it included) meet its level and may take a role doing its
    task; a task is unavoidably unstaffed when no allowed role does it. Each count is a lower bound for every team.
    """
    can_do = _can_do(prep)
    short = [not ok for ok in _coverable(prep, can_do)]
    must = sum(1 for q, r in enumerate(prep.requirements) if short[q] and r.must_have)
    nice = sum(1 for q, r in enumerate(prep.requirements) if short[q] and not r.must_have)
    unstaffed = int((~can_do.any(axis=0)).sum())
    return must, unstaffed, nice


def _can_do(prep: Prepared) -> npt.NDArray[np.bool_]:
    """candidates x tasks: may take a role doing the task."""
    can_do = np.zeros((len(prep.allowed), len(prep.tasks)), dtype=np.bool_)
    for s, shape in enumerate(prep.shapes):
        for t in shape.tasks:
            can_do[:, t] |= prep.allowed[:, s]
    return can_do


def _coverable(prep: Prepared, can_do: npt.NDArray[np.bool_]) -> list[bool]:
    """Per requirement: enough candidates meet it (or can be trained to) and may work on its task."""
    out = []
    for q, t in enumerate(prep.req_task):
        able = prep.meets[:, q] if prep.train_levels is None else prep.meets[:, q] | (prep.train_levels[:, q] > 0)
        out.append(t >= 0 and int((able & can_do[:, t]).sum()) >= prep.need[q])
    return out


def team_caps(
    prep: Prepared, key: tuple[int, ...] | None, fixed: dict[str, int], floor: tuple[int, int, int]
) -> tuple[int | None, int | None]:
    """(size cap, cost cap) every optimal team respects, from the incumbent's true ``key``.

    ``key`` is :func:`planner.solver.incumbent.true_key` of the best team so far (None:
    none yet), ``fixed`` the stages proven so far, ``floor`` :func:`coverage_floor`.
    """
    if key is None or (key[:3] != floor and "coverage" not in fixed):
        return None, None
    if prep.problem.constraints.objective_order is ObjectiveOrder.COST_FIRST:
        cost, size = key[3], key[4]
        return (size if "cost" in fixed else None), cost
    size, cost = key[3], key[4]
    return size, (cost if "team size" in fixed else None)


def fewest_members(prep: Prepared) -> int:
    """Fewest people in any team with the unavoidable coverage (:func:`coverage_floor`): a lower bound on size.

    In such a team every requirement that is not unavoidably short has ``need`` members on
    its task, and every task some allowed role does has a member; a person works on at most
    their task cap of them.
    """
    most = max(
        (
            int(np.minimum(prep.cap[prep.allowed[:, s]], len(shape.tasks)).max())
            for s, shape in enumerate(prep.shapes)
            if prep.allowed[:, s].any()
        ),
        default=0,
    )
    if most == 0:
        return len(prep.must)
    can_do = _can_do(prep)
    members = [1 if can_do[:, t].any() else 0 for t in range(len(prep.tasks))]
    for q, ok in enumerate(_coverable(prep, can_do)):
        if ok:
            t = prep.req_task[q]
            members[t] = max(members[t], prep.need[q])
    fewest = -(-sum(members) // most)
    return max(fewest, prep.problem.constraints.team_size_min or 0, len(prep.must))
