"""The solver's view of a problem: integer costs, requirement bits, fit scores and options.

An *option* is one way to hire one candidate: a catalog role that does at least one of
the project's chosen tasks, with the requirements the candidate can meet on each of those
tasks, the role fit, the cost and the personal task cap. Open positions are synthetic
candidates appended after the pool (rows ``n_candidates`` and up; see
:mod:`planner.solver.positions`). Everything the model needs is
an integer here, computed once with numpy (a 20,000-candidate pool takes well under a
second).

A candidate who lists the roles they are open to gets options in those roles only (a hard
rule), and ``cost`` is each person's share of the budget (:func:`planner.model.budget.budget_cost`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property, reduce

import numpy as np
import numpy.typing as npt

from planner.model.budget import budget_cost
from planner.model.catalog import Role
from planner.model.fit import profile_skills
from planner.model.hiring import PositionKind
from planner.model.project import Problem
from planner.model.requirements import Requirement
from planner.solver.positions import open_limit, position_rows
from planner.solver.training import TrainingLimits, structure, training_levels, training_limits

FIT_SCALE = 100  # role fit 0..1 becomes an integer score 0..100
FIT_TOLERANCE = 1e-9  # float noise allowed when comparing a fit with the minimum fit


@dataclass(frozen=True)
class RoleShape:
    """A catalog role restricted to the project's chosen tasks."""

    role: str
    tasks: tuple[int, ...]  # indices into Prepared.tasks
    primary: tuple[bool, ...]  # per task in ``tasks``


@dataclass(frozen=True)
class Option:
    """Hiring candidate ``candidate`` (index into problem.candidates) in ``shape.role``."""

    candidate: int
    shape: RoleShape
    covers: tuple[tuple[int, ...], ...]  # per task of the shape: requirement indices met
    fit: int  # integer fit score 0..FIT_SCALE
    cost: int  # cost in model units
    cap: int  # tasks this candidate may take in this role (>= 1)


@dataclass(frozen=True)
class Prepared:
    """Integer data of a problem, shared by the model, the reduction and the plan builder."""

    problem: Problem
    tasks: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    req_task: tuple[int, ...]  # task index of each requirement (-1 if the task is not chosen)
    shapes: tuple[RoleShape, ...]
    eligible: tuple[int, ...]  # candidates not excluded (indices)
    must: dict[int, str | None]  # must-hire candidate index -> fixed role or None
    cap: npt.NDArray[np.int64]  # per candidate (all candidates)
    cost: npt.NDArray[np.int64]  # per candidate, model units: what they add to the budget (budget_cost)
    cost_unit: float  # currency per model unit
    budget: int | None  # in model units
    meets: npt.NDArray[np.bool_]  # candidates x requirements: rating >= level
    fit: npt.NDArray[np.int64]  # candidates x shapes: integer fit score
    allowed: npt.NDArray[np.bool_]  # candidates x shapes: may take this role (min fit, fixed role, roles open to)
    n_candidates: int  # rows below are the pool's candidates, rows from here open positions
    position_kinds: tuple[PositionKind, ...] = ()  # per synthetic row
    positions_removed: tuple[PositionKind, ...] = ()  # kinds slower to fill than the deadline
    max_positions: int = 0  # positions a plan may open
    training: TrainingLimits = field(default_factory=lambda: TrainingLimits(0, 0, 0, 0))
    train_levels: npt.NDArray[np.int8] | None = None  # candidates x requirements: levels to train (0: none)
    train_cost: int = 0  # model units per level of training
    structure: npt.NDArray[np.bool_] | None = None  # the reduction's columns (meets, then trainable within k)
    structure_task: tuple[int, ...] = ()  # task index of each structure column

    def trainable(self, candidate: int) -> dict[int, int]:
        """Requirement index -> training levels the candidate needs to meet it (chosen tasks only)."""
        if self.train_levels is None:
            return {}
        row = self.train_levels[candidate]
        return {int(q): int(row[q]) for q in np.nonzero(row)[0] if self.req_task[q] >= 0}

    def is_position(self, row: int) -> bool:
        return row >= self.n_candidates

    def position_kind(self, row: int) -> PositionKind:
        return self.position_kinds[row - self.n_candidates]

    @property
    def redundancy(self) -> int:
        """The most members any requirement needs."""
        return max(self.need, default=self.problem.constraints.redundancy)

    @cached_property
    def need(self) -> tuple[int, ...]:
        """Members each requirement needs: the redundancy, or at least 2 when critical."""
        constraints = self.problem.constraints
        return tuple(constraints.members_needed(r.task, r.skill) for r in self.requirements)

    def option(self, candidate: int, shape_index: int) -> Option:
        shape = self.shapes[shape_index]
        row = self.meets[candidate]
        covers = tuple(tuple(q for q, t in enumerate(self.req_task) if t == task and row[q]) for task in shape.tasks)
        return Option(
            candidate=candidate,
            shape=shape,
            covers=covers,
            fit=int(self.fit[candidate, shape_index]),
            cost=int(self.cost[candidate]),
            cap=min(int(self.cap[candidate]), len(shape.tasks)),
        )

    def options_of(self, candidate: int) -> list[Option]:
        return [self.option(candidate, s) for s in range(len(self.shapes)) if self.allowed[candidate, s]]

    def money(self, units: int | float) -> float:
        """Model cost units back to currency."""
        return float(units) * self.cost_unit


