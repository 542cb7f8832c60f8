"""The candidate table: a QAbstractTableModel over ``project.candidates``.

One row per candidate; columns are the name, the pin status (must-hire / excluded), whether
the person is an employee or an applicant, the roles they are open to, one column per
catalog skill, the cost and the notes. Edits do not touch the list directly:
``setData`` builds the edited :class:`Candidate` and hands it to an *editor* callback (the
document pushes an undoable, validating command); the document then tells the model what
changed through :meth:`row_replaced`, :meth:`begin_insert`/:meth:`end_insert`,
:meth:`begin_remove`/:meth:`end_remove` or :meth:`reset`.

Sorting large pools through QSortFilterProxyModel calls ``data()`` once per comparison
(about a second for 20,000 rows), so :meth:`sort` sorts the list itself with the same
native keys that ``SORT_ROLE`` returns; the proxy only filters (reading name, email and notes
directly, not through ``data()``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.money import Currency, format_money
from planner.model.project import Project
from planner.wording import count_text, open_to_text, status_word

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
SKILL_ROLE = Qt.ItemDataRole.UserRole + 3  # the skill id of a rating column (header data)

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        SORT_ROLE,
        SEARCH_ROLE,
    }
)
Editor = Callable[[int, Candidate], bool]
FIRST_SKILL_COLUMN = 4  # name, pin status, employee or applicant, roles open to; then one column per skill


_SHORT_SKILL_NAMES = {
    "machine_learning": "ML",
    "deep_learning": "DL",
    "data_science": "DS",
    "mathematics": "Math",
    "algorithmic_coding": "Algo",
    "software_engineering": "SWE",
    "business_acumen": "Business",
    "communication": "Comms",
    "research": "Research",
    "data_query_languages": "SQL",
    "accelerator_languages": "CUDA",
    "visualization_languages": "Viz",
}


_SHORT_ROLE_NAMES = {
    "data_scientist": "DS",
    "data_analyst": "DA",
    "machine_learning_engineer": "MLE",
    "machine_learning_researcher": "MLR",
    "software_engineer_ml": "SWE-ML",
    "software_engineer": "SWE",
}


LONGEST_ROLE_SHOWN = 17  # characters of a lone role's name shown whole ("Software Engineer")


def short_open_to_text(catalog: Catalog, roles: tuple[str, ...]) -> str:
    """The "Open to" cell: ``Any role``, one short role by name, or else short names (``DS, MLE``)."""
    if not roles or set(catalog.role_ids) <= set(roles):
        return "Any role"
    if len(roles) == 1 and len(open_to_text(catalog, roles)) <= LONGEST_ROLE_SHOWN:
        return open_to_text(catalog, roles)
    return ", ".join(_SHORT_ROLE_NAMES.get(r, r) if r in catalog.role_ids else r for r in roles)


def short_skill_name(catalog: Catalog, skill_id: str) -> str:
    """A column-header label for a skill ("ML" for machine learning)."""
    if skill_id in _SHORT_SKILL_NAMES:
        return _SHORT_SKILL_NAMES[skill_id]
    name = catalog.skill(skill_id).name
    return name if len(name) <= 10 else name[:9] + "…"


def format_cost(cost: float | None, currency: Currency | None = None) -> str:
    """``$185,000`` in the project's currency (``185,000`` without one); empty when unknown."""
    if cost is None:
        return ""
    if currency is not None:
        return format_money(cost, currency)
    return f"{cost:,.0f}" if float(cost).is_integer() else f"{cost:,.2f}"


def format_rating(value: float) -> str:
    return f"{value:g}" if value else ""


class ColumnKind(Enum):
    NAME = "name"
    STATUS = "status"
    PERSON = "person"  # employee or applicant
    OPEN_TO = "open_to"  # the roles the person is open to
    SKILL = "skill"
    COST = "cost"
    NOTES = "notes"


