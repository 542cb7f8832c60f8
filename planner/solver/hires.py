"""What it would take: the fewest further positions that close the gaps a plan leaves.

The solver already opens every position the limits allow (see
:mod:`planner.solver.positions`); what is still short after the plan's members and open
positions is either something the market cannot fill or something the team-size limit,
the budget or ``max_open_positions`` kept out. This module answers "what would it take"
for the second kind, with the same market data as the solver: a position is a
:class:`~planner.model.hiring.PositionKind` (role, variant, senior) and up to K of its
tasks, and it covers a requirement only where the kind's ceiling reaches the level.

A tiny exact integer program picks how many positions of each (kind, task set) pattern to
open so every hireable shortfall and every unstaffed task is closed: fewest positions
first, then the lowest first-year cost, then fewest secondary tasks. Each requirement's
shortfall is handed to the first positions on its task that can bring it; a position's
minimum rating in a skill is the highest level it must cover. :func:`overrun_text` says
in words by how much the advice would exceed the team-size limit and the budget.
"""

from __future__ import annotations

from itertools import combinations

from ortools.sat.python import cp_model

from planner.model.hiring import PositionKind, position_kinds
from planner.model.plan import HireRecommendation, Member, OpenPosition
from planner.model.project import Problem
from planner.model.requirements import Requirement, min_ratings


def recommend_hires(
    problem: Problem, team: tuple[Member, ...], positions: tuple[OpenPosition, ...] = ()
) -> tuple[HireRecommendation, ...]:
    """Positions that, added to ``team`` and ``positions``, close every gap the market can fill."""
    needed = problem.constraints.members_needed
    counts = {r.key: 0 for r in problem.requirements}
    for member in team:
        for r in problem.requirements:
            if r.task in member.tasks and problem.candidate(member.candidate).rating(r.skill) >= r.level:
                counts[r.key] += 1
            elif any(c.task == r.task and c.skill == r.skill for c in member.covers):
                counts[r.key] += 1  # covered after training
    for position in positions:
        for r in position.covers:
            counts[r.key] += 1
    staffed = {t for m in team for t in m.tasks} | {t for p in positions for t in p.tasks}
    kinds = [
        k for k in position_kinds(problem.catalog) if any(problem.catalog.role(k.role).does(t) for t in problem.tasks)
    ]
    hireable = {
        r for r in problem.requirements if any(k.brings(r) and problem.catalog.role(k.role).does(r.task) for k in kinds)
    }
    shortfall = {
        r: needed(r.task, r.skill) - counts[r.key]
        for r in problem.requirements
        if counts[r.key] < needed(r.task, r.skill) and r in hireable and r.task in problem.tasks
    }
    doable = {t for k in kinds for t in problem.catalog.role(k.role).tasks}
    unstaffed = [t for t in problem.tasks if t not in staffed and t in doable]
    if not shortfall and not unstaffed:
        return ()
    chosen = _open_positions(problem, kinds, shortfall, unstaffed)
    return _assign(problem, chosen, shortfall)


def _open_positions(
    problem: Problem, kinds: list[PositionKind], shortfall: dict[Requirement, int], unstaffed: list[str]
) -> list[tuple[PositionKind, tuple[str, ...]]]:
    """Fewest, then cheapest, (kind, tasks) positions closing ``shortfall`` and staffing ``unstaffed``."""
    k = problem.constraints.max_tasks_per_person
    useful_tasks = {r.task for r in shortfall} | set(unstaffed)
    patterns: list[tuple[PositionKind, tuple[str, ...], int]] = []
    for kind in kinds:
        role = problem.catalog.role(kind.role)
        useful = [t for t in problem.tasks if t in useful_tasks and role.does(t)]
        for size in range(1, min(k, len(useful)) + 1):
            for tasks in combinations(useful, size):
                secondary = sum(1 for t in tasks if not role.is_primary(t))
                patterns.append((kind, tasks, secondary))
    model = cp_model.CpModel()
    top = max([*shortfall.values(), 1])
    count = [model.new_int_var(0, top, f"n{i}") for i in range(len(patterns))]
    for req, n in shortfall.items():
        model.add(sum(count[i] for i, p in enumerate(patterns) if req.task in p[1] and p[0].brings(req)) >= n)
    for t in unstaffed:
        model.add(sum(count[i] for i, p in enumerate(patterns) if t in p[1]) >= 1)
    secondary_weight = k * (sum(shortfall.values()) + len(unstaffed)) + 1
    costs = [round(p[0].cost) * secondary_weight + p[2] for p in patterns]
    count_weight = (max(costs, default=0) + 1) * (sum(shortfall.values()) + len(unstaffed) + 1)
    model.minimize(sum((count_weight + cost) * c for c, cost in zip(count, costs, strict=True)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10.0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # pragma: no cover - always feasible
        raise RuntimeError("hire recommendation model failed")
    out: list[tuple[PositionKind, tuple[str, ...]]] = []
    for c, (kind, tasks, _) in zip(count, patterns, strict=True):
        out.extend([(kind, tasks)] * solver.value(c))
    return out


def _assign(
    problem: Problem, positions: list[tuple[PositionKind, tuple[str, ...]]], shortfall: dict[Requirement, int]
) -> tuple[HireRecommendation, ...]:
    covers: list[list[Requirement]] = [[] for _ in positions]
    for req in problem.requirements:
        left = shortfall.get(req, 0)
        for p, (kind, tasks) in enumerate(positions):
            if left == 0:
                break
            if req.task in tasks and kind.brings(req):
                covers[p].append(req)
                left -= 1
    out = []
    for (kind, tasks), reqs in zip(positions, covers, strict=True):
        ratings = min_ratings(reqs)
        out.append(
            HireRecommendation(
                role=kind.role,
                tasks=tasks,
                min_ratings=ratings,
                covers=tuple(reqs),
                variant=kind.variant_name,
                senior=kind.senior,
                annual_cost=kind.annual_cost,
                recruiting_cost=kind.recruiting_cost,
                weeks_to_fill=kind.weeks_to_fill,
            )
        )
    return tuple(out)


def _amount(value: float) -> str:
    return f"{value:,.0f}"


def overrun_text(
    problem: Problem, headcount: int, cost: float, opened: int, hires: tuple[HireRecommendation, ...]
) -> str:
    """How far ``hires`` on top of a plan (``headcount`` people and positions, ``cost``, ``opened``
    positions) would go past the limits, in words ("" when within them)."""
    if not hires:
        return ""
    constraints = problem.constraints
    parts = []
    size = headcount + len(hires)
    if constraints.team_size_max is not None and size > constraints.team_size_max:
        parts.append(f"{size - constraints.team_size_max} over the team-size max of {constraints.team_size_max}")
    total = cost + sum(h.cost for h in hires)
    if constraints.budget is not None and total > constraints.budget + 0.005:
        parts.append(f"{_amount(total - constraints.budget)} over the budget of {_amount(constraints.budget)}")
    most = constraints.max_open_positions
    if most is not None and opened + len(hires) > most:
        parts.append(f"{opened + len(hires) - most} over the open-positions limit of {most}")
    if not parts:
        return ""
    noun = "position" if len(hires) == 1 else "positions"
    return f"Opening the {len(hires)} {noun} that would close the rest would go " + " and ".join(parts) + "."
