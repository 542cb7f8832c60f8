"""The desktop build, built and run: ``python packaging/build.py`` makes an app that does what the checkout does.

One PyInstaller build per session (about 1.5 minutes here), into a temporary folder; then the
built executable, offscreen and outside the checkout: ``--version``, ``solve`` an example to
JSON, ``import`` a spreadsheet, a typo, and the window's self-check (import, solve in the
solver's child process, every tab, export the workbook, save, quit).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

from planner import __version__
from planner.io.candidate_import import import_candidates
from planner.io.project_file import load_project
from planner.model.catalog import default_catalog
from planner.solver import solve

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built one-folder app (the archive beside it)."""
    dist = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist), "--work", str(work)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1100,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return dist


def run_app(app: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(cwd),
        XDG_CONFIG_HOME=str(cwd / "config"),
        TEAM_PLANNER_INSTANCE=f"team-planner-test-{uuid.uuid4().hex[:12]}",
        **env,
    )
    environment.pop("PYTHONPATH", None)  # the build must not lean on the checkout
    return subprocess.run(
        [str(app / "TeamPlanner"), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


def bundled_example(build: Path, name: str) -> Path:
    path = build / "TeamPlanner" / "_internal" / "examples" / name
    assert path.is_file()
    return path


def test_the_build_is_one_folder_and_one_archive(build: Path) -> None:
    app = build / "TeamPlanner"
    assert os.access(app / "TeamPlanner", os.X_OK)
    for name in ("team-planner.desktop", "team-planner-mime.xml", "install.sh"):
        assert (app / name).is_file()
    (archive,) = build.glob("TeamPlanner-*.tar.gz")
    assert archive.name.startswith(f"TeamPlanner-{__version__}-linux-")
    with tarfile.open(archive) as tar:
        member = tar.getmember("TeamPlanner/TeamPlanner")
        assert member.mode & 0o111  # still executable when unpacked
    # Only the Qt modules the app uses: no QML, Quick, OpenGL widgets or SVG module.
    qt_modules = {p.name.split(".")[0] for p in (app / "_internal" / "PySide6").glob("Qt*.so")}
    assert qt_modules == {"QtCore", "QtGui", "QtWidgets", "QtNetwork"}


def test_version_shows_the_licences_and_ships_their_texts(build: Path, tmp_path: Path) -> None:
    result = run_app(build / "TeamPlanner", "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Team Planner {__version__}\n")
    assert "PySide6_Essentials" in result.stdout and "LGPL-3.0-only" in result.stdout
    folder = Path(result.stdout.rsplit("Licence texts: ", 1)[1].strip())
    assert (folder / "PySide6_Essentials" / "LGPL-3.0.txt").is_file()
    assert (folder / "ortools" / "LICENSE").is_file()


def test_solve_writes_the_same_plan_as_the_checkout(build: Path, tmp_path: Path) -> None:
    example = bundled_example(build, "ml-startup.teamplan")
    out = tmp_path / "plan.json"
    result = run_app(
        build / "TeamPlanner", "solve", str(example), "--deterministic", "-q", "--json", str(out), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    expected = solve(load_project(example).problem(), deterministic=True)
    assert plan["status"] == "optimal"
    assert plan["objective"]["headcount"] == expected.objective.headcount
    assert plan["objective"]["cost"] == expected.objective.cost


def test_import_reads_a_spreadsheet(build: Path, tmp_path: Path) -> None:
    sheet = bundled_example(build, "ml-startup-candidates.xlsx")
    out = tmp_path / "report.json"
    result = run_app(build / "TeamPlanner", "import", str(sheet), "--json", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["candidates"]) == len(import_candidates(sheet, default_catalog()).candidates) > 0


def test_a_typo_is_a_usage_error(build: Path, tmp_path: Path) -> None:
    result = run_app(build / "TeamPlanner", "solv", "x.teamplan", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean `TeamPlanner solve …`?" in result.stderr


def test_the_window_opens_an_example_and_quits(build: Path, tmp_path: Path) -> None:
    example = bundled_example(build, "ds-analytics.teamplan")
    result = run_app(build / "TeamPlanner", str(example), cwd=tmp_path, TEAM_PLANNER_QUIT_AFTER_SHOW="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["shown: ds-analytics.teamplan[*] — Team Planner", "closed"]


def test_the_window_imports_solves_shows_every_tab_and_exports(build: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    example = bundled_example(build, "ml-startup.teamplan")
    out = tmp_path / "out"
    result = run_app(build / "TeamPlanner", str(example), cwd=tmp_path, TEAM_PLANNER_SELF_CHECK=str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "imported: 25 candidates from ml-startup-candidates.xlsx"
    assert lines[2].startswith("solved: optimal, team of ")  # the solver's child process works frozen
    assert lines[3].startswith("tabs: Project, Candidates") and "Results" in lines[3]
    assert lines[-1] == "closed"
    assert "Summary" in load_workbook(out / "plan.xlsx", read_only=True).sheetnames
    assert load_project(out / "project.teamplan").plan is not None
