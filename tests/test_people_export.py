"""The workbook's people sheets: staff or hire on the Team sheet, Offers, Growth."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from planner.io.plan_workbook import export_plan_workbook
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.constraints import BudgetScope, Constraints
from planner.model.plan import PlanStatus
from planner.model.project import Project, new_project
from planner.solver import solve

STRONG = {"software_engineering": 5, "algorithmic_coding": 5, "machine_learning": 4, "mathematics": 2}


def _project() -> Project:
    project = new_project("ml", tasks=["deployment"])
    project.candidates = [
        Candidate("Eve Staff", STRONG, 150_000, status=CandidateStatus.EMPLOYEE),
        Candidate("Al Applicant", STRONG, 120_000, email="al@example.com", roles=("machine_learning_engineer",)),
        Candidate("Cy Pool", {"data_science": 4}, 200_000),
    ]
    project.constraints = Constraints(team_size_min=2, budget=130_000, budget_scope=BudgetScope.NEW)
    return project


def _rows(ws: object) -> list[list[object]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_team_offers_and_growth_sheets(tmp_path: Path) -> None:
    project = _project()
    plan = solve(project.problem(), deterministic=True)
    assert plan.status is PlanStatus.OPTIMAL
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path)
    book = load_workbook(path)
    assert book.sheetnames.index("Offers") == book.sheetnames.index("Team") + 1
    assert book.sheetnames.index("Growth") == book.sheetnames.index("Candidates") + 1

    team = _rows(book["Team"])
    staff = team[0].index("Staff or hire")
    assert {row[0]: row[staff] for row in team[1:3]} == {"Al Applicant": "Hire", "Eve Staff": "Current staff"}

    offers = _rows(book["Offers"])
    assert offers[0][0] == "Offers: applicants on the team to make an offer to"
    assert offers[1][0] == "1 offer; 1 member is current staff and needs no offer."
    assert offers[3][:4] == ["Applicant", "Role", "Tasks", "Annual cost"]
    assert offers[4][0] == "Al Applicant"
    assert offers[4][1] == "Machine Learning Engineer"
    assert offers[4][2] == "Deployment"
    assert offers[4][3] == 120_000
    assert offers[4][5:] == ["al@example.com", "Machine Learning Engineer"]
    assert offers[5][0] == "Total" and offers[5][3] == 120_000
    assert len(offers) == 6  # nobody else: Eve is staff, Cy is not on the team

    growth = _rows(book["Growth"])
    assert growth[0] == [
        "Person",
        "Staff or applicant",
        "Role in the plan",
        "To grow into that role",
        "Best-fitting role",
        "Fit",
        "To grow into the best-fitting role",
    ]
    assert [row[0] for row in growth[1:]] == ["Al Applicant", "Eve Staff", "Cy Pool"]  # the team first
    al = growth[1]
    assert al[1] == "Applicant" and al[2] == "Machine Learning Engineer"
    assert al[3] == "Machine Learning 4 → 5, Data Science 0 → 3, Mathematics 2 → 5"  # deployment needs ML: first
    assert growth[3][2] is None  # Cy is not on the team
    assert growth[3][4] and growth[3][6]

    summary = {row[0]: row[1] for row in _rows(book["Summary"]) if row and row[0]}
    assert "budget $130,000 (new spend only)" in str(summary["Constraints"])
