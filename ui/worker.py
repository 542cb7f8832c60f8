"""The one worker abstraction: run a ``planner`` function on a QThread, talk through signals.

``Worker(function, *args, **kwargs)`` calls ``function(*args, on_progress=..., should_stop=...,
**kwargs)`` on its own thread. It never touches widgets; the GUI hears from it only through
queued signals:

- ``progress(object)``: the latest progress report (reports arriving faster than the GUI
  takes them are coalesced, so a chatty function cannot flood the event loop);
- ``finished(object)``: the function's result (also after :meth:`stop`, which asks the
  function to return early with its best result so far);
- ``failed(object)``: the exception the function raised;
- ``cancelled()``: after :meth:`cancel`, which stops the function and discards its result.

The final signal is emitted only once the thread has ended, so a receiver may start the
next job (or close the window) straight away.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class WorkerState(Enum):
    IDLE = "idle"
    RUNNING = "running"
    STOPPING = "stopping"  # asked to return its best result early
    CANCELLING = "cancelling"  # asked to stop; the result will be discarded
    DONE = "done"


class _JobThread(QThread):
    """Runs the function; results are handed over through attributes and queued signals."""

    progressReady = Signal()

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self._function, self._args, self._kwargs = function, args, kwargs
        self.stop_event = threading.Event()
        self._lock = threading.Lock()
        self._latest: Any = None
        self._pending = False
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._function(
                *self._args, on_progress=self._report, should_stop=self.stop_event.is_set, **self._kwargs
            )
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            self.error = exc

    def _report(self, report: Any) -> None:
        with self._lock:
            self._latest = report
            if self._pending:
                return
            self._pending = True
        self.progressReady.emit()

    def take_progress(self) -> Any:
        with self._lock:
            self._pending = False
            report, self._latest = self._latest, None
            return report


class Worker(QObject):
    """See the module docstring. One worker runs one job once."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, function: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any) -> None:
        super().__init__(parent)
        self._thread = _JobThread(function, args, kwargs)
        self._thread.progressReady.connect(self._on_progress)
        self._thread.finished.connect(self._on_thread_finished)
        self._state = WorkerState.IDLE

    @property
    def state(self) -> WorkerState:
        return self._state

    def is_running(self) -> bool:
        return self._state in (WorkerState.RUNNING, WorkerState.STOPPING, WorkerState.CANCELLING)

    def start(self) -> None:
        if self._state is not WorkerState.IDLE:
            raise RuntimeError("a Worker runs once; make a new one")
        self._state = WorkerState.RUNNING
        self._thread.start()

    def stop(self) -> None:
        """Ask the function to finish early; ``finished`` brings its best result so far."""
        if self._state is WorkerState.RUNNING:
            self._state = WorkerState.STOPPING
            self._thread.stop_event.set()

    def cancel(self) -> None:
        """Ask the function to finish early and discard the result; ``cancelled`` follows."""
        if self._state in (WorkerState.RUNNING, WorkerState.STOPPING):
            self._state = WorkerState.CANCELLING
            self._thread.stop_event.set()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the thread has ended (True) or ``msecs`` passed (False)."""
        if msecs < 0:
            return self._thread.wait()
        return self._thread.wait(msecs)

    def cancel_and_wait(self) -> None:
        """Cancel and block until the thread has ended (window closing); emits nothing more."""
        self.cancel()
        self._thread.wait()
        self._finish(quiet=True)

    def _on_progress(self) -> None:
        report = self._thread.take_progress()
        if report is not None and self._state in (WorkerState.RUNNING, WorkerState.STOPPING):
            self.progress.emit(report)

    def _on_thread_finished(self) -> None:
        self._finish(quiet=False)

    def _finish(self, quiet: bool) -> None:
        if self._state is WorkerState.DONE:
            return
        self._thread.wait()  # ``finished`` fires just before the thread really ends
        state, self._state = self._state, WorkerState.DONE
        if quiet:
            return
        if state is WorkerState.CANCELLING:
            self.cancelled.emit()
        elif self._thread.error is not None:
            self.failed.emit(self._thread.error)
        else:
            self.finished.emit(self._thread.result)
