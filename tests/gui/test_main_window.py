"""The main window: title and unsaved mark, file handling, prompts, drops, solving, crashes."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import replace
from dataclasses import replace as dataclasses_replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QToolBar

from planner.io.project_file import load_project, save_project
from planner.model.candidates import Candidate
from planner.model.plan import Member, PlanStatus
from planner.model.project import Project
from tests.gui.conftest import FakeSolve
from ui import app as app_module
from ui import crash, dialogs
from ui.dialogs import ImportChoice, SaveChoice
from ui.main_window import MainWindow
from ui.recovery import RecoveryStore
from ui.settings import Settings

WindowFactory = Callable[..., MainWindow]


class Calls:
    """Records calls to a stubbed dialog function and returns a scripted answer."""

    def __init__(self, answer: Any = None) -> None:
        self.answer = answer
        self.args: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.args.append(args)
        return self.answer


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> Calls:
    calls = Calls()
    monkeypatch.setattr(dialogs, "error", calls)
    return calls


def test_title_shows_the_file_and_the_unsaved_mark(
    make_window: WindowFactory, small_project: Project, tmp_path: Path
) -> None:
    window = make_window(small_project)
    assert window.windowTitle() == "Test project[*] — Team Planner"
    assert not window.isWindowModified()
    window.doc.set_name("Renamed")
    assert window.isWindowModified()
    assert window.files.save_to(tmp_path / "staff.teamplan")
    assert window.windowTitle() == "staff.teamplan[*] — Team Planner"
    assert not window.isWindowModified()
    assert load_project(tmp_path / "staff.teamplan").name == "Renamed"


def test_closing_with_unsaved_changes_asks(
    make_window: WindowFactory, small_project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(small_project)
    window.show()
    window.doc.set_name("Changed")
    ask = Calls(SaveChoice.CANCEL)
    monkeypatch.setattr(dialogs, "ask_save_changes", ask)
    assert not window.close()
    assert window.isVisible()
    assert ask.args[0][1] == "Changed"
    ask.answer = SaveChoice.SAVE
    monkeypatch.setattr(dialogs, "save_project_name", Calls(tmp_path / "kept.teamplan"))
    assert window.close()
    assert load_project(tmp_path / "kept.teamplan").name == "Changed"


def test_discarding_changes_closes_without_saving(
    make_window: WindowFactory, small_project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(small_project)
    window.show()
    window.doc.set_name("Changed")
    monkeypatch.setattr(dialogs, "ask_save_changes", Calls(SaveChoice.DISCARD))
    save_name = Calls(None)
    monkeypatch.setattr(dialogs, "save_project_name", save_name)
    assert window.close()
    assert save_name.args == []


def test_a_clean_project_closes_without_asking(make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    window.show()
    ask = Calls(SaveChoice.CANCEL)
    monkeypatch.setattr(dialogs, "ask_save_changes", ask)
    assert window.close()
    assert ask.args == []


def test_new_open_recent_and_save_as(
    make_window: WindowFactory,
    small_project: Project,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "saved.teamplan"
    save_project(small_project, path)
    window = make_window()
    monkeypatch.setattr(dialogs, "open_project_name", Calls(path))
    window.files.open_action.trigger()
    assert window.doc.path == path
    assert window.doc.project.name == "Test project"
    assert len(window.candidates_panel.proxy.index(0, 0).data() or "") > 0
    assert settings.recent_files == [path.resolve()]
    assert settings.last_folder == tmp_path.resolve()
    assert window.files.recent_menu.actions()[0].text() == "&1 saved.teamplan"
    window.files.new_ds_action.trigger()
    assert window.doc.project.kind == "ds" and window.doc.path is None
    assert window.doc.project.candidates == []
    window.files.recent_menu.actions()[0].trigger()
    assert window.doc.path == path
    monkeypatch.setattr(dialogs, "save_project_name", Calls(tmp_path / "copy.teamplan"))
    window.files.save_as_action.trigger()
    assert (tmp_path / "copy.teamplan").is_file()
    assert window.doc.path == tmp_path / "copy.teamplan"


def test_a_damaged_file_gives_a_friendly_message(make_window: WindowFactory, errors: Calls, tmp_path: Path) -> None:
    bad = tmp_path / "bad.teamplan"
    bad.write_text('{"format": "team-planner-project", "format_version": 1, "name": ', encoding="utf-8")
    window = make_window()
    assert not window.files.open_path(bad)
    title, message = errors.args[0][1], errors.args[0][2]
    assert title == "Cannot open the project"
    assert "bad.teamplan" in message and "line 1" in message
    assert window.doc.path is None


def _drop_event(path: Path, window: MainWindow) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPointF(window.rect().center())
    with warnings.catch_warnings():  # the QPoint overload is deprecated from Qt 6.12 on, the only one before
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return enter, drop, mime


def test_dropping_a_spreadsheet_imports_it(
    qtbot: Any, make_window: WindowFactory, small_project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(small_project)
    sheet = tmp_path / "people.csv"
    sheet.write_text("name\n", encoding="utf-8")
    imported = [Candidate("Dropped Person", {"research": 5.0}, cost=99_000)]
    run_import = Calls((imported, None))
    monkeypatch.setattr(dialogs, "run_import_dialog", run_import)
    monkeypatch.setattr(dialogs, "ask_add_or_replace", Calls(ImportChoice.ADD))
    enter, drop, _mime = _drop_event(sheet, window)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: len(window.doc.project.candidates) == 13)
    assert run_import.args[0][1] == sheet
    assert window.doc.project.candidates[-1].name == "Dropped Person"
    window.doc.undo_stack.undo()
    assert len(window.doc.project.candidates) == 12


def test_dropping_other_files_is_refused(make_window: WindowFactory, tmp_path: Path) -> None:
    window = make_window()
    enter, drop, _mime = _drop_event(tmp_path / "notes.pdf", window)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()
    window.dropEvent(drop)
    assert not drop.isAccepted()


def test_import_replace_asks_and_replaces(
    make_window: WindowFactory, small_project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(small_project)
    monkeypatch.setattr(dialogs, "run_import_dialog", Calls(([Candidate("Only One")], None)))
    ask = Calls(ImportChoice.REPLACE)
    monkeypatch.setattr(dialogs, "ask_add_or_replace", ask)
    assert window.files.import_file(tmp_path / "x.xlsx")
    assert ask.args[0][1:] == (12, 1)
    assert [c.name for c in window.doc.project.candidates] == ["Only One"]
    ask.answer = ImportChoice.CANCEL
    assert not window.files.import_file(tmp_path / "x.xlsx")
    assert len(window.doc.project.candidates) == 1


def test_solving_locks_inputs_and_esc_cancels(qtbot: Any, make_window: WindowFactory, small_project: Project) -> None:
    fake = FakeSolve()
    window = make_window(small_project, solve=fake)
    window.show()
    with qtbot.waitSignal(window.solver.solvingChanged):
        window.solver.solve_action.trigger()
    assert window.tabs.currentIndex() == window.RESULTS_TAB
    assert not window.project_panel.name_edit.isEnabled()
    assert not window.constraints_panel.team_max.isEnabled()
    assert not window.files.import_action.isEnabled()
    assert not window.solver.solve_action.isEnabled()
    assert window.solver.cancel_action.shortcut().toString() == "Esc"
    model = window.doc.candidate_model
    assert not model.setData(model.index(0, 0), "Someone else")
    qtbot.waitUntil(lambda: fake.reports > 3)
    with qtbot.waitSignal(window.solver.solveCancelled, timeout=5000):
        window.solver.cancel_action.trigger()
    assert window.doc.project.plan is None
    assert window.solver.status_label.text() == "Solve cancelled"
    assert window.results_panel.plan() is None  # live plans of a cancelled run are not left on screen
    assert window.results_panel.status_text() == "No plan yet"
    assert window.project_panel.name_edit.isEnabled()
    assert window.files.import_action.isEnabled()


def test_stop_keeps_the_best_plan_so_far(qtbot: Any, make_window: WindowFactory, small_project: Project) -> None:
    window = make_window(small_project, solve=FakeSolve())
    live: list[Any] = []
    window.solver.planAvailable.connect(lambda _problem, plan: live.append(plan))
    window.solver.start()
    qtbot.waitUntil(lambda: len(live) >= 2)
    status = window.solver.status_label.text()
    assert "searching for a better team" in status and "bound" not in status and "cost" not in status
    with qtbot.waitSignal(window.solver.solveFinished, timeout=5000) as blocker:
        window.solver.stop_action.trigger()
    assert blocker.args[0].status is PlanStatus.CANCELLED
    assert window.doc.project.plan is blocker.args[0]
    assert window.isWindowModified()
    assert window.results_panel.plan() is blocker.args[0]


def test_event_loop_keeps_ticking_during_a_solve(
    qtbot: Any, make_window: WindowFactory, small_project: Project
) -> None:
    window = make_window(small_project, solve=FakeSolve())
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    window.solver.start()
    qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=5000)
    assert window.solver.is_solving()
    timer.stop()
    with qtbot.waitSignal(window.solver.solveCancelled, timeout=5000):
        window.solver.cancel()


def test_closing_during_a_solve_cancels_and_waits(
    qtbot: Any, make_window: WindowFactory, small_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeSolve()
    window = make_window(small_project, solve=fake)
    window.show()
    window.solver.start()
    qtbot.waitUntil(lambda: fake.reports > 0)
    monkeypatch.setattr(dialogs, "ask_save_changes", Calls(SaveChoice.DISCARD))
    window.doc.mark_modified()
    assert window.close()
    assert not window.solver.is_solving()


def test_solve_errors_are_reported_in_words(
    qtbot: Any, make_window: WindowFactory, small_project: Project, errors: Calls
) -> None:
    from planner.errors import ValidationError

    window = make_window(small_project, solve=FakeSolve(error=ValidationError("budget below the cheapest pin")))
    with qtbot.waitSignal(window.solver.solvingChanged) as blocker:
        window.solver.start()
        qtbot.waitUntil(lambda: not window.solver.is_solving())
    assert blocker.args == [True]
    assert errors.args[-1][2] == "budget below the cheapest pin"
    empty = make_window(solve=FakeSolve())
    assert not empty.solver.start()
    assert errors.args[-1][1] == "No candidates"


def test_crash_handler_saves_recovery_and_shows_the_traceback(
    make_window: WindowFactory, small_project: Project, recovery: RecoveryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(small_project)
    window.doc.set_name("Unsaved work")
    shown = Calls()
    monkeypatch.setattr(dialogs, "show_crash", shown)
    handler = crash.CrashHandler(window.autosaver.save_now, lambda: window)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        handler.excepthook(RuntimeError, exc, exc.__traceback__)
    text, note = shown.args[0][1], shown.args[0][2]
    assert "RuntimeError: boom" in text and "Traceback" in text
    assert "recovery file" in note
    assert recovery.pending() is not None
    assert recovery.load().name == "Unsaved work"


def test_crash_handler_install_and_uninstall() -> None:
    import sys
    import threading

    before = (sys.excepthook, threading.excepthook)
    handler = crash.install(None, lambda: None)
    try:
        assert sys.excepthook == handler.excepthook
        assert threading.excepthook == handler.thread_excepthook
    finally:
        crash.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_recovery_is_offered_and_restored(
    make_window: WindowFactory, small_project: Project, recovery: RecoveryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_project.name = "Lost work"
    recovery.save(small_project, None)
    window = make_window()
    ask = Calls(True)
    monkeypatch.setattr(dialogs, "ask_restore_recovery", ask)
    assert app_module.offer_recovery(window, recovery)
    assert ask.args[0][1] == "Lost work"
    assert window.doc.project.name == "Lost work"
    assert window.isWindowModified()
    assert recovery.pending() is None  # taken; the autosaver writes a fresh one while unsaved


def test_autosave_writes_only_when_modified(
    make_window: WindowFactory, small_project: Project, recovery: RecoveryStore
) -> None:
    window = make_window(small_project)
    assert not window.autosaver.save_if_modified()
    assert recovery.pending() is None
    window.doc.set_name("Autosaved")
    assert window.autosaver.save_if_modified()
    assert recovery.load().name == "Autosaved"
    window.doc.undo_stack.undo()  # back to the saved state: the recovery file goes
    assert recovery.pending() is None


def test_geometry_is_remembered(make_window: WindowFactory, settings: Settings) -> None:
    window = make_window()
    window.show()
    window.resize(1024, 730)  # the offscreen screen is 800 × 800: only the minimum width fits
    assert window.close()
    assert settings.geometry is not None
    again = make_window()
    assert (again.size().width(), again.size().height()) == (1024, 730)


def test_export_plan_needs_a_plan_and_template_is_written(
    make_window: WindowFactory, small_project: Project, errors: Calls, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(small_project)
    assert not window.files.export_plan()
    assert errors.args[0][1] == "No plan yet"
    monkeypatch.setattr(dialogs, "save_template_name", Calls(tmp_path / "template.xlsx"))
    assert window.files.export_template()
    import openpyxl

    workbook = openpyxl.load_workbook(tmp_path / "template.xlsx")
    headers = [str(c.value) for c in next(workbook.worksheets[0].iter_rows(max_row=1))]
    assert any("Machine Learning" in h for h in headers)


def test_shortcuts_and_help(qtbot: Any, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    assert window.solver.solve_action.shortcut().toString() == "Ctrl+R"
    assert window.files.save_action.shortcut().toString() == "Ctrl+S"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    browser = dialogs.show_playbook(window, window.doc.project.catalog)
    assert browser.isVisible()
    browser.close()
    about = Calls()
    monkeypatch.setattr(dialogs, "about", about)
    window.about_action.trigger()
    assert about.args and about.args[0][0] is window


def test_supply_check_follows_the_candidates(qtbot: Any, make_window: WindowFactory, small_project: Project) -> None:
    window = make_window(small_project)
    qtbot.waitUntil(lambda: window.supply_panel.report() is not None, timeout=5000)
    report = window.supply_panel.report()
    before = {row.requirement.key: len(row.qualified) for row in report.rows}
    window.candidates_panel.select_candidate(small_project.candidates[0].name)
    window.candidates_panel.delete_selected()
    qtbot.waitUntil(lambda: window.supply_panel.report() is not report, timeout=3000)
    after = {row.requirement.key: len(row.qualified) for row in window.supply_panel.report().rows}
    assert sum(after.values()) < sum(before.values())


def test_supply_check_is_empty_without_candidates_and_discards_stale_runs(
    qtbot: Any, make_window: WindowFactory, small_project: Project
) -> None:
    window = make_window(small_project)
    qtbot.waitUntil(lambda: window.supply_panel.report() is not None, timeout=5000)
    reports: list[Any] = []
    window.supply.reportReady.connect(reports.append)
    window.supply.refresh()
    window.supply.refresh()  # the first run's result is discarded
    qtbot.waitUntil(lambda: not window.supply.is_running(), timeout=5000)
    assert len(reports) == 1 and reports[0] is not None
    with qtbot.waitSignal(window.supply.reportReady) as blocker:
        window.doc.import_candidates([], replace=True)
        window.supply.refresh()
    assert blocker.args == [None]


def test_thread_exceptions_reach_the_crash_dialog_on_the_gui_thread(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    shown: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        dialogs,
        "show_crash",
        lambda _parent, text, _note: shown.append((text, threading.current_thread() is threading.main_thread())),
    )
    handler = crash.CrashHandler(None, lambda: None)
    monkeypatch.setattr(threading, "excepthook", handler.thread_excepthook)

    def fail() -> None:
        raise KeyError("from a thread")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    text, on_gui_thread = shown[0]
    assert "KeyError: 'from a thread'" in text and "in fail" in text
    assert on_gui_thread


def test_resolving_starts_from_the_last_plan(qtbot: Any, make_window: WindowFactory, small_project: Project) -> None:
    fake = FakeSolve(steps=2)
    window = make_window(small_project, solve=fake)
    with qtbot.waitSignal(window.solver.solveFinished, timeout=5000):
        window.solver.solve_action.trigger()
    assert fake.options == {"previous": None, "minimize_changes": False}
    assert window.doc.project.plan is not None and not window.doc.project.plan.team  # nothing to start from
    name = small_project.candidates[0].name
    first = replace(window.doc.project.plan, team=(Member(name, "software_engineer", ("data_engineering",), 1.0),))
    window.doc.project.plan = first
    window.solver.keep_team_action.setChecked(True)
    with qtbot.waitSignal(window.solver.solveFinished, timeout=5000):
        window.solver.solve_action.trigger()
    assert fake.options == {"previous": first, "minimize_changes": True}


def test_new_project_with_a_custom_catalog(
    qtbot: Any, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import json

    from planner.model.catalog import catalog_to_dict, default_catalog

    data = catalog_to_dict(default_catalog())
    data["roles"][0]["name"] = "Applied Scientist"
    good, bad = tmp_path / "mine.json", tmp_path / "broken.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    bad.write_text('{"id": ', encoding="utf-8")
    window = make_window()
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda _parent, title, *_rest: errors.append(title))
    assert not window.files.new_project_with_catalog(bad)
    assert errors == ["Cannot use this catalog"]
    assert window.files.new_project_with_catalog(good)
    assert window.doc.project.catalog.role("data_scientist").name == "Applied Scientist"
    assert window.doc.project.tasks == window.doc.project.catalog.kind("ml").tasks


def test_toolbar_undo_keeps_its_label_and_puts_the_full_text_in_its_tooltip(make_window: WindowFactory) -> None:
    window = make_window()
    window.show()
    toolbar = window.findChild(QToolBar, "MainToolbar")
    button = toolbar.widgetForAction(window.toolbar_undo)
    width = button.sizeHint().width()
    assert not window.toolbar_undo.isEnabled()
    window.doc.set_name("A much longer project name than before")
    assert window.toolbar_undo.isEnabled()
    assert button.text() == "Undo" and button.sizeHint().width() == width
    assert window.toolbar_undo.toolTip().startswith("Undo ") and window.toolbar_undo.toolTip().endswith("(Ctrl+Z)")
    assert window.undo_action.text().startswith("&Undo ")  # the Edit menu names what is undone
    assert window.toolbar_undo.toolTip() != "Undo  (Ctrl+Z)"
    window.toolbar_undo.trigger()
    assert window.doc.project.name != "A much longer project name than before"
    assert window.toolbar_redo.isEnabled()


def test_importing_the_same_sheet_again_matches_the_people_already_there(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.io.candidate_import import import_candidates
    from planner.model.candidate_merge import DuplicateChoice
    from planner.resources import examples_dir

    sheet = examples_dir() / "ml-startup-candidates.xlsx"
    window = make_window(load_project(examples_dir() / "ml-startup.teamplan"))
    report = import_candidates(sheet, window.doc.project.catalog)
    people = list(report.candidates)
    before = list(window.doc.project.candidates)
    assert {c.name for c in people} <= {c.name for c in before}  # the example project came from this sheet
    monkeypatch.setattr(dialogs, "run_import_dialog", Calls((people, report)))
    monkeypatch.setattr(dialogs, "ask_add_or_replace", Calls(ImportChoice.ADD))
    ask = Calls(DuplicateChoice.SKIP)
    monkeypatch.setattr(dialogs, "ask_duplicates", ask)
    messages: list[str] = []
    window.files.message.connect(messages.append)

    assert window.files.import_file(sheet)
    matches = ask.args[0][1]
    assert len(matches.matches) == len(people) and matches.count_by("email") == len(people)
    assert window.doc.project.candidates == before  # nobody doubled ("Tariq Murphy (2)")
    assert messages[-1] == f"Imported from {sheet.name}: 0 added, 0 updated, {len(people):,} skipped"

    changed = [dataclasses_replace(p, ratings={**p.ratings, "research": 5.0}) for p in people]
    monkeypatch.setattr(dialogs, "run_import_dialog", Calls((changed, report)))
    ask.answer = DuplicateChoice.UPDATE
    assert window.files.import_file(sheet)
    assert all(c.rating("research") == 5.0 for c in window.doc.project.candidates if c.name in {p.name for p in people})
    assert len(window.doc.project.candidates) == len(before)
    assert window.doc.undo_stack.undoText().startswith(f"Import {len(people)} candidates (0 added, ")
    window.doc.undo_stack.undo()  # one step brings every rating back
    assert window.doc.project.candidates == before

    ask.answer = DuplicateChoice.ADD
    assert window.files.import_file(sheet)
    assert len(window.doc.project.candidates) == len(before) + len(people)
    ask.answer = None  # Cancel in the question: nothing changes
    count = len(window.doc.project.candidates)
    assert not window.files.import_file(sheet)
    assert len(window.doc.project.candidates) == count


def test_opening_a_spreadsheet_as_a_project_points_to_import(
    make_window: WindowFactory, errors: Calls, tmp_path: Path
) -> None:
    window = make_window()
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,ML\nAna,4\n", encoding="utf-8")
    assert not window.files.open_path(sheet, ask=False)
    title, message, advice = errors.args[-1][1:4]
    assert title == "Cannot open the project" and "not a Team Planner project" in message
    assert advice == "To bring in candidates from a spreadsheet, use File ▸ Import candidates (Ctrl+I)."
    cut = tmp_path / "cut.teamplan"
    cut.write_text('{"format": "team-planner-project", "name": "Half', encoding="utf-8")
    assert not window.files.open_path(cut, ask=False)
    message, advice = errors.args[-1][2:4]
    assert message.endswith("it was probably cut short while being saved or copied")
    assert advice == "Choose another file."  # no backup beside it: no advice to open one
    (tmp_path / "cut.teamplan.bak").write_text("{}", encoding="utf-8")
    assert not window.files.open_path(cut, ask=False)
    assert ".bak" in errors.args[-1][3]


def test_a_project_saved_before_build_or_buy_says_its_first_plan_now_considers_them(
    qtbot: Any, make_window: WindowFactory, small_project: Project, tmp_path: Path
) -> None:
    from tests.test_project_file import write_version_1

    path = write_version_1(small_project, tmp_path / "old.teamplan")
    window = make_window()
    window.files.open_path(path)
    assert window.doc.project.saved_before_build_buy
    with qtbot.waitSignal(window.solver.solveFinished, timeout=60_000):
        assert window.solver.start()
    assert window.results_panel.notice_text() == (
        "Note: This project was saved before Team Planner considered open positions and training; they are now "
        "allowed: set Open positions to 0 and switch training off in Constraints for a pool-only plan."
    )
    assert window.files.save_to(tmp_path / "saved.teamplan")  # saved in today's format: the note goes
    assert window.results_panel.notice_text() == ""
    assert not load_project(tmp_path / "saved.teamplan").saved_before_build_buy
