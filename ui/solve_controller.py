"""Solve / Stop / Cancel: runs the solver on a :class:`Worker` and reports live progress.

The controller owns the three actions (Solve Ctrl+R, Stop, Cancel Esc), a progress bar
and a status label for the status bar. Each better plan the solver reports is emitted
through :attr:`SolveController.planAvailable` so the results view updates while the
search goes on; the final plan is stored in the document. Stop keeps the best plan so
far; Cancel discards the run. While solving, :attr:`solvingChanged` tells the window to
lock the inputs. The solve function is injectable (tests pass a scripted fake).
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from planner.errors import PlannerError
from planner.model.plan import Plan, PlanStatus
from planner.model.project import Problem
from planner.wording import format_gap, format_seconds
from ui import dialogs
from ui.document import ProjectDocument
from ui.worker import Worker

SolveFunction = Callable[..., Plan]
LIVE_PLAN_MS = 400


def default_solve(problem: Problem, **kwargs: Any) -> Plan:
    """``planner.solver.solve`` in a child process, so the solver's Python work never competes
    with the window for the interpreter (imported late: the window opens without OR-Tools)."""
    from planner.solver.isolated import solve_isolated

    return solve_isolated(problem, **kwargs)


STAGE_VALUES = {"cost": lambda o: o.cost, "team size": lambda o: o.headcount}


def proven_gap(report: Any) -> float | None:
    """How far the best team so far can still be from the best possible, when the solver knows
    (its bound on the cost or the team size); None when it cannot say."""
    objective, bound = getattr(report, "objective", None), getattr(report, "bound", None)
    value_of = STAGE_VALUES.get(str(getattr(report, "stage", "")))
    if objective is None or bound is None or value_of is None:
        return None
    value = float(value_of(objective))
    return max(0.0, (value - float(bound)) / value) if value > 0 else 0.0


def progress_text(report: Any) -> str:
    """What the search is doing, in a manager's words; the team's numbers are the Results view's
    (the plan shown there), never repeated here, so the two cannot disagree."""
    if getattr(report, "plan", None) is None:
        return "Searching for a first team"
    gap = proven_gap(report)
    if gap is None or gap <= 0:
        return "Best team so far shown · searching for a better team"
    return f"Best team so far shown, proven within {format_gap(gap)} · searching for a better team"


def finished_text(plan: Plan) -> str:
    """A short line for the status bar once a solve ends (the verdict is the Results banner)."""
    took = format_seconds(plan.solve_seconds)
    if plan.status is PlanStatus.INFEASIBLE:
        return f"No team fits the constraints (checked in {took})"
    if plan.status is PlanStatus.CANCELLED:
        return f"Stopped after {took}; the best team so far is kept"
    return f"Solved in {took}"


class SolveController(QObject):
    """See the module docstring."""

    solvingChanged = Signal(bool)
    planAvailable = Signal(object, object)  # (Problem, Plan): each better plan, then the final one
    solveFinished = Signal(object)  # the final Plan (after Stop too)
    solveCancelled = Signal()
    message = Signal(str)  # a line for the status bar

    def __init__(self, doc: ProjectDocument, parent_widget: QWidget, solve: SolveFunction | None = None) -> None:
        super().__init__(parent_widget)
        self._doc = doc
        self._parent = parent_widget
        self._solve = solve or default_solve
        self._worker: Worker | None = None
        self._problem: Problem | None = None
        self._started = 0.0
        self._time_limit = 1.0

        self.solve_action = QAction("&Solve", self)
        self.solve_action.setShortcut(QKeySequence("Ctrl+R"))
        self.solve_action.setToolTip("Find the best team for the requirements (Ctrl+R)")
        self.solve_action.triggered.connect(self.start)
        self.stop_action = QAction("S&top", self)
        self.stop_action.setToolTip("Stop now and keep the best plan found so far")
        self.stop_action.triggered.connect(self.stop)
        self.cancel_action = QAction("&Cancel solve", self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setToolTip("Stop now and discard this run (Esc)")
        self.cancel_action.triggered.connect(self.cancel)
        self.keep_team_action = QAction("&Keep the last team where possible", self)
        self.keep_team_action.setCheckable(True)
        self.keep_team_action.setToolTip(
            "When re-solving after an edit, change as few people and roles of the last plan as the "
            "objective allows (coverage, team size and cost still come first)"
        )

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setToolTip("Time used of the solve's time limit")
        self.progress_bar.hide()
        self.status_label = QLabel()
        self._ticker = QTimer(self)
        self._ticker.setInterval(200)
        self._ticker.timeout.connect(self._tick)
        self._last_report_text = ""
        # Live plans are shown at most every LIVE_PLAN_MS (the latest wins): drawing a plan costs
        # the GUI thread real time on big pools, and the solver may find many in a burst.
        self._pending_plan: Any = None
        self._plan_cooldown = QTimer(self)
        self._plan_cooldown.setSingleShot(True)
        self._plan_cooldown.setInterval(LIVE_PLAN_MS)
        self._plan_cooldown.timeout.connect(self._flush_live_plan)
        self._update_actions()

    def is_solving(self) -> bool:
        return self._worker is not None

    def set_solve_function(self, solve: SolveFunction) -> None:
        self._solve = solve

    # --- commands --------------------------------------------------------------------------

    def start(self) -> bool:
        """Validate the project and start a solve; False (with a message) when it cannot start."""
        if self._worker is not None:
            return False
        try:
            problem = self._doc.project.problem()
        except PlannerError as exc:
            dialogs.error(self._parent, "Cannot solve yet", str(exc), "Fix the values named above and solve again.")
            return False
        if not problem.candidates:
            dialogs.error(
                self._parent,
                "No candidates",
                "The project has no candidates to choose from.",
                "Import a spreadsheet (File ▸ Import candidates) or add candidates on the Candidates tab.",
            )
            return False
        self._problem = problem
        self._time_limit = problem.constraints.time_limit
        previous = self._doc.project.plan
        if previous is not None and not previous.team:
            previous = None  # nothing to start from (an infeasible or empty plan)
        worker = Worker(
            self._solve,
            problem,
            parent=self,
            time_limit=self._time_limit,
            previous=previous,  # solution hints: a small edit re-solves from the last plan
            minimize_changes=previous is not None and self.keep_team_action.isChecked(),
        )
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        self._worker = worker
        self._started = time.monotonic()
        self._last_report_text = "Starting…"
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self._ticker.start()
        self._update_actions()
        # Lock the inputs and lay out the results view before the solver thread competes for the
        # interpreter: on a large pool that layout would otherwise stall the window mid-solve.
        self.solvingChanged.emit(True)
        worker.start()
        self._tick()
        return True

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._last_report_text = "Stopping, keeping the best plan so far…"
            self._tick()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._last_report_text = "Cancelling…"
            self._tick()

    def shutdown(self) -> None:
        """Cancel a running solve and wait for its thread (the window is closing)."""
        if self._worker is not None:
            self._worker.cancel_and_wait()
            self._end()

    # --- worker signals ----------------------------------------------------------------------

    def _on_progress(self, report: Any) -> None:
        self._last_report_text = progress_text(report)
        self._tick()
        plan = getattr(report, "plan", None)
        if plan is None or self._problem is None:
            return
        self._pending_plan = plan
        if not self._plan_cooldown.isActive():
            self._flush_live_plan()

    def _flush_live_plan(self) -> None:
        plan, self._pending_plan = self._pending_plan, None
        if plan is not None and self._worker is not None and self._problem is not None:
            self.planAvailable.emit(self._problem, plan)
            self._plan_cooldown.start()

    def _on_finished(self, plan: Plan) -> None:
        problem = self._problem
        self._end()
        self._doc.set_plan(plan)
        self.planAvailable.emit(problem, plan)
        self.status_label.setText(finished_text(plan))
        self.solveFinished.emit(plan)
        if plan.status is PlanStatus.INFEASIBLE:
            dialogs.error(
                self._parent,
                "No team satisfies the constraints",
                plan.message or "The constraints contradict each other.",
                "Relax the constraints named above (Constraints tab, or must-hire pins) and solve again.",
            )

    def _on_failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, PlannerError):
            self.status_label.setText("Solve failed")
            dialogs.error(self._parent, "Cannot solve", str(error))
            return
        self.status_label.setText("Solve failed")
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        from ui import crash

        crash.report(text)

    def _on_cancelled(self) -> None:
        self._end()
        self.status_label.setText("Solve cancelled")
        self.message.emit("Solve cancelled; the previous plan is kept")
        self.solveCancelled.emit()

    # --- helpers -----------------------------------------------------------------------------

    def _end(self) -> None:
        if self._worker is not None:
            self._worker.deleteLater()
        self._worker = None
        self._pending_plan = None
        self._plan_cooldown.stop()
        self._ticker.stop()
        self.progress_bar.hide()
        self._update_actions()
        self.solvingChanged.emit(False)

    def _tick(self) -> None:
        if self._worker is None:
            return
        elapsed = time.monotonic() - self._started
        self.progress_bar.setValue(min(1000, round(1000 * elapsed / max(self._time_limit, 0.001))))
        self.status_label.setText(
            f"{self._last_report_text}  [{format_seconds(elapsed)} of {format_seconds(self._time_limit)}]"
        )

    def _update_actions(self) -> None:
        solving = self._worker is not None
        self.solve_action.setEnabled(not solving)
        self.stop_action.setEnabled(solving)
        self.cancel_action.setEnabled(solving)
