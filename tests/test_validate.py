"""The plan validator accepts solver plans and catches every kind of hand-broken plan."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.plan import Coverage, HireRecommendation, Member, Objective, Plan, PlanStatus
from planner.model.project import Problem
from planner.model.requirements import Requirement
from planner.solver import solve
from planner.solver.validate import validate_plan

DEPLOY_SE = Requirement("deployment", "software_engineering", 4)
INFRA_DQL = Requirement("ai_infrastructure", "data_query_languages", 3)


@pytest.fixture
def problem(catalog: Catalog) -> Problem:
    people = (
        Candidate("Ana", {"software_engineering": 5, "algorithmic_coding": 5}, 100.0),
        Candidate("Bo", {"data_query_languages": 4, "software_engineering": 3}, 80.0),
        Candidate("Cy", {"software_engineering": 4}, 120.0),
    )
    constraints = Constraints(team_size_max=2, budget=250.0, must_hire={"Bo": None}, exclude=frozenset({"Cy"}))
    return Problem(catalog, ("deployment", "ai_infrastructure"), (DEPLOY_SE, INFRA_DQL), people, constraints)


@pytest.fixture
def plan(problem: Problem) -> Plan:
    plan = solve(problem, deterministic=True)
    assert plan.status is PlanStatus.OPTIMAL
    assert {m.candidate for m in plan.team} == {"Ana", "Bo"}
    return plan


def replace_member(plan: Plan, name: str, **changes: object) -> Plan:
    team = tuple(dataclasses.replace(m, **changes) if m.candidate == name else m for m in plan.team)  # type: ignore[arg-type]
    return dataclasses.replace(plan, team=team)


def test_solver_plan_is_valid(problem: Problem, plan: Plan) -> None:
    assert validate_plan(problem, plan) == []


BREAKERS: dict[str, tuple[Callable[[Plan], Plan], str]] = {
    "role does not do the task": (lambda p: replace_member(p, "Ana", role="data_analyst"), "does not do"),
    "unknown role": (lambda p: replace_member(p, "Ana", role="wizard"), "unknown role"),
    "too many tasks": (
        lambda p: replace_member(p, "Ana", tasks=("deployment", "ai_infrastructure", "modeling")),
        "tasks (allowed 1 to 2)",
    ),
    "no task": (lambda p: replace_member(p, "Ana", tasks=()), "has 0 tasks"),
    "task not chosen": (
        lambda p: replace_member(p, "Ana", role="software_engineer_ml", tasks=("modeling",)),
        "not a chosen task",
    ),
    "false cover": (
        lambda p: replace_member(
            p, "Bo", covers=(*p.member("Bo").covers, Coverage("deployment", "software_engineering", 4, 3.0))
        ),  # type: ignore[union-attr]
        "covers",
    ),
    "missing cover": (lambda p: replace_member(p, "Ana", covers=()), "expected"),
    "wrong fit": (lambda p: replace_member(p, "Ana", fit=0.99), "claims fit"),
    "wrong cost": (lambda p: replace_member(p, "Ana", cost=1.0), "claims cost"),
    "stranger": (lambda p: replace_member(p, "Ana", candidate="Zed"), "not a candidate"),
    "excluded member": (lambda p: replace_member(p, "Ana", candidate="Cy", cost=120.0), "excluded"),
    "must-hire missing": (
        lambda p: dataclasses.replace(p, team=tuple(m for m in p.team if m.candidate != "Bo")),
        "must-hire 'Bo'",
    ),
    "team too big": (
        lambda p: dataclasses.replace(
            p, team=(*p.team, Member("Cy", "software_engineer", ("ai_infrastructure",), 120.0))
        ),
        "above team size max",
    ),
    "false uncovered": (lambda p: dataclasses.replace(p, uncovered=(DEPLOY_SE,)), "claimed uncovered"),
    "wrong count": (
        lambda p: dataclasses.replace(p, coverage_counts={DEPLOY_SE.key: 2, INFRA_DQL.key: 1}),
        "coverage counts",
    ),
    "wrong headcount": (
        lambda p: dataclasses.replace(p, objective=dataclasses.replace(p.objective, headcount=1)),
        "headcount",
    ),
    "wrong objective cost": (
        lambda p: dataclasses.replace(p, objective=dataclasses.replace(p.objective, cost=5.0)),
        "objective cost",
    ),
    "wrong objective fit": (
        lambda p: dataclasses.replace(p, objective=dataclasses.replace(p.objective, fit=9.0)),
        "objective fit",
    ),
    "wrong uncovered count": (
        lambda p: dataclasses.replace(p, objective=dataclasses.replace(p.objective, uncovered_must=1)),
        "uncovered",
    ),
    "optimal with a gap": (lambda p: dataclasses.replace(p, gap=0.2), "gap"),
    "bogus hire": (
        lambda p: dataclasses.replace(
            p, hire_recommendations=(HireRecommendation("data_analyst", ("deployment",), {}, ()),)
        ),
        "cannot work on",
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_validator_catches_broken_plans(problem: Problem, plan: Plan, name: str) -> None:
    breaker, phrase = BREAKERS[name]
    problems = validate_plan(problem, breaker(plan))
    assert problems, name
    assert any(phrase in p for p in problems), problems


def test_budget_and_fixed_role_and_minimum_fit_are_checked(problem: Problem, plan: Plan) -> None:
    strict = dataclasses.replace(
        problem,
        constraints=dataclasses.replace(
            problem.constraints, budget=150.0, must_hire={"Bo": "data_analyst"}, min_role_fit=0.95
        ),
    )
    problems = validate_plan(strict, plan)
    assert any("over the budget" in p for p in problems)
    assert any("must be hired as data_analyst" in p for p in problems)
    assert any("below the minimum" in p for p in problems)


def test_unstaffed_task_must_be_reported(problem: Problem, plan: Plan) -> None:
    ana = plan.member("Ana")
    assert ana is not None
    only_infra = replace_member(plan, "Bo", tasks=("ai_infrastructure",))
    only_infra = replace_member(only_infra, "Ana", tasks=("ai_infrastructure",), role="software_engineer", covers=())
    problems = validate_plan(problem, dataclasses.replace(only_infra, message="Fine."))
    assert any("nobody works on task 'deployment'" in p for p in problems)


def test_uncovered_requirements_need_hire_recommendations(problem: Problem) -> None:
    empty = Plan(
        status=PlanStatus.FEASIBLE,
        solve_seconds=0.0,
        objective=Objective(uncovered_must=2),
        settings=problem.constraints,
        roles={},
        requirements=problem.requirements,
        uncovered=problem.requirements,
        coverage_counts={DEPLOY_SE.key: 0, INFRA_DQL.key: 0},
        message="Nobody could be assigned to: Deployment, AI Infrastructure.",
    )
    problems = validate_plan(problem, empty)
    assert any("stays uncovered even with the hire recommendations" in p for p in problems)
    assert any("must-hire 'Bo'" in p for p in problems)


def test_infeasible_plan_needs_a_message_and_no_team(problem: Problem, plan: Plan) -> None:
    broken = dataclasses.replace(plan, status=PlanStatus.INFEASIBLE, message="")
    problems = validate_plan(problem, broken)
    assert any("must not have a team" in p for p in problems)
    assert any("needs a message" in p for p in problems)
