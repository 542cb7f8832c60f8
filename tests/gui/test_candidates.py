"""The candidate table: model contract, display, edits, search, sort, pins and the detail pane."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from planner.model.candidates import Candidate
from planner.model.constraints import Constraints
from planner.model.money import Currency
from planner.model.project import new_project
from planner.model.samples import generate_pool
from ui.candidates_panel import CandidatesPanel
from ui.document import ProjectDocument
from ui.models.candidate_table_model import SORT_ROLE, CandidateFilterModel, CandidateTableModel, ColumnKind


@pytest.fixture
def doc(catalog: Any) -> ProjectDocument:
    pool = generate_pool(catalog, 30, seed=7)
    pool[0] = Candidate("Zoe Unpaid", {"machine_learning": 5.0}, cost=None, email="zoe@example.com", notes="referral")
    project = new_project("ml", candidates=pool, constraints=Constraints())
    project.currency = Currency()  # US dollars, whatever the machine's locale
    return ProjectDocument(project)


@pytest.fixture
def panel(qtbot: Any, doc: ProjectDocument) -> CandidatesPanel:
    widget = CandidatesPanel(doc)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    return widget


def test_candidate_model_passes_the_model_tester(qtmodeltester: Any, doc: ProjectDocument) -> None:
    qtmodeltester.check(doc.candidate_model, force_py=True)
    proxy = CandidateFilterModel()
    proxy.setSourceModel(doc.candidate_model)
    proxy.set_search_text("a")
    qtmodeltester.check(proxy, force_py=True)


def test_columns_show_names_ratings_cost_and_notes(doc: ProjectDocument) -> None:
    model = doc.candidate_model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    ml = model.skill_column("machine_learning")
    assert model.headerData(ml, Qt.Orientation.Horizontal) == "ML"
    assert "Machine Learning" in model.headerData(ml, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0).data() == "Zoe Unpaid"
    assert model.index(0, ml).data() == "5"
    assert model.index(0, ml).data(Qt.ItemDataRole.EditRole) == 5.0
    assert "Accomplished" in model.index(0, ml).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, model.cost_column).data() == ""
    assert model.index(1, model.cost_column).data() == f"${doc.project.candidates[1].cost:,.0f}"
    assert model.index(0, model.notes_column).data() == "referral"
    assert model.column_kind(model.notes_column) == (ColumnKind.NOTES, None)


def test_editing_a_rating_goes_through_the_undo_stack(doc: ProjectDocument) -> None:
    model = doc.candidate_model
    column = model.skill_column("deep_learning")
    assert model.setData(model.index(0, column), 3.0)
    assert doc.project.candidates[0].ratings["deep_learning"] == 3.0
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert "deep_learning" not in doc.project.candidates[0].ratings


def test_invalid_edits_are_refused_with_a_reason(qtbot: Any, doc: ProjectDocument) -> None:
    model = doc.candidate_model
    with qtbot.waitSignal(doc.editRejected) as blocker:
        assert not model.setData(model.index(0, model.skill_column("research")), 9)
    assert "outside 0–5" in blocker.args[0]
    taken = doc.project.candidates[1].name
    with qtbot.waitSignal(doc.editRejected) as blocker:
        assert not model.setData(model.index(0, 0), taken)
    assert "already a candidate" in blocker.args[0]
    assert not model.setData(model.index(0, model.cost_column), "a lot")
    assert doc.undo_stack.count() == 0


def test_cost_accepts_thousands_separators_and_blank(doc: ProjectDocument) -> None:
    model = doc.candidate_model
    assert model.setData(model.index(1, model.cost_column), "120,500")
    assert doc.project.candidates[1].cost == 120_500
    assert model.setData(model.index(1, model.cost_column), "")
    assert doc.project.candidates[1].cost is None


def test_search_filters_by_name_email_and_notes(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    panel.search.setText("REFERRAL")
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data() == "Zoe Unpaid"
    assert panel.count_label.text() == "1 of 30 candidates"
    panel.search.setText("zoe@")
    assert panel.proxy.rowCount() == 1
    panel.search.clear()
    assert panel.proxy.rowCount() == 30


def test_sorting_uses_native_values_and_puts_unknown_cost_last(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    model = doc.candidate_model
    ml = model.skill_column("machine_learning")
    panel.table.sortByColumn(ml, Qt.SortOrder.DescendingOrder)
    values = [panel.proxy.index(r, ml).data(SORT_ROLE) for r in range(panel.proxy.rowCount())]
    assert values == sorted(values, reverse=True)
    panel.table.sortByColumn(model.cost_column, Qt.SortOrder.AscendingOrder)
    costs = [c.cost for c in doc.project.candidates]
    assert costs[-1] is None
    known = [c for c in costs if c is not None]
    assert known == sorted(known)
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)


def test_sorting_keeps_the_selection_on_the_same_person(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    panel.select_candidate("Zoe Unpaid")
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert panel.selected_names() == ["Zoe Unpaid"]
    assert panel.detail.title.text() == "Zoe Unpaid"


def test_add_duplicate_and_delete(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    panel.add_action.trigger()
    assert doc.project.candidates[-1].name == "New candidate"
    panel.select_candidate("Zoe Unpaid")
    panel.duplicate_action.trigger()
    assert doc.project.candidates[1].name == "Zoe Unpaid (copy)"
    assert doc.project.candidates[1].ratings == doc.project.candidates[0].ratings
    panel.select_candidate("Zoe Unpaid (copy)")
    panel.delete_action.trigger()
    assert [c.name for c in doc.project.candidates].count("Zoe Unpaid (copy)") == 0
    assert len(doc.project.candidates) == 31


def test_context_menu_pins_must_hire_with_a_role_exclude_and_clear(
    panel: CandidatesPanel, doc: ProjectDocument
) -> None:
    panel.select_candidate("Zoe Unpaid")
    menu = panel.context_menu()
    must = next(a.menu() for a in menu.actions() if a.text() == "&Must hire")
    as_engineer = next(a for a in must.actions() if a.text() == "As Machine Learning Engineer")
    as_engineer.trigger()
    assert doc.project.constraints.must_hire == {"Zoe Unpaid": "machine_learning_engineer"}
    model = doc.candidate_model
    assert model.index(0, 1).data() == "Must hire as Machine Learning Engineer"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    next(a for a in panel.context_menu().actions() if a.text().startswith("&Exclude")).trigger()
    assert doc.project.constraints.exclude == {"Zoe Unpaid"}
    assert doc.project.constraints.must_hire == {}
    assert model.index(0, 1).data() == "Excluded"
    next(a for a in panel.context_menu().actions() if a.text().startswith("&Clear")).trigger()
    assert doc.project.constraints.exclude == frozenset()
    assert model.index(0, 1).data() == ""


def test_detail_pane_compares_the_candidate_with_the_best_role(panel: CandidatesPanel) -> None:
    panel.select_candidate("Zoe Unpaid")
    radar = panel.detail.radar
    assert "Zoe Unpaid" in radar.series_names()
    assert len(radar.series_names()) == 2
    assert "Machine Learning" in radar.axis_labels()
    assert radar.series_values("Zoe Unpaid")[radar.axis_labels().index("Machine Learning")] == 5.0
    assert "Best fit:" in panel.detail.fit_text.text()


def test_rating_delegate_edits_with_level_names(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    model = doc.candidate_model
    index = panel.proxy.mapFromSource(model.index(0, model.skill_column("communication")))
    delegate = panel.rating_delegate
    editor = delegate.createEditor(panel.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())][3] == "3 — Developing"
    assert editor.itemText(5) == "5 — Accomplished"
    delegate.setEditorData(editor, index)
    assert editor.currentData() == 0
    editor.setCurrentIndex(4)
    delegate.setModelData(editor, panel.proxy, index)
    assert doc.project.candidates[0].ratings["communication"] == 4.0


def test_fractional_ratings_survive_an_unchanged_editor(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    model = doc.candidate_model
    assert model.setData(model.index(0, model.skill_column("research")), 3.5)
    index = panel.proxy.mapFromSource(model.index(0, model.skill_column("research")))
    editor = panel.rating_delegate.createEditor(panel.table.viewport(), QStyleOptionViewItem(), index)
    panel.rating_delegate.setEditorData(editor, index)
    panel.rating_delegate.setModelData(editor, panel.proxy, index)
    assert doc.project.candidates[0].ratings["research"] == 3.5


def test_read_only_while_solving(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    panel.set_editing_enabled(False)
    model = doc.candidate_model
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, 0), "Someone else")
    assert not panel.add_action.isEnabled()
    panel.set_editing_enabled(True)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_stand_alone_model_applies_edits_directly(catalog: Any) -> None:
    project = new_project("ml", candidates=generate_pool(catalog, 3, seed=1))
    model = CandidateTableModel(project)
    assert model.setData(model.index(0, model.notes_column), "hello")
    assert project.candidates[0].notes == "hello"
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_the_candidate_count_groups_thousands(qtbot: Any, catalog: Any) -> None:
    from planner.model.project import new_project
    from planner.model.samples import generate_pool
    from ui.candidates_panel import CandidatesPanel
    from ui.document import ProjectDocument

    panel = CandidatesPanel(ProjectDocument(new_project("ml", candidates=generate_pool(catalog, 1_200, seed=3))))
    qtbot.addWidget(panel)
    assert panel.count_label.text() == "1,200 candidates"
