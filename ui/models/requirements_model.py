"""The requirements matrix: one row per skill, one column per chosen task, cells are levels.

A cell shows the minimum level a task needs in a skill ("4 Developing"), from the
catalog's default rule or the manager's override (bold). Nice-to-have requirements are
shown in italics with "(nice to have)". Editing a level goes through the document (undoable, validated).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner.model.requirements import default_levels
from ui.document import ProjectDocument
from ui.header_fit import two_lines

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # (task, skill) of a cell


class RequirementsModel(QAbstractTableModel):
    """Skills × chosen tasks; see the module docstring."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._read_only = False
        self._tasks: tuple[str, ...] = doc.project.tasks
        self._levels: dict[tuple[str, str], int] = {}
        self._defaults: dict[tuple[str, str], int] = {}
        self._recompute()
        doc.projectReplaced.connect(self._refresh)
        doc.requirementsChanged.connect(self._refresh)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def _recompute(self) -> None:
        project = self._doc.project
        self._defaults = default_levels(project.catalog, project.subtasks)
        self._levels = {r.key: r.level for r in project.requirements()}

    def _refresh(self) -> None:
        tasks = self._doc.project.tasks
        if tasks != self._tasks or self.rowCount() != len(self._doc.project.catalog.skills):
            self.beginResetModel()
            self._tasks = tasks
            self._recompute()
            self.endResetModel()
            return
        self._recompute()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def key(self, index: Index) -> tuple[str, str]:
        return (self._tasks[index.column()], self._doc.project.catalog.skills[index.row()].id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._doc.project.catalog.skills)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        catalog = self._doc.project.catalog
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._tasks):
            task = catalog.task(self._tasks[section])
            if role == Qt.ItemDataRole.DisplayRole:
                return two_lines(task.name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return task.summary or task.name
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(catalog.skills):
            skill = catalog.skills[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return skill.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return skill.description or skill.name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self._read_only else flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.key(index)
        level = self._levels.get(key, 0)
        project = self._doc.project
        overridden = key in project.requirement_overrides
        nice = key in project.nice_to_have and level > 0
        if role == Qt.ItemDataRole.DisplayRole:
            if not level:
                return ""
            return f"{level} (nice to have)" if nice else f"{level} {project.catalog.scale.name_of(level)}"
        if role == Qt.ItemDataRole.EditRole:
            return level
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (overridden or nice):
            font = QFont()
            font.setBold(overridden)
            font.setItalic(nice)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, level, overridden, nice)
        return None

    def _tooltip(self, key: tuple[str, str], level: int, overridden: bool, nice: bool) -> str:
        catalog = self._doc.project.catalog
        task, skill = catalog.task(key[0]).name, catalog.skill(key[1]).name
        default = self._defaults.get(key, 0)
        if level:
            text = f"{task} needs {skill} at level {level} ({catalog.scale.name_of(level)}) or better."
        else:
            text = f"{task} does not require {skill}."
        if overridden:
            text += f"\nChanged from the Playbook default ({default or 'not required'})."
        if nice:
            text += "\nNice to have: the plan tries to cover it but may leave it uncovered."
        return text + "\nDouble-click to change the level."

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._read_only:
            return False
        try:
            level = round(float(value))
        except (TypeError, ValueError):
            return False
        task, skill = self.key(index)
        if level == self._levels.get((task, skill), 0):
            return False
        return self._doc.set_requirement_level(task, skill, level)
