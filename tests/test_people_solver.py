"""Staff and applicants in the solver: roles a person is open to (a hard rule), and budget scope."""

from __future__ import annotations

import dataclasses

from planner.model.budget import budget_cost
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog
from planner.model.constraints import BudgetScope, Constraints, TrainingPolicy
from planner.model.plan import PlanStatus, plan_from_dict, plan_to_dict
from planner.model.project import Problem
from planner.model.requirements import Requirement
from planner.solver import solve, supply_check
from planner.solver.conflicts import conflict_message
from planner.solver.greedy import greedy_selection
from planner.solver.prepare import prepare
from planner.solver.validate import validate_plan

EMPLOYEE = CandidateStatus.EMPLOYEE
DEPLOY_SE = Requirement("deployment", "software_engineering", 4)
MODEL_ML = Requirement("modeling", "machine_learning", 4)


def _problem(catalog: Catalog, people: tuple[Candidate, ...], **constraints: object) -> Problem:
    return Problem(
        catalog,
        ("modeling", "deployment"),
        (MODEL_ML, DEPLOY_SE),
        people,
        Constraints(**{"max_open_positions": 0, "training": TrainingPolicy(enabled=False), **constraints}),  # type: ignore[arg-type]
    )


def test_a_candidate_open_to_some_roles_only_gets_one_of_them(catalog: Catalog) -> None:
    # Ana would be a Machine Learning Engineer (modeling and deployment), but applied for Data Scientist only.
    ana = Candidate("Ana", {"machine_learning": 5, "software_engineering": 5}, 100.0, roles=("data_scientist",))
    problem = _problem(catalog, (ana,), max_tasks_per_person=2)
    plan = solve(problem, deterministic=True)
    assert plan.status is PlanStatus.OPTIMAL
    assert [(m.candidate, m.role) for m in plan.team] == [("Ana", "data_scientist")]
    assert DEPLOY_SE in plan.uncovered  # a data scientist does not deploy
    assert validate_plan(problem, plan) == []
    open_to_all = solve(_problem(catalog, (dataclasses.replace(ana, roles=()),)), deterministic=True)
    assert open_to_all.uncovered == ()


def test_the_greedy_start_keeps_to_the_roles(catalog: Catalog) -> None:
    people = tuple(
        Candidate(f"P{i}", {"machine_learning": 5, "software_engineering": 5}, 100.0, roles=("data_scientist",))
        for i in range(3)
    )
    prep = prepare(_problem(catalog, people))
    selection = greedy_selection(prep)
    assert selection.members
    assert {option.shape.role for option, _ in selection.members} == {"data_scientist"}


def test_supply_check_counts_people_only_where_their_roles_do_the_task(catalog: Catalog) -> None:
    strong = {"machine_learning": 5, "software_engineering": 5}
    people = (
        Candidate("Ana", strong, roles=("data_scientist",)),  # a data scientist does not deploy
        Candidate("Bo", strong),
        Candidate("Cy", strong, roles=("software_engineer_ml",)),  # deploys, models as a secondary task
        Candidate("Di", strong, roles=("data_analyst",)),  # neither deploys nor models
    )
    report = supply_check(_problem(catalog, people))
    rows = {row.requirement: row.qualified for row in report.rows}
    assert rows[DEPLOY_SE] == ("Bo", "Cy")
    assert rows[MODEL_ML] == ("Ana", "Bo", "Cy")


def test_a_must_hire_in_a_role_outside_their_list_is_a_conflict_in_words(catalog: Catalog) -> None:
    ana = Candidate("Ana", {"machine_learning": 5}, roles=("data_scientist", "data_analyst"))
    problem = _problem(catalog, (ana,), must_hire={"Ana": "machine_learning_engineer"})
    plan = solve(problem, deterministic=True)
    assert plan.status is PlanStatus.INFEASIBLE
    assert plan.message == (
        "Must-hire Ana as Machine Learning Engineer conflicts with the roles Ana is open to "
        "(Data Scientist and Data Analyst)."
    )


def test_a_must_hire_whose_roles_do_none_of_the_tasks_is_a_conflict(catalog: Catalog) -> None:
    ana = Candidate("Ana", {"machine_learning": 5}, roles=("data_analyst",))
    problem = Problem(catalog, ("deployment",), (DEPLOY_SE,), (ana,), Constraints(must_hire={"Ana": None}))
    assert conflict_message(prepare(problem)) == (
        "Must-hire Ana conflicts with the chosen tasks: the roles Ana is open to (Data Analyst) do none of them."
    )


def test_the_validator_catches_a_role_outside_the_list_and_a_wrong_staff_mark(catalog: Catalog) -> None:
    ana = Candidate("Ana", {"machine_learning": 5, "software_engineering": 5}, 100.0, roles=("data_scientist",))
    problem = _problem(catalog, (ana,))
    plan = solve(problem, deterministic=True)
    member = plan.team[0]
    moved = dataclasses.replace(plan, team=(dataclasses.replace(member, role="machine_learning_engineer"),))
    assert any("not one of the roles they are open to (data_scientist)" in v for v in validate_plan(problem, moved))
    marked = dataclasses.replace(plan, team=(dataclasses.replace(member, employee=True),))
    assert "member 'Ana' is marked staff, but the candidate is applicant" in validate_plan(problem, marked)