def fit_scores(fits: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Round role fits (0..1) to the integer scores the objective uses (half up)."""
    return np.floor(fits * FIT_SCALE + 0.5 + 1e-9).astype(np.int64)


def prepare(problem: Problem) -> Prepared:
    """Compute the integer data of ``problem`` (no reduction yet)."""
    catalog = problem.catalog
    constraints = problem.constraints
    tasks = tuple(t for t in problem.tasks)
    task_index = {t: i for i, t in enumerate(tasks)}
    requirements = tuple(problem.requirements)
    req_task = tuple(task_index.get(r.task, -1) for r in requirements)
    shapes = tuple(_shape(role, task_index) for role in catalog.roles)
    shapes = tuple(s for s in shapes if s.tasks)
    candidates = problem.candidates
    n_real = len(candidates)
    excluded = constraints.exclude
    names = {c.name: i for i, c in enumerate(candidates)}
    must = {names[name]: role for name, role in constraints.must_hire.items() if name in names}
    needed = sum(constraints.members_needed(r.task, r.skill) for r in requirements if r.task in task_index)
    bound = max(needed + len(tasks), (constraints.team_size_min or 0) - len(must))
    if constraints.team_size_max is not None:
        bound = min(bound, constraints.team_size_max - len(must))
    max_positions = open_limit(problem, max(0, bound))
    rows = position_rows(problem, requirements, tuple(s.role for s in shapes), max_positions)
    n = n_real + len(rows.kinds)
    eligible = tuple(i for i, c in enumerate(candidates) if c.name not in excluded) + tuple(range(n_real, n))

    base_cap = constraints.max_tasks_per_person
    cap = np.array(
        [min(base_cap, c.max_tasks) if c.max_tasks is not None else base_cap for c in candidates]
        + [base_cap] * len(rows.kinds),
        dtype=np.int64,
    )
    # Open positions and training are new spend: they count under every budget scope.
    cents = [round(budget_cost(c, constraints) * 100) for c in candidates] + list(rows.cents)
    limits = training_limits(constraints)
    unit = reduce(math.gcd, [*cents, limits.cost_cents if limits.active else 0], 0) or 1
    cost = np.array([c // unit for c in cents], dtype=np.int64)
    budget = None
    if constraints.budget is not None:
        budget = math.floor(round(constraints.budget * 100, 6) / unit)

    skills = sorted({r.skill for r in requirements} | set(profile_skills(catalog)))
    skill_col = {s: j for j, s in enumerate(skills)}
    ratings = np.zeros((n_real, len(skills)), dtype=np.float64)
    for i, candidate in enumerate(candidates):
        for skill, value in candidate.ratings.items():
            j = skill_col.get(skill)
            if j is not None:
                ratings[i, j] = value
    meets = np.zeros((n, len(requirements)), dtype=np.bool_)
    for q, req in enumerate(requirements):
        meets[:n_real, q] = ratings[:n_real, skill_col[req.skill]] >= req.level
    meets[n_real:] = rows.meets
    levels = np.zeros((n, len(requirements)), dtype=np.int8)
    levels[:n_real] = training_levels(ratings, skill_col, requirements, limits)
    trained = bool(levels.any())
    columns = structure(meets, levels, limits.per_skill) if trained else meets
    columns_task = req_task * (columns.shape[1] // len(requirements)) if requirements else ()
    if len(rows.kinds) and max_positions < bound:
        # The open-positions limit can bind: swapping a person for a position could break it,
        # so a position must never dominate a person. A "person" column on every task (1 for
        # people, 0 for positions) makes them incomparable that way round (see positions.py).
        person = np.zeros((n, len(tasks)), dtype=np.bool_)
        person[:n_real] = True
        columns = np.concatenate([columns, person], axis=1)
        columns_task = (*columns_task, *range(len(tasks)))

    profile = list(profile_skills(catalog))
    span = catalog.scale.max - catalog.scale.min
    fits = np.ones((n_real, len(shapes)), dtype=np.float64)
    if profile:
        cols = [skill_col[s] for s in profile]
        sub = ratings[:, cols]
        for k, shape in enumerate(shapes):
            role = catalog.role(shape.role)
            target = np.array([role.level(s) for s in profile], dtype=np.float64)
            distance = np.abs(sub - target).sum(axis=1) / len(profile)
            fits[:, k] = np.maximum(0.0, 1.0 - distance / span)
    fit = np.concatenate([fit_scores(fits), np.zeros((len(rows.kinds), len(shapes)), dtype=np.int64)])

    allowed = np.zeros((n, len(shapes)), dtype=np.bool_)
    if eligible:
        allowed[[i for i in eligible if i < n_real], :] = True
    if constraints.min_role_fit is not None:
        allowed[:n_real] &= fits >= constraints.min_role_fit - FIT_TOLERANCE
    for i, s in enumerate(rows.shape):
        allowed[n_real + i, s] = True
    for i, fixed in must.items():
        if fixed is not None:
            allowed[i, :] &= np.array([s.role == fixed for s in shapes], dtype=np.bool_)
    for i, candidate in enumerate(candidates):
        if candidate.roles:  # a hard rule: only the roles the person applied for or is open to
            allowed[i, :] &= np.array([candidate.open_to(s.role) for s in shapes], dtype=np.bool_)
    return Prepared(
        problem=problem,
        tasks=tasks,
        requirements=requirements,
        req_task=req_task,
        shapes=shapes,
        eligible=eligible,
        must=must,
        cap=cap,
        cost=cost,
        cost_unit=unit / 100.0,
        budget=budget,
        meets=meets,
        fit=fit,
        allowed=allowed,
        n_candidates=n_real,
        position_kinds=rows.kinds,
        positions_removed=rows.removed,
        max_positions=max_positions,
        training=limits,
        train_levels=levels if trained else None,
        train_cost=(limits.cost_cents // unit) if trained else 0,
        structure=columns,
        structure_task=columns_task,
    )


def _shape(role: Role, task_index: dict[str, int]) -> RoleShape:
    tasks = sorted(task_index[t] for t in role.tasks if t in task_index)
    ids = {task_index[t]: t for t in role.tasks if t in task_index}
    return RoleShape(role.id, tuple(tasks), tuple(role.is_primary(ids[t]) for t in tasks))
