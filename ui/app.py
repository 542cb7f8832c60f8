"""Start the desktop app: QApplication, style, palette and icon, crash handler, the main window.

``python main.py`` opens a new ML project; ``python main.py FILE.teamplan`` opens that
file, or hands it to the Team Planner already running (:mod:`ui.single_instance`). After a
crash, the recovery file is offered back before anything else. On X11 the platform plugin's
system libraries are checked first (:mod:`ui.platform_check`), so a missing one gives advice
instead of Qt's abort.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFileOpenEvent, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.cli import program_name
from planner.errors import PlannerError
from planner.resources import icon_path
from ui import crash, dialogs, self_check
from ui.main_window import MainWindow
from ui.platform_check import missing_xcb_support, uses_xcb
from ui.recovery import RecoveryStore
from ui.single_instance import InstanceServer, hand_off

APP_NAME = "Team Planner"
ORGANIZATION = "Team Planner"
DOMAIN = "team-planner.example.org"
DESKTOP_FILE = "team-planner"  # packaging/linux/team-planner.desktop: Wayland matches the window to it
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


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


def app_icon() -> QIcon:
    """The application icon, one drawn PNG per size (no SVG plugin needed at run time)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(size)
        if path.exists():
            icon.addFile(str(path))
    return icon


def is_dark_mode(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def make_application(argv: list[str]) -> QApplication:
    """The QApplication (``argv`` as in ``sys.argv``) with name, organisation, Fusion style and palette."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setOrganizationDomain(DOMAIN)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setWindowIcon(app_icon())
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


def open_requested(window: MainWindow, path: Path) -> None:
    """A later start handed ``path`` over: open it here (asking about unsaved changes) and come forward."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    window.files.open_path(path)


class FileOpenHandler(QObject):
    """macOS hands a double-clicked project to the running app as a QFileOpenEvent, not in argv."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            open_requested(self._window, Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def serve_later_starts(window: MainWindow, server: InstanceServer | None = None) -> InstanceServer:
    """Open in ``window`` the files of later starts and of the desktop's file-open events."""
    QCoreApplication.instance().installEventFilter(FileOpenHandler(window))  # type: ignore[union-attr]
    server = server or InstanceServer(parent=window)
    server.fileRequested.connect(lambda path: open_requested(window, path))
    server.listen()
    return server


def main(argv: list[str] | None = None) -> int:
    """Run the app; ``argv`` is like ``sys.argv`` (program name first, then an optional project path)."""
    args = list(sys.argv if argv is None else argv) or ["team-planner"]
    if uses_xcb(os.environ):
        advice = missing_xcb_support()
        if advice is not None:
            print(advice, file=sys.stderr)
            return 1
    if use_offscreen_without_display(os.environ):
        print(
            "Team Planner: no display found, so the window runs offscreen (nothing is shown; Ctrl+C quits).\n"
            f"Start it from a desktop session to see it, or work headless: {program_name()} solve PROJECT.teamplan",
            file=sys.stderr,
        )
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # nothing on screen to close: let Ctrl+C end it
    app = make_application(args)
    # Qt has taken its own options (-style, -platform …) out of app.arguments() by now.
    paths = [a for a in app.arguments()[1:] if not a.startswith("-")]
    if paths and hand_off(Path(paths[0])):
        print(f"Team Planner is already running: {paths[0]} opens there.", file=sys.stderr)
        return 0
    store = RecoveryStore()
    window = MainWindow(recovery=store)
    crash.install(window.autosaver.save_if_modified, lambda: window)
    serve_later_starts(window)
    window.show()
    restored = offer_recovery(window, store)
    if paths and not restored:
        window.files.open_path(Path(paths[0]), ask=False)
    self_check.install(window)
    try:
        return app.exec()
    finally:
        crash.uninstall()
