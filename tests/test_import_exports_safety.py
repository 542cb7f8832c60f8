"""Exports read back safely: every text cell is escaped (names from a shared project's catalog too),
names starting with a tab or carriage return come back, and exported files get the usual file
modes and leave no temporaries behind."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.io.atomic_write import TEMP_SUFFIX
from planner.io.candidate_import import import_candidates
from planner.io.candidate_template import write_candidate_template
from planner.io.plan_workbook import export_plan_workbook
from planner.io.team_csv import export_team_csv
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, catalog_from_dict, catalog_to_dict
from planner.model.plan import Coverage, Member, Objective, Plan, PlanStatus
from planner.model.project import Project, new_project

EVIL = '=HYPERLINK("http://x","y")'


@pytest.fixture
def planted(catalog: Catalog) -> Project:
    """A shared project whose embedded catalog names plant formulas."""
    data = catalog_to_dict(catalog)
    for group in ("roles", "tasks", "skills"):
        for item in data[group]:
            item["name"] = f"{EVIL} {item['name']}"
    evil_catalog = catalog_from_dict(data)
    people = [
        Candidate("Ana", {"machine_learning": 5, "deep_learning": 4}, 100_000, "ana@x"),
        Candidate("\tTab Person", {"machine_learning": 4}, 90_000, "tab@x"),
        Candidate("\rReturn Person", {"machine_learning": 3}, 80_000),
        Candidate("-Dash", {"machine_learning": 3}, 70_000, "@at"),
    ]
    return new_project("ml", name="Shared", tasks=["modeling"], catalog=evil_catalog, candidates=people)


def team_plan(project: Project) -> Plan:
    requirement = project.requirements()[0]
    team = tuple(
        Member(c.name, "data_scientist", ("modeling",), c.cost, (Coverage("modeling", requirement.skill, 1, 5),), 0.5)
        for c in project.candidates
    )
    return Plan(
        status=PlanStatus.OPTIMAL,
        solve_seconds=0.1,
        objective=Objective(headcount=len(team), cost=sum(m.cost or 0 for m in team)),
        settings=project.constraints,
        roles={m.candidate: m.tasks for m in team},
        requirements=project.requirements(),
        team=team,
        coverage_counts={r.key: 1 for r in project.requirements()},
    )


def test_team_csv_escapes_every_cell(tmp_path: Path, planted: Project) -> None:
    path = tmp_path / "team.csv"
    export_team_csv(planted, team_plan(planted), path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert any(EVIL in cell for cell in cells)  # role, task and skill names are there…
    dangerous = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []  # …and none can be evaluated


def test_names_starting_with_tab_or_return_come_back(tmp_path: Path, planted: Project) -> None:
    path = tmp_path / "team.csv"
    export_team_csv(planted, team_plan(planted), path)
    report = import_candidates(path, planted.catalog)
    assert [c.name for c in report.candidates] == ["Ana", "Tab Person", "Return Person", "-Dash"]
    assert report.candidates[3].email == "@at"


def test_workbook_stores_every_text_as_text(tmp_path: Path, planted: Project) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(planted, team_plan(planted), path)
    book = load_workbook(path)  # not data_only: a formula would show as one
    formulas = [
        (ws.title, cell.coordinate, cell.value)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    texts = [cell.value for ws in book.worksheets for row in ws.iter_rows() for cell in row]
    book.close()
    assert any(isinstance(v, str) and v.startswith(EVIL) for v in texts)
    assert formulas == []


@pytest.mark.parametrize("kind", ["workbook", "csv", "template"])
def test_exported_files_follow_the_umask_and_keep_a_replaced_files_mode(
    tmp_path: Path, planted: Project, kind: str
) -> None:
    plan = team_plan(planted)
    path = tmp_path / {"workbook": "plan.xlsx", "csv": "team.csv", "template": "t.xlsx"}[kind]

    def export() -> None:
        if kind == "workbook":
            export_plan_workbook(planted, plan, path)
        elif kind == "csv":
            export_team_csv(planted, plan, path)
        else:
            write_candidate_template(planted.catalog, path)

    old = os.umask(0o022)
    try:
        export()
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # finance can open it on the shared drive
        path.chmod(0o640)
        export()
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_exports_clean_up_stale_temporaries_of_a_killed_export(tmp_path: Path, planted: Project) -> None:
    path = tmp_path / "team.csv"
    stale = tmp_path / f".team.csv.999999999.0badc0de{TEMP_SUFFIX}"  # no such process
    stale.write_bytes(b"x" * 4096)
    os.utime(stale, (0, 0))
    export_team_csv(planted, team_plan(planted), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.csv"]
