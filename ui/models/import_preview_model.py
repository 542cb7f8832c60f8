"""Table models for the import dialog: the sheet preview and the list of problems.

The preview shows every data row of the sheet, rows with errors included (they are the
ones the user needs to see); a cell with a problem is coloured by severity and carries
the messages as its tooltip. The problems model lists every problem by row and column.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.io.import_report import ColumnTarget, ImportedRow, ImportProblem, ImportReport, Severity
from planner.model.catalog import Catalog
from planner.wording import Surface, with_advice

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2  # the worst Severity of a cell or row, or None

ERROR_COLOR = QColor("#ef958d")
WARNING_COLOR = QColor("#f3cd6a")
ERROR_ROW_COLOR = QColor("#f8d3cf")  # the other cells of a row that will not be imported
DARK_TEXT = QColor("#111111")


def target_text(target: ColumnTarget, catalog: Catalog) -> str:
    """What a column is imported as, in words: ``Machine Learning``, ``Cost``, ``ignored``."""
    if target.kind == "skill" and target.skill is not None:
        try:
            return catalog.skill(target.skill).name
        except KeyError:
            return target.skill
    return {
        "name": "Name",
        "first_name": "First name",
        "last_name": "Last name",
        "cost": "Cost",
        "email": "Email",
        "notes": "Notes",
        "max_tasks": "Max tasks",
        "status": "Employee or applicant",
        "roles": "Roles open to",
        "ignored": "ignored",
    }.get(target.kind, target.kind)


def _worst(problems: list[ImportProblem]) -> Severity | None:
    if any(p.severity is Severity.ERROR for p in problems):
        return Severity.ERROR
    return Severity.WARNING if problems else None


class ImportPreviewModel(QAbstractTableModel):
    """A "Status" column, then the sheet's columns; vertical headers are the sheet's row numbers."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._report: ImportReport | None = None
        self._rows: tuple[ImportedRow, ...] = ()
        self._cell_problems: dict[tuple[int, str], list[ImportProblem]] = {}
        self._row_problems: dict[int, list[ImportProblem]] = {}

    def set_report(self, report: ImportReport | None) -> None:
        self.beginResetModel()
        self._report = report
        self._rows = report.rows if report is not None else ()
        self._cell_problems, self._row_problems = {}, {}
        if report is not None:
            for problem in report.problems:
                if problem.row is None:
                    continue
                self._row_problems.setdefault(problem.row, []).append(problem)
                if problem.column is not None:
                    self._cell_problems.setdefault((problem.row, problem.column), []).append(problem)
        self.endResetModel()

    def imported_row(self, row: int) -> ImportedRow:
        return self._rows[row]

    def row_for_sheet_row(self, sheet_row: int) -> int:
        """The model row showing spreadsheet row ``sheet_row`` (-1 when it is not a data row)."""
        for index, imported in enumerate(self._rows):
            if imported.row == sheet_row:
                return index
        return -1

    def column_for_header(self, header: str) -> int:
        """The model column of the sheet column titled ``header`` (-1 when none)."""
        if self._report is not None:
            for index, mapping in enumerate(self._report.columns):
                if mapping.header == header:
                    return index + 1
        return -1

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or self._report is None:
            return 0
        return 1 + len(self._report.columns)

    def _cell(self, index: Index) -> tuple[ImportedRow, str, list[ImportProblem]]:
        imported = self._rows[index.row()]
        if index.column() == 0:
            return imported, "", self._row_problems.get(imported.row, [])
        assert self._report is not None
        mapping = self._report.columns[index.column() - 1]
        value = imported.values[mapping.index] if mapping.index < len(imported.values) else ""
        return imported, value, self._cell_problems.get((imported.row, mapping.header), [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._report is None:
            return None
        imported, value, problems = self._cell(index)
        worst = _worst(problems)
        failed = imported.candidate is None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                if failed:
                    return "✗ Error" if worst is Severity.ERROR or worst is None else "✗ Skipped"
                return "⚠ Warning" if worst is Severity.WARNING else "✓ OK"
            return value
        if role == SORT_ROLE:
            return (2 if failed else 1 if worst else 0) if index.column() == 0 else value.casefold()
        if role == SEVERITY_ROLE:
            return worst
        if role == Qt.ItemDataRole.ToolTipRole:
            if not problems:
                return "Not imported" if failed and index.column() == 0 else None
            return "\n".join(
                f"{p.severity.value.capitalize()}: {with_advice(p.message, p.advice, Surface.APP)}" for p in problems
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            if worst is Severity.ERROR:
                return QBrush(ERROR_COLOR)
            if worst is Severity.WARNING:
                return QBrush(WARNING_COLOR)
            return QBrush(ERROR_ROW_COLOR) if failed else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if worst is not None or failed:
                return QBrush(DARK_TEXT)
            if index.column() > 0 and self._report.columns[index.column() - 1].target.kind == "ignored":
                return QBrush(QColor("#8a8a8a"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._report is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(self._rows) and role == Qt.ItemDataRole.DisplayRole:
                return str(self._rows[section].row)
            if 0 <= section < len(self._rows) and role == Qt.ItemDataRole.ToolTipRole:
                return f"Row {self._rows[section].row} of the sheet"
            return None
        if not 0 <= section <= len(self._report.columns):
            return None
        if section == 0:
            return "Status" if role == Qt.ItemDataRole.DisplayRole else None
        mapping = self._report.columns[section - 1]
        target = target_text(mapping.target, self._catalog)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{mapping.header or '(no header)'}\n→ {target}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Column {mapping.index + 1} “{mapping.header}” is imported as: {target}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ProblemColumn(IntEnum):
    ROW = 0
    COLUMN = 1
    VALUE = 2
    SEVERITY = 3
    MESSAGE = 4


PROBLEM_HEADERS = ("Row", "Column", "Value", "Severity", "Problem")


class ImportProblemsModel(QAbstractTableModel):
    """Every problem of the import, one per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: tuple[ImportProblem, ...] = ()

    def set_problems(self, problems: tuple[ImportProblem, ...]) -> None:
        self.beginResetModel()
        self._problems = problems
        self.endResetModel()

    def problem(self, row: int) -> ImportProblem:
        return self._problems[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(ProblemColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        problem = self._problems[index.row()]
        column = ProblemColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column is ProblemColumn.ROW:
                return "" if problem.row is None else str(problem.row)
            if column is ProblemColumn.COLUMN:
                return problem.column or ""
            if column is ProblemColumn.VALUE:
                return problem.value
            if column is ProblemColumn.SEVERITY:
                return problem.severity.value.capitalize()
            return with_advice(problem.message, problem.advice, Surface.APP)
        if role == SORT_ROLE:
            if column is ProblemColumn.ROW:
                return -1 if problem.row is None else problem.row
            if column is ProblemColumn.SEVERITY:
                return 0 if problem.severity is Severity.ERROR else 1
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).casefold()
        if role == SEVERITY_ROLE:
            return problem.severity
        if role == Qt.ItemDataRole.BackgroundRole and column is ProblemColumn.SEVERITY:
            return QBrush(ERROR_COLOR if problem.severity is Severity.ERROR else WARNING_COLOR)
        if role == Qt.ItemDataRole.ForegroundRole and column is ProblemColumn.SEVERITY:
            return QBrush(DARK_TEXT)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(PROBLEM_HEADERS):
            return PROBLEM_HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
