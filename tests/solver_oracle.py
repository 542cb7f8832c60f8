"""Brute-force oracle for the solver tests: every team, every role, every task set.

Deliberately naive and independent of ``planner.solver`` (it reads only the domain model
and ``planner.model.fit``): it enumerates, for each candidate, "not hired" or every (role, task
subset) the rules allow, and keeps the lexicographically best key. Use it only on tiny
instances (a handful of candidates, two or three tasks).

Candidates who list roles get choices in those roles only; with a new-spend budget,
employees cost nothing in the budget and the cost stage.

Open positions and training: every hired candidate may also be trained, in any skill they
have a foundation in (rating ≥ 1), to any whole level within the per-skill and per-person
limits and the deadline; and on top of the people, every multiset of (position kind, task
subset) up to ``max_open_positions`` (and the team-size limit) is tried, each position
covering a requirement where its catalog ceiling reaches the level. With no limit on
positions the oracle tries up to ``redundancy x requirements + tasks`` of them: a position
more than that leaves some position neither needed for a requirement nor a task's only
worker, and removing it loses nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations, combinations_with_replacement

from planner.model.candidates import CandidateStatus
from planner.model.constraints import BudgetScope, ObjectiveOrder
from planner.model.fit import role_fit
from planner.model.hiring import PositionKind, find_kind, position_kinds
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
    training: tuple[tuple[str, int], ...] = ()  # (skill, level trained to)


@dataclass(frozen=True)
class PositionChoice:
    kind: PositionKind
    tasks: tuple[str, ...]


def _per_person_levels(problem: Problem) -> int:
    policy = problem.constraints.training
    if not policy.enabled:
        return 0
    most = policy.max_levels_per_person
    deadline = problem.constraints.needed_within_weeks
    if deadline is not None and policy.weeks_per_level > 0:
        most = min(most, deadline // policy.weeks_per_level)
    return most


def _trainings(problem: Problem, name: str) -> list[tuple[tuple[str, int], ...]]:
    """Every training plan for one person: skills with a foundation raised to whole levels within the limits."""
    per_person = _per_person_levels(problem)
    per_skill = min(problem.constraints.training.max_levels_per_skill, per_person)
    candidate = problem.candidate(name)
    top = problem.catalog.scale.max
    steps: list[list[tuple[str, int, int]]] = []
    for skill in sorted({r.skill for r in problem.requirements}):
        rating = candidate.rating(skill)
        if rating < 1:
            continue
        options = []
        for level in range(math.floor(rating) + 1, top + 1):
            levels = math.ceil(level - rating - 1e-9)
            if levels <= per_skill:
                options.append((skill, level, levels))
        if options:
            steps.append(options)
    out: list[tuple[tuple[str, int], ...]] = []

    def walk(i: int, chosen: list[tuple[str, int]], used: int) -> None:
        if i == len(steps):
            out.append(tuple(chosen))
            return
        walk(i + 1, chosen, used)
        for skill, level, levels in steps[i]:
            if used + levels <= per_person:
                walk(i + 1, [*chosen, (skill, level)], used + levels)

    walk(0, [], 0)
    return out


def _position_choices(problem: Problem) -> list[PositionChoice]:
    deadline = problem.constraints.needed_within_weeks
    out = []
    for kind in position_kinds(problem.catalog):
        if deadline is not None and kind.weeks_to_fill > deadline:
            continue
        role = problem.catalog.role(kind.role)
        tasks = [t for t in problem.tasks if role.does(t)]
        for size in range(1, min(problem.constraints.max_tasks_per_person, len(tasks)) + 1):
            out.extend(PositionChoice(kind, subset) for subset in combinations(tasks, size))
    return out


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
    trainings = _trainings(problem, name)
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
                out.extend(Choice(name, role.id, subset, t) for t in trainings)
    return out


def _budget_cents(problem: Problem, name: str) -> int:
    """A person's share of the budget (and of the cost stage) in cents: 0 for staff under a new-spend budget."""
    candidate = problem.candidate(name)
    if candidate.status is CandidateStatus.EMPLOYEE and problem.constraints.budget_scope is BudgetScope.NEW:
        return 0
    return round((candidate.cost or 0.0) * 100)


