"""Unexpected exceptions: one crash dialog with a copyable traceback, after saving the work.

:func:`install` hooks ``sys.excepthook`` and ``threading.excepthook``. Exceptions from other
threads are relayed to the GUI thread through a queued signal. Before the dialog opens,
the project is written to the recovery file so nothing is lost if the app must quit.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ui import dialogs

SaveRecovery = Callable[[], bool]


class _CrashRelay(QObject):
    """Carries a traceback from any thread to the GUI thread."""

    crashed = Signal(str)


class CrashHandler:
    """Formats the exception, saves the recovery file, shows the dialog (once at a time)."""

    def __init__(self, save_recovery: SaveRecovery | None, parent: Callable[[], QWidget | None]) -> None:
        self._save_recovery = save_recovery
        self._parent = parent
        self._showing = False
        self._relay = _CrashRelay()
        self._relay.crashed.connect(self.show)
        self.previous_hooks = (sys.excepthook, threading.excepthook)

    def set_save_recovery(self, save_recovery: SaveRecovery | None) -> None:
        self._save_recovery = save_recovery

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.report("".join(traceback.format_exception(kind, value, tb)))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.report("".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))

    def report(self, text: str) -> None:
        """Show ``text`` in the crash dialog (from any thread)."""
        if threading.current_thread() is threading.main_thread():
            self.show(text)
        else:
            self._relay.crashed.emit(text)

    def show(self, text: str) -> None:
        sys.stderr.write(text)
        if self._showing:  # an error inside the crash dialog: the first one is what matters
            return
        self._showing = True
        try:
            saved = False
            if self._save_recovery is not None:
                try:
                    saved = self._save_recovery()
                except Exception:  # the crash dialog must open even if saving fails
                    saved = False
            note = (
                "Your work was saved to a recovery file; Team Planner offers it the next time it starts."
                if saved
                else "There were no unsaved changes to keep."
                if self._save_recovery is not None
                else ""
            )
            dialogs.show_crash(self._parent(), text, note)
        finally:
            self._showing = False


_handler: CrashHandler | None = None


def install(save_recovery: SaveRecovery | None, parent: Callable[[], QWidget | None]) -> CrashHandler:
    """Route uncaught exceptions (main and other threads) to the crash dialog."""
    global _handler
    _handler = CrashHandler(save_recovery, parent)
    sys.excepthook = _handler.excepthook
    threading.excepthook = _handler.thread_excepthook
    return _handler


def uninstall() -> None:
    global _handler
    if _handler is not None:
        sys.excepthook, threading.excepthook = _handler.previous_hooks
        _handler = None


def handler() -> CrashHandler | None:
    return _handler


def report(text: str) -> None:
    """Show an exception's traceback text in the crash dialog (or stderr if none installed)."""
    if _handler is not None:
        _handler.report(text)
    else:
        sys.stderr.write(text)
        dialogs.show_crash(None, text, "")
