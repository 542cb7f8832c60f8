"""Keeps the Supply check tab current: recomputes ``supply_check`` off the GUI thread.

After an edit the check is scheduled (debounced, so typing does not start a run per key)
and runs on a :class:`Worker`; a newer request discards an older run's result. On a
20,000-candidate pool the check takes a few hundred milliseconds, which would otherwise
freeze the window after every edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from planner.errors import PlannerError
from planner.model.project import Project
from ui.document import ProjectDocument
from ui.worker import Worker

DELAY_MS = 300


def snapshot(project: Project) -> Project:
    """A copy of the project's editable containers (items are immutable), safe to read on another thread."""
    return dataclasses.replace(
        project,
        subtasks=dict(project.subtasks),
        requirement_overrides=dict(project.requirement_overrides),
        nice_to_have=set(project.nice_to_have),
        candidates=list(project.candidates),
    )


def _supply_job(project: Project, *, on_progress: Callable[[Any], None], should_stop: Callable[[], bool]) -> Any:
    """Validate and check on the worker thread (validating 20,000 candidates takes a while too)."""
    from planner.solver import supply_check

    problem = project.problem()
    return supply_check(problem) if problem.candidates else None


class SupplyController(QObject):
    """Emits ``reportReady(report | None)`` whenever the inputs settle."""

    reportReady = Signal(object)

    def __init__(self, doc: ProjectDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._workers: list[Worker] = []
        self._latest: Worker | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        for signal in (doc.candidatesChanged, doc.requirementsChanged, doc.constraintsChanged, doc.projectReplaced):
            signal.connect(self.schedule)

    def schedule(self) -> None:
        self.timer.start()

    def is_running(self) -> bool:
        return any(worker.is_running() for worker in self._workers)

    def refresh(self) -> None:
        """Start a check now (an unsolvable or empty project shows the empty state at once)."""
        self.timer.stop()
        for worker in self._workers:
            worker.cancel()
        project = self._doc.project
        if not project.candidates:
            self._latest = None
            self.reportReady.emit(None)
            return
        worker = Worker(_supply_job, snapshot(project), parent=self)
        worker.finished.connect(lambda report, w=worker: self._on_finished(w, report))
        worker.failed.connect(lambda error, w=worker: self._on_failed(w, error))
        worker.cancelled.connect(lambda w=worker: self._forget(w))
        self._workers.append(worker)
        self._latest = worker
        worker.start()

    def shutdown(self) -> None:
        """Stop scheduling and wait for running checks (the window is closing)."""
        self.timer.stop()
        for worker in self._workers:
            worker.cancel_and_wait()
        self._workers.clear()

    def _on_finished(self, worker: Worker, report: Any) -> None:
        self._forget(worker)
        if worker is self._latest:
            self.reportReady.emit(report)

    def _on_failed(self, worker: Worker, error: BaseException) -> None:
        self._forget(worker)
        if isinstance(error, PlannerError):
            if worker is self._latest:
                self.reportReady.emit(None)
            return
        raise error  # a bug: let the crash handler show it

    def _forget(self, worker: Worker) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        worker.deleteLater()