HEADER_LABELS = {
    ColumnKind.NAME: "Name",
    ColumnKind.STATUS: "Status",
    ColumnKind.PERSON: "Type",
    ColumnKind.OPEN_TO: "Open to",
    ColumnKind.COST: "Cost",
    ColumnKind.NOTES: "Notes",
}
HEADER_TIPS = {
    ColumnKind.NAME: "Candidate name (double-click to edit)",
    ColumnKind.STATUS: "Must hire or excluded (right-click a row to change)",
    ColumnKind.PERSON: "Employee (current staff, already on the payroll) or applicant (double-click to change)",
    ColumnKind.OPEN_TO: "The roles the person applied for or is open to; the solver gives them only one of these "
    "(double-click to type role names, or right-click ▸ Open to)",
    ColumnKind.COST: "Annual cost",
    ColumnKind.NOTES: "Free notes",
}


class CandidateTableModel(QAbstractTableModel):
    """Rows are ``project.candidates`` in list order; see the module docstring."""

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._skills: tuple[str, ...] = project.catalog.skill_ids
        self._editor: Editor | None = None
        self._read_only = False

    # --- wiring ---------------------------------------------------------------------

    def set_editor(self, editor: Editor | None) -> None:
        """The callback that applies an edited candidate (returns False when refused)."""
        self._editor = editor

    def set_read_only(self, read_only: bool) -> None:
        """Refuse edits (while a solve runs)."""
        self._read_only = read_only

    @property
    def project(self) -> Project:
        return self._project

    def column_kind(self, column: int) -> tuple[ColumnKind, str | None]:
        """What a column shows, and the skill id for rating columns."""
        if column == 0:
            return ColumnKind.NAME, None
        if column == 1:
            return ColumnKind.STATUS, None
        if column == 2:
            return ColumnKind.PERSON, None
        if column == 3:
            return ColumnKind.OPEN_TO, None
        skill_index = column - FIRST_SKILL_COLUMN
        if 0 <= skill_index < len(self._skills):
            return ColumnKind.SKILL, self._skills[skill_index]
        if skill_index == len(self._skills):
            return ColumnKind.COST, None
        return ColumnKind.NOTES, None

    def skill_column(self, skill_id: str) -> int:
        return FIRST_SKILL_COLUMN + self._skills.index(skill_id)

    @property
    def cost_column(self) -> int:
        return FIRST_SKILL_COLUMN + len(self._skills)

    @property
    def notes_column(self) -> int:
        return FIRST_SKILL_COLUMN + 1 + len(self._skills)

    def candidate(self, row: int) -> Candidate:
        return self._project.candidates[row]

    # --- notifications from the document ------------------------------------------------

    def reset(self, project: Project | None = None) -> None:
        self.beginResetModel()
        if project is not None:
            self._project = project
            self._skills = project.catalog.skill_ids
        self.endResetModel()

    def row_replaced(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def begin_insert(self, row: int, count: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row + count - 1)

    def end_insert(self) -> None:
        self.endInsertRows()

    def begin_remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)

    def end_remove(self) -> None:
        self.endRemoveRows()

    def status_changed(self) -> None:
        """Pins changed: repaint the name and status columns."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 1))

    def currency_changed(self) -> None:
        """The project's currency changed: repaint the cost column."""
        column = self.cost_column
        if self.rowCount():
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    # --- Qt model API ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._project.candidates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_SKILL_COLUMN + 2 + len(self._skills)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < self.columnCount():
            return None
        kind, skill = self.column_kind(section)
        catalog = self._project.catalog
        if role == Qt.ItemDataRole.DisplayRole:
            if skill is not None:
                return short_skill_name(catalog, skill)
            return HEADER_LABELS[kind]
        if role == Qt.ItemDataRole.ToolTipRole:
            if skill is not None:
                info = catalog.skill(skill)
                return f"{info.name}: {info.description}" if info.description else info.name
            if kind is ColumnKind.OPEN_TO:
                short = [f"{_SHORT_ROLE_NAMES[r.id]} {r.name}" for r in catalog.roles if r.id in _SHORT_ROLE_NAMES]
                return f"{HEADER_TIPS[kind]}. Short names: {', '.join(short)}" if short else HEADER_TIPS[kind]
            return HEADER_TIPS[kind]
        if role == SKILL_ROLE:
            return skill
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind, _ = self.column_kind(index.column())
        if kind is not ColumnKind.STATUS and not self._read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():  # views ask for many roles per cell: answer fast
            return None
        candidate = self._project.candidates[index.row()]
        kind, skill = self.column_kind(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(candidate, kind, skill)
        if role == Qt.ItemDataRole.EditRole:
            return self._native(candidate, kind, skill)
        if role == SORT_ROLE:
            return sort_key(candidate, kind, skill, self._project.constraints)
        if role == SEARCH_ROLE:
            return f"{candidate.name}\n{candidate.email}\n{candidate.notes}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(candidate, kind, skill)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if kind is ColumnKind.SKILL:
                return int(Qt.AlignmentFlag.AlignCenter)
            if kind is ColumnKind.COST:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.FontRole and kind in (ColumnKind.NAME, ColumnKind.STATUS):
            constraints = self._project.constraints
            if candidate.name in constraints.must_hire:
                font = QFont()
                font.setBold(True)
                return font
            if candidate.name in constraints.exclude:
                font = QFont()
                font.setStrikeOut(kind is ColumnKind.NAME)
                return font
            return None
        if role == Qt.ItemDataRole.ForegroundRole and candidate.name in self._project.constraints.exclude:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def _display(self, candidate: Candidate, kind: ColumnKind, skill: str | None) -> str:
        if kind is ColumnKind.NAME:
            return candidate.name
        if kind is ColumnKind.STATUS:
            return status_text(candidate.name, self._project.constraints, self._project.catalog)
        if kind is ColumnKind.SKILL:
            assert skill is not None
            return format_rating(candidate.rating(skill))
        if kind is ColumnKind.COST:
            return format_cost(candidate.cost, self._project.currency)
        if kind is ColumnKind.PERSON:
            return status_word(candidate.status)
        if kind is ColumnKind.OPEN_TO:
            return short_open_to_text(self._project.catalog, candidate.roles)
        return candidate.notes

    def _native(self, candidate: Candidate, kind: ColumnKind, skill: str | None) -> Any:
        if kind is ColumnKind.SKILL:
            assert skill is not None
            return candidate.rating(skill)
        if kind is ColumnKind.COST:
            return candidate.cost
        if kind is ColumnKind.PERSON:
            return candidate.status.value
        if kind is ColumnKind.OPEN_TO:
            return "" if not candidate.roles else open_to_text(self._project.catalog, candidate.roles)
        return self._display(candidate, kind, skill)

    def _tooltip(self, candidate: Candidate, kind: ColumnKind, skill: str | None) -> str | None:
        catalog = self._project.catalog
        if kind is ColumnKind.SKILL:
            assert skill is not None
            value = candidate.rating(skill)
            return f"{candidate.name} — {catalog.skill(skill).name}: {value:g} ({catalog.scale.name_of(value)})"
        if kind is ColumnKind.NAME:
            lines = [candidate.name]
            if candidate.email:
                lines.append(candidate.email)
            if candidate.max_tasks is not None:
                lines.append(f"At most {count_text(candidate.max_tasks, 'task')}")
            return "\n".join(lines)
        if kind is ColumnKind.NOTES and candidate.notes:
            return candidate.notes
        if kind is ColumnKind.OPEN_TO:
            if not candidate.roles:
                return f"{candidate.name} may be given any role (right-click to limit the roles)"
            return f"{candidate.name} is given only one of these roles: {open_to_text(catalog, candidate.roles)}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._read_only:
            return False
        candidate = self._project.candidates[index.row()]
        edited = edited_candidate(candidate, *self.column_kind(index.column()), value, self._project.catalog)
        if edited is None or edited == candidate:
            return False
        if self._editor is None:  # stand-alone use (tests): apply directly
            self._project.candidates[index.row()] = edited
            self.row_replaced(index.row())
            return True
        return self._editor(index.row(), edited)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder ``project.candidates`` by the column's native value (stable)."""
        if not 0 <= column < self.columnCount():
            return
        kind, skill = self.column_kind(column)
        constraints = self._project.constraints
        self.layoutAboutToBeChanged.emit()
        old = self._project.candidates
        ordered = sorted(
            old,
            key=lambda c: sort_key(c, kind, skill, constraints),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        new_row = {id(c): i for i, c in enumerate(ordered)}
        old_to_new = [new_row[id(c)] for c in old]
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(old_to_new[i.row()], i.column()) for i in old_indexes]
        old[:] = ordered
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()


def status_text(name: str, constraints: Constraints, catalog: Catalog) -> str:
    """ "Must hire", "Must hire as ML engineer", "Excluded" or ""."""
    if name in constraints.must_hire:
        role = constraints.must_hire[name]
        if role is None:
            return "Must hire"
        try:
            return f"Must hire as {catalog.role(role).name}"
        except KeyError:
            return f"Must hire as {role}"
    if name in constraints.exclude:
        return "Excluded"
    return ""


def sort_key(candidate: Candidate, kind: ColumnKind, skill: str | None, constraints: Constraints) -> Any:
    """The native value a column sorts by (unknown cost sorts last)."""
    if kind is ColumnKind.NAME:
        return candidate.name.casefold()
    if kind is ColumnKind.STATUS:
        if candidate.name in constraints.must_hire:
            return 0
        return 2 if candidate.name in constraints.exclude else 1
    if kind is ColumnKind.SKILL:
        assert skill is not None
        return float(candidate.rating(skill))
    if kind is ColumnKind.COST:
        return math.inf if candidate.cost is None else float(candidate.cost)
    if kind is ColumnKind.PERSON:
        return 0 if candidate.is_employee else 1
    if kind is ColumnKind.OPEN_TO:
        return (len(candidate.roles) or math.inf, candidate.roles)
    return candidate.notes.casefold()


def edited_candidate(
    candidate: Candidate, kind: ColumnKind, skill: str | None, value: Any, catalog: Catalog | None = None
) -> Candidate | None:
    """The candidate with one cell changed, or None when the value is not usable at all.

    The roles cell takes role names or ids separated by commas ("" or "any role": every role);
    a name that is no role is kept as typed, so the document's check names it.
    """
    if kind is ColumnKind.PERSON:
        try:
            return dataclasses.replace(candidate, status=CandidateStatus(str(value).strip().casefold()))
        except ValueError:
            return None
    if kind is ColumnKind.OPEN_TO:
        return dataclasses.replace(candidate, roles=role_ids_from_text(catalog, str(value or "")))
    if kind is ColumnKind.NAME:
        text = str(value).strip()
        return dataclasses.replace(candidate, name=text) if text else None
    if kind is ColumnKind.SKILL:
        assert skill is not None
        try:
            rating = float(value)
        except (TypeError, ValueError):
            return None
        ratings = dict(candidate.ratings)
        if rating:
            ratings[skill] = rating
        else:
            ratings.pop(skill, None)
        return dataclasses.replace(candidate, ratings=ratings)
    if kind is ColumnKind.COST:
        if value is None or (isinstance(value, str) and not value.strip()):
            return dataclasses.replace(candidate, cost=None)
        try:
            cost = float(str(value).replace(",", "").replace("_", "")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            return None
        return dataclasses.replace(candidate, cost=cost)
    if kind is ColumnKind.NOTES:
        return dataclasses.replace(candidate, notes=str(value))
    return None


def role_ids_from_text(catalog: Catalog | None, text: str) -> tuple[str, ...]:
    """Role ids for "Data Scientist, data_analyst" (names or ids, any case); unknown names kept as typed."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts or [p.casefold() for p in parts] == ["any role"]:
        return ()
    lookup = {}
    for role in catalog.roles if catalog is not None else ():
        lookup[role.id.casefold()] = role.id
        lookup[role.name.casefold()] = role.id
        lookup[_SHORT_ROLE_NAMES.get(role.id, role.id).casefold()] = role.id
    ids = [lookup.get(p.casefold(), p) for p in parts]
    return tuple(dict.fromkeys(ids))


class CandidateFilterModel(QSortFilterProxyModel):
    """Filters by a text found in the name, email or notes; sorting is delegated to the source."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)

    def set_search_text(self, text: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt < 6.9
            self._needle = text.strip().casefold()
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Reads the candidate directly: one Python call per row instead of a data() round trip.
        if not self._needle:
            return True
        source = self.sourceModel()
        if not isinstance(source, CandidateTableModel):
            return super().filterAcceptsRow(source_row, source_parent)
        candidate = source.candidate(source_row)
        needle = self._needle
        return (
            needle in candidate.name.casefold()
            or needle in candidate.email.casefold()
            or needle in candidate.notes.casefold()
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, CandidateTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)
