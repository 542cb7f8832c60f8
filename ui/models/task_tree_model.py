"""The task tree: the catalog's tasks with their subtasks, each a checkbox.

A task is checked when all its subtasks are chosen, partly checked when some are, and
unchecked when it is not part of the project. Ticking goes through the document
(undoable); a subtask's tooltip lists the Playbook's examples and the skills it involves.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from planner.model.catalog import Catalog
from planner.model.project import Project
from planner.wording import count_text
from ui.document import ProjectDocument

Index = QModelIndex | QPersistentModelIndex
_TOP = 0  # internal id of task rows; subtask rows store their task's row + 1


class TaskTreeModel(QAbstractItemModel):
    """Two columns: the task or subtask name, and the skills involved."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._read_only = False
        doc.projectReplaced.connect(self._reset)
        doc.requirementsChanged.connect(self._refresh_checks)

    @property
    def _project(self) -> Project:
        return self._doc.project

    @property
    def _catalog(self) -> Catalog:
        return self._doc.project.catalog

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _refresh_checks(self) -> None:
        tasks = self._catalog.tasks
        if not tasks:
            return
        self.dataChanged.emit(self.index(0, 0), self.index(len(tasks) - 1, 1))
        for row, task in enumerate(tasks):
            parent = self.index(row, 0)
            self.dataChanged.emit(self.index(0, 0, parent), self.index(len(task.subtasks) - 1, 1, parent))

    # --- structure -----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._catalog.tasks)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._catalog.tasks[parent.row()].subtasks)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return ("Task / subtask", "Skills involved")[section]
        return None

    # --- content -----------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        catalog = self._catalog
        if index.internalId() == _TOP:
            task = catalog.tasks[index.row()]
            chosen = self._project.subtasks.get(task.id, ())
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 0:
                    return task.name
                skills = {s for sub in task.subtasks for s in sub.skills}
                return count_text(len(skills), "skill")
            if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
                if not chosen:
                    return Qt.CheckState.Unchecked
                full = len(chosen) == len(task.subtasks)
                return Qt.CheckState.Checked if full else Qt.CheckState.PartiallyChecked
            if role == Qt.ItemDataRole.ToolTipRole:
                kind = self._kind_note(task.id)
                return "\n\n".join(t for t in (task.summary or task.description, kind) if t)
            return None
        task = catalog.tasks[index.internalId() - 1]
        subtask = task.subtasks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return subtask.name
            return ", ".join(catalog.skill(s).name for s in subtask.skills)
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            chosen = self._project.subtasks.get(task.id, ())
            return Qt.CheckState.Checked if subtask.id in chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [subtask.name]
            if subtask.examples:
                lines.append("Examples from the Playbook:")
                lines += [f"• {example}" for example in subtask.examples]
            lines.append("Skills: " + ", ".join(catalog.skill(s).name for s in subtask.skills))
            return "\n".join(lines)
        return None

    def _kind_note(self, task_id: str) -> str:
        try:
            kind = self._catalog.kind(self._project.kind)
        except KeyError:
            return ""
        if task_id in kind.tasks:
            return ""
        return f"Not part of a typical {kind.name.lower()}."

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or self._read_only:
            return False
        checked = Qt.CheckState(value) != Qt.CheckState.Unchecked if not isinstance(value, bool) else value
        catalog = self._catalog
        if index.internalId() == _TOP:
            task = catalog.tasks[index.row()]
            subtasks = tuple(s.id for s in task.subtasks) if checked else None
            return self._doc.set_task_subtasks(task.id, subtasks)
        task = catalog.tasks[index.internalId() - 1]
        subtask = task.subtasks[index.row()]
        chosen = set(self._project.subtasks.get(task.id, ()))
        if checked:
            chosen.add(subtask.id)
        else:
            chosen.discard(subtask.id)
        return self._doc.set_task_subtasks(task.id, tuple(chosen) or None)
