"""Candidates tab: employee or applicant, and the roles a person is open to, as undoable edits."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from planner.model.candidates import Candidate, CandidateStatus
from planner.model.constraints import Constraints
from planner.model.project import new_project
from ui.candidates_panel import CandidatesPanel
from ui.document import ProjectDocument
from ui.models.candidate_table_model import SORT_ROLE, ColumnKind

pytestmark = pytest.mark.gui
TYPE, OPEN_TO = 2, 3


@pytest.fixture
def doc(catalog: Any) -> ProjectDocument:
    people = [
        Candidate("Ana", {"machine_learning": 4.0}, 100.0, status=CandidateStatus.EMPLOYEE),
        Candidate("Bo", {"data_science": 4.0}, 90.0, roles=("data_scientist", "data_analyst")),
        Candidate("Cy", {"software_engineering": 5.0}, 80.0),
    ]
    return ProjectDocument(new_project("ml", candidates=people, constraints=Constraints()))


@pytest.fixture
def panel(qtbot: Any, doc: ProjectDocument) -> CandidatesPanel:
    widget = CandidatesPanel(doc)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    return widget


TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_the_table_shows_type_and_roles_open_to(doc: ProjectDocument, qtmodeltester: Any) -> None:
    model = doc.candidate_model
    qtmodeltester.check(model, force_py=True)
    assert model.column_kind(TYPE) == (ColumnKind.PERSON, None)
    assert model.column_kind(OPEN_TO) == (ColumnKind.OPEN_TO, None)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (TYPE, OPEN_TO)] == ["Type", "Open to"]
    assert [model.index(r, TYPE).data() for r in range(3)] == ["Employee", "Applicant", "Applicant"]
    open_to = [model.index(r, OPEN_TO).data() for r in range(3)]
    assert open_to == ["Any role", "DS, DA", "Any role"]  # short names keep the column narrow
    tip = model.index(1, OPEN_TO).data(Qt.ItemDataRole.ToolTipRole)
    assert "only one of these roles: Data Scientist, Data Analyst" in tip
    assert "MLE Machine Learning Engineer" in model.headerData(OPEN_TO, Qt.Orientation.Horizontal, TOOLTIP)
    assert model.index(1, OPEN_TO).data(Qt.ItemDataRole.EditRole) == "Data Scientist, Data Analyst"
    assert model.index(0, TYPE).data(SORT_ROLE) < model.index(1, TYPE).data(SORT_ROLE)  # staff sort first
    assert model.headerData(model.skill_column("machine_learning"), Qt.Orientation.Horizontal) == "ML"


def test_typing_role_names_is_an_undoable_edit_and_unknown_names_are_refused(qtbot: Any, doc: ProjectDocument) -> None:
    model = doc.candidate_model
    assert model.setData(model.index(2, OPEN_TO), "software engineer, Machine Learning Engineer")
    assert doc.project.candidates[2].roles == ("software_engineer", "machine_learning_engineer")
    assert model.index(2, OPEN_TO).data() == "SWE, MLE"
    assert model.setData(model.index(2, OPEN_TO), "mle")  # the short names can be typed too
    assert model.index(2, OPEN_TO).data() == "MLE"  # a long lone name is short
    assert model.setData(model.index(2, OPEN_TO), "Data Analyst")
    assert model.index(2, OPEN_TO).data() == "Data Analyst"  # a short lone name reads whole
    every = ", ".join(r.name for r in doc.project.catalog.roles)
    assert model.setData(model.index(2, OPEN_TO), every)
    assert model.index(2, OPEN_TO).data() == "Any role"  # open to every role
    assert model.setData(model.index(2, OPEN_TO), "software engineer, Machine Learning Engineer")
    with qtbot.waitSignal(doc.editRejected) as blocker:
        assert not model.setData(model.index(2, OPEN_TO), "Chef")
    assert "unknown role 'Chef'" in blocker.args[0]
    assert model.setData(model.index(2, OPEN_TO), "any role")
    assert doc.project.candidates[2].roles == ()
    doc.undo_stack.undo()
    assert doc.project.candidates[2].roles == ("software_engineer", "machine_learning_engineer")


def test_the_type_delegate_edits_employee_or_applicant(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    cy = doc.row_of("Cy")
    index = panel.proxy.mapFromSource(doc.candidate_model.index(cy, TYPE))
    delegate = panel.table.itemDelegateForColumn(TYPE)
    editor = delegate.createEditor(panel.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["Employee", "Applicant"]
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "Applicant"
    editor.setCurrentIndex(0)
    delegate.setModelData(editor, panel.proxy, index)
    assert doc.project.candidates[cy].status is CandidateStatus.EMPLOYEE
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.project.candidates[cy].status is CandidateStatus.APPLICANT


def _submenu(panel: CandidatesPanel, text: str) -> Any:
    return next(a.menu() for a in panel.context_menu().actions() if a.text() == text)


def test_the_context_menu_sets_type_and_roles_for_the_selection(panel: CandidatesPanel, doc: ProjectDocument) -> None:
    panel.select_candidate("Bo")
    bo = doc.row_of("Bo")
    open_to = _submenu(panel, "&Open to")
    ticked = {a.text() for a in open_to.actions() if a.isChecked()}
    assert ticked == {"Data Scientist", "Data Analyst"}
    next(a for a in open_to.actions() if a.text() == "Machine Learning Engineer").trigger()
    assert doc.project.candidates[bo].roles == ("data_scientist", "data_analyst", "machine_learning_engineer")
    next(a for a in _submenu(panel, "&Open to").actions() if a.text() == "Data Analyst").trigger()
    assert doc.project.candidates[bo].roles == ("data_scientist", "machine_learning_engineer")
    assert doc.undo_stack.undoText() == "Not open to Data Analyst"
    next(a for a in _submenu(panel, "&Open to").actions() if a.text() == "Any role").trigger()
    assert doc.project.candidates[bo].roles == ()
    panel.table.selectAll()
    next(a for a in _submenu(panel, "&Type").actions() if a.text() == "Employee").trigger()
    assert all(c.is_employee for c in doc.project.candidates)
    assert doc.undo_stack.undoText() == "Mark as employee"
    doc.undo_stack.undo()  # one step for the whole selection
    assert {c.name for c in doc.project.candidates if c.is_employee} == {"Ana"}


def test_the_detail_pane_says_type_and_roles(panel: CandidatesPanel) -> None:
    panel.select_candidate("Bo")
    assert panel.detail.fit_text.text().startswith("Applicant, open to Data Scientist, Data Analyst<br>")
    panel.select_candidate("Ana")
    assert panel.detail.fit_text.text().startswith("Employee, open to any role<br>")


def test_opening_the_tab_keeps_the_candidates_in_file_order(qtbot: Any, catalog: Any) -> None:
    people = [Candidate("Ana"), Candidate("Bo"), Candidate("Al")]
    doc = ProjectDocument(new_project("ml", candidates=people))
    widget = CandidatesPanel(doc)
    qtbot.addWidget(widget)
    assert [c.name for c in doc.project.candidates] == ["Ana", "Bo", "Al"]
    assert [widget.proxy.index(r, 0).data() for r in range(3)] == ["Ana", "Bo", "Al"]
