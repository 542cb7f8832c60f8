"""The launcher in a subprocess: typos are usage errors, ``--version`` tells what ships, neither loads Qt."""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from planner import __version__
from planner.cli import COMMANDS, launch_error
from planner.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ml-startup.teamplan"

# Run main.py with Qt made unimportable: whatever it does, it must not reach the GUI.
WITHOUT_QT = "import sys, runpy; sys.modules['PySide6'] = None; sys.argv = ['main.py', *sys.argv[1:]]; " + (
    "runpy.run_path('main.py', run_name='__main__')"
)


def launch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_QT, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_a_mistyped_command_is_a_usage_error_that_suggests_the_command() -> None:
    result = launch("solv", str(EXAMPLE))
    assert result.returncode == 2, result.stderr
    assert "usage: python main.py" in result.stderr
    assert "'solv': did you mean `python main.py solve …`?" in result.stderr
    assert result.stdout == ""


def test_a_missing_file_is_a_usage_error_naming_the_commands(tmp_path: Path) -> None:
    result = launch(str(tmp_path / "nothing.teamplan"))
    assert result.returncode == 2
    assert f"nothing.teamplan': no such file or command (commands: {', '.join(COMMANDS)})" in result.stderr
    assert "fit" in COMMANDS


def test_a_folder_is_not_a_project(tmp_path: Path) -> None:
    message = launch_error([str(tmp_path)])
    assert message is not None and "it is a folder; give a .teamplan project file" in message


@pytest.mark.parametrize(
    "argv",
    [[], [str(EXAMPLE)], ["solve", "x"], ["-platform", "offscreen"], ["--version"]],
)
def test_files_commands_and_options_start_normally(argv: list[str]) -> None:
    assert launch_error(argv) is None


def test_version_shows_the_catalog_source_and_the_licences_without_qt() -> None:
    result = launch("--version")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Team Planner {__version__}"
    assert any(line.startswith("Catalog: The AI Human Capital Playbook") and "Workera" in line for line in lines)
    rows = {line.split()[0]: line.split(maxsplit=2)[2] for line in lines if line.startswith("  ")}
    assert rows["PySide6_Essentials"] == "LGPL-3.0-only"
    assert rows["ortools"] == "Apache-2.0"
    assert rows["pandas"] == "BSD-3-Clause"
    assert rows["openpyxl"] == "MIT"
    assert rows["numpy"].startswith("BSD-3-Clause")
    assert rows["Python"].endswith("(PSF-2.0)")


def test_the_command_line_program_answers_version_too() -> None:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as exit_info:
        cli_main(["--version"])
    assert exit_info.value.code == 0
    assert out.getvalue().startswith(f"Team Planner {__version__}\n")
