"""Regenerate the README's screenshots of every view into ``docs/screenshots/``.

Runs offscreen on the bundled example (``examples/ml-startup.teamplan``; a generated pool
if it is missing), solves it, and grabs each tab plus the import dialog and the Playbook
browser, at the default window size (``results.png``) and at the minimum size
(``results-min.png``), plus the plan's open position selected (``results-position.png``).
Usage: ``python docs/make_screenshots.py [OUTPUT_FOLDER]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from planner.errors import PlannerError  # noqa: E402
from planner.io.project_file import load_project  # noqa: E402
from planner.model.project import Project, new_project  # noqa: E402
from planner.model.samples import generate_pool  # noqa: E402
from planner.resources import examples_dir  # noqa: E402
from ui.app import dark_palette, make_application  # noqa: E402
from ui.main_window import DEFAULT_SIZE, MINIMUM_SIZE, MainWindow  # noqa: E402
from ui.models.team_model import POSITION_ROLE  # noqa: E402
from ui.recovery import RecoveryStore  # noqa: E402
from ui.settings import Settings  # noqa: E402


def example_project() -> Project:
    try:
        return load_project(examples_dir() / "ml-startup.teamplan")
    except PlannerError:
        project = new_project("ml", name="ML start-up")
        project.candidates = generate_pool(project.catalog, 25, seed=42)
        return project


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def solve_and_wait(app: QApplication, window: MainWindow) -> None:
    loop = QEventLoop()
    window.solver.solveFinished.connect(lambda _plan: loop.quit())
    window.solver.solveCancelled.connect(loop.quit)
    if window.solver.start():
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()


def window_shots(app: QApplication, window: MainWindow, out: Path, suffix: str) -> None:
    """Every tab of ``window`` (already solved) as ``<tab><suffix>.png``."""
    settle(app)
    window.tabs.setCurrentIndex(window.PROJECT_TAB)
    grab(app, window, out / f"project{suffix}.png")
    window.tabs.setCurrentIndex(window.CANDIDATES_TAB)
    candidates = window.doc.project.candidates
    if candidates:
        window.candidates_panel.select_candidate(candidates[min(2, len(candidates) - 1)].name)
    grab(app, window, out / f"candidates{suffix}.png")
    window.tabs.setCurrentIndex(window.CONSTRAINTS_TAB)
    grab(app, window, out / f"constraints{suffix}.png")
    window.tabs.setCurrentIndex(window.SUPPLY_TAB)
    grab(app, window, out / f"supply{suffix}.png")
    window.tabs.setCurrentIndex(window.RESULTS_TAB)
    window.results_panel.select_member(None)
    window.results_panel.views.setCurrentIndex(0)
    grab(app, window, out / f"results{suffix}.png")
    team = window.results_panel.team_model
    if team.rowCount():
        window.results_panel.select_member(team.index(0, 0).data())
    window.results_panel.views.setCurrentIndex(1)
    grab(app, window, out / f"results-member{suffix}.png")
    window.results_panel.views.setCurrentIndex(0)
    positions = [team.name(r) for r in range(team.rowCount()) if team.index(r, 0).data(POSITION_ROLE)]
    if positions and not suffix:  # an open position selected: its details, and what it covers outlined
        window.results_panel.select_member(positions[0])
        grab(app, window, out / "results-position.png")
    window.results_panel.select_member(None)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    scratch = Path(tempfile.mkdtemp(prefix="team-planner-shots-"))
    settings = Settings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(example_project(), settings=settings, recovery=RecoveryStore(scratch / "recovery"))
    window.resize(*DEFAULT_SIZE)
    window.show()
    settle(app)
    loop = QEventLoop()
    window.supply.reportReady.connect(lambda _report: loop.quit())
    window.refresh_supply()
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    solve_and_wait(app, window)

    window_shots(app, window, out, "")
    window.resize(*MINIMUM_SIZE)
    window_shots(app, window, out, "-min")
    window.resize(*DEFAULT_SIZE)
    settle(app)

    sheet = examples_dir() / "ml-startup-candidates.xlsx"
    if sheet.is_file():
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(sheet, window.doc.project.catalog, window)
        dialog.show()
        grab(app, dialog, out / "import.png")
        dialog.close()

    from ui.playbook_browser import PlaybookBrowser

    browser = PlaybookBrowser(window.doc.project.catalog, window)
    browser.resize(1100, 760)
    browser.show()
    grab(app, browser, out / "playbook.png")
    browser.close()

    app.setPalette(dark_palette())
    window.tabs.setCurrentIndex(window.RESULTS_TAB)
    grab(app, window, out / "results-dark.png")

    window.doc.mark_saved(scratch / "unused.teamplan")  # close without the unsaved-changes prompt
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
