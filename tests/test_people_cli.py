"""The command line for people: ``fit`` (roles ranked, growth steps), ``--budget-scope``, staff marks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import format_plan
from planner.cli import main as cli_main
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.constraints import BudgetScope, Constraints
from planner.model.money import USD
from planner.model.project import new_project
from planner.solver import solve

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli_main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Machine Learning,Data Science,Mathematics,Algorithmic Coding,Software Engineering\n"
        "Ana Lima,4,3,2,3,1\n"
        "Bo Chen,1,5,3,1,1\n",
        encoding="utf-8",
    )
    return path


def test_fit_ranks_the_roles_for_each_person_with_growth_steps(sheet: Path, tmp_path: Path) -> None:
    result = tmp_path / "fit.json"
    code, out, err = run("fit", str(sheet), "--json", str(result))
    assert code == 0, err
    assert out.startswith("Ana Lima (applicant, open to any role)\n  1. ")
    assert "Bo Chen (applicant, open to any role)" in out
    mle = next(line for line in out.splitlines() if "Machine Learning Engineer " in line)
    steps = "Mathematics 2 → 5, Algorithmic Coding 3 → 5, Software Engineering 1 → 3, Machine Learning 4 → 5"
    assert mle.endswith(steps)
    data = json.loads(result.read_text(encoding="utf-8"))
    assert [p["name"] for p in data] == ["Ana Lima", "Bo Chen"]
    fits = data[0]["fits"]
    assert [f["fit"] for f in fits] == sorted((f["fit"] for f in fits), reverse=True)
    mle_json = next(f for f in fits if f["role"] == "machine_learning_engineer")
    assert mle_json["growth"][0] == {"skill": "mathematics", "from": 2.0, "to": 5, "inferred": False, "needed": False}


def test_fit_for_one_person_by_name_and_an_unknown_name(sheet: Path) -> None:
    code, out, _ = run("fit", str(sheet), "--name", "bo chen")
    assert code == 0
    assert out.startswith("Bo Chen (") and "Ana Lima" not in out
    code, _, err = run("fit", str(sheet), "--name", "Cy")
    assert code == 1
    assert "nobody named 'Cy'" in err


def test_fit_runs_from_the_launcher_without_qt(sheet: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "fit", str(sheet), "--name", "Ana Lima"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Ana Lima (applicant, open to any role)"
    assert [line.split(".")[0].strip() for line in lines[1:]] == ["1", "2", "3", "4", "5", "6"]  # six roles


def test_budget_scope_flag_sets_the_constraint(sheet: Path) -> None:
    from planner.cli import build_parser, project_from_args

    args = build_parser().parse_args(["solve", "--kind", "ml", "--candidates", str(sheet), "--budget-scope", "new"])
    assert project_from_args(args, io.StringIO()).constraints.budget_scope is BudgetScope.NEW
    args = build_parser().parse_args(["solve", "--kind", "ml", "--candidates", str(sheet)])
    assert project_from_args(args, io.StringIO()).constraints.budget_scope is BudgetScope.ALL
    with pytest.raises(SystemExit):
        build_parser().parse_args(["solve", "--budget-scope", "some"])


def test_the_printed_plan_marks_staff_and_hires_and_shows_new_spend() -> None:
    project = new_project("ml", tasks=["deployment"])
    strong = {"software_engineering": 5, "algorithmic_coding": 5, "machine_learning": 4, "deep_learning": 4}
    project.candidates = [
        Candidate("Eve Staff", strong, 150_000, status=CandidateStatus.EMPLOYEE),
        Candidate("Al Applicant", strong, 120_000),
    ]
    project.constraints = Constraints(team_size_min=2, budget=130_000, budget_scope=BudgetScope.NEW)
    project.currency = USD
    plan = solve(project.problem(), deterministic=True)
    text = format_plan(project, plan)
    assert "total cost $270,000 (new spend $120,000)" in text
    assert "Eve Staff (current staff)" in text
    assert "Al Applicant (hire)" in text


def test_import_prints_each_job_title_with_the_roles_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,ML,Status,Applied for\nAna,4,employee,Data Engineer\nBo,3,applicant,Chef\n", encoding="utf-8")
    code, out, _ = run("import", str(path))
    assert code == 0
    assert "Job titles -> roles:\n  Data Engineer → Software Engineer\n" in out
    assert "  Chef → no catalog role fits: open to every role\n" in out


def test_the_examples_mix_staff_and_applicants_who_applied_for_roles() -> None:
    from planner.io.project_file import load_project

    project = load_project(ROOT / "examples" / "ml-startup.teamplan")
    staff = [c for c in project.candidates if c.is_employee]
    applicants = [c for c in project.candidates if not c.is_employee]
    assert len(staff) == 3 and all(not c.roles for c in staff)
    assert applicants and all(c.roles for c in applicants)
    pool = load_project(ROOT / "examples" / "large-pool.teamplan")
    assert all(c.is_employee for c in pool.candidates)
    # Pool only: with open positions allowed, the BLS-median positions undercut some of the pool.
    example = str(ROOT / "examples" / "ml-startup.teamplan")
    code, out, _ = run("solve", example, "-q", "--deterministic", "--max-open-positions", "0", "--no-training")
    assert code == 0
    assert "(current staff)" in out and "(hire)" in out


def test_fit_on_a_project_lists_the_projects_skills_first(tmp_path: Path) -> None:
    from planner.io.project_file import save_project

    project = new_project("ml", tasks=["deployment"])  # needs machine learning and software engineering
    ratings = {"machine_learning": 4, "data_science": 3, "mathematics": 2, "algorithmic_coding": 3}
    project.candidates = [Candidate("Ana Lima", {**ratings, "software_engineering": 1})]
    path = tmp_path / "deploy.teamplan"
    save_project(project, path)
    result = tmp_path / "fit.json"
    code, out, err = run("fit", str(path), "--json", str(result))
    assert code == 0, err
    mle = next(line for line in out.splitlines() if "Machine Learning Engineer " in line)
    assert mle.endswith(
        "Software Engineering 1 → 3, Machine Learning 4 → 5, Mathematics 2 → 5, Algorithmic Coding 3 → 5"
    )
    growth = next(
        f for f in json.loads(result.read_text(encoding="utf-8"))[0]["fits"] if f["role"] == "machine_learning_engineer"
    )
    assert [(g["skill"], g["needed"]) for g in growth["growth"][:3]] == [
        ("software_engineering", True),
        ("machine_learning", True),
        ("mathematics", False),
    ]
