"""Supply check, hire recommendations, and the exactness of the option reduction."""

from __future__ import annotations

import sys

import pytest

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints, ObjectiveOrder
from planner.model.plan import Coverage, Member, PlanStatus
from planner.model.project import Problem, new_project
from planner.model.requirements import Requirement
from planner.model.samples import generate_pool
from planner.solver import recommend_hires, solve, supply_check
from planner.solver.prepare import prepare
from planner.solver.reduce import Reduction, reduce_options
from tests.solver_oracle import plan_key

DEPLOY_SE = Requirement("deployment", "software_engineering", 4)
INFRA_SE = Requirement("ai_infrastructure", "software_engineering", 4)
INFRA_DQL = Requirement("ai_infrastructure", "data_query_languages", 3)
MODEL_RESEARCH = Requirement("modeling", "research", 5)


def test_supply_check_counts_who_qualifies(catalog: Catalog) -> None:
    people = (
        Candidate("Ana", {"software_engineering": 5}),
        Candidate("Bo", {"software_engineering": 4, "data_query_languages": 3}),
        Candidate("Cy", {"software_engineering": 5}),
        Candidate("Di", {"data_query_languages": 5}),
    )
    problem = Problem(
        catalog,
        ("deployment", "ai_infrastructure", "modeling"),
        (DEPLOY_SE, INFRA_DQL, MODEL_RESEARCH),
        people,
        Constraints(exclude=frozenset({"Cy"}), must_hire={"Di": "data_analyst"}),
    )
    report = supply_check(problem)
    rows = {row.requirement: row for row in report.rows}
    assert rows[DEPLOY_SE].qualified == ("Ana", "Bo")  # Cy is excluded
    assert rows[INFRA_DQL].qualified == ("Bo",)  # Di's fixed role does not do AI infrastructure
    assert rows[INFRA_DQL].count == 1
    assert report.unmeetable == (MODEL_RESEARCH,)
    assert report.single_points == (INFRA_DQL,)


def test_supply_check_respects_redundancy(catalog: Catalog) -> None:
    people = (Candidate("Ana", {"software_engineering": 5}), Candidate("Bo", {"software_engineering": 5}))
    problem = Problem(catalog, ("deployment",), (DEPLOY_SE,), people, Constraints(redundancy=2))
    report = supply_check(problem)
    assert report.unmeetable == () and report.single_points == (DEPLOY_SE,)


def test_hire_recommendations_open_the_fewest_positions(catalog: Catalog) -> None:
    problem = Problem(catalog, ("deployment", "ai_infrastructure"), (DEPLOY_SE, INFRA_SE, INFRA_DQL), (), Constraints())
    [hire] = recommend_hires(problem, ())
    assert hire.role == "software_engineer_ml"  # the only role doing both tasks
    assert set(hire.tasks) == {"deployment", "ai_infrastructure"}
    assert hire.min_ratings == {"software_engineering": 4, "data_query_languages": 3}
    one_task_each = Problem(catalog, problem.tasks, problem.requirements, (), Constraints(max_tasks_per_person=1))
    assert len(recommend_hires(one_task_each, ())) == 2


def test_hire_recommendations_fill_redundancy_shortfalls(catalog: Catalog) -> None:
    ana = Candidate("Ana", {"software_engineering": 5})
    problem = Problem(catalog, ("deployment",), (DEPLOY_SE,), (ana,), Constraints(redundancy=3))
    team = (
        Member(
            "Ana",
            "software_engineer_ml",
            ("deployment",),
            None,
            (Coverage("deployment", "software_engineering", 4, 5),),
        ),
    )
    hires = recommend_hires(problem, team)
    assert len(hires) == 2
    assert all(h.covers == (DEPLOY_SE,) and h.min_ratings == {"software_engineering": 4} for h in hires)
    assert recommend_hires(dataclass_redundancy(problem, 1), team) == ()


def dataclass_redundancy(problem: Problem, redundancy: int) -> Problem:
    import dataclasses

    return dataclasses.replace(problem, constraints=dataclasses.replace(problem.constraints, redundancy=redundancy))


def test_reduction_keeps_must_hires_and_shrinks_a_large_pool(catalog: Catalog) -> None:
    pool = generate_pool(catalog, 2000, seed=4)
    weakest = pool[-1].name
    problem = new_project(
        "ml", candidates=pool, constraints=Constraints(team_size_max=6, must_hire={weakest: None})
    ).problem()
    prep = prepare(problem)
    index = next(i for i, c in enumerate(problem.candidates) if c.name == weakest)
    reduction = reduce_options(prep, set())
    assert {c for c, _ in reduction.kept} >= {index}
    assert len(reduction.kept) < reduction.considered / 4
    structural = reduce_options(prep, set(), use_cost=False, use_fit=False)
    assert len(structural.kept) < len(reduction.kept)


def _keep_everything(prep, protected, **_: object) -> Reduction:  # type: ignore[no-untyped-def]
    kept = tuple((c, s) for c in prep.eligible for s in range(len(prep.shapes)) if prep.allowed[c, s])
    return Reduction(kept, len(kept), len(prep.eligible))


@pytest.mark.parametrize(
    "settings",
    [
        {"team_size_max": 8},
        {"team_size_max": 3},
        {"team_size_max": 4, "objective_order": ObjectiveOrder.COST_FIRST},
        {"budget": 600_000.0, "team_size_min": 5},
        {"redundancy": 2, "max_tasks_per_person": 1},
        {"min_role_fit": 0.6, "team_size_max": 6},
    ],
)
def test_reduction_is_exact_against_the_unreduced_model(
    catalog: Catalog, settings: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = generate_pool(catalog, 80, seed=len(settings) + 7)
    problem = new_project("ml", candidates=pool, constraints=Constraints(**settings)).problem()  # type: ignore[arg-type]
    reduced = solve(problem, time_limit=60)
    monkeypatch.setattr(sys.modules["planner.solver.solve"], "reduce_options", _keep_everything)
    full = solve(problem, time_limit=60)
    assert reduced.status is full.status is PlanStatus.OPTIMAL
    assert plan_key(problem, reduced) == plan_key(problem, full)