def _staff_and_applicant(catalog: Catalog, scope: BudgetScope) -> Problem:
    people = (
        Candidate("Eve (staff)", {"machine_learning": 5, "software_engineering": 5}, 150.0, status=EMPLOYEE),
        Candidate("Al (applicant)", {"machine_learning": 5, "software_engineering": 5}, 120.0),
    )
    return _problem(catalog, people, budget=100.0, budget_scope=scope, team_size_min=1)


def test_a_new_spend_budget_does_not_count_current_staff(catalog: Catalog) -> None:
    whole = solve(_staff_and_applicant(catalog, BudgetScope.ALL), deterministic=True)
    assert whole.status is PlanStatus.INFEASIBLE
    assert "over" in whole.message or "budget" in whole.message

    problem = _staff_and_applicant(catalog, BudgetScope.NEW)
    plan = solve(problem, deterministic=True)
    assert plan.status is PlanStatus.OPTIMAL
    assert [(m.candidate, m.employee) for m in plan.team] == [("Eve (staff)", True)]
    assert plan.total_cost == 150.0  # what the team costs the company
    assert plan.budget_spend == 0.0  # what it adds to a new-spend budget
    assert plan.objective.cost == 0.0
    assert validate_plan(problem, plan) == []


def test_budget_cost_counts_employees_only_for_the_whole_team(catalog: Catalog) -> None:
    staff = Candidate("E", cost=90.0, status=EMPLOYEE)
    applicant = Candidate("A", cost=70.0)
    assert budget_cost(staff, Constraints()) == 90.0
    assert budget_cost(staff, Constraints(budget_scope=BudgetScope.NEW)) == 0.0
    assert budget_cost(applicant, Constraints(budget_scope=BudgetScope.NEW)) == 70.0


def test_the_result_json_marks_staff_and_keeps_the_budget_scope(catalog: Catalog) -> None:
    plan = solve(_staff_and_applicant(catalog, BudgetScope.NEW), deterministic=True)
    data = plan_to_dict(plan)
    assert data["team"][0]["employee"] is True
    assert data["settings"]["budget_scope"] == "new"
    again = plan_from_dict(data)
    assert again.team[0].employee is True
    assert again.settings.budget_scope is BudgetScope.NEW
    assert again.budget_spend == 0.0


def test_a_scenario_with_a_new_spend_budget_says_so(catalog: Catalog) -> None:
    from planner.analyses.scenarios import describe_changes, snapshot
    from planner.model.project import new_project

    project = new_project("ml", catalog=catalog)
    scenario = snapshot(project, "New spend")
    scenario.constraints = dataclasses.replace(project.constraints, budget_scope=BudgetScope.NEW)
    assert describe_changes(project, scenario) == ("budget covers new spend only",)


def test_robustness_replacements_keep_to_the_roles_people_are_open_to(catalog: Catalog) -> None:
    from planner.analyses.robustness import robustness

    strong = {"machine_learning": 5, "software_engineering": 5}
    people = (
        Candidate("Ana", strong, 100.0, status=EMPLOYEE),
        Candidate("Bo", strong, 90.0, roles=("data_analyst",)),  # cheapest, but a data analyst does neither task
        Candidate("Cy", strong, 95.0, status=EMPLOYEE),
    )
    problem = _problem(catalog, people, team_size_max=1, must_hire={"Ana": None}, budget=100.0)
    plan = solve(problem, deterministic=True)
    leaving = robustness(problem, plan).departures[0]
    assert leaving.member == "Ana"
    assert [r.candidate for r in leaving.replacements] == ["Cy"]
    # No new spend allowed: only staff can step in, and only when the budget covers new spend only.
    broke = dataclasses.replace(problem.constraints, budget=0.0, budget_scope=BudgetScope.NEW)
    problem = dataclasses.replace(problem, constraints=broke)
    plan = solve(problem, deterministic=True)
    assert [r.candidate for r in robustness(problem, plan).departures[0].replacements] == ["Cy"]


def test_the_budget_trade_off_under_a_new_spend_budget_steps_through_new_spend(catalog: Catalog) -> None:
    from planner.analyses.tradeoff import TradeoffAxis, tradeoff_curve

    people = (
        Candidate("Eve", {"machine_learning": 5}, 300.0, status=EMPLOYEE),  # models; costs nothing new
        Candidate("Al", {"software_engineering": 5}, 100.0),  # deploys
        Candidate("Bo", {"machine_learning": 5, "software_engineering": 5}, 150.0),  # both
    )
    problem = _problem(catalog, people, budget_scope=BudgetScope.NEW)
    points = tradeoff_curve(problem, TradeoffAxis.BUDGET, time_limit_per_point=5)
    assert [p.limit for p in points] == [p.plan.budget_spend for p in points]
    assert [p.limit for p in points] == [100.0, 0.0]  # Eve + Al, then Eve alone
    assert [p.uncovered for p in points] == [0, 1]
    assert points[0].plan.total_cost == 400.0


def test_team_min_conflict_names_people_whose_roles_do_none_of_the_tasks(catalog: Catalog) -> None:
    people = (
        Candidate("Ana", {"machine_learning": 5}),
        Candidate("Bo", {"data_science": 5}, roles=("data_analyst",)),  # a data analyst neither models nor deploys
    )
    plan = solve(_problem(catalog, people, team_size_min=2), deterministic=True)
    assert plan.status is PlanStatus.INFEASIBLE
    assert plan.message == (
        "Team size min 2 conflicts with only 1 available candidates "
        "(1 open only to roles that do none of the chosen tasks)."
    )