def team_key(
    problem: Problem,
    team: list[Choice],
    previous: dict[str, str] | None = None,
    positions: list[PositionChoice] | tuple[PositionChoice, ...] = (),
) -> tuple[int, ...] | None:
    """The lexicographic objective of a team (members and open positions), or None if it breaks a hard rule."""
    constraints = problem.constraints
    size = len(team) + len(positions)
    if constraints.team_size_min is not None and size < constraints.team_size_min:
        return None
    if constraints.team_size_max is not None and size > constraints.team_size_max:
        return None
    if constraints.max_open_positions is not None and len(positions) > constraints.max_open_positions:
        return None
    level_cents = round(constraints.training.cost_per_level * 100)
    cents = sum(_budget_cents(problem, c.candidate) for c in team)
    cents += sum(round(p.kind.cost * 100) for p in positions)
    for choice in team:
        rating = problem.candidate(choice.candidate).rating
        cents += sum(math.ceil(level - rating(skill) - 1e-9) for skill, level in choice.training) * level_cents
    if constraints.budget is not None and cents > math.floor(round(constraints.budget * 100, 6)):
        return None
    counts = {r.key: 0 for r in problem.requirements}
    for choice in team:
        candidate = problem.candidate(choice.candidate)
        trained = dict(choice.training)
        for r in problem.requirements:
            if r.task in choice.tasks and max(candidate.rating(r.skill), trained.get(r.skill, 0)) >= r.level:
                counts[r.key] += 1
    for position in positions:
        for r in problem.requirements:
            if r.task in position.tasks and position.kind.ceiling.get(r.skill, 0) >= r.level:
                counts[r.key] += 1
    short = [r for r in problem.requirements if counts[r.key] < constraints.members_needed(r.task, r.skill)]
    staffed = {t for c in team for t in c.tasks} | {t for p in positions for t in p.tasks}
    unstaffed = sum(1 for t in problem.tasks if t not in staffed)
    fit = 0
    secondary = 0
    catalog = problem.catalog
    for choice in team:
        role = catalog.role(choice.role)
        fit += fit_points(role_fit(problem.candidate(choice.candidate), role, catalog))
        secondary += sum(1 for t in choice.tasks if not role.is_primary(t))
    for position in positions:
        role = catalog.role(position.kind.role)
        secondary += sum(1 for t in position.tasks if not role.is_primary(t))
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
    """The best key over every team and set of open positions (None when nothing meets the hard rules)."""
    constraints = problem.constraints
    per_candidate = [_choices(problem, c.name) for c in problem.candidates]
    patterns = _position_choices(problem)
    most = sum(constraints.members_needed(r.task, r.skill) for r in problem.requirements) + len(problem.tasks)
    if constraints.max_open_positions is not None:
        most = min(most, constraints.max_open_positions)
    if constraints.team_size_max is not None:
        most = min(most, constraints.team_size_max)
    multisets: list[tuple[PositionChoice, ...]] = [()]
    if patterns:
        for size in range(1, most + 1):
            multisets.extend(combinations_with_replacement(patterns, size))
    best: tuple[int, ...] | None = None
    team: list[Choice] = []

    def walk(i: int) -> None:
        nonlocal best
        if i == len(per_candidate):
            room = None if constraints.team_size_max is None else constraints.team_size_max - len(team)
            for positions in multisets:
                if room is not None and len(positions) > room:
                    continue
                key = team_key(problem, team, previous, positions)
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
    """The key of a solver plan (members, their training, open positions), computed the oracle's way."""
    team = [Choice(m.candidate, m.role, m.tasks, tuple((t.skill, t.to_level) for t in m.training)) for m in plan.team]
    positions = []
    for p in plan.open_positions:
        kind = find_kind(problem.catalog, p.role, p.variant, p.senior)
        if kind is None:
            return None
        positions.append(PositionChoice(kind, p.tasks))
    return team_key(problem, team, previous, positions)
