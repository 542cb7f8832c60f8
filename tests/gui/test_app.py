"""``ui.app.main``: opens a project file or a new ML project, hands files to a running instance,
checks the X11 libraries first, carries its icon and About box, and runs its self-check."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

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


def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A child's environment: offscreen, its own settings, and its own single-instance name."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        HOME=str(tmp_path),
        TEAM_PLANNER_INSTANCE=f"team-planner-test-{uuid.uuid4().hex[:12]}",
        **extra,
    )


def run_app(tmp_path: Path, *args: str) -> list[str]:
    env = app_env(tmp_path)
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


# --- the X11 platform plugin's libraries -------------------------------------------------


def test_xcb_is_used_on_linux_with_an_x_display_only() -> None:
    from ui.platform_check import uses_xcb

    assert uses_xcb({"DISPLAY": ":0"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0"}, "darwin")


def test_missing_xcb_libraries_are_named_with_their_debian_packages(tmp_path: Path) -> None:
    from ui.platform_check import missing_xcb_support

    def loader(name: str) -> None:
        if name in ("libxcb-cursor.so.0", "libxcb-icccm.so.4"):
            raise OSError(f"{name}: cannot open shared object file")

    advice = missing_xcb_support(loader, plugin=tmp_path / "libqxcb.so")
    assert advice is not None
    assert "Missing system libraries (Debian/Ubuntu packages): libxcb-cursor0, libxcb-icccm4." in advice
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in advice
    assert missing_xcb_support(lambda name: None, plugin=tmp_path / "libqxcb.so") is None


def test_a_plugin_that_will_not_load_is_reported_in_the_loaders_words(tmp_path: Path) -> None:
    from ui.platform_check import missing_xcb_support

    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"not a library")

    def loader(name: str) -> None:
        if name == str(plugin):
            raise OSError("libxcb-foo.so.9: cannot open shared object file")

    advice = missing_xcb_support(loader, plugin=plugin)
    assert advice is not None and "The system loader says: libxcb-foo.so.9: cannot open shared object file" in advice


def test_the_app_prints_the_advice_instead_of_starting(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    import ui.app

    monkeypatch.setattr(ui.app, "uses_xcb", lambda environ: True)
    monkeypatch.setattr(ui.app, "missing_xcb_support", lambda: "install libxcb-cursor0")
    monkeypatch.setattr(ui.app, "make_application", lambda argv: pytest.fail("Qt must not start"))
    assert ui.app.main(["team-planner"]) == 1
    assert "install libxcb-cursor0" in capsys.readouterr().err


# --- icon, About -------------------------------------------------------------------------


def test_the_app_icon_has_every_desktop_size(qapp: Any) -> None:
    from ui.app import ICON_SIZES, app_icon, make_application

    sizes = {(size.width(), size.height()) for size in app_icon().availableSizes()}
    assert sizes == {(s, s) for s in ICON_SIZES}
    app = make_application(["team-planner"])
    assert not app.windowIcon().isNull()


def test_about_names_the_version_the_citation_and_the_licences(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    dialogs.about(None, "9.9", 'Workera, "The AI Human Capital Playbook"')
    (text,) = shown
    assert "Team Planner 9.9" in text and "Workera, &quot;The AI Human Capital Playbook&quot;" in text
    assert "PySide6_Essentials" in text and "LGPL-3.0-only" in text
    assert "ortools" in text and "Apache-2.0" in text


# --- one window: later starts hand their file over ----------------------------------------


def unique_name() -> str:
    return f"team-planner-test-{uuid.uuid4().hex[:12]}"


def test_a_later_start_hands_its_file_to_the_running_window(make_window: Any, qtbot: Any) -> None:
    from ui.app import serve_later_starts
    from ui.single_instance import InstanceServer, hand_off

    window = make_window()
    name = unique_name()
    server = serve_later_starts(window, InstanceServer(name, parent=window))
    example = examples_dir() / "ds-analytics.teamplan"
    assert hand_off(example, name)
    qtbot.waitUntil(lambda: window.doc.path == example, timeout=10_000)
    assert window.doc.project.kind == "ds"
    server.close()
    assert not hand_off(example, name)  # nobody listens any more


def test_a_second_server_does_not_take_the_name_of_a_running_one(qapp: Any) -> None:
    from ui.single_instance import InstanceServer

    name = unique_name()
    first, second = InstanceServer(name), InstanceServer(name)
    assert first.listen()
    assert not second.listen()
    first.close()
    assert second.listen()
    second.close()


def test_a_second_process_with_a_file_exits_after_handing_it_over(qtbot: Any, tmp_path: Path) -> None:
    from ui.single_instance import InstanceServer

    env = app_env(tmp_path)
    server = InstanceServer(env["TEAM_PLANNER_INSTANCE"])
    assert server.listen()
    example = examples_dir() / "ml-startup.teamplan"
    with qtbot.waitSignal(server.fileRequested, timeout=60_000) as received:
        child = subprocess.Popen(
            [sys.executable, "main.py", str(example)], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
        )
    _, err = child.communicate(timeout=60)
    server.close()
    assert received.args == [example]
    assert child.returncode == 0
    assert "Team Planner is already running" in err


def test_a_file_open_event_opens_the_project(make_window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    from ui.app import serve_later_starts
    from ui.single_instance import InstanceServer

    window = make_window()
    server = serve_later_starts(window, InstanceServer(unique_name(), parent=window))
    example = examples_dir() / "ds-analytics.teamplan"
    QCoreApplication.sendEvent(QCoreApplication.instance(), QFileOpenEvent(str(example)))
    assert window.doc.path == example
    server.close()


# --- the self-check the desktop build's test runs -----------------------------------------


@pytest.mark.slow
def test_self_check_imports_solves_shows_every_tab_and_exports(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "out"
    env = app_env(tmp_path, TEAM_PLANNER_SELF_CHECK=str(out))
    result = subprocess.run(
        [sys.executable, "main.py", str(examples_dir() / "ml-startup.teamplan")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "shown: ml-startup.teamplan[*] — Team Planner"
    assert lines[1] == "imported: 25 candidates from ml-startup-candidates.xlsx"
    assert lines[2].startswith("solved: optimal, team of ")
    assert lines[3].startswith("tabs: Project, Candidates, Constraints") and "Results" in lines[3]
    assert lines[-1] == "closed"
    assert "Summary" in load_workbook(out / "plan.xlsx", read_only=True).sheetnames
    assert (out / "project.teamplan").exists()


def test_file_menu_opens_a_bundled_example_as_an_unsaved_copy(make_window: Any) -> None:
    from planner.io.project_file import load_project

    window = make_window()
    actions = window.files.examples_menu.actions()
    examples = sorted(examples_dir().glob("*.teamplan"))
    assert [a.text() for a in actions] == [p.stem for p in examples]
    assert window.files.examples_menu.menuAction() in window.menuBar().actions()[0].menu().actions()
    actions[0].trigger()
    assert window.doc.path is None  # Save asks where: the shipped example stays as it is
    assert window.doc.project.name == load_project(examples[0]).name
    assert len(window.doc.project.candidates) == len(load_project(examples[0]).candidates)


QUIET_START = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
print(sorted(name for name in ("ortools", "pandas") if name in sys.modules))
"""


def test_opening_the_window_does_not_load_the_solver_or_pandas(tmp_path: Path) -> None:
    # OR-Tools (and the pandas it pulls in) cost about half a second; a new window needs neither.
    result = subprocess.run(
        [sys.executable, "-c", QUIET_START],
        cwd=ROOT,
        env=app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
