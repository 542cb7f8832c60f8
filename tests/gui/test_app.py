"""``ui.app.main`` in a fresh interpreter: opens a project file, or a new ML project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.resources import examples_dir

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from PySide6.QtWidgets import QApplication
import ui.app

def report_and_quit(self):
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow")
    print(window.windowTitle())
    print(window.doc.project.kind, len(window.doc.project.candidates), QApplication.style().name())
    window.doc.mark_saved(window.doc.path or __import__("pathlib").Path("x.teamplan"))
    window.close()
    return 0

QApplication.exec = report_and_quit
sys.exit(ui.app.main(sys.argv))
"""


def run_app(tmp_path: Path, *args: str) -> list[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        HOME=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_app_opens_the_project_given_on_the_command_line(tmp_path: Path) -> None:
    title, details = run_app(tmp_path, str(examples_dir() / "ml-startup.teamplan"))
    assert title == "ml-startup.teamplan[*] — Team Planner"
    kind, count, style = details.split()
    assert kind == "ml" and int(count) > 10
    assert style.lower() == "fusion"


def test_app_starts_a_new_ml_project_without_arguments(tmp_path: Path) -> None:
    title, details = run_app(tmp_path)
    assert title == "Untitled ML project[*] — Team Planner"
    assert details.split()[:2] == ["ml", "0"]


def test_no_display_falls_back_to_offscreen(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.app import use_offscreen_without_display

    monkeypatch.setattr("sys.platform", "linux")
    env: dict[str, str] = {}
    assert use_offscreen_without_display(env) and env == {"QT_QPA_PLATFORM": "offscreen"}
    for present in ({"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "xcb"}):
        env = dict(present)
        assert not use_offscreen_without_display(env) and env == present
