"""Hidden start-up modes that prove a build works: quit once the window shows, or run a first session.

Two environment variables, never set in normal use:

* ``TEAM_PLANNER_QUIT_AFTER_SHOW=1``: print ``shown: <title>`` once the window is on screen and
  the event loop runs, then close the window (the cold-start benchmark and smoke tests).
* ``TEAM_PLANNER_SELF_CHECK=FOLDER``: drive the real window through what a manager does first —
  import the example spreadsheet, solve (in the solver's child process, as always), show every
  tab, export the plan workbook and save the project into ``FOLDER`` — printing one line per
  step, then close. The desktop build's test runs this on the frozen executable, where the
  solver's child process and the bundled readers are what can break.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from planner.resources import examples_dir

QUIT_AFTER_SHOW = "TEAM_PLANNER_QUIT_AFTER_SHOW"
SELF_CHECK = "TEAM_PLANNER_SELF_CHECK"
SPREADSHEET = "ml-startup-candidates.xlsx"


def say(line: str) -> None:
    print(line, flush=True)


class SelfCheck(QObject):
    """Runs the steps of the module docstring on ``window`` (a :class:`ui.main_window.MainWindow`)."""

    def __init__(self, window: Any, folder: Path | None) -> None:
        super().__init__(window)
        self._window = window
        self._folder = folder

    def start(self) -> None:
        QTimer.singleShot(0, lambda: self._step(self._shown))

    def _step(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception:  # a self-check reports and fails; it must never hang on a dialog
            say("failed:\n" + traceback.format_exc())
            QApplication.instance().exit(1)  # type: ignore[union-attr]

    def _shown(self) -> None:
        say(f"shown: {self._window.windowTitle()}")
        if self._folder is None:
            self._close()
            return
        from planner.io.candidate_import import import_candidates

        doc = self._window.doc
        report = import_candidates(examples_dir() / SPREADSHEET, doc.project.catalog)
        if not doc.import_candidates(list(report.candidates), True):
            raise RuntimeError("the imported candidates were refused")
        say(f"imported: {len(doc.project.candidates)} candidates from {SPREADSHEET}")
        self._window.solver.solveFinished.connect(lambda plan: self._step(lambda: self._solved(plan)))
        self._window.solver.solve_action.trigger()

    def _solved(self, plan: Any) -> None:
        say(f"solved: {plan.status.value}, team of {len(plan.team)}")
        tabs = self._window.tabs
        titles = []
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            titles.append(tabs.tabText(index).replace("&", ""))
        say(f"tabs: {', '.join(titles)}")
        assert self._folder is not None
        self._folder.mkdir(parents=True, exist_ok=True)
        workbook = self._folder / "plan.xlsx"
        if not self._window.files.export_plan_to(workbook):
            raise RuntimeError("the plan workbook was not written")
        say(f"exported: {workbook}")
        project = self._folder / "project.teamplan"
        if not self._window.files.save_to(project):
            raise RuntimeError("the project was not saved")
        say(f"saved: {project}")
        self._close()

    def _close(self) -> None:
        self._window.close()
        say("closed" if not self._window.isVisible() else "still open")


def install(window: Any, environ: Mapping[str, str] = os.environ) -> SelfCheck | None:
    """Start the mode the environment asks for, if any (after ``window.show()``)."""
    folder = environ.get(SELF_CHECK)
    if not folder and not environ.get(QUIT_AFTER_SHOW):
        return None
    check = SelfCheck(window, Path(folder) if folder else None)
    check.start()
    return check
