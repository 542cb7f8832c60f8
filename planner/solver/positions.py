"""Open positions as options of the model: synthetic candidates, one row per possible hire.

Every :class:`~planner.model.hiring.PositionKind` (a role with market data, its named
variants, senior or not) that does a chosen task becomes ``copies`` identical synthetic
candidates appended after the pool: they meet a requirement exactly where the kind's
ceiling reaches its level, cost the kind's annual plus recruiting cost, may take up to the
project's tasks per person in that one role, and have fit 0 (nobody is hired yet, so the
fit stage prefers real people at equal size and cost).

Why this is exact. Identical synthetic rows fall into one model *type* with an integer
count, so the solver chooses *how many* of a kind to open, never which copy. ``copies`` is
the reduction's member bound ``M`` (capped by ``max_open_positions``): an optimal plan has
at most ``M`` people besides the must-hires, positions included (a person or position not
needed for a requirement's redundancy or a task's only worker can be removed, which
improves team size and cost), so no optimal plan needs more copies. The exchange argument
of :mod:`planner.solver.reduce` holds for synthetic rows as for people, with one care:
``max_open_positions`` is a constraint on the synthetic types' total count (model types
never mix synthetic and real rows; their key carries the flag). Swapping a position for a
dominating person, or a position for another position, never raises that count; swapping
a person for a dominating position does, so when the limit can bind (it is below the
member bound) prepare adds a "person" column to the reduction's structure that positions
lack: a position then never dominates a person. With no own limit the count is at most the
team size, at most ``M`` = the copies, and the constraint never binds.

Kinds slower to fill than ``needed_within_weeks`` are not options;
:attr:`PositionRows.removed` lists them for the plan's message.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from planner.model.hiring import PositionKind, position_kinds
from planner.model.project import Problem
from planner.model.requirements import Requirement


@dataclass(frozen=True)
class PositionRows:
    """The synthetic candidates of a problem, ready to append to the pool's arrays."""

    kinds: tuple[PositionKind, ...]  # per synthetic row
    meets: npt.NDArray[np.bool_]  # rows x requirements
    cents: tuple[int, ...]  # per row: annual + recruiting, in cents
    shape: tuple[int, ...]  # per row: the index of its role's shape
    removed: tuple[PositionKind, ...]  # kinds the deadline removed


def open_limit(problem: Problem, bound: int) -> int:
    """How many positions a plan may open: ``max_open_positions`` (None: no own limit) and ``bound``."""
    most = problem.constraints.max_open_positions
    return bound if most is None else max(0, min(most, bound))


def position_rows(
    problem: Problem, requirements: tuple[Requirement, ...], shape_roles: tuple[str, ...], copies: int
) -> PositionRows:
    """``copies`` rows per position kind whose role has a shape (``shape_roles[s]`` is shape s's role)."""
    kinds: list[PositionKind] = []
    shape: list[int] = []
    removed: list[PositionKind] = []
    deadline = problem.constraints.needed_within_weeks
    if copies > 0:
        for kind in position_kinds(problem.catalog):
            if kind.role not in shape_roles:
                continue
            if deadline is not None and kind.weeks_to_fill > deadline:
                removed.append(kind)
                continue
            kinds.extend([kind] * copies)
            shape.extend([shape_roles.index(kind.role)] * copies)
    meets = np.zeros((len(kinds), len(requirements)), dtype=np.bool_)
    for i, kind in enumerate(kinds):
        if i % copies == 0:
            row = np.array([kind.brings(r) for r in requirements], dtype=np.bool_)
        meets[i] = row
    cents = tuple(round(k.cost * 100) for k in kinds)
    return PositionRows(tuple(kinds), meets, cents, tuple(shape), tuple(removed))
