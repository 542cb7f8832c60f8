"""The best true plan of a solve: every candidate team is scored from the data, not the model.

A CP-SAT model's objective value is only as good as its auxiliary variables (a shortfall
variable may sit at 1 for a requirement the team covers), and each stage group solves a
different reduced model, so "the last solution CP-SAT returned" is not necessarily the best
team seen. :class:`Incumbent` scores every team offered to it (the greedy start, the
previous plan, every solution callback, every stage's final solution) with
:func:`true_key` — the lexicographic objective recomputed from the prepared ratings,
costs and fits — and keeps the best one. A stopped or timed-out solve returns it.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.model.constraints import ObjectiveOrder
from planner.solver.model import Selection
from planner.solver.prepare import Prepared
from planner.solver.training import training_effect

TeamKey = tuple[int, ...]


def true_key(prep: Prepared, selection: Selection, previous: dict[int, str] | None = None) -> TeamKey | None:
    """The lexicographic objective of ``selection`` (smaller is better), None if it breaks a hard rule.

    Order: uncovered must-haves, unstaffed tasks, uncovered nice-to-haves, team size and
    cost (in the project's order), changes to ``previous`` (candidate -> role; only when
    given), minus the fit score, secondary tasks.
    """
    constraints = prep.problem.constraints
    members = selection.members
    hired = [option.candidate for option, _ in members]
    if len(set(hired)) != len(hired) or not set(prep.must) <= set(hired):
        return None
    size = len(members)
    if size < (constraints.team_size_min or 0):
        return None
    if constraints.team_size_max is not None and size > constraints.team_size_max:
        return None
    if sum(1 for c in hired if prep.is_position(c)) > prep.max_positions:
        return None
    extra, levels = training_effect(prep, selection)
    if extra is None:
        return None
    cost = sum(option.cost for option, _ in members) + levels * prep.train_cost
    if prep.budget is not None and cost > prep.budget:
        return None
    count = [0] * len(prep.requirements)
    for q, n in extra.items():
        count[q] += n
    staffed: set[int] = set()
    fit = secondary = 0
    for option, tasks in members:
        shape = option.shape
        if not tasks or len(tasks) > option.cap or not set(tasks) <= set(shape.tasks):
            return None
        if not prep.allowed[option.candidate, prep.shapes.index(shape)]:
            return None
        for t in tasks:
            position = shape.tasks.index(t)
            staffed.add(t)
            secondary += not shape.primary[position]
            for q in option.covers[position]:
                count[q] += 1
        fit += option.fit
    short = [count[q] < need for q, need in enumerate(prep.need)]
    must = sum(1 for q, r in enumerate(prep.requirements) if short[q] and r.must_have)
    nice = sum(1 for q, r in enumerate(prep.requirements) if short[q] and not r.must_have)
    unstaffed = len(prep.tasks) - len(staffed)
    middle = (cost, size) if constraints.objective_order is ObjectiveOrder.COST_FIRST else (size, cost)
    changes: tuple[int, ...] = ()
    if previous is not None:
        roles = {option.candidate: option.shape.role for option, _ in members}
        joined = sum(1 for c in roles if c not in previous)
        moved = sum(1 for c, role in previous.items() if roles.get(c) != role)
        changes = (joined + moved,)
    return (must, unstaffed, nice, *middle, *changes, -fit, secondary)


class Incumbent:
    """The best team offered so far, by :func:`true_key`; ``on_better`` hears each improvement."""

    def __init__(
        self,
        prep: Prepared,
        previous: dict[int, str] | None = None,
        on_better: Callable[[Selection], None] | None = None,
    ) -> None:
        self.prep = prep
        self.previous = previous
        self.on_better = on_better
        self.best: Selection | None = None
        self.key: TeamKey | None = None

    def offer(self, selection: Selection) -> bool:
        """Keep ``selection`` if it is strictly better than the best so far; whether it was."""
        key = true_key(self.prep, selection, self.previous)
        if key is None or (self.key is not None and key >= self.key):
            return False
        self.best, self.key = selection, key
        if self.on_better is not None:
            self.on_better(selection)
        return True
