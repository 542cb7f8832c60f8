"""GUI test fixtures: isolated settings and recovery folder, windows, and no dangling threads."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThread

from planner.model.constraints import Constraints
from planner.model.plan import Objective, Plan, PlanStatus
from planner.model.project import Problem, Project, new_project
from planner.model.samples import generate_pool
from ui.main_window import MainWindow
from ui.recovery import RecoveryStore
from ui.settings import Settings

_started_threads: list[weakref.ReferenceType[QThread]] = []
_original_start = QThread.start


def _recording_start(self: QThread, *args: Any) -> None:
    _started_threads.append(weakref.ref(self))
    _original_start(self, *args)


QThread.start = _recording_start  # type: ignore[method-assign]


def running_qthreads() -> list[QThread]:
    """QThreads started during the current test that are still running."""
    running = []
    for ref in _started_threads:
        thread = ref()
        try:
            alive = thread is not None and thread.isRunning()
        except RuntimeError:  # the C++ object is gone: it is not running
            alive = False
        if alive and thread is not None:
            running.append(thread)
    return running


@pytest.fixture
def dangling_qthreads() -> Callable[[], list[QThread]]:
    """The detector itself, so a test can check that it sees threads."""
    return running_qthreads


@pytest.fixture(autouse=True)
def no_dangling_qthreads(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a QThread running (napari's ``_dangling_qthreads``)."""
    _started_threads.clear()
    yield
    running = running_qthreads()
    for thread in running:  # do not leak into the next test either
        thread.wait(10_000)
    _started_threads.clear()
    if running:
        pytest.fail(f"{request.node.name} left {len(running)} QThread(s) running")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def recovery(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


def make_plan(problem: Problem, status: PlanStatus = PlanStatus.OPTIMAL, headcount: int = 1) -> Plan:
    """A small hand-made plan (the fake solver returns these)."""
    return Plan(
        status=status,
        solve_seconds=0.1,
        objective=Objective(headcount=headcount),
        settings=problem.constraints,
        roles={},
        requirements=problem.requirements,
    )


class FakeSolve:
    """A scripted solve: reports progress every few ms until asked to stop (or ``steps`` are done)."""

    def __init__(self, steps: int = 1_000_000, error: Exception | None = None) -> None:
        self.steps = steps
        self.error = error
        self.calls = 0
        self.reports = 0

    def __call__(
        self,
        problem: Problem,
        *,
        time_limit: float,
        on_progress: Callable[[Any], None],
        should_stop: Callable[[], bool],
        **options: Any,  # previous, minimize_changes: recorded, not used
    ) -> Plan:
        from planner.solver import SolveProgress

        self.options = options

        self.calls += 1
        if self.error is not None:
            raise self.error
        started = time.monotonic()
        for step in range(self.steps):
            if should_stop():
                return make_plan(problem, PlanStatus.CANCELLED)
            plan = make_plan(problem, PlanStatus.FEASIBLE, headcount=10 - min(step, 9))
            on_progress(SolveProgress("coverage", plan.objective, 0.0, time.monotonic() - started, plan))
            self.reports += 1
            time.sleep(0.005)  # the worker thread sleeps, never the GUI thread
        return make_plan(problem)


@pytest.fixture
def small_project(catalog: Any) -> Project:
    return new_project(
        "ml", name="Test project", candidates=generate_pool(catalog, 12, seed=3), constraints=Constraints(time_limit=10)
    )


@pytest.fixture
def make_window(qtbot: Any, settings: Settings, recovery: RecoveryStore) -> Callable[..., MainWindow]:
    """Build a main window with isolated settings; closed (without prompts) after the test."""
    windows: list[MainWindow] = []

    def factory(project: Project | None = None, solve: Any = None) -> MainWindow:
        window = MainWindow(project, settings=settings, recovery=recovery, solve=solve)
        windows.append(window)  # closed below, not by qtbot: its close would ask about unsaved changes
        return window

    yield factory  # type: ignore[misc]
    for window in windows:
        window.solver.shutdown()
        window.doc.mark_saved(window.doc.path or Path("unused.teamplan"))
        window.close()
        window.deleteLater()
