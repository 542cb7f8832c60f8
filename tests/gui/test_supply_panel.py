"""The supply-check view: counts per requirement, red for none, amber for one, a summary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sample_plans import REQS, sample_problem

from planner.model.catalog import Catalog
from planner.solver import SupplyReport, SupplyRow, supply_check
from ui.models.supply_model import NONE_COLOR, ONE_COLOR, SupplyColumn, SupplyModel
from ui.supply_panel import EMPTY_TEXT, SupplyPanel

pytestmark = pytest.mark.gui

# modeling·ML: 2 qualify; modeling·research: nobody; deployment·SE: only Ben
REPORT = SupplyReport(
    rows=(
        SupplyRow(REQS[0], ("Ana Chen", "Ben Okafor")),
        SupplyRow(REQS[3], ()),
        SupplyRow(REQS[5], ("Ben Okafor",)),
    ),
    unmeetable=(REQS[3],),
    single_points=(REQS[5],),
)


def test_supply_model(qtmodeltester, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    model = SupplyModel(catalog)
    qtmodeltester.check(model)
    model.set_report(REPORT)
    qtmodeltester.check(model)
    cells = [[model.data(model.index(r, c)) for c in SupplyColumn] for r in range(3)]
    assert cells[0] == ["Modeling", "Machine Learning", "≥ 4 (Developing)", "2", "Ana Chen, Ben Okafor"]
    assert cells[1] == ["Modeling", "Research", "≥ 3 (Developing)", "0", "nobody"]
    assert cells[2][3:] == ["1", "Ben Okafor"]
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(0, SupplyColumn.COUNT), background) is None
    assert model.data(model.index(1, SupplyColumn.COUNT), background).color() == NONE_COLOR
    assert model.data(model.index(2, SupplyColumn.WHO), background).color() == ONE_COLOR
    assert "single point of failure" in model.data(model.index(2, 0), Qt.ItemDataRole.ToolTipRole)


def test_many_names_are_shortened(catalog: Catalog) -> None:
    names = tuple(f"Person {i}" for i in range(10))
    model = SupplyModel(catalog)
    model.set_report(SupplyReport((SupplyRow(REQS[0], names),), (), ()))
    assert model.data(model.index(0, SupplyColumn.WHO)).endswith("Person 5 and 4 more")
    assert "Person 9" in model.data(model.index(0, SupplyColumn.WHO), Qt.ItemDataRole.ToolTipRole)


def test_panel_summary_names_gaps_and_single_points(qtbot: QtBot, catalog: Catalog) -> None:
    panel = SupplyPanel(catalog=catalog)
    qtbot.addWidget(panel)
    assert panel.summary_text() == EMPTY_TEXT
    panel.show_report(REPORT)
    assert panel.summary_text() == (
        "1 requirement cannot be met by these candidates: Modeling · Research ≥ 3 (Developing). "
        "1 requirement depends on a single candidate: Deployment · Software Engineering ≥ 4 (Developing)."
    )
    # Sorting by the count puts the gaps first.
    panel.view.sortByColumn(SupplyColumn.COUNT, Qt.SortOrder.AscendingOrder)
    first = panel.proxy.mapToSource(panel.proxy.index(0, 0)).row()
    assert panel.model.supply_row(first).count == 0
    panel.show_report(SupplyReport((SupplyRow(REQS[0], ("A", "B")),), (), ()))
    assert panel.summary_text() == "The requirement has at least 2 qualified candidates."
    panel.show_report(
        SupplyReport((SupplyRow(REQS[0], ("A", "B", "C")), SupplyRow(REQS[1], ("A", "B", "C", "D"))), (), ())
    )
    assert panel.summary_text() == "All 2 requirements have at least 3 qualified candidates."
    panel.show_report(None)
    assert panel.model.rowCount() == 0 and panel.summary_text() == EMPTY_TEXT


def test_real_supply_check(qtbot: QtBot, catalog: Catalog) -> None:
    panel = SupplyPanel(catalog=catalog)
    qtbot.addWidget(panel)
    report = supply_check(sample_problem(catalog))
    panel.show_report(report)
    assert panel.model.rowCount() == len(report.rows) == len(REQS)
    research = next(r for r in range(panel.model.rowCount()) if panel.model.supply_row(r).requirement == REQS[3])
    assert panel.model.data(panel.model.index(research, SupplyColumn.COUNT)) == "0"
    assert "cannot be met" in panel.summary_text()
