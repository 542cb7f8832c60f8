"""The solver on hand-made instances with known answers, edge cases and behaviour."""

from __future__ import annotations

import dataclasses

import pytest

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints, ObjectiveOrder, TrainingPolicy
from planner.model.fit import role_fit
from planner.model.plan import PlanStatus
from planner.model.project import Problem, new_project
from planner.model.requirements import Requirement
from planner.model.samples import generate_pool
from planner.solver import SolveProgress, solve
from planner.solver.validate import validate_plan

DEPLOY_SE = Requirement("deployment", "software_engineering", 4)
DEPLOY_ML = Requirement("deployment", "machine_learning", 3)
INFRA_SE = Requirement("ai_infrastructure", "software_engineering", 4)
INFRA_DQL = Requirement("ai_infrastructure", "data_query_languages", 3)
NO_TRAINING = TrainingPolicy(enabled=False)


def make(
    catalog: Catalog,
    tasks: tuple[str, ...],
    requirements: tuple[Requirement, ...],
    candidates: list[Candidate],
    **constraints: object,
) -> Problem:
    """A pool-only problem (no open positions, no training: the behaviour these tests pin down)."""
    settings = {"max_open_positions": 0, "training": NO_TRAINING, **constraints}
    return Problem(catalog, tasks, requirements, tuple(candidates), Constraints(**settings))  # type: ignore[arg-type]


def solved(problem: Problem, **kwargs: object) -> object:
    plan = solve(problem, deterministic=True, **kwargs)  # type: ignore[arg-type]
    assert validate_plan(problem, plan) == []
    return plan


def engineer(name: str, cost: float = 100.0, se: float = 5, ml: float = 4, dql: float = 0) -> Candidate:
    return Candidate(
        name,
        {"software_engineering": se, "machine_learning": ml, "algorithmic_coding": 5, "data_query_languages": dql},
        cost,
    )


# --- edge cases ---------------------------------------------------------------------------


def test_no_candidates_reports_everything_uncovered_and_recommends_a_hire(catalog: Catalog) -> None:
    problem = make(catalog, ("deployment",), (DEPLOY_SE,), [])
    plan = solve(problem)
    assert plan.status is PlanStatus.OPTIMAL
    assert plan.team == ()
    assert plan.uncovered == (DEPLOY_SE,)
    assert "Nobody could be assigned to: Deployment" in plan.message
    [hire] = plan.hire_recommendations
    assert hire.tasks == ("deployment",)
    assert hire.role in ("machine_learning_engineer", "software_engineer_ml")
    assert hire.min_ratings == {"software_engineering": 4}


def test_no_tasks_gives_an_empty_optimal_plan(catalog: Catalog) -> None:
    plan = solve(make(catalog, (), (), [engineer("Ana")]))
    assert plan.status is PlanStatus.OPTIMAL
    assert plan.team == () and plan.uncovered == () and plan.hire_recommendations == ()


def test_every_candidate_excluded(catalog: Catalog) -> None:
    problem = make(
        catalog, ("deployment",), (DEPLOY_SE,), [engineer("Ana"), engineer("Bo")], exclude=frozenset({"Ana", "Bo"})
    )
    plan = solved(problem)
    assert plan.team == () and plan.uncovered == (DEPLOY_SE,)
    assert len(plan.hire_recommendations) == 1


def test_all_ratings_zero_still_staffs_every_task(catalog: Catalog) -> None:
    people = [Candidate(f"P{i}", {}, 100.0) for i in range(4)]
    pool_only = Constraints(max_open_positions=0, training=NO_TRAINING)
    problem = new_project("ml", candidates=people, constraints=pool_only).problem()
    plan = solved(problem)
    assert plan.objective.uncovered_must == len(problem.requirements)
    assert {t for m in plan.team for t in m.tasks} == set(problem.tasks)
    assert plan.objective.headcount == 3  # five tasks, two per person
    assert plan.hire_recommendations


