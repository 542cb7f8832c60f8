"""The import dialog: preview with bad rows kept, mapping, header row, scale, sheets, re-read, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from planner.io.import_report import ColumnTarget
from planner.model.catalog import Catalog
from ui.import_dialog import ImportDialog
from ui.models.import_preview_model import ERROR_COLOR, ERROR_ROW_COLOR, ImportPreviewModel, ImportProblemsModel

pytestmark = pytest.mark.gui

MESSY = """Candidate list exported 2026-11-01,,,,,
Full name,ML,Stats,Python,Salary,Favourite colour
Ana Chen,4,5,3,150000,blue
Bo Li,high,3,4,140000,red
,3,3,3,100000,green
Cy Diaz,7,2,5,,pink
Dee Ek,3,3,3,120000,
"""
FIXED = (
    MESSY.replace("Bo Li,high", "Bo Li,4")
    .replace(",3,3,3,100000", "Eve Fox,3,3,3,100000")
    .replace("Cy Diaz,7", "Cy Diaz,5")
)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "messy.csv"
    path.write_text(MESSY, encoding="utf-8")
    return path


def open_dialog(qtbot: QtBot, path: Path, catalog: Catalog) -> ImportDialog:
    dialog = ImportDialog(path, catalog)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_keeps_rows_with_errors(qtbot: QtBot, messy: Path, catalog: Catalog) -> None:
    dialog = open_dialog(qtbot, messy, catalog)
    model = dialog.preview_model
    assert model.rowCount() == 5  # every data row, errors included
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(5)] == ["3", "4", "5", "6", "7"]
    assert [model.data(model.index(r, 0)) for r in range(5)] == ["✓ OK", "✗ Error", "✗ Error", "✗ Error", "✓ OK"]
    assert model.headerData(2, Qt.Orientation.Horizontal) == "ML\n→ Machine Learning"
    bo_ml = model.index(1, 2)
    assert model.data(bo_ml) == "high"
    assert model.data(bo_ml, Qt.ItemDataRole.BackgroundRole).color() == ERROR_COLOR
    assert "'high' is not a rating" in model.data(bo_ml, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, 3), Qt.ItemDataRole.BackgroundRole).color() == ERROR_ROW_COLOR
    assert model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole) is None
    assert dialog.import_button.text() == "&Import 2 good rows"
    assert dialog.import_button.isEnabled()
    assert dialog.header_spin.value() == 2
    assert dialog.sheet_combo.isHidden()  # a CSV has one sheet
    assert dialog.problems_model.rowCount() == len(dialog.report().problems) >= 5  # type: ignore[union-attr]
    assert "5 data rows: 2 ready to import; 3 with errors will be left out" in dialog.summary_label.text()


def test_models_pass_the_model_tester(qtmodeltester, messy: Path, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(messy, catalog)
    preview = ImportPreviewModel(catalog)
    qtmodeltester.check(preview)
    preview.set_report(dialog.report())
    qtmodeltester.check(preview)
    problems = ImportProblemsModel()
    qtmodeltester.check(problems)
    problems.set_problems(dialog.report().problems)  # type: ignore[union-attr]
    qtmodeltester.check(problems)
    rows = [[problems.data(problems.index(r, c)) for c in range(5)] for r in range(problems.rowCount())]
    assert any(row[:4] == ["4", "ML", "high", "Error"] for row in rows)
    dialog.deleteLater()


def test_changing_a_column_mapping_reimports(qtbot: QtBot, messy: Path, catalog: Catalog) -> None:
    dialog = open_dialog(qtbot, messy, catalog)
    assert "algorithmic_coding" not in dialog.candidates()[0].ratings
    combo = dialog.mapping_combo("Python")
    assert combo.currentData() == "ignored"
    combo.setCurrentIndex(combo.findData("skill:algorithmic_coding"))
    combo.activated.emit(combo.currentIndex())  # what choosing with the mouse does
    assert dialog.candidates()[0].ratings["algorithmic_coding"] == 3.0
    assert dialog.preview_model.headerData(4, Qt.Orientation.Horizontal) == "Python\n→ Algorithmic Coding"
    assert dialog.mapping_combo("Python").currentData() == "skill:algorithmic_coding"
    dialog.set_column_target("Salary", ColumnTarget("ignored"))
    assert dialog.candidates()[0].cost is None


def test_rereading_after_the_file_is_fixed(qtbot: QtBot, messy: Path, catalog: Catalog) -> None:
    dialog = open_dialog(qtbot, messy, catalog)
    assert len(dialog.candidates()) == 2
    messy.write_text(FIXED, encoding="utf-8")
    qtbot.mouseClick(dialog.reread_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in dialog.candidates()] == ["Ana Chen", "Bo Li", "Eve Fox", "Cy Diaz", "Dee Ek"]
    assert dialog.import_button.text() == "&Import 5 good rows"


def test_header_row_can_be_chosen(qtbot: QtBot, messy: Path, catalog: Catalog) -> None:
    dialog = open_dialog(qtbot, messy, catalog)
    dialog.header_spin.setValue(1)
    dialog.header_spin.editingFinished.emit()
    assert "no name column" in dialog.error_text()  # shown inside the dialog, not raised
    assert not dialog.import_button.isEnabled()
    assert dialog.candidates() == []
    dialog.set_header_row(2)
    assert dialog.error_text() == ""
    assert len(dialog.candidates()) == 2


def test_rating_scale_choices(qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "ten.csv"
    path.write_text("Name,Machine Learning\nAna,10\nBo,1\n", encoding="utf-8")
    dialog = open_dialog(qtbot, path, catalog)
    assert [c.name for c in dialog.candidates()] == ["Bo"]  # Ana's 10 is outside the default 0–5 scale
    dialog.scale_combo.setCurrentIndex(dialog.scale_combo.findData("1-10"))
    dialog.scale_combo.activated.emit(dialog.scale_combo.currentIndex())
    ratings = {c.name: c.rating("machine_learning") for c in dialog.candidates()}
    assert ratings == {"Ana": 5.0, "Bo": 0.0}
    dialog.scale_combo.setCurrentIndex(dialog.scale_combo.findData("custom"))
    dialog.scale_combo.activated.emit(dialog.scale_combo.currentIndex())
    assert dialog.custom_scale.isVisibleTo(dialog)
    dialog.custom_scale.setText("0-20")
    dialog.custom_scale.editingFinished.emit()
    assert {c.name: c.rating("machine_learning") for c in dialog.candidates()} == {"Ana": 2.5, "Bo": 0.25}
    assert not dialog.set_scale_text("lots")
    assert "cannot read the scale 'lots'" in dialog.error_text()


def test_sheets_can_be_chosen(qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Team A"
    first.append(["Name", "Machine Learning"])
    first.append(["Ana", 4])
    second = book.create_sheet("Team B")
    second.append(["Name", "Machine Learning"])
    second.append(["Bo", 3])
    second.append(["Cy", 2])
    book.save(path)
    dialog = open_dialog(qtbot, path, catalog)
    assert dialog.sheet_combo.isVisibleTo(dialog)
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["Team A", "Team B"]
    assert [c.name for c in dialog.candidates()] == ["Ana"]
    dialog.sheet_combo.setCurrentIndex(1)
    dialog.sheet_combo.activated.emit(1)
    assert [c.name for c in dialog.candidates()] == ["Bo", "Cy"]
    assert dialog.report().sheet == "Team B"  # type: ignore[union-attr]


def test_unreadable_file_shows_the_message(qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    dialog = open_dialog(qtbot, tmp_path / "missing.xlsx", catalog)
    assert "missing.xlsx" in dialog.error_text()
    assert dialog.report() is None and dialog.candidates() == []
    assert not dialog.import_button.isEnabled()
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"this is not a workbook")
    dialog = open_dialog(qtbot, garbage, catalog)
    assert dialog.error_text() != ""


def test_problem_click_selects_the_cell_and_import_accepts(qtbot: QtBot, messy: Path, catalog: Catalog) -> None:
    dialog = open_dialog(qtbot, messy, catalog)
    dialog.show()
    qtbot.waitExposed(dialog)
    problems = dialog.problems_model
    row = next(r for r in range(problems.rowCount()) if problems.problem(r).value == "high")
    dialog.problems_view.clicked.emit(dialog.problems_proxy.mapFromSource(problems.index(row, 0)))
    current = dialog.preview_proxy.mapToSource(dialog.preview.currentIndex())
    assert (current.row(), current.column()) == (1, 2)  # Bo Li's ML cell
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [c.name for c in dialog.candidates()] == ["Ana Chen", "Dee Ek"]


def test_advice_fits_the_app_not_the_command_line(qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "tens.csv"
    path.write_text("Name,ML\nAna,7\n", encoding="utf-8")
    dialog = open_dialog(qtbot, path, catalog)
    model = dialog.problems_model
    texts = [str(model.data(model.index(r, model.columnCount() - 1))) for r in range(model.rowCount())]
    scale = next(t for t in texts if "outside the 0-5 scale" in t)
    assert "choose it under Rating scale" in scale and "--scale" not in scale
    headerless = tmp_path / "headerless.csv"
    headerless.write_text("Quarterly report\nrevenue,12\n", encoding="utf-8")
    dialog = open_dialog(qtbot, headerless, catalog)
    assert "Choose the header row and map the columns above the preview" in dialog.error_text()
