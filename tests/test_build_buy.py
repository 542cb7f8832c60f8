"""Build or buy: open positions and training are options of the plan, within the manager's limits."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from planner.cli import main as cli_main
from planner.errors import CatalogError, ValidationError
from planner.io.project_file import load_project, project_from_dict, project_to_dict
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, RoleMarket, catalog_from_dict, catalog_to_dict, default_catalog
from planner.model.constraints import Constraints, ObjectiveOrder, TrainingPolicy
from planner.model.hiring import ceiling, market_catalog, position_kinds, unhireable_reason
from planner.model.money import Currency, currency_for_code, excel_money_format, format_money
from planner.model.plan import plan_from_dict, plan_to_dict
from planner.model.project import Problem, new_project
from planner.model.requirements import Requirement
from planner.solver import solve
from planner.solver.validate import validate_plan
from tests.solver_oracle import oracle, plan_key

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEPLOY_SE = Requirement("deployment", "software_engineering", 4)
DEPLOY_ACC = Requirement("deployment", "accelerator_languages", 3)
DEPLOY_RESEARCH = Requirement("deployment", "research", 5)
POOL_ONLY = {"max_open_positions": 0, "training": TrainingPolicy(enabled=False)}


def _problem(
    catalog: Catalog, requirements: tuple[Requirement, ...], people: list[Candidate], **settings: object
) -> Problem:
    return Problem(catalog, ("deployment",), requirements, tuple(people), Constraints(**settings))  # type: ignore[arg-type]


def _run(*args: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = cli_main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# --- catalog data, ceilings, money -------------------------------------------------------------


def test_the_catalog_cites_bls_medians_and_round_trips() -> None:
    catalog = default_catalog()
    hiring = catalog.hiring
    assert "Bureau of Labor Statistics" in hiring.source and hiring.year == 2023
    assert "assumption" in hiring.notes
    scientist = catalog.role("data_scientist").market
    assert scientist is not None and scientist.annual_cost == 108_020 and "15-2051" in scientist.occupation
    assert all(role.market is not None for role in catalog.roles)
    assert catalog_from_dict(catalog_to_dict(catalog)) == catalog


def test_bad_market_data_names_the_place() -> None:
    data = catalog_to_dict(default_catalog())
    data["roles"][0]["market"]["weeks_to_fill"] = "soon"
    with pytest.raises(CatalogError, match=r"roles\[0\]\.market\.weeks_to_fill"):
        catalog_from_dict(data)
    data = catalog_to_dict(default_catalog())
    data["hiring"]["variants"][0]["base"] = "astronaut"
    with pytest.raises(CatalogError, match="unknown role 'astronaut'"):
        catalog_from_dict(data)


def test_ceilings_come_from_profiles_variants_open_skills_and_seniority() -> None:
    catalog = default_catalog()
    mle = catalog.role("machine_learning_engineer")
    base = ceiling(catalog, mle)
    assert base["deep_learning"] == 0 and base["software_engineering"] == 3
    assert base["accelerator_languages"] == 5  # an open skill: hireable at any level
    variant = next(v for v in catalog.hiring.variants if v.name == "Deep Learning Engineer")
    assert ceiling(catalog, mle, variant)["deep_learning"] == 5
    senior = ceiling(catalog, mle, senior=True)
    assert senior["software_engineering"] == 4 and senior["machine_learning"] == 5  # +1, capped at the top
    assert senior["business_acumen"] == 0  # the profile does not have it: no uplift
    kinds = position_kinds(catalog)
    assert {k.variant_name for k in kinds} >= {"Deep Learning Researcher", "Software Engineer – Deep Learning"}
    assert unhireable_reason(catalog, DEPLOY_RESEARCH) == (
        "no Playbook role is typically hired with Research ≥ 5 for Deployment"
    )
    assert unhireable_reason(catalog, DEPLOY_SE) == ""


def test_money_is_formatted_in_the_project_currency() -> None:
    assert format_money(132_270.4) == "$132,270"
    assert format_money(90_000, currency_for_code("eur")) == "€90,000"
    assert format_money(-5_000, currency_for_code("CHF")) == "-CHF 5,000"
    assert excel_money_format(Currency("EUR", "€")) == '"€"#,##0'
    with pytest.raises(ValidationError, match="three-letter ISO 4217"):
        currency_for_code("euros")


# --- the solver ---------------------------------------------------------------------------------


def test_a_position_covers_what_the_pool_cannot_and_counts_in_size_and_budget() -> None:
    catalog = default_catalog()
    ana = Candidate("Ana", {"software_engineering": 5}, 100_000.0)
    problem = _problem(catalog, (DEPLOY_SE, DEPLOY_ACC), [ana], training=TrainingPolicy(enabled=False))
    plan = solve(problem, deterministic=True)
    assert validate_plan(problem, plan) == []
    assert plan.uncovered == ()
    [position] = plan.open_positions
    assert position.min_ratings["accelerator_languages"] == 3
    assert plan.headcount == plan.objective.headcount == len(plan.team) + 1
    assert plan.total_cost == pytest.approx(plan.objective.cost)
    assert plan_key(problem, plan) == oracle(problem)
    squeezed = dataclasses.replace(problem, constraints=dataclasses.replace(problem.constraints, team_size_max=1))
    small = solve(squeezed, deterministic=True)
    assert small.headcount == 1 and validate_plan(squeezed, small) == []


def test_no_market_role_reaches_a_requirement_and_the_plan_says_why() -> None:
    problem = _problem(default_catalog(), (DEPLOY_RESEARCH,), [])
    plan = solve(problem, deterministic=True)
    assert DEPLOY_RESEARCH in plan.uncovered
    assert "no Playbook role is typically hired with Research ≥ 5 for Deployment" in plan.message


def test_training_raises_a_member_with_a_foundation_only() -> None:
    catalog = default_catalog()
    ana = Candidate("Ana", {"software_engineering": 3}, 100_000.0)
    bo = Candidate("Bo", {"software_engineering": 0.0, "machine_learning": 5}, 50_000.0)
    problem = _problem(catalog, (DEPLOY_SE,), [ana, bo], max_open_positions=0)
    plan = solve(problem, deterministic=True)
    assert validate_plan(problem, plan) == []
    [member] = plan.team
    assert member.candidate == "Ana"
    [action] = member.training
    assert (action.skill, action.from_level, action.to_level) == ("software_engineering", 3, 4)
    assert action.cost == 5_000 and action.weeks == 8
    assert plan.training_cost == 5_000 and plan.objective.cost == 105_000
    off = dataclasses.replace(
        problem, constraints=dataclasses.replace(problem.constraints, training=TrainingPolicy(enabled=False))
    )
    assert solve(off, deterministic=True).uncovered == (DEPLOY_SE,)


def test_needed_within_removes_slow_options_and_names_them() -> None:
    catalog = default_catalog()
    ana = Candidate("Ana", {"software_engineering": 3}, 100_000.0)
    problem = _problem(catalog, (DEPLOY_SE,), [ana], needed_within_weeks=6)
    plan = solve(problem, deterministic=True)
    assert plan.open_positions == () and all(not m.training for m in plan.team)
    assert "Needed within 6 weeks removed these positions" in plan.message
    assert "Machine Learning Engineer (12 weeks to fill)" in plan.message


def test_the_validator_catches_broken_positions_and_training() -> None:
    catalog = default_catalog()
    ana = Candidate("Ana", {"software_engineering": 3}, 100_000.0)
    problem = _problem(catalog, (DEPLOY_SE, DEPLOY_ACC), [ana])
    plan = solve(problem, deterministic=True)
    assert validate_plan(problem, plan) == []
    [position] = plan.open_positions
    cheap = dataclasses.replace(position, annual_cost=1.0)
    assert any(
        "market data says otherwise" in v
        for v in validate_plan(problem, dataclasses.replace(plan, open_positions=(cheap,)))
    )
    trained = [m for m in plan.team if m.training]
    if trained:
        member = trained[0]
        wrong = dataclasses.replace(member.training[0], from_level=0.0, to_level=5)
        broken = dataclasses.replace(plan, team=(dataclasses.replace(member, training=(wrong,)),))
        assert validate_plan(problem, broken)
    limited = dataclasses.replace(problem, constraints=dataclasses.replace(problem.constraints, max_open_positions=0))
    assert any("more than the limit of 0" in v for v in validate_plan(limited, plan))


@pytest.mark.parametrize("order", list(ObjectiveOrder))
def test_positions_and_training_match_the_oracle_in_both_orders(order: ObjectiveOrder) -> None:
    catalog = default_catalog()
    people = [
        Candidate("Ana", {"software_engineering": 3, "accelerator_languages": 2}, 90_000.0),
        Candidate("Bo", {"software_engineering": 4}, 170_000.0),
    ]
    problem = _problem(catalog, (DEPLOY_SE, DEPLOY_ACC), people, objective_order=order, max_open_positions=1)
    plan = solve(problem, deterministic=True)
    assert validate_plan(problem, plan) == []
    assert plan_key(problem, plan) == oracle(problem)


# --- the example and the issue's repro ------------------------------------------------------------


def test_the_ml_startup_plan_uses_a_position_or_training() -> None:
    project = load_project(EXAMPLES / "ml-startup.teamplan")
    plan = solve(project.problem(), deterministic=True)
    assert plan.open_positions or any(m.training for m in plan.team)


def test_the_issue_repro_stays_within_both_limits_and_says_by_how_much_more_would_go() -> None:
    code, out, _ = _run(
        "solve", str(EXAMPLES / "ml-startup.teamplan"), "--team-max", "4", "--budget", "560000", "-q", "--deterministic"
    )
    assert code == 0
    head = out.splitlines()[1]
    assert int(head.split()[2].rstrip(",")) <= 4, head  # "Team of N, …": members plus positions
    project = load_project(EXAMPLES / "ml-startup.teamplan")
    project.constraints = dataclasses.replace(project.constraints, team_size_max=4, budget=560_000.0)
    plan = solve(project.problem(), deterministic=True)
    assert plan.headcount <= 4 and plan.total_cost <= 560_000
    if plan.hire_recommendations:
        assert "over the team-size max of 4" in plan.message


def test_pool_only_the_advice_says_it_goes_over_the_limits() -> None:
    code, out, _ = _run(
        "solve", str(EXAMPLES / "ml-startup.teamplan"), "--team-max", "4", "--budget", "560000",
        "--max-open-positions", "0", "--no-training", "-q", "--deterministic",
    )  # fmt: skip
    assert code == 0
    assert "Open positions:" not in out and "train " not in out
    assert "would go 1 over the team-size max of 4" in out


def test_the_command_line_lists_positions_training_and_the_cost_split_in_the_currency(tmp_path: Path) -> None:
    result = tmp_path / "r.json"
    code, out, _ = _run(
        "solve", str(EXAMPLES / "ml-startup.teamplan"), "--currency", "EUR", "-q", "--deterministic",
        "--json", str(result),
    )  # fmt: skip
    assert code == 0
    assert "Cost: people €" in out and "open positions €" in out
    assert "Open positions:" in out and "also advertised as:" in out and "weeks to fill" in out
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["open_positions"] and {"role", "variant", "tasks", "min_ratings", "annual_cost"} <= set(
        data["open_positions"][0]
    )
    assert data["cost_split"]["total"] == data["objective"]["cost"]
    plan = plan_from_dict(data)
    assert plan_to_dict(plan)["open_positions"] == data["open_positions"]


def test_the_json_keeps_training() -> None:
    ana = Candidate("Ana", {"software_engineering": 3}, 100_000.0)
    problem = _problem(default_catalog(), (DEPLOY_SE,), [ana], max_open_positions=0)
    plan = solve(problem, deterministic=True)
    data = plan_to_dict(plan)
    assert data["training"] == [
        {"candidate": "Ana", "skill": "software_engineering", "from_level": 3, "to_level": 4, "cost": 5000, "weeks": 8}
    ]
    assert [m.training for m in plan_from_dict(data).team] == [m.training for m in plan.team]


# --- the project's currency and market overrides -----------------------------------------------------


def test_the_project_keeps_its_currency_and_market_overrides() -> None:
    project = new_project("ml", candidates=[Candidate("Ana", {"software_engineering": 5}, 90_000.0)])
    project.currency = Currency("EUR", "€")
    project.market_overrides = {"software_engineer": RoleMarket(95_000.0, 10_000.0, 6, "our own survey")}
    again = project_from_dict(json.loads(json.dumps(project_to_dict(project))))
    assert again.currency == project.currency and again.market_overrides == project.market_overrides
    market = again.problem().catalog.role("software_engineer").market
    assert market is not None and market.annual_cost == 95_000


def test_a_catalog_saved_without_market_data_gets_the_bundled_figures() -> None:
    data = catalog_to_dict(default_catalog())
    for role in data["roles"]:
        del role["market"]
    del data["hiring"]
    old = catalog_from_dict(data)
    assert not position_kinds(old)
    filled = market_catalog(old)
    assert len(position_kinds(filled)) == len(position_kinds(default_catalog()))


def test_pool_only_settings_give_no_positions_and_no_training() -> None:
    project = load_project(EXAMPLES / "ml-startup.teamplan")
    project.constraints = dataclasses.replace(project.constraints, **POOL_ONLY)  # type: ignore[arg-type]
    plan = solve(project.problem(), deterministic=True)
    assert plan.open_positions == () and all(not m.training for m in plan.team)
    assert plan.objective.cost == plan.people_cost


# --- the workbook --------------------------------------------------------------------------------


def test_the_workbook_has_a_hiring_plan_a_development_plan_and_the_cost_split(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from planner.io.plan_workbook import export_plan_workbook

    project = load_project(EXAMPLES / "ml-startup.teamplan")
    project.currency = Currency("EUR", "€")
    plan = solve(project.problem(), deterministic=True)
    assert plan.open_positions
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path)
    book = load_workbook(path)
    hiring = book["Hiring plan"]
    header = [c.value for c in hiring[4]]
    assert header[:3] == ["Requisition", "Job title", "Playbook role"]
    first = [c.value for c in hiring[5]]
    assert first[0] == 1 and first[5] == plan.open_positions[0].annual_cost
    assert hiring.cell(row=5, column=6).number_format == '"€"#,##0'
    assert book["Development plan"]["A2"].value == (
        "Training a level costs €5,000 and takes 8 weeks (assumptions to adjust); "
        "at most 1 level per skill, 2 levels per person."
    )
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=3, max_row=30) if row[0].value}
    assert summary["…open positions (annual + recruiting)"] == plan.positions_cost
    assert summary["Headcount"] == plan.headcount