def test_one_candidate_takes_the_best_fitting_role_that_does_the_task(catalog: Catalog) -> None:
    ana = engineer("Ana")
    plan = solved(make(catalog, ("deployment",), (DEPLOY_SE, DEPLOY_ML), [ana]))
    [member] = plan.team
    roles = [r for r in catalog.roles if r.does("deployment")]
    assert member.role == max(roles, key=lambda r: role_fit(ana, r, catalog)).id
    assert member.tasks == ("deployment",)
    assert {(c.task, c.skill) for c in member.covers} == {DEPLOY_SE.key, DEPLOY_ML.key}
    assert plan.uncovered == () and plan.coverage_counts == {DEPLOY_SE.key: 1, DEPLOY_ML.key: 1}
    assert plan.status is PlanStatus.OPTIMAL and plan.gap in (None, 0.0)


def test_ties_are_broken_the_same_way_every_time(catalog: Catalog) -> None:
    problem = make(catalog, ("deployment",), (DEPLOY_SE,), [engineer("Bo"), engineer("Cy")])
    first, second = solved(problem), solved(problem)
    assert first.objective.headcount == 1
    assert first.team == second.team


# --- constraints ----------------------------------------------------------------------------


def test_must_hire_with_fixed_role_is_hired_in_that_role(catalog: Catalog) -> None:
    di = Candidate("Di", {"data_science": 5, "business_acumen": 5}, 90.0)
    problem = make(
        catalog,
        ("data_engineering", "deployment"),
        (DEPLOY_SE,),
        [engineer("Ana"), di],
        must_hire={"Di": "data_analyst"},
    )
    plan = solved(problem)
    member = plan.member("Di")
    assert member is not None and member.role == "data_analyst"
    assert member.tasks == ("data_engineering",)
    assert plan.member("Ana") is not None
    assert plan.uncovered == ()


def test_budget_picks_what_it_can_afford_and_reports_the_rest(catalog: Catalog) -> None:
    strong = engineer("Strong", cost=300.0, se=5, ml=4)
    weak = engineer("Weak", cost=100.0, se=4, ml=0)
    problem = make(catalog, ("deployment",), (DEPLOY_SE, DEPLOY_ML), [strong, weak], budget=200.0)
    plan = solved(problem)
    assert [m.candidate for m in plan.team] == ["Weak"]
    assert plan.uncovered == (DEPLOY_ML,)
    [hire] = plan.hire_recommendations
    assert hire.min_ratings == {"machine_learning": 3} and hire.covers == (DEPLOY_ML,)


def test_team_min_adds_the_cheapest_extra_person(catalog: Catalog) -> None:
    people = [engineer("Ana", cost=100.0), engineer("Bo", cost=300.0), engineer("Cy", cost=200.0)]
    plan = solved(make(catalog, ("deployment",), (DEPLOY_SE,), people, team_size_min=2))
    assert sorted(m.candidate for m in plan.team) == ["Ana", "Cy"]


def test_team_max_leaves_the_rest_uncovered(catalog: Catalog) -> None:
    dep = engineer("Dep", dql=0)
    infra = Candidate("Infra", {"data_query_languages": 5}, 100.0)
    problem = make(
        catalog,
        ("deployment", "ai_infrastructure"),
        (DEPLOY_SE, INFRA_DQL),
        [dep, infra],
        max_tasks_per_person=1,
        team_size_max=1,
    )
    plan = solved(problem)
    assert plan.objective.headcount == 1 and plan.objective.uncovered_must == 1


def test_redundancy_two_needs_two_qualified_members(catalog: Catalog) -> None:
    people = [engineer("Ana"), engineer("Bo"), engineer("Cy", se=2)]
    plan = solved(make(catalog, ("deployment",), (DEPLOY_SE,), people, redundancy=2))
    assert sorted(m.candidate for m in plan.team) == ["Ana", "Bo"]
    assert plan.coverage_counts[DEPLOY_SE.key] == 2 and plan.uncovered == ()
    alone = solved(make(catalog, ("deployment",), (DEPLOY_SE,), people[:1], redundancy=2))
    assert alone.uncovered == (DEPLOY_SE,)
    assert len(alone.hire_recommendations) == 1


