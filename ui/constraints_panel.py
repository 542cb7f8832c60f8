"""The Constraints tab: team size, budget and its currency, tasks per person, redundancy, objective, time limit.

Each control edits one field of the frozen :class:`Constraints` through the document
(undoable; a run of spin-box steps merges into one undo step). The panel re-reads the
constraints whenever they change, so undo/redo moves the controls too. The currency
(ISO code from Qt's locale data, and the symbol, which can be changed) is the project's:
picking one is an undoable edit, and the budget and every cost in the app are shown in it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.model.constraints import BudgetScope, Constraints, ObjectiveOrder
from planner.model.money import Currency
from planner.wording import budget_scope_text
from ui.build_buy_box import BuildBuyBox
from ui.currencies import choice_for, currency_choices
from ui.document import ProjectDocument
from ui.models.candidate_table_model import status_text
from ui.spin_boxes import counting_spin_box, money_spin_box, show_currency, spin_box

OBJECTIVE_LABELS = {
    ObjectiveOrder.SIZE_FIRST: "Cover the requirements, then the smallest team, then the lowest cost",
    ObjectiveOrder.COST_FIRST: "Cover the requirements, then the lowest cost, then the smallest team",
}


class ConstraintsPanel(QWidget):
    """See the module docstring."""

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._updating = False

        self.team_min = counting_spin_box(0, 999, "person", special="No minimum")
        self.team_min.setToolTip("The team has at least this many people")
        self.team_max = counting_spin_box(0, 999, "person", special="No limit")
        self.team_max.setToolTip("The team has at most this many people")
        self.budget = money_spin_box(1e10, 10_000, special="No limit")
        self.budget.setToolTip("The team's total annual cost stays within this budget")
        self.currency = QComboBox()
        self.currency.setObjectName("currency")
        self.currency.setAccessibleName("Currency")
        self.currency.setToolTip("The project's currency: the budget and every cost are shown in it")
        for choice in currency_choices():
            self.currency.addItem(choice.label, choice.code)
        # As wide as a usual name ("EUR — Euro (€)"), not the longest of 150: the list pops up wider.
        self.currency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.currency.setMinimumContentsLength(24)
        self.currency_symbol = QLineEdit()
        self.currency_symbol.setAccessibleName("Currency symbol")
        self.currency_symbol.setToolTip("The symbol written before amounts (for example $, €, CHF)")
        self.currency_symbol.setMaxLength(8)
        self.currency_symbol.setFixedWidth(self.currency_symbol.fontMetrics().horizontalAdvance("CHF CHF") + 16)
        # The budget's row also holds its currency (one row fewer: the form fits the minimum window).
        currency_row = QHBoxLayout()
        currency_row.setContentsMargins(0, 0, 0, 0)
        currency_row.addWidget(self.budget)
        currency_label = QLabel("in curr&ency:")
        currency_label.setBuddy(self.currency)
        currency_row.addWidget(currency_label)
        currency_row.addWidget(self.currency)
        symbol_label = QLabel("S&ymbol:")
        symbol_label.setBuddy(self.currency_symbol)
        currency_row.addWidget(symbol_label)
        currency_row.addWidget(self.currency_symbol)
        self.budget_scope = QComboBox()
        for scope in BudgetScope:
            self.budget_scope.addItem(budget_scope_text(scope).capitalize(), scope.value)
        self.budget_scope.setToolTip(
            "What the budget (and the cost the solver minimises) counts: everyone's annual cost, or only new "
            "spend (applicants), not the pay of employees already on the payroll"
        )
        self.tasks_per_person = counting_spin_box(1, 10, "task")
        self.tasks_per_person.setToolTip("Nobody takes on more than this many tasks")
        self.redundancy = counting_spin_box(1, 10, "person")
        self.redundancy.setToolTip("How many team members must cover each requirement (2 = nobody is a single point)")
        self.objective = QComboBox()
        for order, label in OBJECTIVE_LABELS.items():
            self.objective.addItem(label, order.value)  # Qt turns str enums into plain str anyway
        self.objective.setToolTip("What the solver optimises after covering the requirements")
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1, 3600)
        self.time_limit.setDecimals(0)
        self.time_limit.setSuffix(" s")
        self.time_limit.setToolTip("The solver stops after this long with the best plan found")
        self.min_fit = spin_box(0, 100, "Any", " %")
        self.min_fit.setToolTip("Only put people in a role whose Playbook profile they fit at least this well")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Team size, at &least:", self.team_min)
        form.addRow("Team size, at &most:", self.team_max)
        budget_label = QLabel("&Budget (annual):")
        budget_label.setBuddy(self.budget)
        form.addRow(budget_label, currency_row)
        form.addRow("Budget &covers:", self.budget_scope)
        form.addRow("&Tasks per person, at most:", self.tasks_per_person)
        form.addRow("&Redundancy per requirement:", self.redundancy)
        form.addRow("Minimum role &fit:", self.min_fit)
        form.addRow("&Objective:", self.objective)
        form.addRow("Time &limit:", self.time_limit)
        for widget in self._inputs():
            widget.setMinimumWidth(200)
        limits = QGroupBox("Limits and objective")
        limits.setLayout(form)
        intro = QLabel(
            "Limits are hard: the solver never breaks them, and says which ones contradict each other "
            "when no team fits. Within them it covers as many requirements as it can, then follows the objective."
        )
        intro.setWordWrap(True)

        self.pins = QLabel()
        self.pins.setWordWrap(True)
        self.pins.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        pins_box = QGroupBox("Must hire and excluded")
        QVBoxLayout(pins_box).addWidget(self.pins, 1)

        columns = QHBoxLayout()
        columns.addWidget(limits)
        columns.addWidget(pins_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        self.build_buy = BuildBuyBox(doc)
        layout.addWidget(self.build_buy)
        layout.addStretch(1)

        self.team_min.valueChanged.connect(lambda v: self._edit("team_size_min", v or None, "Team size minimum"))
        self.team_max.valueChanged.connect(lambda v: self._edit("team_size_max", v or None, "Team size maximum"))
        self.budget.valueChanged.connect(lambda v: self._edit("budget", float(v) or None, "Budget"))
        self.tasks_per_person.valueChanged.connect(lambda v: self._edit("max_tasks_per_person", v, "Tasks per person"))
        self.redundancy.valueChanged.connect(lambda v: self._edit("redundancy", v, "Redundancy"))
        self.min_fit.valueChanged.connect(lambda v: self._edit("min_role_fit", v / 100 if v else None, "Minimum fit"))
        self.time_limit.valueChanged.connect(lambda v: self._edit("time_limit", float(v), "Time limit"))
        self.objective.currentIndexChanged.connect(
            lambda i: self._edit("objective_order", ObjectiveOrder(self.objective.itemData(i)), "Objective order")
        )
        self.budget_scope.currentIndexChanged.connect(
            lambda i: self._edit("budget_scope", BudgetScope(self.budget_scope.itemData(i)), "Budget scope")
        )
        self.currency.activated.connect(self._currency_picked)
        self.currency_symbol.editingFinished.connect(self._symbol_edited)
        doc.currencyChanged.connect(self.refresh)
        doc.projectReplaced.connect(self.refresh)
        doc.constraintsChanged.connect(self.refresh)
        self.refresh()

    def set_editing_enabled(self, enabled: bool) -> None:
        for widget in self._inputs() + self.build_buy.inputs() + [self.currency_symbol]:
            widget.setEnabled(enabled)

    def _currency_picked(self, index: int) -> None:
        code = str(self.currency.itemData(index))
        choice = next((c for c in currency_choices() if c.code == code), None)
        if choice is not None and not self._updating and not self._doc.set_currency(choice.currency):
            self.refresh()

    def _symbol_edited(self) -> None:
        symbol = self.currency_symbol.text().strip()
        current = self._doc.project.currency
        if (
            not self._updating
            and symbol != current.symbol
            and not self._doc.set_currency(Currency(current.code, symbol))
        ):
            self.refresh()

    def _inputs(self) -> list[QWidget]:
        return [
            self.team_min,
            self.team_max,
            self.currency,
            self.budget,
            self.budget_scope,
            self.tasks_per_person,
            self.redundancy,
            self.min_fit,
            self.objective,
            self.time_limit,
        ]

    def _edit(self, field_name: str, value: Any, text: str) -> None:
        if not self._updating and not self._doc.set_constraint(field_name, value, text):
            self.refresh()

    def _show_currency(self, currency: Currency) -> None:
        index = self.currency.findData(currency.code)
        if index < 0:  # a code Qt's data does not name: offer it as it is
            self.currency.addItem(choice_for(currency).label, currency.code)
            index = self.currency.count() - 1
        self.currency.setCurrentIndex(index)
        self.currency_symbol.setText(currency.symbol)
        show_currency(self.budget, currency)
        self.build_buy.set_currency(currency)

    def refresh(self) -> None:
        """Show the document's constraints (without echoing edits back)."""
        c: Constraints = self._doc.project.constraints
        self._updating = True
        try:
            self.team_min.setValue(c.team_size_min or 0)
            self.team_max.setValue(c.team_size_max or 0)
            self.budget.setValue(c.budget or 0)
            self.budget_scope.setCurrentIndex(max(0, self.budget_scope.findData(c.budget_scope.value)))
            self.tasks_per_person.setValue(c.max_tasks_per_person)
            self.redundancy.setValue(c.redundancy)
            self.min_fit.setValue(round((c.min_role_fit or 0) * 100))
            self.objective.setCurrentIndex(max(0, self.objective.findData(c.objective_order.value)))
            self.time_limit.setValue(c.time_limit)
            self._show_currency(self._doc.project.currency)
        finally:
            self._updating = False
        catalog = self._doc.project.catalog
        lines = [f"{name}: {status_text(name, c, catalog).lower()}" for name in sorted(c.must_hire)]
        lines += [f"{name}: excluded" for name in sorted(c.exclude)]
        self.pins.setText(
            "\n".join(lines)
            if lines
            else "Nobody pinned. Right-click a candidate to make them a must-hire or exclude them."
        )
