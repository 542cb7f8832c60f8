"""The cost LP (reduced-cost fixing and the probe before the cost stage) is exact, training included."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, default_catalog
from planner.model.constraints import Constraints, ObjectiveOrder, TrainingPolicy
from planner.model.plan import PlanStatus
from planner.model.project import Problem, new_project
from planner.model.requirements import Requirement
from planner.model.samples import generate_pool
from planner.solver import solve
from planner.solver.lp_fixing import StageRelaxation
from planner.solver.model import TeamModel
from planner.solver.prepare import Prepared, prepare
from planner.solver.reduce import reduce_options
from tests.solver_oracle import plan_key

DEPLOY_SE = Requirement("deployment", "software_engineering", 4)
POOL_ONLY = {"max_open_positions": 0, "training": TrainingPolicy(enabled=False)}


def _no_relaxation(model: TeamModel, fixed: dict[str, int]) -> None:
    return None


@pytest.mark.parametrize(
    ("settings", "size"),
    [
        ({"team_size_max": 8, **POOL_ONLY}, 80),
        ({"team_size_max": 5, "max_open_positions": 2}, 25),
        ({"team_size_max": 5, "max_open_positions": 0}, 30),
        ({"team_size_max": 6, "objective_order": ObjectiveOrder.COST_FIRST, "max_open_positions": 1}, 30),
        ({"budget": 420_000.0, "max_open_positions": 0}, 40),
        ({"budget": 500_000.0, "redundancy": 2, "team_size_max": 8, **POOL_ONLY}, 60),
    ],
)
def test_the_cost_lp_changes_no_plan(
    catalog: Catalog, settings: dict[str, object], size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With and without the LP (probe, fixing before cost and before fit) the optimum is the same team key."""
    pool = generate_pool(catalog, size, seed=len(settings) + 11)
    problem = new_project("ml", candidates=pool, constraints=Constraints(**settings)).problem()  # type: ignore[arg-type]
    with_lp = solve(problem, time_limit=60)
    monkeypatch.setattr(StageRelaxation, "of", staticmethod(_no_relaxation))
    without = solve(problem, time_limit=60)
    assert with_lp.status is without.status is PlanStatus.OPTIMAL
    assert plan_key(problem, with_lp) == plan_key(problem, without)


def _training_problem() -> Problem:
    catalog = default_catalog()
    ana = Candidate("Ana", {"software_engineering": 3}, 100_000.0)
    bo = Candidate("Bo", {"software_engineering": 2}, 60_000.0)
    return Problem(catalog, ("deployment",), (DEPLOY_SE,), (ana, bo), Constraints(max_open_positions=0))


def _relaxed(problem: Problem) -> tuple[Prepared, TeamModel, StageRelaxation]:
    """The cost-stage model of ``problem`` and its LP with every requirement covered."""
    prep = prepare(problem)
    model = TeamModel(prep, reduce_options(prep, set()).kept, use_cost=True, use_fit=False, limit=2)
    relaxation = StageRelaxation.of(model, {"coverage": 0})
    assert relaxation is not None
    return prep, model, relaxation


def test_the_relaxation_states_training_so_its_bound_counts_the_levels() -> None:
    """Only training covers the requirement: without training terms the LP would have no team at all."""
    problem = _training_problem()
    prep, _, relaxation = _relaxed(problem)
    plan = solve(problem, deterministic=True)
    assert [m.candidate for m in plan.team] == ["Ana"] and plan.training_cost > 0
    # Bo is two levels short (one level per skill by default): Ana plus one level is the only
    # team, and the LP, which must train her to cover, costs exactly that.
    assert relaxation.bound == pytest.approx(plan.objective.cost / prep.money(1))


def test_fixing_above_the_optimum_keeps_the_optimal_team_reachable() -> None:
    problem = _training_problem()
    prep, model, relaxation = _relaxed(problem)
    optimum = round(solve(problem, deterministic=True).objective.cost / prep.money(1))
    relaxation.fix_above(optimum)
    stages = model.stages()
    model.model.add(stages["coverage"].expr <= 0)
    model.model.minimize(stages["cost"].expr)
    solver = cp_model.CpSolver()
    assert solver.solve(model.model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == optimum
