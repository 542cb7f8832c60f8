"""The command line end to end: exit codes, messages, outputs, and the launcher in a subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from planner.cli import main as cli_main
from planner.io.project_file import load_project, save_project
from planner.model.candidates import Candidate
from planner.model.constraints import Constraints
from planner.model.project import new_project

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli_main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_catalog_lists_skills_tasks_and_roles() -> None:
    code, out, _ = run("catalog")
    assert code == 0
    for text in (
        "data_query_languages",
        "Running A/B tests",
        "software_engineer_ml",
        "Data → Model → Deploy → Monitor",
    ):
        assert text in out


def test_solve_project_writes_json_workbook_and_csv(tmp_path: Path) -> None:
    result, book, team = tmp_path / "r.json", tmp_path / "plan.xlsx", tmp_path / "team.csv"
    code, out, err = run(
        "solve", str(EXAMPLES / "ml-startup.teamplan"), "--json", str(result), "--out", str(book), "--csv", str(team),
        "--time-limit", "20", "--deterministic",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["status"] in ("optimal", "feasible")
    keys = {"status", "solve_seconds", "objective", "settings", "roles", "requirements", "team", "uncovered"}
    assert set(data) >= keys | {"hire_recommendations"}
    assert data["settings"]["team_size_max"] == 6
    assert data["objective"]["headcount"] == len(data["team"]) + len(data["open_positions"]) <= 6
    assert data["roles"]["software_engineer_ml"] == ["data_engineering", "modeling", "deployment", "ai_infrastructure"]
    names = {c.name for c in load_project(EXAMPLES / "ml-startup.teamplan").candidates}
    assert all(m["candidate"] in names for m in data["team"])
    assert book.stat().st_size > 0 and team.read_text(encoding="utf-8").strip()
    assert "Team of" in out


def test_solve_without_project_uses_catalog_defaults(tmp_path: Path) -> None:
    result = tmp_path / "r.json"
    code, _, err = run(
        "solve", "--kind", "ds", "--tasks", "data_engineering,business_analysis",
        "--candidates", str(EXAMPLES / "ds-analytics-candidates.csv"), "--team-max", "3", "--json", str(result), "-q",
    )  # fmt: skip
    assert code == 0, err
    assert err == ""  # -q: no progress
    data = json.loads(result.read_text(encoding="utf-8"))
    assert {r["task"] for r in data["requirements"]} == {"data_engineering", "business_analysis"}
    assert data["settings"]["team_size_max"] == 3


def test_infeasible_constraints_exit_3_and_name_them(tmp_path: Path) -> None:
    project = load_project(EXAMPLES / "ds-analytics.teamplan")
    names = [c.name for c in project.candidates[:3]]
    project.constraints = Constraints(team_size_max=2, must_hire={n: None for n in names})
    path = tmp_path / "conflict.teamplan"
    save_project(project, path)
    code, out, _ = run("solve", str(path), "-q")
    assert code == 3
    assert "infeasible" in out
    assert "2" in out and "3" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("solve",), 1, "give a project file"),
        (("solve", "--kind", "ml"), 1, "--candidates FILE is needed"),
        (("solve", "missing.teamplan"), 1, "cannot open"),
        (("solve", "--kind", "ml", "--tasks", "cooking", "--candidates", "x.csv"), 1, "unknown task(s) cooking"),
    ],
)
def test_bad_input_exits_1_with_a_message(args: tuple[str, ...], code: int, message: str) -> None:
    got, _, err = run(*args)
    assert got == code
    assert message in err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        run("solve", "--team-max", "many")
    assert info.value.code == 2


def test_bad_candidate_rows_stop_the_solve_unless_skipped(tmp_path: Path) -> None:
    sheet = tmp_path / "c.csv"
    sheet.write_text("Name,Machine Learning,Software Engineering\nAna,5,4\nBo,seven,3\n", encoding="utf-8")
    code, _, err = run("solve", "--kind", "ml", "--candidates", str(sheet), "-q")
    assert code == 1
    assert "row 3" in err and "Machine Learning" in err and "seven" in err
    code, out, err = run(
        "solve", "--kind", "ml", "--candidates", str(sheet), "-q", "--skip-bad-rows", "--time-limit", "5"
    )
    assert code == 0, err
    assert "Ana" in out


def test_import_reports_problems_and_writes_json(tmp_path: Path) -> None:
    sheet = tmp_path / "c.csv"
    sheet.write_text("Candidate,ML,Maths,Favourite colour\nAna,5,4,blue\nBo,9,3,red\n", encoding="utf-8")
    report = tmp_path / "report.json"
    code, out, _ = run("import", str(sheet), "--json", str(report))
    assert code == 1  # one row has an error
    assert "Favourite colour" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [c["name"] for c in data["candidates"]] == ["Ana"]
    assert data["candidates"][0]["skills"] == {"machine_learning": 5, "mathematics": 4}
    assert any(p["row"] == 3 and p["column"] == "ML" and p["severity"] == "error" for p in data["problems"])


def test_template_round_trips_through_import(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert run("template", str(path))[0] == 0
    code, out, _ = run("import", str(path))
    assert code == 0
    assert "0 candidates ready, 0 errors, 0 warnings" in out


def test_launcher_dispatches_commands_without_qt() -> None:
    script = (
        "import sys; sys.modules['PySide6'] = None; sys.argv = ['main.py', 'catalog']\n"
        "import runpy; runpy.run_path('main.py', run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Machine Learning Engineer" in result.stdout


def test_every_example_loads_and_solves() -> None:
    from planner.solver import solve

    for path in sorted(EXAMPLES.glob("*.teamplan")):
        project = load_project(path)
        plan = solve(project.problem(), time_limit=20, deterministic=True)
        assert plan.status.value in ("optimal", "feasible"), path.name
        assert plan.team, path.name
        assert len(project.candidates) >= 15


def test_new_project_with_constraints_defaults() -> None:
    project = new_project("ml")
    assert project.constraints.max_tasks_per_person == 2
    assert project.constraints.redundancy == 1


def test_compare_solves_every_scenario(tmp_path: Path) -> None:
    result = tmp_path / "cmp.json"
    code, out, err = run(
        "compare", str(EXAMPLES / "ml-startup.teamplan"), "--json", str(result), "-q", "--deterministic"
    )
    assert code == 0, err
    rows = json.loads(result.read_text(encoding="utf-8"))
    assert [r["scenario"] for r in rows] == ["Current", "Budget 450k", "Skip deployment for now", "New spend 450k"]
    current, lean, no_deploy, new_spend = rows
    assert lean["cost"] <= 450_000 < current["cost"]
    assert lean["changes"] == ["budget $450,000 (was $1,100,000)"]
    assert not any(u["task"] == "deployment" for u in no_deploy["uncovered"])
    assert current["cost_change"] == 0
    # Staff cost nothing against a new-spend budget: 450k of new spend goes further than 450k for everyone.
    assert new_spend["changes"] == ["budget $450,000 (was $1,100,000)", "budget covers new spend only"]
    assert len(current["uncovered"]) <= len(new_spend["uncovered"]) < len(lean["uncovered"])
    assert "== Budget 450k" in out


def test_solve_a_named_scenario(tmp_path: Path) -> None:
    result = tmp_path / "r.json"
    args = ("solve", str(EXAMPLES / "ml-startup.teamplan"), "--scenario", "Skip deployment for now", "-q")
    code, _, err = run(*args, "--json", str(result))
    assert code == 0, err
    data = json.loads(result.read_text(encoding="utf-8"))
    assert "deployment" not in {r["task"] for r in data["requirements"]}
    code, _, err = run("solve", str(EXAMPLES / "ml-startup.teamplan"), "--scenario", "Nope")
    assert code == 1 and "no scenario named 'Nope'" in err


@pytest.mark.parametrize("stem", ["ml-startup", "ds-analytics", "large-pool"])
def test_example_spreadsheets_import_cleanly_and_match_their_projects(stem: str) -> None:
    from planner.io.candidate_import import import_candidates

    project = load_project(EXAMPLES / f"{stem}.teamplan")
    for suffix in (".csv", ".xlsx"):
        report = import_candidates(EXAMPLES / f"{stem}-candidates{suffix}", project.catalog)
        assert not report.errors, suffix

        def nonzero(people: list[Candidate]) -> list[Candidate]:
            return [replace(p, ratings={s: v for s, v in p.ratings.items() if v}) for p in people]

        assert nonzero(list(report.candidates)) == nonzero(project.candidates), suffix


def test_advice_fits_the_command_line_not_the_app(tmp_path: Path) -> None:
    tens = tmp_path / "tens.csv"
    tens.write_text("Name,ML\nAna,7\n", encoding="utf-8")
    _, out, err = run("import", str(tens))
    assert "7 is outside the 0-5 scale" in out + err and "--scale 1-10" in out + err
    assert "Rating scale above the preview" not in out + err
    headerless = tmp_path / "headerless.csv"
    headerless.write_text("Quarterly report\nrevenue,12\n", encoding="utf-8")
    code, _, err = run("import", str(headerless))
    assert code != 0 and "hint: " in err and "by hand" not in err and "above the preview" not in err


def test_a_spreadsheet_given_as_a_project_points_to_the_import_command(tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,ML\nAna,4\n", encoding="utf-8")
    code, _, err = run("solve", str(sheet))
    assert code != 0
    assert "not a Team Planner project" in err and "hint: To read candidates from a spreadsheet, use the import" in err
    assert ".bak" not in err


@pytest.mark.parametrize("command", ["solve", "import"])
def test_a_json_file_in_a_missing_folder_is_bad_input_not_a_traceback(tmp_path: Path, command: str) -> None:
    source = EXAMPLES / ("ml-startup.teamplan" if command == "solve" else "ml-startup-candidates.csv")
    code, _, err = run(command, str(source), "--json", str(tmp_path / "nowhere" / "r.json"))
    assert code == 1
    assert "the folder" in err and "does not exist" in err and "Traceback" not in err
