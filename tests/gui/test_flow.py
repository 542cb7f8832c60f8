"""The whole flow a manager follows: new ML project → import → solve → results → export → read back."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog

from planner.model.plan import PlanStatus
from planner.resources import examples_dir
from planner.wording import format_seconds
from ui import dialogs
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow

SHEET = examples_dir() / "ml-startup-candidates.xlsx"


def workbook_text(path: Path) -> str:
    """Every cell value of every sheet, joined (to look for names and words)."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    finally:
        workbook.close()


@pytest.mark.slow
def test_new_project_import_solve_results_export(
    qtbot: Any, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window()
    window.show()
    assert window.doc.project.kind == "ml"
    assert window.doc.project.candidates == []

    # Import through the real dialog: the test plays the user who checks the preview and clicks Import.
    seen: dict[str, Any] = {}

    def user_clicks_import(dialog: QDialog) -> bool:
        assert isinstance(dialog, ImportDialog)
        seen["count"] = len(dialog.candidates())
        seen["report"] = dialog.report()
        dialog.import_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "open_spreadsheet_name", lambda *_a: SHEET)
    monkeypatch.setattr(dialogs, "exec_dialog", user_clicks_import)
    window.files.import_action.trigger()
    report = seen["report"]
    assert report is not None and not report.errors
    assert seen["count"] == len(window.doc.project.candidates) > 10
    book = openpyxl.load_workbook(SHEET, read_only=True)
    try:
        first_name = next(book.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    finally:
        book.close()
    assert window.doc.project.candidates[0].name == first_name
    assert window.candidates_panel.proxy.rowCount() == len(window.doc.project.candidates)
    qtbot.waitUntil(lambda: window.supply_panel.report() is not None, timeout=3000)

    # Solve with the real solver; the results view follows.
    with qtbot.waitSignal(window.solver.solveFinished, timeout=60_000) as blocker:
        window.solver.solve_action.trigger()
    plan = blocker.args[0]
    assert plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)
    assert plan.team
    assert window.doc.project.plan is plan
    assert window.results_panel.plan() is plan
    assert window.tabs.currentIndex() == window.RESULTS_TAB
    status = window.results_panel.status_text()
    assert status.startswith("Proven optimal") or status.startswith("Best found")
    assert window.solver.status_label.text() == f"Solved in {format_seconds(plan.solve_seconds)}"
    team_names = {
        window.results_panel.team_model.index(r, 0).data() for r in range(window.results_panel.team_model.rowCount())
    }
    positions = {f"Position {i}" for i in range(1, len(plan.open_positions) + 1)}
    assert team_names == {m.candidate for m in plan.team} | positions  # members, then any open positions

    # Export: the workbook names every member and their role.
    monkeypatch.setattr(dialogs, "export_plan_name", lambda *_a: tmp_path / "plan.xlsx")
    window.files.export_plan_action.trigger()
    text = workbook_text(tmp_path / "plan.xlsx")
    catalog = window.doc.project.catalog
    for member in plan.team:
        assert member.candidate in text
        assert catalog.role(member.role).name in text
    monkeypatch.setattr(dialogs, "export_plan_name", lambda *_a: tmp_path / "team.csv")
    window.files.export_plan_action.trigger()
    with (tmp_path / "team.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert {m.candidate for m in plan.team} <= {cell for row in rows for cell in row}

    # Save and reopen: the plan comes back with the project.
    monkeypatch.setattr(dialogs, "save_project_name", lambda *_a: tmp_path / "flow.teamplan")
    window.files.save_action.trigger()
    assert not window.isWindowModified()
    assert window.files.open_path(tmp_path / "flow.teamplan")
    assert window.doc.project.plan is not None
    assert {m.candidate for m in window.doc.project.plan.team} | positions == team_names
    assert window.results_panel.plan() is window.doc.project.plan


def test_real_solver_can_be_stopped_on_a_large_pool(qtbot: Any, make_window: Callable[..., MainWindow]) -> None:
    from planner.io.project_file import load_project

    project = load_project(examples_dir() / "large-pool.teamplan")
    window = make_window(project)
    with qtbot.waitSignal(window.solver.planAvailable, timeout=60_000):
        assert window.solver.start()
    with qtbot.waitSignal(window.solver.solveFinished, timeout=30_000) as blocker:
        window.solver.stop()
    plan = blocker.args[0]
    assert plan.team
    assert plan.status in (PlanStatus.CANCELLED, PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)


def test_export_includes_the_tradeoff_curve_and_scenarios(
    qtbot: Any, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from planner.io.project_file import load_project

    window = make_window(load_project(examples_dir() / "ml-startup.teamplan"))
    with qtbot.waitSignal(window.solver.solveFinished, timeout=60_000):
        window.solver.solve_action.trigger()
    window.tabs.setCurrentWidget(window.whatif.tradeoff_panel)
    panel = window.whatif.tradeoff_panel
    qtbot.waitUntil(lambda: panel.compute_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(panel.computingChanged, timeout=120_000, check_params_cb=lambda busy: not busy):
        assert panel.compute()
    assert len(panel.points()) >= 2
    monkeypatch.setattr(dialogs, "export_plan_name", lambda *_a: tmp_path / "plan.xlsx")
    window.files.export_plan_action.trigger()
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert "Trade-off" in book.sheetnames
    sheet = book["Trade-off"]
    budgets = [row[0] for row in sheet.iter_rows(min_row=1, values_only=True) if isinstance(row[0], (int, float))]
    assert sorted(budgets) == sorted(p.limit for p in panel.points())
