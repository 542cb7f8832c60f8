"""The scenario comparison table: one column per scenario (Current first), one row per measure.

Rows are the measures a manager compares (team, headcount, cost, coverage, gaps, hires,
who joins and leaves, what was changed); columns are :class:`ScenarioSummary` objects from
:func:`planner.analyses.scenarios.compare_scenarios`. A cell that differs from the Current column
is highlighted: green when it is better (cheaper, fewer gaps), red when worse, blue when
it is just different (another team, other hires).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.analyses.scenarios import Comparison, ScenarioSummary
from planner.model.catalog import Catalog
from planner.model.money import USD, Currency, format_money
from planner.model.plan import PlanStatus
from planner.model.requirements import Requirement
from planner.wording import plan_status_text, requirement_text
from ui.models.coverage_model import text_color_for

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class ComparisonRow(IntEnum):
    TEAM = 0
    HEADCOUNT = 1
    COST = 2
    COST_CHANGE = 3
    UNCOVERED = 4
    GAPS = 5
    HIRES = 6
    JOINED = 7
    LEFT = 8
    CHANGES = 9


ROW_LABELS = {
    ComparisonRow.TEAM: "Team",
    ComparisonRow.HEADCOUNT: "Headcount",
    ComparisonRow.COST: "Cost",
    ComparisonRow.COST_CHANGE: "Cost change",
    ComparisonRow.UNCOVERED: "Uncovered",
    ComparisonRow.GAPS: "Gaps",
    ComparisonRow.HIRES: "Hires",
    ComparisonRow.JOINED: "Joined",
    ComparisonRow.LEFT: "Left",
    ComparisonRow.CHANGES: "Changes",
}
ROW_TIPS = {
    ComparisonRow.COST_CHANGE: "Total cost against the current plan",
    ComparisonRow.UNCOVERED: "Requirements no team member covers",
    ComparisonRow.HIRES: "Positions to open for what the candidates cannot cover",
    ComparisonRow.JOINED: "Members who are not in the current plan's team",
    ComparisonRow.LEFT: "Members of the current plan who are not in this team",
    ComparisonRow.CHANGES: "Settings that differ from the current setup",
}


class Difference(StrEnum):
    SAME = "same"
    BETTER = "better"
    WORSE = "worse"
    DIFFERENT = "different"


DIFFERENCE_COLORS = {
    Difference.BETTER: QColor("#8fd19e"),
    Difference.WORSE: QColor("#ef958d"),
    Difference.DIFFERENT: QColor("#a9cdf2"),
}
# Rows where a lower number is better; the others are only "different".
_LOWER_IS_BETTER = (ComparisonRow.COST, ComparisonRow.UNCOVERED, ComparisonRow.GAPS)


def signed_cost(change: float, currency: Currency = USD) -> str:
    """``+50,000``, ``−20,000`` or ``±0``."""
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "−"
    return sign + format_money(abs(change), currency)


def _solved(summary: ScenarioSummary) -> bool:
    return summary.plan is not None and summary.plan.status is not PlanStatus.INFEASIBLE


class ComparisonModel(QAbstractTableModel):
    """Measures as rows, scenarios as columns; see the module docstring."""

    DifferenceRole = Qt.ItemDataRole.UserRole + 1  # a Difference against the Current column
    SummaryRole = Qt.ItemDataRole.UserRole + 2  # the column's ScenarioSummary

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._columns: tuple[ScenarioSummary, ...] = ()
        self.currency: Currency = USD  # the project's; the scenarios panel sets it

    def set_comparison(self, comparison: Comparison, catalog: Catalog | None = None) -> None:
        """Show ``comparison`` (its first summary is the Current column)."""
        self.beginResetModel()
        self._columns = comparison.scenarios
        if catalog is not None:
            self._catalog = catalog
        self.endResetModel()

    def summary(self, column: int) -> ScenarioSummary:
        return self._columns[column]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(ComparisonRow)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    # --- cell values -----------------------------------------------------------------

    def _role_name(self, role_id: str) -> str:
        try:
            return self._catalog.role(role_id).name
        except KeyError:
            return role_id

    def _short_requirement(self, requirement: Requirement) -> str:
        """``Modeling · Research ≥ 3 (nice to have)``: the level without its name, to keep cells small."""
        catalog = self._catalog
        task = catalog.task(requirement.task).name if requirement.task in catalog.task_ids else requirement.task
        skill = catalog.skill(requirement.skill).name if requirement.skill in catalog.skill_ids else requirement.skill
        text = f"{task} · {skill} ≥ {requirement.level}"
        return text if requirement.must_have else f"{text} (nice to have)"

    def _names(self, names: tuple[str, ...]) -> str:
        return ", ".join(names) if names else "nobody"

    def text(self, row: ComparisonRow, summary: ScenarioSummary, *, current: bool) -> str:
        """What the cell shows (full text; the view elides long cells, the tooltip does not)."""
        if row is ComparisonRow.CHANGES:
            return "(the setup in the editor)" if current else "; ".join(summary.changes) or "same settings"
        if summary.plan is None:
            return "not solved" if row is ComparisonRow.TEAM else "—"
        if summary.plan.status is PlanStatus.INFEASIBLE:
            return "infeasible" if row is ComparisonRow.TEAM else "—"
        if row is ComparisonRow.TEAM:
            return self._names(summary.team)
        if row is ComparisonRow.HEADCOUNT:
            return str(summary.headcount)
        if row is ComparisonRow.COST:
            return format_money(summary.cost, self.currency)
        if row is ComparisonRow.COST_CHANGE:
            return "—" if current or summary.cost_change is None else signed_cost(summary.cost_change, self.currency)
        if row is ComparisonRow.UNCOVERED:
            return str(len(summary.uncovered))
        if row is ComparisonRow.GAPS:
            return "\n".join(self._short_requirement(r) for r in summary.uncovered) or "none"
        if row is ComparisonRow.HIRES:
            return ", ".join(self._role_name(r) for r in summary.hires) or "none"
        if row is ComparisonRow.JOINED:
            return "—" if current else ", ".join(summary.joined) or "nobody"
        return "—" if current else ", ".join(summary.left) or "nobody"

    def _value(self, row: ComparisonRow, summary: ScenarioSummary) -> object:
        """The value compared against the Current column."""
        if row is ComparisonRow.TEAM:
            return frozenset(summary.team)
        if row is ComparisonRow.HEADCOUNT:
            return summary.headcount
        if row is ComparisonRow.COST:
            return summary.cost
        if row is ComparisonRow.UNCOVERED:
            return len(summary.uncovered)
        if row is ComparisonRow.GAPS:
            return frozenset(r.key for r in summary.uncovered)
        if row is ComparisonRow.HIRES:
            return tuple(sorted(summary.hires))
        return None

    def difference(self, row: ComparisonRow, column: int) -> Difference:
        """How cell (row, column) compares with the Current column's."""
        summary = self._columns[column]
        if row is ComparisonRow.CHANGES:
            return Difference.DIFFERENT if column > 0 and summary.changes else Difference.SAME
        base = self._columns[0]
        if column == 0 or not _solved(summary) or not _solved(base):
            return Difference.SAME
        if row is ComparisonRow.COST_CHANGE:
            change = summary.cost_change or 0.0
            return Difference.SAME if change == 0 else Difference.BETTER if change < 0 else Difference.WORSE
        if row in (ComparisonRow.JOINED, ComparisonRow.LEFT):
            names = summary.joined if row is ComparisonRow.JOINED else summary.left
            return Difference.DIFFERENT if names else Difference.SAME
        mine, theirs = self._value(row, summary), self._value(row, base)
        if mine == theirs:
            return Difference.SAME
        if row in _LOWER_IS_BETTER:
            if row is ComparisonRow.GAPS:
                mine, theirs = len(summary.uncovered), len(base.uncovered)
            if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)) and mine != theirs:
                return Difference.BETTER if mine < theirs else Difference.WORSE
        return Difference.DIFFERENT

    def _tooltip(self, row: ComparisonRow, column: int) -> str:
        summary = self._columns[column]
        text = self.text(row, summary, current=column == 0)
        if row is ComparisonRow.GAPS and summary.uncovered:
            text = "\n".join(requirement_text(self._catalog, r) for r in summary.uncovered)
        difference = self.difference(row, column)
        if difference in (Difference.BETTER, Difference.WORSE):
            text += f"\n({difference.value} than Current)"
        elif difference is Difference.DIFFERENT:
            text += "\n(differs from Current)"
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = ComparisonRow(index.row()), index.column()
        summary = self._columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, summary, current=column == 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == self.DifferenceRole:
            return self.difference(row, column)
        if role == self.SummaryRole:
            return summary
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            color = DIFFERENCE_COLORS.get(self.difference(row, column))
            if color is None:
                return None
            return QBrush(color if role == Qt.ItemDataRole.BackgroundRole else text_color_for(color))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(ComparisonRow):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return ROW_LABELS[ComparisonRow(section)]
            if role == Qt.ItemDataRole.ToolTipRole:
                return ROW_TIPS.get(ComparisonRow(section))
            return None
        if not 0 <= section < len(self._columns):
            return None
        summary = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return plan_status_text(summary.plan) if summary.plan is not None else "Not solved yet"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
