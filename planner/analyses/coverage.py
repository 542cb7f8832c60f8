"""How a plan's team covers each requirement: met, thin or missing, and the task × skill matrix.

One definition for every view and export: a requirement is **missing** when fewer team
members cover it than it needs (the redundancy, or 2 for a critical requirement), **thin**
when exactly that many do (one departure opens a gap), and **met** when there is a spare.
``coverage_matrix`` gives, for every chosen task and required skill, the required level,
the best rating among the members on the task, and who reaches the level. Members count
with the level the plan trains them to; open positions count as members ("Open position 1:
Data Scientist") where their ceiling reaches the level.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner.model.plan import OpenPosition, Plan
from planner.model.project import Problem


class CoverageStatus(StrEnum):
    MET = "met"
    THIN = "thin"
    MISSING = "missing"
    NOT_REQUIRED = "not_required"


def coverage_status(count: int, needed: int) -> CoverageStatus:
    """The status of a requirement covered by ``count`` members when it needs ``needed``."""
    if count == 0 or count < needed:
        return CoverageStatus.MISSING
    if count == needed:
        return CoverageStatus.THIN
    return CoverageStatus.MET


@dataclass(frozen=True)
class CoverageCell:
    """One requirement (or a non-required task/skill pair) against the team."""

    task: str
    skill: str
    required: int | None  # None when the task does not require the skill
    must_have: bool
    best: float  # best rating among the members on the task (0 when nobody is on it)
    on_task: tuple[tuple[str, float], ...]  # (member, rating) for everyone assigned to the task
    covered_by: tuple[str, ...]  # members on the task whose rating reaches the level
    state: CoverageStatus


@dataclass(frozen=True)
class CoverageMatrix:
    tasks: tuple[str, ...]
    skills: tuple[str, ...]
    cells: dict[tuple[str, str], CoverageCell]

    def cell(self, task: str, skill: str) -> CoverageCell:
        return self.cells[(task, skill)]

    def count(self, state: CoverageStatus) -> int:
        return sum(1 for cell in self.cells.values() if cell.state is state)


def coverage_matrix(problem: Problem | None, plan: Plan) -> CoverageMatrix:
    """Every required (task, skill) of ``plan`` against its team (see the module docstring)."""
    catalog_tasks = problem.catalog.task_ids if problem else ()
    catalog_skills = problem.catalog.skill_ids if problem else ()
    required = {r.key: r for r in plan.requirements}
    task_set = {r.task for r in plan.requirements} | set(problem.tasks if problem else ())
    tasks = tuple(sorted(task_set, key=lambda t: (_position(catalog_tasks, t), t)))
    skill_set = {r.skill for r in plan.requirements}
    skills = tuple(sorted(skill_set, key=lambda s: (_position(catalog_skills, s), s)))
    names = {c.name for c in problem.candidates} if problem else set()
    cells: dict[tuple[str, str], CoverageCell] = {}
    positions = [(position_label(problem, p, i), p) for i, p in enumerate(plan.open_positions, start=1)]
    for task in tasks:
        members = [m for m in plan.team if task in m.tasks]
        for skill in skills:
            on_task = []
            for member in members:
                if member.candidate in names and problem is not None:
                    rating = problem.candidate(member.candidate).rating(skill)
                else:  # without the candidates, the plan's own coverage records are all we know
                    rating = max((c.rating for c in member.covers if c.task == task and c.skill == skill), default=0.0)
                for training in member.training:  # the plan trains them: the level they will have
                    if training.skill == skill:
                        rating = max(rating, float(training.to_level))
                on_task.append((member.candidate, rating))
            for label, position in positions:
                if task in position.tasks:
                    # What the hire must bring; a position covers exactly what its ceiling reaches.
                    covers = any(r.task == task and r.skill == skill for r in position.covers)
                    level = required[(task, skill)].level if covers and (task, skill) in required else 0
                    on_task.append((label, float(max(level, position.min_ratings.get(skill, 0) if covers else 0))))
            requirement = required.get((task, skill))
            best = max((rating for _, rating in on_task), default=0.0)
            if requirement is None:
                cells[(task, skill)] = CoverageCell(
                    task, skill, None, False, best, tuple(on_task), (), CoverageStatus.NOT_REQUIRED
                )
                continue
            covered_by = tuple(name for name, rating in on_task if rating >= requirement.level)
            state = coverage_status(len(covered_by), plan.settings.members_needed(task, skill))
            cells[(task, skill)] = CoverageCell(
                task, skill, requirement.level, requirement.must_have, best, tuple(on_task), covered_by, state
            )
    return CoverageMatrix(tasks, skills, cells)


def position_label(problem: Problem | None, position: OpenPosition, number: int) -> str:
    """``Open position 1: Deep Learning Engineer``: how an open position appears among the members."""
    name = position.variant or position.role
    if not position.variant and problem is not None and position.role in problem.catalog.role_ids:
        name = problem.catalog.role(position.role).name
    return f"Open position {number}: {'Senior ' if position.senior else ''}{name}"


def _position(order: tuple[str, ...], item: str) -> int:
    return order.index(item) if item in order else len(order)


def _risk(cell: CoverageCell) -> int:
    """0 for a missing must-have, 1 missing nice-to-have, 2 thin, 3 met or not required."""
    if cell.state is CoverageStatus.MISSING:
        return 0 if cell.must_have else 1
    return 2 if cell.state is CoverageStatus.THIN else 3


def gaps_first(matrix: CoverageMatrix, *, gaps_only: bool = False) -> CoverageMatrix:
    """``matrix`` with its skills ordered worst first: a missing must-have, a missing nice-to-have,
    a thin requirement, then the rest (ties keep the catalog order). ``gaps_only`` keeps only the
    skills with a missing or thin requirement."""

    def risk(skill: str) -> int:
        return min((_risk(matrix.cells[(t, skill)]) for t in matrix.tasks if (t, skill) in matrix.cells), default=3)

    skills = sorted(matrix.skills, key=risk)  # stable: ties keep the catalog order
    if gaps_only:
        skills = [s for s in skills if risk(s) < 3]
    return CoverageMatrix(matrix.tasks, tuple(skills), matrix.cells)
