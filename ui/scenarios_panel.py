"""The What-if view: a project's named scenarios and their plans side by side.

The list shows each scenario with what differs from the setup in the editor (Current)
and its last solve; the comparison table below lines up Current and every scenario
(team, headcount, cost, coverage, gaps, hires, who joins and leaves) with the differences
highlighted. Every edit of the list is an undoable command on the given ``QUndoStack``.
Loading a scenario into the editor and solving are the main window's job: the panel
asks for them with :attr:`ScenariosPanel.applyRequested` and
:attr:`ScenariosPanel.solveAllRequested`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.analyses.scenario_solve import ScenarioResult
from planner.analyses.scenarios import Comparison, compare_scenarios, copy_scenario, find_scenario, snapshot
from planner.model.candidates import unique_name
from planner.model.catalog import default_catalog
from planner.model.plan import Plan
from planner.model.project import Project
from planner.model.scenario import CURRENT
from ui.models.comparison_model import DIFFERENCE_COLORS, ComparisonModel, Difference
from ui.models.scenario_list_model import NAME_ROLE, ScenarioColumn, ScenarioListModel
from ui.scenario_commands import (
    AddScenarioCommand,
    RemoveScenarioCommand,
    RenameScenarioCommand,
    UpdateScenarioCommand,
    rename_problem,
)

EMPTY_HINT = (
    "No scenarios yet. Set up a what-if in the editor (a lower budget, a task dropped, someone excluded), "
    "then press New from current to keep it; Solve all to compare them side by side."
)


def comparison_legend() -> QLabel:
    """A one-line key to the comparison table's colours."""

    def swatch(difference: Difference) -> str:
        return f"<span style='color:{DIFFERENCE_COLORS[difference].name()}'>■</span>"

    label = QLabel(
        f"{swatch(Difference.BETTER)} better than Current &nbsp; {swatch(Difference.WORSE)} worse &nbsp; "
        f"{swatch(Difference.DIFFERENT)} different"
    )
    label.setWordWrap(True)
    return label


