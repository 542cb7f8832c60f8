"""What a person adds to the budget: their cost, or nothing for current staff under a new-spend budget.

A budget covers the whole team (``BudgetScope.ALL``: every member's annual cost, what
finance sees) or new spend only (``BudgetScope.NEW``: applicants' cost, not the salaries of
employees already on the payroll). With ``NEW`` the cost stage of the objective minimises
the same new spend. The solver, the independent validator, the brute-force oracle and the
analyses all take a person's share from here, so they never disagree on it.
"""

from __future__ import annotations

from planner.model.candidates import Candidate
from planner.model.constraints import BudgetScope, Constraints


def budget_share(cost: float | None, employee: bool, scope: BudgetScope) -> float:
    """What one person with annual ``cost`` adds to the budget (an unknown cost counts 0)."""
    if employee and scope is BudgetScope.NEW:
        return 0.0
    return cost or 0.0


def budget_cost(candidate: Candidate, constraints: Constraints) -> float:
    """What ``candidate`` adds to the budget of a solve under ``constraints``."""
    return budget_share(candidate.cost, candidate.is_employee, constraints.budget_scope)
