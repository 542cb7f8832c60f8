"""The Project and Constraints tabs: task tree, requirements matrix, kind, and limits."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.model.constraints import ObjectiveOrder
from planner.model.project import new_project
from planner.model.requirements import default_levels
from planner.model.samples import generate_pool
from ui.constraints_panel import ConstraintsPanel
from ui.document import ProjectDocument
from ui.models.requirements_model import KEY_ROLE, RequirementsModel
from ui.models.task_tree_model import TaskTreeModel
from ui.project_panel import ProjectPanel


@pytest.fixture
def doc(catalog: Any) -> ProjectDocument:
    return ProjectDocument(new_project("ml", candidates=generate_pool(catalog, 5, seed=2)))


@pytest.fixture
def panel(qtbot: Any, doc: ProjectDocument) -> ProjectPanel:
    widget = ProjectPanel(doc)
    qtbot.addWidget(widget)
    return widget


def test_task_tree_model_passes_the_model_tester(qtmodeltester: Any, doc: ProjectDocument) -> None:
    model = TaskTreeModel(doc)
    qtmodeltester.check(model, force_py=True)
    doc.set_task_subtasks("modeling", None)
    qtmodeltester.check(model, force_py=True)


def test_requirements_model_passes_the_model_tester(qtmodeltester: Any, doc: ProjectDocument) -> None:
    model = RequirementsModel(doc)
    qtmodeltester.check(model, force_py=True)
    doc.set_kind("ds")
    qtmodeltester.check(model, force_py=True)


def test_task_checkboxes_choose_tasks_and_subtasks(doc: ProjectDocument, catalog: Any) -> None:
    model = TaskTreeModel(doc)
    modeling_row = catalog.task_ids.index("modeling")
    task = model.index(modeling_row, 0)
    assert task.data() == "Modeling"
    assert task.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    first_subtask = model.index(0, 0, task)
    assert model.setData(first_subtask, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert catalog.task("modeling").subtasks[0].id not in doc.project.subtasks["modeling"]
    assert task.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert model.setData(task, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert "modeling" not in doc.project.tasks
    assert model.setData(task, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(doc.project.subtasks["modeling"]) == len(catalog.task("modeling").subtasks)


def test_subtask_tooltip_lists_the_playbook_examples(doc: ProjectDocument, catalog: Any) -> None:
    model = TaskTreeModel(doc)
    row = catalog.task_ids.index("modeling")
    subtask = catalog.task("modeling").subtasks[0]
    tooltip = model.index(0, 0, model.index(row, 0)).data(Qt.ItemDataRole.ToolTipRole)
    assert "Examples from the Playbook" in tooltip
    assert subtask.examples[0] in tooltip
    assert catalog.skill(subtask.skills[0]).name in tooltip


def test_requirements_matrix_shows_levels_with_names_and_edits_them(doc: ProjectDocument, catalog: Any) -> None:
    model = RequirementsModel(doc)
    assert model.columnCount() == len(doc.project.tasks)
    defaults = default_levels(catalog, doc.project.subtasks)
    key, level = next(iter(defaults.items()))
    column = doc.project.tasks.index(key[0])
    row = catalog.skill_ids.index(key[1])
    index = model.index(row, column)
    assert index.data(KEY_ROLE) == key
    assert index.data() == f"{level} {catalog.scale.name_of(level)}"
    assert model.setData(index, 5)
    assert doc.project.requirement_overrides[key] == 5
    assert model.index(row, column).data(Qt.ItemDataRole.FontRole).bold()
    assert "Changed from the Playbook default" in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(index, 0)
    assert key not in {r.key for r in doc.project.requirements()}


def test_nice_to_have_toggle_and_reset_buttons(panel: ProjectPanel, doc: ProjectDocument) -> None:
    key = doc.project.requirements()[0].key
    panel.select_requirement(*key)
    panel.nice_button.click()
    assert key in doc.project.nice_to_have
    panel.nice_button.click()
    assert key not in doc.project.nice_to_have
    panel.nice_button.click()
    doc.set_requirement_level(key[0], key[1], 5)
    panel.reset_button.click()
    assert doc.project.nice_to_have == set() and doc.project.requirement_overrides == {}


def test_kind_buttons_and_lifecycle(panel: ProjectPanel, doc: ProjectDocument) -> None:
    assert "Deploy" in panel.lifecycle.text() and "Monitor" in panel.lifecycle.text()
    ds = next(b for b in panel.kind_buttons.buttons() if b.property("kind") == "ds")
    ds.click()
    assert doc.project.kind == "ds"
    assert "Analyses" in panel.lifecycle.text()
    assert "deployment" not in doc.project.tasks
    doc.undo_stack.undo()
    assert "Monitor" in panel.lifecycle.text()
    checked = next(b for b in panel.kind_buttons.buttons() if b.isChecked())
    assert checked.property("kind") == "ml"


def test_name_edit_follows_undo(panel: ProjectPanel, doc: ProjectDocument) -> None:
    panel.name_edit.setText("")
    panel.name_edit.textEdited.emit("Fraud team")
    assert doc.project.name == "Fraud team"
    doc.undo_stack.undo()
    assert panel.name_edit.text() == "Untitled project"


def test_editing_lock(panel: ProjectPanel, doc: ProjectDocument) -> None:
    panel.set_editing_enabled(False)
    assert not panel.name_edit.isEnabled()
    index = panel.requirements_model.index(0, 0)
    assert not panel.requirements_model.setData(index, 5)
    assert not panel.task_model.flags(panel.task_model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_constraints_panel_edits_merge_and_follow_undo(qtbot: Any, doc: ProjectDocument) -> None:
    panel = ConstraintsPanel(doc)
    qtbot.addWidget(panel)
    assert panel.team_max.text() == "No limit"
    panel.team_max.setValue(4)
    panel.team_max.setValue(5)
    assert doc.project.constraints.team_size_max == 5
    assert doc.undo_stack.count() == 1
    panel.budget.setValue(600_000)
    panel.objective.setCurrentIndex(panel.objective.findData(ObjectiveOrder.COST_FIRST.value))
    panel.min_fit.setValue(40)
    assert doc.project.constraints.budget == 600_000
    assert doc.project.constraints.objective_order is ObjectiveOrder.COST_FIRST
    assert doc.project.constraints.min_role_fit == pytest.approx(0.4)
    panel.team_max.setValue(0)
    assert doc.project.constraints.team_size_max is None
    doc.undo_stack.undo()
    assert panel.team_max.value() == 5
    doc.pin_must_hire([doc.project.candidates[0].name], "data_scientist")
    assert "must hire as data scientist" in panel.pins.text()
    panel.set_editing_enabled(False)
    assert not panel.budget.isEnabled()


def test_constraint_spin_boxes_say_person_and_people_as_their_value_needs(qtbot: Any, doc: ProjectDocument) -> None:
    panel = ConstraintsPanel(doc)
    qtbot.addWidget(panel)
    panel.redundancy.setValue(1)
    assert panel.redundancy.text() == "1 person"
    panel.redundancy.setValue(2)
    assert panel.redundancy.text() == "2 people"
    panel.tasks_per_person.setValue(1)
    assert panel.tasks_per_person.text() == "1 task"
    panel.team_max.setValue(1)
    assert panel.team_max.text() == "1 person"
    box = panel.build_buy
    box.per_skill.setValue(1)
    assert box.per_skill.text() == "1 level per skill"
    box.per_person.setValue(2)
    assert box.per_person.text() == "2 levels per person"
    box.max_positions.setValue(1)
    assert box.max_positions.text() == "1 position"


def test_build_or_buy_settings_are_undoable_constraint_edits(qtbot: Any, doc: ProjectDocument) -> None:
    panel = ConstraintsPanel(doc)
    qtbot.addWidget(panel)
    box = panel.build_buy
    assert box.max_positions.text() == "Up to the team-size limit"
    assert box.needed_within.text() == "No deadline"
    box.max_positions.setValue(0)
    assert doc.project.constraints.max_open_positions == 0
    box.training.setChecked(False)
    assert doc.project.constraints.training.enabled is False
    assert not box.cost_per_level.isEnabled()
    box.needed_within.setValue(12)
    assert doc.project.constraints.needed_within_weeks == 12
    doc.undo_stack.undo()
    assert doc.project.constraints.needed_within_weeks is None and box.needed_within.text() == "No deadline"
    doc.undo_stack.undo()
    assert doc.project.constraints.training.enabled is True and box.training.isChecked()
    panel.set_editing_enabled(False)
    assert not box.max_positions.isEnabled()


def test_the_currency_picker_is_an_undoable_project_edit_every_money_field_follows(qtbot: Any, catalog: Any) -> None:
    from planner.model.money import Currency
    from ui.currencies import currency_choices

    project = new_project("ml", candidates=generate_pool(catalog, 5, seed=2))
    project.currency = Currency()
    project.constraints = dataclasses.replace(project.constraints, budget=500_000)
    doc = ProjectDocument(project)
    panel = ConstraintsPanel(doc)
    qtbot.addWidget(panel)
    codes = {c.code: c for c in currency_choices()}  # from Qt's locale data, not a typed table
    assert {"USD", "EUR", "GBP", "JPY", "CHF", "INR"} <= set(codes) and len(codes) > 100
    assert codes["EUR"].label == "EUR — Euro (€)"
    assert panel.currency.currentText() == "USD — US Dollar ($)"
    assert panel.budget.text() == "$500,000"
    cost = doc.candidate_model.index(0, doc.candidate_model.cost_column)
    assert cost.data().startswith("$")
    seen: list[bool] = []
    doc.currencyChanged.connect(lambda: seen.append(True))
    panel.currency.activated.emit(panel.currency.findData("EUR"))
    assert doc.project.currency == Currency("EUR", "€")
    assert seen == [True]
    assert panel.budget.text() == "€500,000"
    assert panel.build_buy.cost_per_level.text().startswith("€")
    assert cost.data().startswith("€")
    assert doc.undo_stack.undoText() == "Currency EUR"
    panel.currency_symbol.setText("EUR")
    panel.currency_symbol.editingFinished.emit()
    assert doc.project.currency == Currency("EUR", "EUR")
    assert panel.budget.text() == "EUR 500,000"
    panel.currency_symbol.setText(" ")
    panel.currency_symbol.editingFinished.emit()  # refused: the symbol stays
    assert doc.project.currency == Currency("EUR", "EUR") and panel.currency_symbol.text() == "EUR"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.project.currency == Currency()
    assert panel.currency.currentText() == "USD — US Dollar ($)" and panel.budget.text() == "$500,000"
