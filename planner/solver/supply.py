"""The supply check: who could cover each requirement, before any solve.

A candidate qualifies for a requirement when they are not excluded, their rating reaches
the level, and some role they may take (the must-hire's fixed role, the minimum fit) does
the requirement's task. A requirement with fewer qualified people than the redundancy is
*unmeetable*; one with exactly that many is a *single point of failure* (losing one of
them uncovers it).

A candidate who lists the roles they are open to qualifies only where one of those roles
does the task.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.project import Problem
from planner.model.requirements import Requirement
from planner.solver.prepare import prepare


@dataclass(frozen=True)
class SupplyRow:
    """One requirement and the candidates who could cover it."""

    requirement: Requirement
    qualified: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.qualified)


@dataclass(frozen=True)
class SupplyReport:
    rows: tuple[SupplyRow, ...]
    unmeetable: tuple[Requirement, ...]
    single_points: tuple[Requirement, ...]


def supply_check(problem: Problem) -> SupplyReport:
    """Qualified candidates per requirement, unmeetable requirements and single points."""
    prep = prepare(problem)
    needed = problem.constraints.members_needed
    rows = []
    for q, req in enumerate(prep.requirements):
        task = prep.req_task[q]
        shapes = [s for s, shape in enumerate(prep.shapes) if task in shape.tasks]
        names = tuple(
            problem.candidates[i].name
            for i in prep.eligible
            if not prep.is_position(i) and prep.meets[i, q] and any(prep.allowed[i, s] for s in shapes)
        )
        rows.append(SupplyRow(req, names))
    return SupplyReport(
        rows=tuple(rows),
        unmeetable=tuple(r.requirement for r in rows if r.count < needed(r.requirement.task, r.requirement.skill)),
        single_points=tuple(r.requirement for r in rows if r.count == needed(r.requirement.task, r.requirement.skill)),
    )
