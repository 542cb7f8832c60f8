"""Start the desktop app: QApplication, style and palette, crash handler, the main window.

``python main.py`` opens a new ML project; ``python main.py FILE.teamplan`` opens that
file. After a crash, the recovery file is offered back before anything else.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.errors import PlannerError
from ui import crash, dialogs
from ui.main_window import MainWindow
from ui.recovery import RecoveryStore

APP_NAME = "Team Planner"
ORGANIZATION = "Team Planner"
DOMAIN = "team-planner.example.org"


def dark_palette() -> QPalette:
    """A Fusion palette for dark mode (readable text, visible disabled state and links)."""
    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    disabled = QColor(128, 128, 128)
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, base)
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(40, 40, 43))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64))
    palette.setColor(QPalette.ColorRole.ToolTipText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, disabled)
    palette.setColor(QPalette.ColorRole.Text, text)
    palette.setColor(QPalette.ColorRole.Button, window)
    palette.setColor(QPalette.ColorRole.ButtonText, text)
    palette.setColor(QPalette.ColorRole.BrightText, QColor(255, 90, 90))
    palette.setColor(QPalette.ColorRole.Link, QColor(100, 170, 255))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(42, 130, 218))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def is_dark_mode(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def make_application(argv: list[str]) -> QApplication:
    """The QApplication (``argv`` as in ``sys.argv``) with name, organisation, Fusion style and palette."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setOrganizationDomain(DOMAIN)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if is_dark_mode(app) else app.style().standardPalette())
    return app


def offer_recovery(window: MainWindow, store: RecoveryStore) -> bool:
    """After a crash, offer the recovery file; True when it was restored."""
    info = store.pending()
    if info is None:
        return False
    if not dialogs.ask_restore_recovery(window, info.name, info.saved_at):
        store.discard()
        return False
    try:
        project = store.load()
    except PlannerError as exc:
        dialogs.error(window, "Cannot restore", str(exc), "The recovery file is damaged; it has been set aside.")
        store.discard()
        return False
    window.doc.load(project, info.original)
    window.doc.mark_modified()  # restored work is not saved anywhere yet
    return True


def use_offscreen_without_display(environ: MutableMapping[str, str]) -> bool:
    """On Linux with no display (a server, CI), run offscreen instead of aborting in Qt; True if so."""
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return False
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return False
    environ["QT_QPA_PLATFORM"] = "offscreen"
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the app; ``argv`` is like ``sys.argv`` (program name first, then an optional project path)."""
    args = list(sys.argv if argv is None else argv) or ["team-planner"]
    if use_offscreen_without_display(os.environ):
        print(
            "Team Planner: no display found, so the window runs offscreen (nothing is shown; Ctrl+C quits).\n"
            "Start it from a desktop session to see it, or work headless: python main.py solve PROJECT.teamplan",
            file=sys.stderr,
        )
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # nothing on screen to close: let Ctrl+C end it
    app = make_application(args)
    store = RecoveryStore()
    window = MainWindow(recovery=store)
    crash.install(window.autosaver.save_if_modified, lambda: window)
    window.show()
    # Qt has taken its own options (-style, -platform …) out of app.arguments() by now.
    paths = [a for a in app.arguments()[1:] if not a.startswith("-")]
    restored = offer_recovery(window, store)
    if paths and not restored:
        window.files.open_path(Path(paths[0]), ask=False)
    try:
        return app.exec()
    finally:
        crash.uninstall()
