"""The solver in a child process gives the same plan, reports progress and stops when asked."""

from __future__ import annotations

import pytest

from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.plan import PlanStatus
from planner.model.project import new_project
from planner.model.samples import generate_pool
from planner.solver import SolveProgress, solve
from planner.solver.isolated import solve_isolated
from planner.solver.validate import validate_plan
from tests.test_solver_stop import plan_rank, stopped_too_early


def test_same_plan_as_in_process_with_progress(catalog: Catalog) -> None:
    problem = new_project("ml", candidates=generate_pool(catalog, 60, seed=3)).problem()
    reports: list[object] = []
    plan = solve_isolated(problem, time_limit=20, on_progress=reports.append, deterministic=True)
    local = solve(problem, time_limit=20, deterministic=True)
    assert plan.status is local.status is PlanStatus.OPTIMAL
    assert [(m.candidate, m.role, m.tasks) for m in plan.team] == [(m.candidate, m.role, m.tasks) for m in local.team]
    assert reports and all(hasattr(r, "objective") for r in reports)


def test_stop_returns_the_best_plan_so_far(catalog: Catalog) -> None:
    problem = new_project("ml", candidates=generate_pool(catalog, 3000, seed=4)).problem()
    calls = {"n": 0}

    def stop_after_first_report() -> bool:
        return calls["n"] > 0

    plan = solve_isolated(
        problem,
        time_limit=60,
        on_progress=lambda _r: calls.__setitem__("n", calls["n"] + 1),
        should_stop=stop_after_first_report,
    )
    assert plan.status in (PlanStatus.CANCELLED, PlanStatus.OPTIMAL)  # optimal if proof beat the stop
    assert plan.team


@pytest.mark.parametrize("reports", [1, 2])
def test_the_apps_stop_returns_the_best_team_reported(catalog: Catalog, reports: int) -> None:
    """What the app's Stop does (the child process is how the GUI solves): never a worse team than shown."""
    problem = stopped_too_early(catalog)
    seen: list[SolveProgress] = []
    plan = solve_isolated(problem, time_limit=30, on_progress=seen.append, should_stop=lambda: len(seen) >= reports)
    assert plan.status in (PlanStatus.CANCELLED, PlanStatus.OPTIMAL)
    assert validate_plan(problem, plan) == []
    assert seen and all(plan_rank(plan) <= plan_rank(p.plan) for p in seen if p.plan is not None)


def test_errors_in_the_child_are_raised_in_the_caller(catalog: Catalog) -> None:
    problem = new_project("ml", candidates=generate_pool(catalog, 3, seed=1)).problem()
    with pytest.raises(TypeError, match="no_such_option"):
        solve_isolated(problem, time_limit=5, no_such_option=True)


def test_infeasible_plans_come_back(catalog: Catalog) -> None:
    people = generate_pool(catalog, 4, seed=1)
    must = {p.name: None for p in people}
    problem = new_project("ml", candidates=people, constraints=Constraints(team_size_max=2, must_hire=must)).problem()
    plan = solve_isolated(problem, time_limit=5)
    assert plan.status is PlanStatus.INFEASIBLE and "team size max 2" in plan.message
