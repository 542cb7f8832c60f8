"""Trade-off curves: the best coverage reachable at each budget (or team size).

The curve is the exact Pareto frontier, found by the epsilon-constraint method: solve with
no limit (cost, or team size, minimised after coverage); then tighten the limit to just
below the plan's cost (or headcount) and solve again, until nothing cheaper (smaller) is
feasible. Each point is the optimum for its limit when the solver proves it, or marked as
best-found with its gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from planner.model.constraints import ObjectiveOrder
from planner.model.plan import Plan, PlanStatus
from planner.model.project import Problem


class TradeoffAxis(str, Enum):
    BUDGET = "budget"
    TEAM_SIZE = "team_size"


@dataclass(frozen=True)
class TradeoffPoint:
    limit: float  # the budget or team size this point was solved with (the plan's own cost or headcount)
    plan: Plan

    @property
    def uncovered(self) -> int:
        return self.plan.objective.uncovered

    @property
    def covered(self) -> int:
        return len(self.plan.requirements) - self.plan.objective.uncovered

    @property
    def proven(self) -> bool:
        return self.plan.status is PlanStatus.OPTIMAL


def tradeoff_curve(
    problem: Problem,
    axis: TradeoffAxis = TradeoffAxis.BUDGET,
    *,
    time_limit_per_point: float = 10.0,
    max_points: int = 40,
    on_point: Callable[[TradeoffPoint], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[TradeoffPoint, ...]:
    """Points from the richest plan down to the cheapest (smallest) feasible one."""
    from planner.solver import solve

    order = ObjectiveOrder.COST_FIRST if axis is TradeoffAxis.BUDGET else ObjectiveOrder.SIZE_FIRST
    constraints = replace(problem.constraints, objective_order=order)
    points: list[TradeoffPoint] = []
    while len(points) < max_points:
        if should_stop is not None and should_stop():
            break
        plan = solve(
            replace(problem, constraints=constraints),
            time_limit=time_limit_per_point,
            should_stop=should_stop,
            deterministic=True,
        )
        if plan.status in (PlanStatus.INFEASIBLE, PlanStatus.CANCELLED):
            break
        value = plan.budget_spend if axis is TradeoffAxis.BUDGET else float(plan.objective.headcount)
        point = TradeoffPoint(value, plan)
        points.append(point)
        if on_point is not None:
            on_point(point)
        if value <= 0:
            break
        if axis is TradeoffAxis.BUDGET:
            constraints = replace(constraints, budget=_below(value))
        else:
            constraints = replace(constraints, team_size_max=int(value) - 1)
    return tuple(points)


def _below(cost: float) -> float:
    """The largest budget that excludes ``cost`` when costs are whole currency units."""
    return float(int(cost) - 1) if float(cost).is_integer() else float(int(cost))