def test_a_must_have_beats_any_number_of_nice_to_haves(catalog: Catalog) -> None:
    must = Requirement("deployment", "software_engineering", 4)
    nice = (
        Requirement("deployment", "machine_learning", 3, must_have=False),
        Requirement("deployment", "data_query_languages", 3, must_have=False),
    )
    a = Candidate("A", {"software_engineering": 5}, 100.0)
    b = Candidate("B", {"machine_learning": 5, "data_query_languages": 5}, 100.0)
    plan = solved(make(catalog, ("deployment",), (must, *nice), [a, b], team_size_max=1))
    assert [m.candidate for m in plan.team] == ["A"]
    assert plan.objective.uncovered_must == 0 and plan.objective.uncovered_nice == 2


@pytest.mark.parametrize(
    ("order", "expected"), [(ObjectiveOrder.SIZE_FIRST, ["Star"]), (ObjectiveOrder.COST_FIRST, ["Dep", "Infra"])]
)
def test_objective_order_swaps_size_and_cost(catalog: Catalog, order: ObjectiveOrder, expected: list[str]) -> None:
    star = engineer("Star", cost=500.0, dql=5)
    dep = engineer("Dep", cost=100.0)
    infra = Candidate("Infra", {"software_engineering": 5, "data_query_languages": 4}, 100.0)
    problem = make(
        catalog,
        ("deployment", "ai_infrastructure"),
        (DEPLOY_ML, INFRA_SE, INFRA_DQL),
        [star, dep, infra],
        objective_order=order,
    )
    plan = solved(problem)
    assert sorted(m.candidate for m in plan.team) == expected
    assert plan.uncovered == ()


def test_minimum_role_fit_is_a_hard_rule(catalog: Catalog) -> None:
    ana = engineer("Ana")
    problem = make(catalog, ("deployment",), (DEPLOY_SE,), [ana], min_role_fit=0.8)
    plan = solved(problem)
    [member] = plan.team
    assert member.role == "software_engineer_ml"  # MLE fits 0.76 only
    assert member.fit >= 0.8


# --- infeasible ------------------------------------------------------------------------------


def test_must_hires_beyond_team_max_name_the_conflict(catalog: Catalog) -> None:
    people = [engineer(n) for n in ("Ana", "Bo", "Cy", "Di")]
    problem = make(
        catalog,
        ("deployment",),
        (DEPLOY_SE,),
        people,
        must_hire=dict.fromkeys(["Ana", "Bo", "Cy", "Di"]),
        team_size_max=3,
    )
    plan = solved(problem)
    assert plan.status is PlanStatus.INFEASIBLE
    assert plan.message == "Must-hire Ana, Bo, Cy and Di (4 people) conflicts with team size max 3."
    assert plan.team == ()


def test_budget_below_must_hires_names_the_conflict(catalog: Catalog) -> None:
    people = [engineer("Ana", cost=150_000), engineer("Bo", cost=120_000)]
    problem = make(catalog, ("deployment",), (DEPLOY_SE,), people, must_hire={"Ana": None, "Bo": None}, budget=200_000)
    plan = solved(problem)
    assert plan.status is PlanStatus.INFEASIBLE
    assert plan.message == "Must-hire Ana and Bo cost 270,000 together, over the budget of 200,000."


