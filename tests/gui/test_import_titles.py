"""The import dialog shows the job titles of a roles column, the roles each opens, and lets the user change them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.model.candidates import CandidateStatus
from planner.model.catalog import Catalog
from ui.import_dialog import ImportDialog

pytestmark = pytest.mark.gui

SHEET = """Name,ML,Software Engineering,Status,Applied for
Ana Chen,4,3,employee,Data Engineer
Bo Li,3,4,applicant,Senior Data Analyst
Cy Diaz,5,2,applicant,Chef
Dee Ek,3,3,applicant,data engineer; Data Analyst
"""


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> ImportDialog:
    path = tmp_path / "people.csv"
    path.write_text(SHEET, encoding="utf-8")
    widget = ImportDialog(path, catalog)
    qtbot.addWidget(widget)
    return widget


def _column(catalog: Catalog, role_id: str) -> int:
    return 1 + catalog.role_ids.index(role_id)


def test_the_dialog_lists_each_title_with_the_roles_it_opens(
    dialog: ImportDialog, catalog: Catalog, qtmodeltester: Any
) -> None:
    model = dialog.titles_model
    qtmodeltester.check(model, force_py=True)
    assert not dialog.titles_view.isHidden()
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == ["Data Engineer", "Senior Data Analyst", "Chef", "Data Analyst"]
    last = model.columnCount() - 1
    assert model.headerData(last, Qt.Orientation.Horizontal) == "Opens"
    assert model.index(0, last).data() == "Software Engineer"  # the Playbook calls a data engineer an SE
    assert model.index(2, last).data() == "every role (no catalog role fits)"
    assert model.headerData(_column(catalog, "machine_learning_engineer"), Qt.Orientation.Horizontal) == "MLE"
    engineer = model.index(0, _column(catalog, "software_engineer"))
    assert engineer.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    people = {c.name: c for c in dialog.candidates()}
    assert people["Ana Chen"].status is CandidateStatus.EMPLOYEE
    assert people["Ana Chen"].roles == ("software_engineer",)
    assert people["Cy Diaz"].roles == ()


def test_changing_a_titles_roles_changes_every_person_with_that_title(dialog: ImportDialog, catalog: Catalog) -> None:
    model = dialog.titles_model
    assert model.setData(model.index(0, _column(catalog, "software_engineer_ml")), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert model.setData(model.index(0, _column(catalog, "software_engineer")), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert model.index(0, model.columnCount() - 1).data() == "Software Engineer – Machine Learning"
    people = {c.name: c for c in dialog.candidates()}
    assert people["Ana Chen"].roles == ("software_engineer_ml",)
    analyst = people["Bo Li"].roles
    assert people["Dee Ek"].roles == tuple(
        r for r in catalog.role_ids if r in {*analyst, "software_engineer_ml"}
    )  # "data engineer; Data Analyst": both titles' roles
    dialog.reread()  # the choice survives reading the file again
    assert {c.name: c for c in dialog.candidates()}["Ana Chen"].roles == ("software_engineer_ml",)


def test_a_sheet_without_a_roles_column_hides_the_titles(qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("Name,ML\nAna,4\n", encoding="utf-8")
    widget = ImportDialog(path, catalog)
    qtbot.addWidget(widget)
    assert widget.titles_view.isHidden()
    assert [c.roles for c in widget.candidates()] == [()]


def test_status_and_roles_columns_show_and_can_be_chosen_in_the_mapping(dialog: ImportDialog) -> None:
    assert dialog.mapping_combo("Status").currentText() == "Employee or applicant"
    assert dialog.mapping_combo("Applied for").currentText() == "Roles open to"
    combo = dialog.mapping_combo("Applied for")
    combo.setCurrentIndex(combo.findData("ignored"))
    combo.activated.emit(combo.currentIndex())  # what picking "ignore" does
    assert dialog.titles_view.isHidden()
    assert all(c.roles == () for c in dialog.candidates())
