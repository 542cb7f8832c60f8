"""The main window: composes the panels, actions, menus, toolbar and status bar.

Behaviour lives elsewhere: the document (edits and undo), :class:`FileActions` (files),
:class:`SolveController` (solving), the panels (their views). The window wires them,
keeps the title and the input lock in step, accepts dropped files and asks before closing
with unsaved changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QToolBar, QWidget

from planner import __version__
from planner.errors import PlannerError
from planner.model.project import Project, new_project
from ui import dialogs
from ui.actions import PROJECT_SUFFIX, FileActions
from ui.candidates_panel import CandidatesPanel
from ui.constraints_panel import ConstraintsPanel
from ui.document import ProjectDocument
from ui.project_panel import ProjectPanel
from ui.recovery import Autosaver, RecoveryStore
from ui.results_panel import ResultsPanel
from ui.settings import Settings
from ui.solve_controller import SolveController, SolveFunction
from ui.supply_controller import SupplyController
from ui.supply_panel import SupplyPanel
from ui.whatif_controller import WhatIfController

DEFAULT_SIZE = (1280, 820)  # a new window's size
MINIMUM_SIZE = (1024, 640)  # the smallest size every tab lays out cleanly at (760 × 520 cut roles to "S… E…")


class ToolbarUndoAction(QAction):
    """Undo or Redo with a fixed label; the tooltip names what it would undo ("Undo Rename (Ctrl+Z)")."""

    def __init__(self, verb: str, shortcut: str, parent: QWidget) -> None:
        super().__init__(verb, parent)
        self._verb, self._shortcut = verb, shortcut
        self.setEnabled(False)
        self.describe("")

    def describe(self, text: str) -> None:
        self.setToolTip(f"{self._verb} {text} ({self._shortcut})" if text else f"Nothing to {self._verb.lower()}")


class MainWindow(QMainWindow):
    """One project per window; see the module docstring."""

    PROJECT_TAB, CANDIDATES_TAB, CONSTRAINTS_TAB, SUPPLY_TAB, RESULTS_TAB = range(5)

    def __init__(
        self,
        project: Project | None = None,
        *,
        settings: Settings | None = None,
        recovery: RecoveryStore | None = None,
        solve: SolveFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings or Settings()
        self.doc = ProjectDocument(project or new_project("ml", name="Untitled ML project"), parent=self)
        self.autosaver = Autosaver(self.doc, recovery or RecoveryStore())
        self.files = FileActions(self, self.doc, self.settings)
        self.solver = SolveController(self.doc, self, solve)

        self.project_panel = ProjectPanel(self.doc)
        self.candidates_panel = CandidatesPanel(self.doc)
        self.constraints_panel = ConstraintsPanel(self.doc)
        self.supply_panel = SupplyPanel(catalog=self.doc.project.catalog)
        self.results_panel = ResultsPanel()
        self.whatif = WhatIfController(self.doc, self.candidates_panel, self.solver, self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for panel, title, tip in (
            (self.project_panel, "&Project", "Kind, tasks and requirements"),
            (self.candidates_panel, "&Candidates", "The people to choose from"),
            (self.constraints_panel, "Co&nstraints", "Team size, budget and other limits"),
            (self.supply_panel, "S&upply check", "How many candidates qualify for each requirement"),
            (self.results_panel, "&Results", "The plan: team, coverage, gaps and hires"),
            *self.whatif.tabs(),
        ):
            index = self.tabs.addTab(panel, title)
            self.tabs.setTabToolTip(index, tip)
        self.setCentralWidget(self.tabs)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(*MINIMUM_SIZE))

        self.supply = SupplyController(self.doc, self)
        self.supply.reportReady.connect(self.supply_panel.show_report)
        self.doc.projectReplaced.connect(self._on_project_replaced)
        self.doc.modifiedChanged.connect(self.setWindowModified)
        self.doc.pathChanged.connect(self._update_title)
        self.doc.pathChanged.connect(
            lambda: self.results_panel.set_saved_before_build_buy(self.doc.project.saved_before_build_buy)
        )
        self.doc.nameChanged.connect(self._update_title)
        self.doc.currencyChanged.connect(self._on_currency_changed)
        self.doc.editRejected.connect(lambda text: self.statusBar().showMessage(f"Not changed: {text}", 8000))
        self.files.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.solver.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.solver.solvingChanged.connect(self._on_solving_changed)
        self.solver.planAvailable.connect(self.results_panel.show_plan)
        self.results_panel.memberActivated.connect(self._show_candidate)
        self.whatif.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.whatif.showTab.connect(self.tabs.setCurrentWidget)
        self.whatif.planShown.connect(self.results_panel.show_plan)
        self.whatif.busyChanged.connect(self._lock_inputs)
        self.whatif.tradeoff_panel.planChosen.connect(lambda _plan: self.tabs.setCurrentIndex(self.RESULTS_TAB))
        tradeoff = self.whatif.tradeoff_panel
        self.files.tradeoff_source = lambda: (tradeoff.points(), tradeoff.axis())
        self.candidates_panel.countChanged.connect(self.count_label.setText)
        self.count_label.setText(self.candidates_panel.count_label.text())

        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        else:
            self.resize(*DEFAULT_SIZE)
        self._on_project_replaced()
        self.supply.schedule()

    # --- construction ------------------------------------------------------------------------

    def _make_actions(self) -> None:
        stack = self.doc.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        # The toolbar's buttons keep short fixed labels so the toolbar never shifts as the undo text
        # changes ("Undo Import 25 candidates"); the full text is in their tooltips and the Edit menu.
        self.toolbar_undo = self._toolbar_twin("Undo", stack.undo, stack.canUndoChanged, stack.undoTextChanged)
        self.toolbar_redo = self._toolbar_twin("Redo", stack.redo, stack.canRedoChanged, stack.redoTextChanged)
        self.playbook_action = QAction("&Roles and tasks…", self)
        self.playbook_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.playbook_action.setToolTip("Browse the Playbook's roles, tasks and skills")
        self.playbook_action.triggered.connect(lambda: dialogs.show_playbook(self, self.doc.project.catalog))
        self.about_action = QAction("&About Team Planner", self)
        self.about_action.triggered.connect(lambda: dialogs.about(self, __version__, self.doc.project.catalog.citation))
        for action in (self.solver.solve_action, self.solver.stop_action, self.solver.cancel_action):
            self.addAction(action)  # shortcuts work from every tab

    def _toolbar_twin(self, verb: str, run: Any, can_changed: Any, text_changed: Any) -> QAction:
        shortcut = QKeySequence.StandardKey.Undo if verb == "Undo" else QKeySequence.StandardKey.Redo
        action = ToolbarUndoAction(verb, QKeySequence(shortcut).toString(), self)
        action.triggered.connect(run)
        can_changed.connect(action.setEnabled)
        text_changed.connect(action.describe)
        return action

    def _make_menus(self) -> None:
        f = self.files
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([f.new_action, f.new_ds_action, f.new_catalog_action, f.open_action])
        file_menu.addMenu(f.recent_menu)
        file_menu.addMenu(f.examples_menu)
        file_menu.addSeparator()
        file_menu.addActions([f.save_action, f.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions([f.import_action, f.export_plan_action, f.export_template_action])
        file_menu.addSeparator()
        file_menu.addAction(f.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        panel = self.candidates_panel
        edit_menu.addActions([panel.add_action, panel.duplicate_action, panel.delete_action, panel.find_action])
        solve_menu = self.menuBar().addMenu("&Solve")
        solve_menu.addActions([self.solver.solve_action, self.solver.stop_action, self.solver.cancel_action])
        solve_menu.addSeparator()
        solve_menu.addAction(self.solver.keep_team_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([self.playbook_action, self.about_action])

    def _make_toolbar(self) -> None:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.files.new_action, self.files.open_action, self.files.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.toolbar_undo, self.toolbar_redo])
        toolbar.addSeparator()
        toolbar.addActions([self.files.import_action, self.files.export_plan_action])
        toolbar.addSeparator()
        toolbar.addActions([self.solver.solve_action, self.solver.stop_action, self.solver.cancel_action])
        self.addToolBar(toolbar)

    def _make_status_bar(self) -> None:
        self.count_label = QLabel()
        bar = self.statusBar()
        bar.addPermanentWidget(self.solver.status_label)
        bar.addPermanentWidget(self.solver.progress_bar)
        bar.addPermanentWidget(self.count_label)

    # --- reactions ---------------------------------------------------------------------------------

    def _update_title(self, *_args: Any) -> None:
        self.setWindowTitle(f"{self.doc.display_name()}[*] — Team Planner")
        self.setWindowModified(self.doc.is_modified())

    def _on_project_replaced(self) -> None:
        project = self.doc.project
        self.results_panel.set_catalog(project.catalog)
        self.results_panel.currency = project.currency
        self.results_panel.set_saved_before_build_buy(project.saved_before_build_buy)
        self.supply_panel.set_catalog(project.catalog)
        problem = None
        if project.plan is not None:
            try:
                problem = project.problem()
            except PlannerError:
                problem = None
        self.results_panel.show_plan(problem, project.plan)
        self._update_title()

    def _on_currency_changed(self) -> None:
        self.results_panel.currency = self.doc.project.currency

    def refresh_supply(self) -> None:
        """Recompute the supply check now (it also follows every edit by itself)."""
        self.supply.refresh()

    def _on_solving_changed(self, solving: bool) -> None:
        self._lock_inputs(solving)
        if solving:
            self.results_panel.show_solving()
            self.tabs.setCurrentIndex(self.RESULTS_TAB)
        elif self.doc.project.plan is None:  # cancelled or failed before any plan
            self.results_panel.show_plan(None, None)

    def _lock_inputs(self, locked: bool) -> None:
        """No edits while a solve (or Solve all) runs on the project's inputs."""
        for panel in (self.project_panel, self.candidates_panel, self.constraints_panel):
            panel.set_editing_enabled(not locked)
        for action in self.files.input_actions():
            action.setEnabled(not locked)
        self.undo_action.setEnabled(not locked and self.doc.undo_stack.canUndo())
        self.redo_action.setEnabled(not locked and self.doc.undo_stack.canRedo())

    def _show_candidate(self, name: str) -> None:
        if self.candidates_panel.select_candidate(name):
            self.tabs.setCurrentIndex(self.CANDIDATES_TAB)

    # --- drag and drop ------------------------------------------------------------------------

    @staticmethod
    def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        """The one local spreadsheet or project file being dragged, if any."""
        mime = event.mimeData()
        if not mime.hasUrls() or len(mime.urls()) != 1 or not mime.urls()[0].isLocalFile():
            return None
        path = Path(mime.urls()[0].toLocalFile())
        suffix = path.suffix.lower()
        return path if suffix in dialogs.SPREADSHEET_SUFFIXES or suffix == PROJECT_SUFFIX else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_file(event) is not None and not self.solver.is_solving():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.dropped_file(event)
        if path is None or self.solver.is_solving():
            event.ignore()
            return
        event.acceptProposedAction()
        # Open dialogs after the drop returns, so the drag source is not left waiting.
        if path.suffix.lower() == PROJECT_SUFFIX:
            QTimer.singleShot(0, lambda: self.files.open_path(path))
        else:
            QTimer.singleShot(0, lambda: self.files.import_file(path))

    # --- closing ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.solver.shutdown()
        self.whatif.shutdown()
        self.supply.shutdown()
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self.autosaver.timer.stop()
        self.autosaver.store.discard()
        event.accept()
