"""Brute-force oracle for the solver tests: every team, every role, every task set.

Deliberately naive and independent of ``planner.solver`` (it reads only the domain model
and ``planner.model.fit``): it enumerates, for each candidate, "not hired" or every (role, task
subset) the rules allow, and keeps the lexicographically best key. Use it only on tiny
instances (a handful of candidates, two or three tasks).

Candidates who list roles get choices in those roles only; with a new-spend budget,
employees cost nothing in the budget and the cost stage.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from planner.model.candidates import CandidateStatus
from planner.model.constraints import BudgetScope, ObjectiveOrder
from planner.model.fit import role_fit
from planner.model.plan import Plan
from planner.model.project import Problem


def fit_points(fit: float) -> int:
    """The integer fit score of the objective: 100 x fit, rounded half up."""
    return math.floor(fit * 100 + 0.5 + 1e-9)


@dataclass(frozen=True)
class Choice:
    candidate: str
    role: str
    tasks: tuple[str, ...]


def _choices(problem: Problem, name: str) -> list[Choice | None]:
    constraints = problem.constraints
    candidate = problem.candidate(name)
    if name in constraints.exclude:
        return [None]
    cap = constraints.max_tasks_per_person
    if candidate.max_tasks is not None:
        cap = min(cap, candidate.max_tasks)
    out: list[Choice | None] = [] if name in constraints.must_hire else [None]
    fixed = constraints.must_hire.get(name)
    for role in problem.catalog.roles:
        if fixed is not None and role.id != fixed:
            continue
        if candidate.roles and role.id not in candidate.roles:
            continue
        minimum = constraints.min_role_fit
        if minimum is not None and role_fit(candidate, role, problem.catalog) < minimum - 1e-9:
            continue
        tasks = [t for t in problem.tasks if role.does(t)]
        for size in range(1, min(cap, len(tasks)) + 1):
            for subset in combinations(tasks, size):
                out.append(Choice(name, role.id, subset))
    return out


def _budget_cents(problem: Problem, name: str) -> int:
    """A person's share of the budget (and of the cost stage) in cents: 0 for staff under a new-spend budget."""
    candidate = problem.candidate(name)
    if candidate.status is CandidateStatus.EMPLOYEE and problem.constraints.budget_scope is BudgetScope.NEW:
        return 0
    return round((candidate.cost or 0.0) * 100)


def team_key(problem: Problem, team: list[Choice], previous: dict[str, str] | None = None) -> tuple[int, ...] | None:
    """The lexicographic objective of a team, or None if it breaks a hard constraint."""
    constraints = problem.constraints
    size = len(team)
    if constraints.team_size_min is not None and size < constraints.team_size_min:
        return None
    if constraints.team_size_max is not None and size > constraints.team_size_max:
        return None
    cents = sum(_budget_cents(problem, c.candidate) for c in team)
    if constraints.budget is not None and cents > math.floor(round(constraints.budget * 100, 6)):
        return None
    counts = {r.key: 0 for r in problem.requirements}
    for choice in team:
        candidate = problem.candidate(choice.candidate)
        for r in problem.requirements:
            if r.task in choice.tasks and candidate.rating(r.skill) >= r.level:
                counts[r.key] += 1
    short = [r for r in problem.requirements if counts[r.key] < constraints.members_needed(r.task, r.skill)]
    staffed = {t for c in team for t in c.tasks}
    unstaffed = sum(1 for t in problem.tasks if t not in staffed)
    fit = 0
    secondary = 0
    catalog = problem.catalog
    for choice in team:
        role = catalog.role(choice.role)
        fit += fit_points(role_fit(problem.candidate(choice.candidate), role, catalog))
        secondary += sum(1 for t in choice.tasks if not role.is_primary(t))
    head = [sum(1 for r in short if r.must_have), unstaffed, sum(1 for r in short if not r.must_have)]
    if constraints.objective_order is ObjectiveOrder.COST_FIRST:
        head += [cents, size]
    else:
        head += [size, cents]
    if previous is not None:
        names = {c.candidate: c.role for c in team}
        changes = sum(1 for n in names if n not in previous)
        changes += sum(1 for n, role in previous.items() if names.get(n) != role)
        head.append(changes)
    return (*head, -fit, secondary)


def oracle(problem: Problem, previous: dict[str, str] | None = None) -> tuple[int, ...] | None:
    """The best key over every team (None when no team meets the hard constraints)."""
    per_candidate = [_choices(problem, c.name) for c in problem.candidates]
    best: tuple[int, ...] | None = None
    team: list[Choice] = []

    def walk(i: int) -> None:
        nonlocal best
        if i == len(per_candidate):
            key = team_key(problem, team, previous)
            if key is not None and (best is None or key < best):
                best = key
            return
        for choice in per_candidate[i]:
            if choice is not None:
                team.append(choice)
            walk(i + 1)
            if choice is not None:
                team.pop()

    walk(0)
    return best


def plan_key(problem: Problem, plan: Plan, previous: dict[str, str] | None = None) -> tuple[int, ...] | None:
    """The key of a solver plan, computed the oracle's way."""
    return team_key(problem, [Choice(m.candidate, m.role, m.tasks) for m in plan.team], previous)