class ScenariosPanel(QWidget):
    """See the module docstring."""

    applyRequested = Signal(str)  # load the named scenario's settings into the editor
    solveAllRequested = Signal()
    stopRequested = Signal()  # the Solve all button reads Stop while a run is going on
    scenariosChanged = Signal()  # after every change of the list (also undo/redo)
    editRejected = Signal(str)

    def __init__(self, undo_stack: QUndoStack | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._project: Project | None = None
        self._busy = False

        self.list_model = ScenarioListModel(self)
        self.list_model.set_renamer(self.rename_scenario)
        self.list_view = QTableView()
        self.list_view.setObjectName("scenarioList")
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list_view.verticalHeader().hide()
        self.list_view.setAlternatingRowColors(True)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(ScenarioColumn.NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ScenarioColumn.CHANGES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ScenarioColumn.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.list_view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.new_button = self._button(
            "&New from current", self.new_from_current, "Keep the editor's setup as a scenario"
        )
        self.duplicate_button = self._button("D&uplicate", self.duplicate_selected, "Copy the selected scenario")
        self.rename_button = self._button("&Rename", self._start_rename, "Rename the selected scenario (F2)")
        self.update_button = self._button(
            "Update from c&urrent", self.update_selected, "Give the selected scenario the editor's setup"
        )
        self.delete_button = self._button("&Delete", self.delete_selected, "Delete the selected scenario")
        self.load_button = self._button(
            "&Load into editor", self._request_apply, "Put the selected scenario's settings in the editor (undoable)"
        )
        self.solve_button = self._button("&Solve all", self._solve_clicked, "Solve Current and every scenario")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.rename_button, self.update_button):
            buttons.addWidget(button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.solve_button)

        self.message = QLabel("")
        self.message.setObjectName("scenarioMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c9302c;")
        self.message.hide()
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("scenarioProgress")
        self.progress_label.hide()
        self.empty_label = QLabel(EMPTY_HINT)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)

        self.comparison_model = ComparisonModel(default_catalog(), self)
        self.comparison_view = QTableView()
        self.comparison_view.setObjectName("comparison")
        self.comparison_view.setModel(self.comparison_model)
        self.comparison_view.setWordWrap(True)
        self.comparison_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison_view.horizontalHeader().setMinimumSectionSize(140)
        # Row heights follow the wrapped text, so they are recomputed whenever the columns change width.
        self._row_timer = QTimer(self)
        self._row_timer.setSingleShot(True)
        self._row_timer.setInterval(0)
        self._row_timer.timeout.connect(self.comparison_view.resizeRowsToContents)
        self.comparison_view.horizontalHeader().sectionResized.connect(lambda *_: self._row_timer.start())
        self.comparison_view.verticalHeader().setMinimumSectionSize(26)

        list_box = QGroupBox("Scenarios")
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(6, 6, 6, 6)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.message)
        list_layout.addWidget(self.progress_label)
        list_layout.addWidget(self.empty_label)
        list_layout.addWidget(self.list_view)
        compare_box = QGroupBox("Side by side")
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.setContentsMargins(6, 6, 6, 6)
        compare_layout.addWidget(self.comparison_view)
        compare_layout.addWidget(comparison_legend())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(list_box)
        splitter.addWidget(compare_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([210, 550])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    # --- public API -------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        """Show ``project``'s scenarios (after New/Open, or None to clear)."""
        self._project = project
        self.list_model.set_project(project)
        self.refresh()

    def project(self) -> Project | None:
        return self._project

    def refresh(self) -> None:
        """Re-read the project: call after solves and after edits of the current setup."""
        selected = self.selected_name()
        self.list_model.refresh()
        project = self._project
        if project is not None:
            self.comparison_model.currency = project.currency
            self.comparison_model.set_comparison(compare_scenarios(project), project.catalog)
        else:
            self.comparison_model.set_comparison(Comparison(()))
        has_scenarios = bool(project is not None and project.scenarios)
        self.empty_label.setVisible(project is not None and not has_scenarios)
        self.list_view.setVisible(has_scenarios)
        if selected is not None and self.list_model.row_of(selected) >= 0:
            self.select(selected)
        self._update_buttons()
        self._row_timer.start()

    def selected_name(self) -> str | None:
        rows = self.list_view.selectionModel().selectedRows()
        return str(rows[0].data(NAME_ROLE)) if rows else None

    def select(self, name: str | None) -> None:
        row = self.list_model.row_of(name) if name else -1
        if row < 0:
            self.list_view.clearSelection()
            return
        self.list_view.selectionModel().setCurrentIndex(
            self.list_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def set_busy(self, text: str | None) -> None:
        """Show Solve-all progress (None when it is over); the list cannot be edited meanwhile."""
        self._busy = text is not None
        self.progress_label.setText(text or "")
        self.progress_label.setVisible(self._busy)
        self.list_view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if self._busy
            else QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self._update_buttons()
        self.solve_button.setText("&Stop" if self._busy else "&Solve all")
        self.solve_button.setToolTip(
            "Stop now; setups not solved yet keep their old plans" if self._busy else "Solve Current and every scenario"
        )

    def _solve_clicked(self) -> None:
        if self._busy:
            self.stopRequested.emit()
        else:
            self.solveAllRequested.emit()

    def is_busy(self) -> bool:
        return self._busy

    def store_results(self, results: Sequence[ScenarioResult]) -> Plan | None:
        """Keep Solve-all plans in their scenarios; returns Current's plan (for the document) if solved.

        Scenarios renamed or deleted since the run started are skipped; setups that could
        not be solved are listed in the message line.
        """
        project = self._project
        if project is None:
            return None
        current: Plan | None = None
        problems = []
        names = {s.name: s for s in project.scenarios}
        for result in results:
            if result.plan is None:
                problems.append(f"{result.name}: {result.error}")
            elif result.name == CURRENT:
                current = result.plan
            elif result.name in names:
                names[result.name].plan = result.plan
        self.refresh()
        if problems:
            self._reject("Not solved: " + "; ".join(problems))
        else:
            self._clear_message()
        return current

    def set_scenario_plan(self, name: str, plan: Plan | None) -> None:
        """Store a solve result for scenario ``name`` (or ``Current``) and refresh."""
        project = self._project
        if project is None:
            return
        if name == CURRENT:
            project.plan = plan
        else:
            find_scenario(project, name).plan = plan
        self.refresh()

    # --- edits (each one undoable) ----------------------------------------------------

    def _changed(self) -> None:
        self.refresh()
        self.scenariosChanged.emit()

    def _reject(self, message: str) -> bool:
        self.message.setText(message)
        self.message.show()
        self.editRejected.emit(message)
        return False

    def _clear_message(self) -> None:
        self.message.hide()
        self.message.setText("")

    def _taken(self) -> set[str]:
        return {s.name for s in self._project.scenarios} | {CURRENT} if self._project is not None else {CURRENT}

    def new_from_current(self, name: str | None = None) -> str | None:
        """Keep the editor's setup as a new scenario; returns its name."""
        if self._busy:
            return None
        project = self._project
        if project is None:
            return None
        if name is None:
            number = len(project.scenarios) + 1
            while f"Scenario {number}" in self._taken():
                number += 1
            name = f"Scenario {number}"
        elif (problem := rename_problem(project, "", name)) is not None:
            self._reject(problem)
            return None
        self._clear_message()
        scenario = snapshot(project, name.strip())
        self.undo_stack.push(
            AddScenarioCommand(project, scenario, len(project.scenarios), self._changed, "New scenario from current")
        )
        self.select(scenario.name)
        return scenario.name

    def duplicate_selected(self) -> str | None:
        if self._busy:
            return None
        project, name = self._project, self.selected_name()
        if project is None or name is None:
            return None
        self._clear_message()
        copy = copy_scenario(find_scenario(project, name), unique_name(f"{name} (copy)", self._taken()))
        index = self.list_model.row_of(name) + 1
        self.undo_stack.push(AddScenarioCommand(project, copy, index, self._changed, f"Duplicate scenario {name}"))
        self.select(copy.name)
        return copy.name

    def rename_scenario(self, old: str, new: str) -> bool:
        """Rename ``old`` to ``new`` (undoable); False, with a message, if the name is refused."""
        if self._busy:
            return self._reject("wait until Solve all has finished")
        project = self._project
        if project is None:
            return False
        problem = rename_problem(project, old, new)
        if problem is not None:
            return self._reject(problem)
        self._clear_message()
        if new.strip() != old:
            self.undo_stack.push(RenameScenarioCommand(project, old, new, self._changed))
            self.select(new.strip())
        return True

    def update_selected(self) -> None:
        if self._busy:
            return
        project, name = self._project, self.selected_name()
        if project is None or name is None:
            return
        self._clear_message()
        self.undo_stack.push(UpdateScenarioCommand(project, name, snapshot(project, name), self._changed))

    def delete_selected(self) -> None:
        if self._busy:
            return
        project, name = self._project, self.selected_name()
        if project is None or name is None:
            return
        self._clear_message()
        row = self.list_model.row_of(name)
        self.undo_stack.push(RemoveScenarioCommand(project, name, self._changed))
        remaining = project.scenarios
        if remaining:
            self.select(remaining[min(row, len(remaining) - 1)].name)

    def _start_rename(self) -> None:
        name = self.selected_name()
        if name is not None:
            index = self.list_model.index(self.list_model.row_of(name), ScenarioColumn.NAME)
            self.list_view.setCurrentIndex(index)
            self.list_view.edit(index)

    def _request_apply(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.applyRequested.emit(name)

    def _update_buttons(self, *_args: object) -> None:
        ready = self._project is not None and not self._busy
        self.new_button.setEnabled(ready)
        self.solve_button.setEnabled(self._project is not None)  # Solve all, or Stop while busy
        chosen = ready and self.selected_name() is not None
        for button in (
            self.duplicate_button,
            self.rename_button,
            self.update_button,
            self.delete_button,
            self.load_button,
        ):
            button.setEnabled(chosen)
