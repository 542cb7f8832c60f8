"""The workbook's Comparison and Trade-off sheets, read back as a manager would."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from planner.analyses.scenarios import snapshot
from planner.analyses.tradeoff import TradeoffAxis, tradeoff_curve
from planner.io.plan_workbook import export_plan_workbook
from planner.model.candidates import Candidate
from planner.model.constraints import Constraints
from planner.model.project import new_project
from planner.solver import solve

PEOPLE = [
    Candidate("Ana", {"software_engineering": 5, "machine_learning": 4}, 100_000),
    Candidate("Bo", {"software_engineering": 4}, 50_000),
    Candidate("Cy", {"machine_learning": 3}, 60_000),  # Bo + Cy (110k) cost more than Ana (100k)
]


def test_comparison_and_tradeoff_sheets(tmp_path: Path) -> None:
    project = new_project("ml", tasks=["deployment"], candidates=PEOPLE, name="Deploy")
    project.plan = solve(project.problem(), time_limit=10, deterministic=True)
    lean = snapshot(project, "Budget 60k")
    lean.constraints = Constraints(budget=60_000)
    from planner.analyses.scenarios import apply_scenario

    lean.plan = solve(apply_scenario(project, lean).problem(), time_limit=10, deterministic=True)
    project.scenarios = [lean]
    points = tradeoff_curve(project.problem(), TradeoffAxis.BUDGET, time_limit_per_point=10)
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, project.plan, path, tradeoff=points)

    book = load_workbook(path)
    assert book.sheetnames[:3] == ["Summary", "Comparison", "Trade-off"]
    cmp = book["Comparison"]
    rows = {cmp.cell(r, 1).value: [cmp.cell(r, c).value for c in (2, 3)] for r in range(1, cmp.max_row + 1)}
    assert rows["Headcount"] == [1, 1]  # Ana alone; with 60k: Bo
    assert rows["Total cost"] == [100_000, 50_000]
    assert rows["Cost vs current"] == [0, -50_000]
    assert rows["Uncovered requirements"] == [0, 1]  # Bo lacks machine learning 3
    assert rows["Team"] == ["Ana", "Bo"]
    assert rows["What changes"][1] == "budget $60,000 (was none)"
    assert cmp.cell(
        next(r for r in range(1, cmp.max_row + 1) if cmp.cell(r, 1).value == "Total cost"), 3
    ).fill.fgColor.rgb.endswith("DDEBF7")

    curve = book["Trade-off"]
    header = next(r for r in range(1, 10) if curve.cell(r, 1).value == "Budget")
    table = [[curve.cell(r, c).value for c in range(1, 7)] for r in range(header + 1, curve.max_row + 1)]
    # Exact frontier: 0 cost covers nothing; Bo (50k) covers SE; Ana (100k) covers both.
    assert [row[:3] for row in table] == [[0, 0, 2], [50_000, 1, 1], [100_000, 2, 0]]
    assert all(row[5] == "proven" for row in table)
    assert len(curve._charts) == 1
    assert cmp.column_dimensions["B"].width == 34 and curve.column_dimensions["G"].width == 60