@pytest.mark.parametrize(
    ("settings", "phrase"),
    [
        ({"team_size_min": 3}, "Team size min 3 conflicts with only 2 available candidates."),
        ({"team_size_min": 3, "team_size_max": 2}, "Team size min 3 conflicts with team size max 2."),
        ({"team_size_min": 2, "budget": 150.0}, "Team size min 2 conflicts with the budget of 150"),
        ({"must_hire": {"Ana": "data_analyst"}}, "Must-hire Ana as Data Analyst conflicts with the chosen tasks"),
        ({"must_hire": {"Ana": "machine_learning_engineer"}, "min_role_fit": 0.8}, "minimum role fit 0.80"),
    ],
)
def test_other_conflicts_are_named(catalog: Catalog, settings: dict[str, object], phrase: str) -> None:
    people = [engineer("Ana", cost=100.0), engineer("Bo", cost=100.0)]
    plan = solved(make(catalog, ("deployment",), (DEPLOY_SE,), people, **settings))
    assert plan.status is PlanStatus.INFEASIBLE
    assert phrase in plan.message


# --- behaviour: progress, stop, time limit, determinism, re-solve ------------------------------------


def pool_problem(catalog: Catalog, size: int, seed: int = 3, **settings: object) -> Problem:
    """A generated pool, staffed from the pool only (positions and training have their own tests)."""
    settings = {"max_open_positions": 0, "training": NO_TRAINING, **settings}
    constraints = Constraints(team_size_max=8, **settings)  # type: ignore[arg-type]
    return new_project("ml", candidates=generate_pool(catalog, size, seed), constraints=constraints).problem()


def test_progress_reports_valid_improving_plans(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 300)
    seen: list[SolveProgress] = []
    plan = solve(problem, on_progress=seen.append)
    assert plan.status is PlanStatus.OPTIMAL
    assert seen
    assert [p.elapsed for p in seen] == sorted(p.elapsed for p in seen)
    for progress in seen:
        assert progress.plan is not None and progress.plan.objective == progress.objective
    costs = [p.objective.cost for p in seen if p.stage == "cost"]
    assert costs == sorted(costs, reverse=True)


def test_stop_before_start_returns_a_valid_cancelled_plan(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 200)
    plan = solve(problem, should_stop=lambda: True)
    assert plan.status is PlanStatus.CANCELLED
    assert plan.team and validate_plan(problem, plan) == []
    assert plan.message.startswith("Stopped")


def test_stop_during_the_search_keeps_the_best_plan_so_far(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 3000)
    found: list[SolveProgress] = []
    plan = solve(problem, on_progress=found.append, should_stop=lambda: bool(found))
    assert plan.status is PlanStatus.CANCELLED
    assert validate_plan(problem, plan) == []
    assert plan.objective.headcount >= 1 and plan.solve_seconds < 10


def test_time_limit_returns_a_valid_plan(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 3000)
    plan = solve(problem, time_limit=0.3)
    assert plan.status in (PlanStatus.FEASIBLE, PlanStatus.OPTIMAL)
    assert validate_plan(problem, plan) == []
    if plan.status is PlanStatus.FEASIBLE:
        assert "time limit" in plan.message
        assert plan.gap is None or plan.gap >= 0


def test_deterministic_mode_gives_the_same_team_twice(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 400, seed=11)
    first = solve(problem, deterministic=True)
    second = solve(problem, deterministic=True)
    assert first.status is PlanStatus.OPTIMAL
    assert first.team == second.team


def test_minimize_changes_keeps_the_previous_team_when_nothing_is_worse(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 150, seed=5)
    first = solve(problem, deterministic=True)
    # Twins of every member (same ratings and cost) join the pool: a tie either way.
    twins = [
        dataclasses.replace(problem.candidate(m.candidate), name=f"Aaa twin {i}") for i, m in enumerate(first.team)
    ]
    edited = dataclasses.replace(problem, candidates=(*twins, *problem.candidates))
    plan = solve(edited, deterministic=True, previous=first, minimize_changes=True)
    assert plan.objective == first.objective
    assert [(m.candidate, m.role) for m in plan.team] == [(m.candidate, m.role) for m in first.team]
