"""Constraints tab: what the budget covers (the whole team or new spend only), undoable."""

from __future__ import annotations

from typing import Any

import pytest

from planner.model.constraints import BudgetScope, Constraints
from planner.model.project import new_project
from ui.constraints_panel import ConstraintsPanel
from ui.document import ProjectDocument

pytestmark = pytest.mark.gui


def test_budget_scope_is_a_setting_that_follows_undo(qtbot: Any) -> None:
    doc = ProjectDocument(new_project("ml", constraints=Constraints(budget=500_000)))
    panel = ConstraintsPanel(doc)
    qtbot.addWidget(panel)
    combo = panel.budget_scope
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "The whole team",
        "New spend only (applicants; current staff's pay not counted)",
    ]
    assert combo.currentText() == "The whole team"  # the default: existing projects keep their meaning
    combo.setCurrentIndex(combo.findData(BudgetScope.NEW.value))
    assert doc.project.constraints.budget_scope is BudgetScope.NEW
    assert doc.undo_stack.undoText() == "Change budget scope"
    doc.undo_stack.undo()
    assert doc.project.constraints.budget_scope is BudgetScope.ALL
    assert combo.currentText() == "The whole team"
    panel.set_editing_enabled(False)
    assert not combo.isEnabled()
