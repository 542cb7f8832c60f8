"""The worker runs a function on a QThread and reports only through signals."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QThread, QTimer

from ui.worker import Worker, WorkerState


def counting(limit: int, *, on_progress: Callable[[Any], None], should_stop: Callable[[], bool]) -> int:
    """Counts up, reporting each step; returns the count reached when stopped or done."""
    count = 0
    while count < limit and not should_stop():
        count += 1
        on_progress(count)
        time.sleep(0.002)
    return count


def test_runs_on_another_thread_and_returns_the_result(qtbot: Any) -> None:
    seen: list[Any] = []

    def where(*, on_progress: Callable[[Any], None], should_stop: Callable[[], bool]) -> bool:
        seen.append(threading.current_thread() is threading.main_thread())
        return True

    worker = Worker(where)
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == [True]
    assert seen == [False]
    assert worker.state is WorkerState.DONE
    assert not worker.is_running()


def test_progress_arrives_in_order_and_is_coalesced(qtbot: Any) -> None:
    reports: list[int] = []
    worker = Worker(counting, 200)
    worker.progress.connect(lambda report: reports.append(report))
    with qtbot.waitSignal(worker.finished, timeout=10_000) as blocker:
        worker.start()
    assert blocker.args == [200]
    assert reports and reports == sorted(reports)
    assert reports[-1] <= 200
    assert len(reports) <= 200


def test_stop_keeps_the_result_so_far(qtbot: Any) -> None:
    worker = Worker(counting, 10**9)
    with qtbot.waitSignal(worker.progress, timeout=5000):
        worker.start()
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        worker.stop()
    assert 0 < blocker.args[0] < 10**9


def test_cancel_discards_the_result(qtbot: Any) -> None:
    worker = Worker(counting, 10**9)
    finished: list[Any] = []
    worker.finished.connect(finished.append)
    with qtbot.waitSignal(worker.progress, timeout=5000):
        worker.start()
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.cancel()
    assert finished == []
    assert not worker.is_running()


def test_failure_is_reported_with_the_exception(qtbot: Any) -> None:
    def broken(*, on_progress: Callable[[Any], None], should_stop: Callable[[], bool]) -> None:
        raise ValueError("no good")

    worker = Worker(broken)
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start()
    assert isinstance(blocker.args[0], ValueError)
    assert str(blocker.args[0]) == "no good"


def test_cancel_and_wait_ends_the_thread_and_emits_nothing(qtbot: Any) -> None:
    worker = Worker(counting, 10**9)
    emitted: list[str] = []
    worker.finished.connect(lambda _r: emitted.append("finished"))
    worker.cancelled.connect(lambda: emitted.append("cancelled"))
    with qtbot.waitSignal(worker.progress, timeout=5000):
        worker.start()
    worker.cancel_and_wait()
    assert not worker.is_running()
    qtbot.wait(50)  # let any queued signal arrive: none may
    assert emitted == []


def test_a_worker_runs_once(qtbot: Any) -> None:
    worker = Worker(counting, 1)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start()
    with pytest.raises(RuntimeError):
        worker.start()


def test_event_loop_keeps_running_while_the_worker_works(qtbot: Any) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    worker = Worker(counting, 10**9)
    worker.start()
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)
    assert worker.is_running()
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.cancel()
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.5


def test_dangling_thread_detector_sees_running_threads(dangling_qthreads: Callable[[], list[QThread]]) -> None:
    thread = QThread()
    thread.start()
    try:
        assert thread in dangling_qthreads()
    finally:
        thread.quit()
        thread.wait()
    assert thread not in dangling_qthreads()


def test_progress_text_speaks_of_the_search_not_of_bounds() -> None:
    from planner.model.plan import Objective
    from planner.solver import SolveProgress
    from ui.solve_controller import progress_text

    team = Objective(headcount=4, cost=840_000)
    assert progress_text(SolveProgress("coverage", team, None, 1.0, None)) == "Searching for a first team"
    plan = object()
    cost = progress_text(SolveProgress("cost", team, 798_000, 1.0, plan))  # type: ignore[arg-type]
    assert cost == "Best team so far shown, proven within 5% · searching for a better team"
    coverage = progress_text(SolveProgress("coverage", team, 0.0, 1.0, plan))  # type: ignore[arg-type]
    assert coverage == "Best team so far shown · searching for a better team"
    assert "840,000" not in cost and "bound" not in cost  # the Results view shows the team's numbers
