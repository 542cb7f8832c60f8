"""The plan status in words (pure functions, no Qt)."""

from __future__ import annotations

import pytest

from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.plan import HireRecommendation, Objective, Plan, PlanStatus
from planner.model.requirements import Requirement
from planner.wording import (
    constraint_texts,
    count_text,
    format_gap,
    format_seconds,
    hire_text,
    number_text,
    plan_status_text,
    requirement_text,
)

GAP_REQ = Requirement("modeling", "deep_learning", 4)


def make_plan(
    status: PlanStatus, *, seconds: float = 30.0, gap: float | None = None, uncovered: int = 0, message: str = ""
) -> Plan:
    return Plan(
        status=status,
        solve_seconds=seconds,
        objective=Objective(uncovered_must=uncovered),
        settings=Constraints(),
        roles={},
        requirements=(GAP_REQ,),
        uncovered=(GAP_REQ,) * uncovered,
        gap=gap,
        message=message,
    )


@pytest.mark.parametrize(
    ("plan", "text"),
    [
        (make_plan(PlanStatus.OPTIMAL, gap=0.0), "Proven optimal"),
        (make_plan(PlanStatus.FEASIBLE, seconds=30.2, gap=0.04), "Best found in 30 s, within 4% of optimal"),
        (make_plan(PlanStatus.FEASIBLE, seconds=2.54, gap=None), "Best found in 2.5 s"),
        (make_plan(PlanStatus.FEASIBLE, seconds=12, gap=0.001), "Best found in 12 s, within <1% of optimal"),
        (make_plan(PlanStatus.CANCELLED, gap=0.2), "Stopped: best plan so far"),
        (
            make_plan(PlanStatus.INFEASIBLE, message="the budget is below the cheapest team"),
            "Infeasible: the budget is below the cheapest team",
        ),
        (make_plan(PlanStatus.INFEASIBLE), "Infeasible: the constraints contradict each other"),
        (
            make_plan(PlanStatus.OPTIMAL, gap=0.0, uncovered=2),
            "Proven optimal; 2 requirements cannot be covered by these candidates",
        ),
        (
            make_plan(PlanStatus.FEASIBLE, seconds=30, gap=0.04, uncovered=1),
            "Best found in 30 s, within 4% of optimal; 1 requirement cannot be covered by these candidates",
        ),
    ],
)
def test_plan_status_text(plan: Plan, text: str) -> None:
    assert plan_status_text(plan) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (0.04, "0 s"), (0.4, "0.4 s"), (9.96, "10 s"), (59.6, "60 s"), (125, "2 min 5 s"), (180, "3 min")],
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


def test_format_gap() -> None:
    assert format_gap(0.04) == "4%"
    assert format_gap(0.001) == "<1%"
    assert format_gap(0.256) == "26%"


def test_requirement_and_hire_text_use_catalog_names(catalog: Catalog) -> None:
    assert requirement_text(catalog, GAP_REQ) == "Modeling · Deep Learning ≥ 4 (Developing)"
    nice = Requirement("deployment", "software_engineering", 5, must_have=False)
    assert requirement_text(catalog, nice) == "Deployment · Software Engineering ≥ 5 (Accomplished), nice to have"
    hire = HireRecommendation(
        role="machine_learning_engineer",
        tasks=("modeling", "deployment"),
        min_ratings={"software_engineering": 3, "deep_learning": 4},
        covers=(GAP_REQ,),
    )
    # Skills in catalog order, whatever order the recommendation lists them in.
    assert hire_text(catalog, hire) == (
        "Hire a Machine Learning Engineer for Modeling + Deployment: Deep Learning ≥ 4, Software Engineering ≥ 3"
    )


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "person", "1 person"),
        (2, "person", "2 people"),
        (0, "error", "0 errors"),
        (1, "warning", "1 warning"),
        (2000, "candidate", "2,000 candidates"),
        (3, "gap", "3 gaps"),
        (2, "skill category", "2 skill categories"),
        (2, "match", "2 matches"),
    ],
)
def test_count_text_uses_real_plurals_and_thousands_separators(count: int, noun: str, expected: str) -> None:
    assert count_text(count, noun) == expected


def test_number_text_groups_thousands() -> None:
    assert number_text(1359) == "1,359"
    assert number_text(813000.0) == "813,000"
    assert number_text(2.5) == "2.5"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (None, 6, "team size up to 6"),
        (0, 6, "team size up to 6"),
        (2, None, "team size at least 2"),
        (2, 6, "team size 2–6"),
        (4, 4, "team size exactly 4"),
    ],
)
def test_constraint_texts_phrase_team_size_as_a_manager_would(low: int | None, high: int | None, expected: str) -> None:
    texts = constraint_texts(Constraints(team_size_min=low, team_size_max=high, max_tasks_per_person=1))
    assert texts[0] == expected
    assert "at most 1 task per person" in texts
    assert "each requirement covered by at least 1 person" in texts


def test_constraint_texts_without_team_size_limits_start_with_the_task_cap() -> None:
    texts = constraint_texts(Constraints(budget=1_250_000, redundancy=2), lambda v: f"${number_text(v)}")
    assert texts[:3] == [
        "budget $1,250,000",
        "at most 2 tasks per person",
        "each requirement covered by at least 2 people",
    ]


def test_a_scenario_phrases_its_team_size_like_the_workbook_does() -> None:
    import dataclasses

    from planner.analyses.scenarios import describe_changes, snapshot
    from planner.model.project import new_project

    project = new_project("ml", name="P")
    smaller = snapshot(project, "Smaller")
    smaller.constraints = dataclasses.replace(project.constraints, team_size_max=4)
    assert describe_changes(project, smaller) == ("team size up to 4 (was any team size)",)
    project.constraints = dataclasses.replace(project.constraints, team_size_min=2, team_size_max=6)
    assert describe_changes(project, smaller) == ("team size up to 4 (was 2–6)",)


def test_catalog_text_is_shown_without_internal_source_keys() -> None:
    from planner.wording import without_source_keys

    assert without_source_keys("mostly prototyping code (S-workera-page)") == "mostly prototyping code"
    assert without_source_keys("code (S-workera-page, Deep Learning variant)") == "code (Deep Learning variant)"
    assert without_source_keys("S-radar; S-seed (table name)") == "(table name)"
    assert without_source_keys("plain text, no keys") == "plain text, no keys"


def test_a_scenario_says_money_in_the_project_currency_and_names_the_build_or_buy_settings() -> None:
    import dataclasses

    from planner.analyses.scenarios import describe_changes, snapshot
    from planner.model.constraints import TrainingPolicy
    from planner.model.money import currency_for_code
    from planner.model.project import new_project

    project = new_project("ml", name="P")
    project.currency = currency_for_code("EUR")
    lean = snapshot(project, "Lean")
    lean.constraints = dataclasses.replace(
        project.constraints,
        budget=900_000.0,
        max_open_positions=0,
        training=TrainingPolicy(enabled=False),
        needed_within_weeks=10,
    )
    assert describe_changes(project, lean) == (
        "budget €900,000 (was none)",
        "staff from the pool only (was open positions up to the team-size limit)",
        "no training",
        "needed within 10 weeks (was no deadline)",
    )
    lean.constraints = dataclasses.replace(project.constraints, max_open_positions=1)
    assert describe_changes(project, lean) == (
        "at most 1 open position (was open positions up to the team-size limit)",
    )
