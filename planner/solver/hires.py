"""Hire recommendations: the fewest new positions that close every coverage gap.

A new hire can be recruited at any rating, so a position is just a role and up to K of
its tasks: on each of those tasks it can meet every requirement. Task t therefore needs
``need[t]`` positions, the largest redundancy shortfall among its requirements (at least 1
when nobody works on t). A tiny exact integer program picks how many positions of each
(role, task set) pattern to open: fewest positions first, then fewest secondary tasks.
Each requirement's shortfall is then handed to the first positions on its task, and a
position's minimum rating in a skill is the highest level it must cover.
"""

from __future__ import annotations

from itertools import combinations

from ortools.sat.python import cp_model

from planner.model.plan import HireRecommendation, Member
from planner.model.project import Problem
from planner.model.requirements import Requirement


def recommend_hires(problem: Problem, team: tuple[Member, ...]) -> tuple[HireRecommendation, ...]:
    """Positions that, added to ``team``, give every requirement the members it needs."""
    needed = problem.constraints.members_needed
    counts = {r.key: 0 for r in problem.requirements}
    for member in team:
        for r in problem.requirements:
            if r.task in member.tasks and problem.candidate(member.candidate).rating(r.skill) >= r.level:
                counts[r.key] += 1
    staffed = {t for m in team for t in m.tasks}
    doable = {t for role in problem.catalog.roles for t in role.tasks}
    shortfall = {
        r: needed(r.task, r.skill) - counts[r.key]
        for r in problem.requirements
        if counts[r.key] < needed(r.task, r.skill)
    }
    need: dict[str, int] = {}
    for t in problem.tasks:
        if t not in doable:
            continue
        gap = max((s for r, s in shortfall.items() if r.task == t), default=0)
        if t not in staffed:
            gap = max(gap, 1)
        if gap:
            need[t] = gap
    if not need:
        return ()
    positions = _open_positions(problem, need)
    return _assign(problem, positions, shortfall)


def _open_positions(problem: Problem, need: dict[str, int]) -> list[tuple[str, tuple[str, ...]]]:
    """Fewest (role, tasks) positions giving each task ``need[task]`` positions."""
    k = problem.constraints.max_tasks_per_person
    patterns: list[tuple[str, tuple[str, ...], int]] = []
    for role in problem.catalog.roles:
        useful = [t for t in problem.tasks if t in need and role.does(t)]
        for size in range(1, min(k, len(useful)) + 1):
            for tasks in combinations(useful, size):
                secondary = sum(1 for t in tasks if not role.is_primary(t))
                patterns.append((role.id, tasks, secondary))
    model = cp_model.CpModel()
    top = max(need.values())
    count = [model.new_int_var(0, top, f"n{i}") for i in range(len(patterns))]
    for t, n in need.items():
        model.add(sum(count[i] for i, p in enumerate(patterns) if t in p[1]) >= n)
    weight = k * sum(need.values()) + 1
    model.minimize(sum(weight * c + p[2] * c for c, p in zip(count, patterns, strict=True)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10.0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # pragma: no cover - always feasible
        raise RuntimeError("hire recommendation model failed")
    out: list[tuple[str, tuple[str, ...]]] = []
    for c, (role_id, tasks, _) in zip(count, patterns, strict=True):
        out.extend([(role_id, tasks)] * solver.value(c))
    return out


def _assign(
    problem: Problem, positions: list[tuple[str, tuple[str, ...]]], shortfall: dict[Requirement, int]
) -> tuple[HireRecommendation, ...]:
    covers: list[list[Requirement]] = [[] for _ in positions]
    for req in problem.requirements:
        left = shortfall.get(req, 0)
        for p, (_, tasks) in enumerate(positions):
            if left == 0:
                break
            if req.task in tasks:
                covers[p].append(req)
                left -= 1
    out = []
    for (role, tasks), reqs in zip(positions, covers, strict=True):
        ratings: dict[str, int] = {}
        for r in reqs:
            ratings[r.skill] = max(ratings.get(r.skill, 0), r.level)
        out.append(HireRecommendation(role=role, tasks=tasks, min_ratings=ratings, covers=tuple(reqs)))
    return tuple(out)
