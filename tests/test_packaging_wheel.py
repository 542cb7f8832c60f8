"""A plain ``pip install`` of the wheel, in a fresh virtual environment, used from outside the checkout.

What pipx does, step by step: build the wheel, make a venv, install the wheel (no
dependencies: the venv sees this interpreter's, so Qt and OR-Tools are not downloaded again),
then run ``team-planner`` and ``team-planner-cli`` from an unrelated folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
import venv
import zipfile
from pathlib import Path

import pytest

from planner import __version__

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


# Built from a clean copy: a build/ folder left in the checkout could put stale modules in the wheel.
LEFT_OUT = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "out", ".venv"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source") / "team-planner"
    shutil.copytree(ROOT, source, ignore=LEFT_OUT)
    out = tmp_path_factory.mktemp("wheels")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (path,) = out.glob("team_planner-*.whl")
    return path


@pytest.fixture(scope="module")
def scripts(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv holding only the wheel (reinstalled even where this
    interpreter has Team Planner too, as a developer's editable install)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(bin_dir / "python"),
            "install",
            "--no-deps",
            "--force-reinstall",
            "--quiet",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return bin_dir


def run(command: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(cwd),
        XDG_CONFIG_HOME=str(cwd / "config"),
        TEAM_PLANNER_INSTANCE=f"team-planner-test-{uuid.uuid4().hex[:12]}",
        **env,
    )
    environment.pop("PYTHONPATH", None)  # nothing from the checkout
    return subprocess.run([str(command), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def test_the_wheel_holds_every_package_and_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "main.py",
        "planner/model/catalog.py",
        "planner/solver/isolated.py",
        "planner/analyses/coverage.py",
        "planner/io/project_file.py",
        "ui/app.py",
        "ui/single_instance.py",
        "ui/charts/__init__.py",
        "ui/models/__init__.py",
        "resources/catalog.json",
        "resources/icons/team-planner.svg",
        "resources/icons/team-planner-512.png",
        "examples/ml-startup.teamplan",
        "examples/ml-startup-candidates.xlsx",
    ):
        assert name in names, name
    assert not any(n.startswith(("tests/", "packaging/", "benchmarks/")) for n in names)


def test_the_installed_code_and_files_are_the_wheels_not_the_checkouts(scripts: Path, tmp_path: Path) -> None:
    probe = (
        "import json, planner, ui, main; from planner.resources import examples_dir, icon_path, resource_path;"
        "print(json.dumps([planner.__file__, ui.__file__, main.__file__, str(examples_dir()),"
        " str(resource_path('catalog.json')), str(icon_path(48))]))"
    )
    result = run(scripts / "python", "-c", probe, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    paths = [Path(p) for p in json.loads(result.stdout)]
    site = scripts.parent
    for path in paths:
        assert path.is_relative_to(site), path
        assert path.exists(), path


def test_the_command_line_solves_an_installed_example_from_any_folder(scripts: Path, tmp_path: Path) -> None:
    site_examples = run(
        scripts / "python", "-c", "from planner.resources import examples_dir; print(examples_dir())", cwd=tmp_path
    )
    example = Path(site_examples.stdout.strip()) / "ml-startup.teamplan"
    out = tmp_path / "plan.json"
    result = run(scripts / "team-planner-cli", "solve", str(example), "-q", "--json", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["status"] == "optimal"
    catalog = run(scripts / "team-planner-cli", "catalog", cwd=tmp_path)
    assert catalog.returncode == 0 and "Machine Learning Engineer" in catalog.stdout


def test_the_app_command_starts_the_window_and_answers_version(scripts: Path, tmp_path: Path) -> None:
    version = run(scripts / "team-planner", "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith(f"Team Planner {__version__}\n")
    shown = run(scripts / "team-planner", cwd=tmp_path, TEAM_PLANNER_QUIT_AFTER_SHOW="1")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == ["shown: Untitled ML project[*] — Team Planner", "closed"]
    typo = run(scripts / "team-planner", "solv", cwd=tmp_path)
    assert typo.returncode == 2 and "did you mean `team-planner solve …`?" in typo.stderr
