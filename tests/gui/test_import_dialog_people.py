"""The import dialog shows why a sheet was chosen, maps status and roles columns, and lists the job
titles it read with the roles they open."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from pytestqt.qtbot import QtBot

from planner.model.candidates import CandidateStatus
from planner.model.catalog import Catalog
from ui.import_dialog import ImportDialog

pytestmark = pytest.mark.gui


def open_dialog(qtbot: QtBot, path: Path, catalog: Catalog) -> ImportDialog:
    dialog = ImportDialog(path, catalog)
    qtbot.addWidget(dialog)
    return dialog


def test_status_and_roles_columns_in_the_dialog(qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    guide = book.active
    guide.title = "Read me"
    guide.append(["Fill in the Candidates sheet"])
    people = book.create_sheet("Candidates")
    people.append(["Name", "Machine Learning", "SQL", "Internal", "Applied for"])
    people.append(["Ana", 4, 3, "yes", "Senior Data Engineer"])
    people.append(["Bo", 3, 5, "no", "Chef"])
    book.save(tmp_path / "people.xlsx")
    dialog = open_dialog(qtbot, tmp_path / "people.xlsx", catalog)
    assert dialog.sheet_combo.currentText() == "Candidates"
    assert "'Read me' (no candidate header, active)" in dialog.sheet_combo.toolTip()
    assert dialog.mapping_combo("Internal").currentText() == "Employee or applicant"
    assert dialog.mapping_combo("Applied for").currentText() == "Roles open to"
    assert [(c.status, c.roles) for c in dialog.candidates()] == [
        (CandidateStatus.EMPLOYEE, ("software_engineer",)),
        (CandidateStatus.APPLICANT, ()),
    ]
    titles = [dialog.titles_model.index(row, 0).data() for row in range(dialog.titles_model.rowCount())]
    assert titles == ["Senior Data Engineer", "Chef"]
