"""Job titles from an import and the roles each opens: one row per title, a check box per role.

Rows are the importer's :class:`~planner.io.role_titles.TitleMatch` list; ticking or
clearing a role changes the user's choice for that title (kept across re-reads of the
file, by title). ``choices()`` is what :func:`planner.io.title_choices.apply_title_choices`
takes. The last column says in words what the title opens ("every role" when none).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner.io.role_titles import TitleMatch
from planner.io.title_choices import title_key
from planner.model.catalog import Catalog

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def role_abbreviation(name: str) -> str:
    """ "MLE" for Machine Learning Engineer, "SEML" for Software Engineer – Machine Learning."""
    return "".join(word[0].upper() for word in name.replace("–", " ").split() if word[0].isalpha())


class TitleMappingModel(QAbstractTableModel):
    """Column 0: the title; 1..n: one check box per catalog role; last: what it opens, in words."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._titles: list[TitleMatch] = []
        self._choices: dict[str, tuple[str, ...]] = {}

    def set_titles(self, titles: tuple[TitleMatch, ...]) -> None:
        """Show the titles of a (re-)read file; earlier choices for the same titles stay."""
        self.beginResetModel()
        self._titles = list(titles)
        self.endResetModel()

    def choices(self) -> dict[str, tuple[str, ...]]:
        """The user's roles per title (only titles the user changed), by title key."""
        shown = {title_key(t.title) for t in self._titles}
        return {k: v for k, v in self._choices.items() if k in shown}

    def roles_of(self, row: int) -> tuple[str, ...]:
        match = self._titles[row]
        return self._choices.get(title_key(match.title), match.roles)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._catalog.roles) + 2

    def _role_at(self, column: int) -> str | None:
        roles = self._catalog.role_ids
        return roles[column - 1] if 1 <= column <= len(roles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        match = self._titles[index.row()]
        opened = self.roles_of(index.row())
        role_id = self._role_at(index.column())
        if role_id is not None:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if role_id in opened else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{match.title!r} opens {self._catalog.role(role_id).name}"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return match.title
            names = [self._catalog.role(r).name for r in opened]
            return ", ".join(names) if names else "every role (no catalog role fits)"
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        role_id = self._role_at(index.column()) if index.isValid() else None
        if role_id is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        current = set(self.roles_of(index.row()))
        chosen = current | {role_id} if on else current - {role_id}
        order = self._catalog.role_ids
        self._choices[title_key(self._titles[index.row()].title)] = tuple(r for r in order if r in chosen)
        self.dataChanged.emit(self.index(index.row(), 1), self.index(index.row(), self.columnCount() - 1))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        role_id = self._role_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if role_id is not None:
                return role_abbreviation(self._catalog.role(role_id).name)
            return "Job title" if section == 0 else "Opens"
        if role == Qt.ItemDataRole.ToolTipRole and role_id is not None:
            return self._catalog.role(role_id).name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._role_at(index.column()) is not None:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base
