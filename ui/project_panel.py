"""The Project tab: name, ML/DS kind as the Playbook lifecycle, task tree and requirements.

Everything the manager changes here goes through the document as an undoable edit; the
panel re-reads the project whenever the document says it changed (undo included).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.document import ProjectDocument
from ui.header_fit import widest_word
from ui.models.requirements_model import KEY_ROLE, RequirementsModel
from ui.models.task_tree_model import TaskTreeModel
from ui.rating_delegate import RatingDelegate


def lifecycle_html(stages: tuple[str, ...]) -> str:
    """ "Data → Model → Deploy → Monitor" with each stage in bold."""
    return " &nbsp;→&nbsp; ".join(f"<b>{stage}</b>" for stage in stages)


class ProjectPanel(QWidget):
    """See the module docstring."""

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc

        self.name_edit = QLineEdit()
        self.name_edit.setToolTip("The project's name (shown in exports)")
        self.name_edit.textEdited.connect(self._doc.set_name)
        self.kind_buttons = QButtonGroup(self)
        kind_row = QHBoxLayout()
        for kind in doc.project.catalog.kinds:
            button = QRadioButton(kind.name)
            button.setProperty("kind", kind.id)
            button.setToolTip(kind.organization or kind.description)
            self.kind_buttons.addButton(button)
            kind_row.addWidget(button)
        kind_row.addStretch(1)
        self.kind_buttons.buttonClicked.connect(lambda button: self._doc.set_kind(str(button.property("kind"))))
        self.lifecycle = QLabel()
        self.lifecycle.setTextFormat(Qt.TextFormat.RichText)
        self.kind_text = QLabel()
        self.kind_text.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("Kind:", kind_row)
        form.addRow("Lifecycle:", self.lifecycle)
        form.addRow("", self.kind_text)

        self.task_model = TaskTreeModel(doc, self)
        self.task_tree = QTreeView()
        self.task_tree.setModel(self.task_model)
        self.task_tree.setToolTip("Tick the tasks and subtasks the project needs; hover a subtask for examples")
        self.task_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.task_tree.setUniformRowHeights(True)
        tasks_box = QGroupBox("Tasks and subtasks")
        QVBoxLayout(tasks_box).addWidget(self.task_tree)

        self.requirements_model = RequirementsModel(doc, self)
        self.requirements = QTableView()
        self.requirements.setModel(self.requirements_model)
        self.requirements.setItemDelegate(RatingDelegate(lambda: self._doc.project.catalog.scale, self.requirements))
        self.requirements.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.requirements_model.modelReset.connect(self._fit_requirement_titles)
        self._fit_requirement_titles()
        self.requirements.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.requirements.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.requirements.setToolTip("")
        self.nice_button = QPushButton("Nice to &have")
        self.nice_button.setToolTip("Mark the selected requirements nice to have (or must have again)")
        self.nice_button.clicked.connect(self.toggle_nice_to_have)
        self.reset_button = QPushButton("&Reset to defaults")
        self.reset_button.setToolTip("Forget every changed level and nice-to-have mark")
        self.reset_button.clicked.connect(self._doc.reset_requirements)
        legend = QLabel(
            "Minimum level per task and skill. <b>Bold</b>: changed from the Playbook default; "
            "<i>italic</i>: nice to have. Double-click a cell to change it."
        )
        legend.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(legend, 1)
        buttons.addWidget(self.nice_button)
        buttons.addWidget(self.reset_button)
        requirements_box = QGroupBox("Requirements")
        box_layout = QVBoxLayout(requirements_box)
        box_layout.addWidget(self.requirements, 1)
        box_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(tasks_box)
        splitter.addWidget(requirements_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 720])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)

        self.setTabOrder(self.name_edit, self.task_tree)
        self.setTabOrder(self.task_tree, self.requirements)
        self.setTabOrder(self.requirements, self.nice_button)
        self.setTabOrder(self.nice_button, self.reset_button)

        doc.projectReplaced.connect(self.refresh)
        doc.requirementsChanged.connect(self._refresh_kind)
        doc.nameChanged.connect(self._refresh_name)
        self.refresh()

    def set_editing_enabled(self, enabled: bool) -> None:
        for widget in (self.name_edit, self.nice_button, self.reset_button):
            widget.setEnabled(enabled)
        for button in self.kind_buttons.buttons():
            button.setEnabled(enabled)
        self.task_model.set_read_only(not enabled)
        self.requirements_model.set_read_only(not enabled)

    def refresh(self) -> None:
        self._refresh_name(self._doc.project.name)
        self._refresh_kind()
        self.task_tree.expandAll()

    def _refresh_name(self, name: str) -> None:
        if self.name_edit.text() != name:
            self.name_edit.setText(name)

    def _refresh_kind(self) -> None:
        project = self._doc.project
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == project.kind)
        try:
            kind = project.catalog.kind(project.kind)
        except KeyError:
            self.lifecycle.setText("")
            self.kind_text.setText("")
            return
        self.lifecycle.setText(lifecycle_html(kind.lifecycle))
        tasks = ", ".join(project.catalog.task(t).name for t in kind.tasks)
        self.kind_text.setText(f"{kind.description} Tasks: {tasks}.")

    def selected_requirement_keys(self) -> list[tuple[str, str]]:
        return [index.data(KEY_ROLE) for index in self.requirements.selectionModel().selectedIndexes()]

    def toggle_nice_to_have(self) -> None:
        """Mark the selection nice to have, or must have again if all of it already is."""
        keys = self.selected_requirement_keys()
        if not keys:
            return
        all_nice = all(key in self._doc.project.nice_to_have for key in keys)
        self._doc.set_nice_to_have(keys, not all_nice)

    def select_requirement(self, task: str, skill: str) -> None:
        """Select one cell (used by tests and by the results' gap links)."""
        model = self.requirements_model
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                if model.key(index) == (task, skill):
                    self.requirements.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    )
                    return

    def _fit_requirement_titles(self) -> None:
        """Task columns never cut a word of their (two-line) titles; the table scrolls instead."""
        header = self.requirements.horizontalHeader()
        model = self.requirements_model
        titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
        header.setMinimumSectionSize(max(60, widest_word(header, titles)))
