"""Layouts that are tested, not hoped for: at the default window size no header section or combo
box cuts its text, the results show the verdict, the gaps and the hires without scrolling, and at
the minimum size the toolbar keeps Solve and Stop in view."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from layout_checks import cell_cut, elided_cells, elided_combos, elided_headers
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QToolBar

from planner.io.project_file import load_project
from planner.model.constraints import TrainingPolicy
from planner.model.project import Project
from planner.resources import examples_dir
from planner.solver import solve
from planner.wording import open_to_text
from ui.import_dialog import ImportDialog
from ui.main_window import DEFAULT_SIZE, MINIMUM_SIZE, MainWindow
from ui.models.candidate_table_model import ColumnKind
from ui.recovery import RecoveryStore
from ui.settings import Settings

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def solved_example() -> Project:
    project = load_project(examples_dir() / "ml-startup.teamplan")
    # Pool only: the layout tests need a plan with gaps and hire advice to show.
    project.constraints = dataclasses.replace(
        project.constraints, max_open_positions=0, training=TrainingPolicy(enabled=False)
    )
    project.plan = solve(project.problem(), time_limit=20, deterministic=True)
    return project


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, solved_example: Project) -> Iterator[MainWindow]:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(solved_example, settings=settings, recovery=RecoveryStore(tmp_path / "recovery"))
    qtbot.addWidget(win)
    win.resize(*DEFAULT_SIZE)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.doc.mark_saved(tmp_path / "unused.teamplan")
    win.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def test_no_header_or_combo_cuts_its_text_at_the_default_size(window: MainWindow) -> None:
    cut: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle()
        cut += [f"{window.tabs.tabText(index)}: {text}" for text in elided_headers(window) + elided_combos(window)]
    assert cut == []


def test_candidates_show_cost_without_scrolling_and_every_open_to_cell_reads_or_explains(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(window.CANDIDATES_TAB)
    settle()
    table, model = window.candidates_panel.table, window.doc.candidate_model
    kinds = [model.column_kind(c)[0] for c in range(model.columnCount())]
    header = table.horizontalHeader()
    table.horizontalScrollBar().setValue(0)
    cost = kinds.index(ColumnKind.COST)
    assert header.sectionViewportPosition(cost) + header.sectionSize(cost) <= table.viewport().width()
    open_to = kinds.index(ColumnKind.OPEN_TO)
    unexplained = []
    for row in range(table.model().rowCount()):
        index = table.model().index(row, open_to)
        candidate = window.doc.project.candidates[table.model().mapToSource(index).row()]
        full = open_to_text(window.doc.project.catalog, candidate.roles)
        shortened = cell_cut(table, row, open_to) or index.data() != full
        if shortened and full not in str(index.data(Qt.ItemDataRole.ToolTipRole) or ""):
            unexplained.append(f"{candidate.name}: {index.data()!r}")
    assert unexplained == []
    assert {table.model().index(r, open_to).data() for r in range(table.model().rowCount())} >= {"Any role"}


def test_import_dialog_mapping_combos_show_whole_skill_names(qtbot: Any, window: MainWindow) -> None:
    dialog = ImportDialog(examples_dir() / "ml-startup-candidates.xlsx", window.doc.project.catalog, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert dialog.mapping_combo("Visualization Languages").currentText() == "Visualization Languages"
    assert elided_combos(dialog) == [] and elided_headers(dialog) == []


def _visible_in(view: Any, text: str) -> bool:
    """True when ``text`` in a text browser is inside its viewport (no scrolling needed)."""
    cursor = view.document().find(text)
    if cursor.isNull():
        return False
    view.setTextCursor(QTextCursor(view.document()))  # scrolled to the top, as it opens
    view.verticalScrollBar().setValue(0)
    return view.cursorRect(cursor).bottom() <= view.viewport().height()


def test_results_show_verdict_gaps_and_hires_without_scrolling(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(window.RESULTS_TAB)
    settle()
    panel = window.results_panel
    plan = window.doc.project.plan
    assert plan is not None and plan.uncovered and plan.hire_recommendations
    assert panel.status_label.isVisible() and "cannot be covered" in panel.status_text()
    # The heatmap shows every skill row, the must-have gap first.
    heatmap = panel.heatmap
    assert heatmap.verticalHeader().length() <= heatmap.viewport().height()
    first = heatmap.coverage_model().skill_order()[0]
    assert any(r.skill == first and r.must_have for r in plan.uncovered)
    # Every member is in view, and so are the gaps and the recommended hires.
    team = panel.team_view
    assert team.verticalHeader().length() <= team.viewport().height()
    assert elided_cells(team) == []  # roles and tasks read whole, not "S… E…"
    assert _visible_in(panel.gaps, "Not covered") and _visible_in(panel.gaps, "Recommended hires")
    assert not panel.details_box.isVisible()  # no empty Details box until something is clicked
    panel.select_member(panel.team_model.index(0, 0).data())
    assert panel.details_box.isVisible()
    panel.select_member(None)
    assert not panel.details_box.isVisible()


def test_gaps_only_shows_just_the_rows_with_a_gap(window: MainWindow) -> None:
    panel = window.results_panel
    everything = panel.heatmap.coverage_model().rowCount()
    panel.gaps_only.setChecked(True)
    model = panel.heatmap.coverage_model()
    assert 0 < model.rowCount() < everything
    states = {
        model.cell_at(model.index(r, c)).state.value
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    }
    assert "missing" in states


def test_minimum_size_keeps_solve_and_stop_in_the_toolbar(window: MainWindow) -> None:
    window.resize(*MINIMUM_SIZE)
    settle()
    assert (window.width(), window.height()) == MINIMUM_SIZE
    toolbar = window.findChild(QToolBar, "MainToolbar")
    for action in (window.solver.solve_action, window.solver.stop_action):
        button = toolbar.widgetForAction(action)
        assert button is not None and button.isVisible()
        assert toolbar.rect().contains(button.geometry())
    window.tabs.setCurrentIndex(window.RESULTS_TAB)
    settle()
    panel = window.results_panel
    assert panel.heatmap.verticalHeader().length() <= panel.heatmap.viewport().height()
    assert elided_cells(panel.team_view) == []  # at the minimum too: no "S… E…"
    assert elided_headers(window) == []  # the heatmap scrolls sideways rather than cut a title


@pytest.mark.parametrize("size", [DEFAULT_SIZE, MINIMUM_SIZE])
def test_open_positions_and_trained_members_read_whole_in_the_team_table(
    qtbot: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    project = load_project(examples_dir() / "ml-startup.teamplan")  # positions and training allowed
    project.plan = solve(project.problem(), time_limit=20, deterministic=True)
    assert project.plan.open_positions and project.plan.training_cost  # the example's plan uses both
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(project, settings=settings, recovery=RecoveryStore(tmp_path / "recovery"))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    win.tabs.setCurrentIndex(win.RESULTS_TAB)
    settle()
    team = win.results_panel.team_view
    assert team.model().rowCount() == project.plan.headcount
    assert elided_cells(team) == []  # "Position 1", its variant's name and "Open position" read whole
    assert elided_headers(win) == []
    win.doc.mark_saved(tmp_path / "unused.teamplan")
    win.close()
