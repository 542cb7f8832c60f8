"""The radar chart and the coverage heatmap (model, states, tooltips, clicks, highlight)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot
from sample_plans import sample_plan, sample_problem

from planner.analyses.coverage import coverage_matrix
from planner.model.catalog import Catalog
from ui.charts.heatmap import CoverageHeatmap
from ui.charts.radar import RadarChart, level_bands
from ui.models.coverage_model import STATE_COLORS, CellState, CoverageModel

pytestmark = pytest.mark.gui


# --- radar ------------------------------------------------------------------------------


def test_level_bands_follow_the_catalog_scale(catalog: Catalog) -> None:
    assert level_bands(catalog.scale) == [(0.0, 2.0, "Beginning"), (2.0, 4.0, "Developing"), (4.0, 5.0, "Accomplished")]


def test_radar_keeps_axes_and_series(qtbot: QtBot) -> None:
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.set_axes(["A", "B", "C"], 5)
    chart.set_series([("Team", [1, 2, 3], None), ("Need", [3, 3, 3], QColor("red"))], dashed={"Need"})
    assert chart.axis_labels() == ["A", "B", "C"]
    assert chart.series_names() == ["Team", "Need"]
    assert chart.series_values("Need") == [3.0, 3.0, 3.0]
    assert chart.band_names() == ["Beginning", "Developing", "Accomplished"]
    assert chart.accessibleDescription() == "Team: A 1, B 2, C 3; Need: A 3, B 3, C 3"
    with pytest.raises(ValueError, match="2 values for 3 axes"):
        chart.set_series([("Bad", [1, 2], None)])
    # New axes of another length drop the series that no longer fit.
    chart.set_axes(["A", "B"], 5)
    assert chart.series_names() == []
    assert chart.minimumSizeHint().width() >= 250


def _colored_pixels(chart: RadarChart, color: QColor, step: int = 2) -> int:
    image = chart.grab().toImage()
    count = 0
    for x in range(0, image.width(), step):
        for y in range(0, image.height(), step):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - color.red()) + abs(pixel.green() - color.green()) + abs(pixel.blue() - color.blue())
                < 30
            ):
                count += 1
    return count


def test_radar_paints_series_and_tooltips(qtbot: QtBot) -> None:
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.resize(420, 400)
    labels = ["Machine Learning", "Data Science", "Mathematics", "Algorithmic Coding", "Software Engineering"]
    chart.set_axes(labels, 5)
    green = QColor("#00c000")
    chart.set_series([("Ana", [5, 3, 5, 5, 3], green)])
    assert _colored_pixels(chart, green) > 20  # the outline and points are drawn
    # The point for Mathematics (axis 2) is on the ring of 5; its tooltip names axis, series and level.
    tips = [chart.tooltip_at(point) for point, _ in chart.painted_points()]
    assert "Mathematics\nAna: 5 (Accomplished)" in tips
    assert chart.tooltip_at(QPointF(-100, -100)) == ""


def test_radar_paints_in_a_dark_palette(qtbot: QtBot) -> None:
    chart = RadarChart()
    qtbot.addWidget(chart)
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    chart.setPalette(palette)
    chart.resize(360, 340)
    chart.set_axes(["A", "B", "C", "D"], 5)
    chart.set_series([("Team", [4, 4, 4, 4], None)])
    chart.set_footnote("● sourced ○ inferred")
    assert _colored_pixels(chart, QColor("#f0f0f0"), step=1) > 40  # labels in the light text colour
    assert _colored_pixels(chart, QColor("#202020")) > 5_000  # the dark window shows through
    assert _colored_pixels(chart, QColor("#ffffff")) < 50  # no light-theme background painted


def test_radar_without_axes_says_so(qtbot: QtBot) -> None:
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.resize(300, 280)
    chart.set_axes([], 5)
    chart.grab()  # must not fail
    assert chart.tooltip_at(QPointF(150, 140)) == ""


# --- coverage matrix and heatmap ----------------------------------------------------------


def test_coverage_matrix_states(catalog: Catalog) -> None:
    matrix = coverage_matrix(sample_problem(catalog), sample_plan())
    assert matrix.tasks == ("modeling", "deployment")
    assert matrix.skills == ("machine_learning", "deep_learning", "mathematics", "software_engineering", "research")
    met = matrix.cell("deployment", "machine_learning")
    assert met.state is CellState.MET and met.covered_by == ("Ana Chen", "Ben Okafor")
    thin = matrix.cell("deployment", "software_engineering")
    assert thin.state is CellState.THIN and thin.covered_by == ("Ben Okafor",) and thin.best == 5
    missing = matrix.cell("modeling", "research")
    assert missing.state is CellState.MISSING and missing.covered_by == ()
    other = matrix.cell("deployment", "deep_learning")
    assert other.state is CellState.NOT_REQUIRED and other.required is None and other.best == 5


def test_coverage_matrix_without_the_problem_uses_the_plans_records(catalog: Catalog) -> None:
    matrix = coverage_matrix(None, sample_plan())
    assert matrix.cell("modeling", "deep_learning").state is CellState.THIN
    assert matrix.cell("modeling", "research").state is CellState.MISSING


def test_coverage_model(qtmodeltester, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    model = CoverageModel(catalog)
    qtmodeltester.check(model)
    model.set_matrix(coverage_matrix(sample_problem(catalog), sample_plan()))
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.columnCount() == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Modeling"
    assert model.headerData(4, Qt.Orientation.Vertical) == "Research"
    deployment_se = model.index(3, 1)
    assert model.data(deployment_se) == "5 (≥4)"
    assert model.data(deployment_se, Qt.ItemDataRole.BackgroundRole).color() == STATE_COLORS[CellState.THIN]
    tip = model.data(deployment_se, Qt.ItemDataRole.ToolTipRole)
    assert "Required: 4 (Developing)" in tip
    assert "Covered by: Ben Okafor (5)" in tip
    assert "On the task but below the level: Ana Chen (2)" in tip
    research = model.index(4, 0)
    assert model.data(research) == "– (≥3)" or model.data(research).endswith("(≥3)")
    assert model.data(research, Qt.ItemDataRole.BackgroundRole).color() == STATE_COLORS[CellState.MISSING]
    assert model.data(model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is None  # deep learning: not required
    model.set_highlight("Ben Okafor")
    assert model.data(deployment_se, CoverageModel.HighlightRole) is True
    assert model.data(model.index(0, 0), CoverageModel.HighlightRole) is False
    qtmodeltester.check(model)


def test_heatmap_click_emits_the_requirement(qtbot: QtBot, catalog: Catalog) -> None:
    heatmap = CoverageHeatmap(catalog)
    qtbot.addWidget(heatmap)
    heatmap.resize(500, 300)
    heatmap.show_coverage(coverage_matrix(sample_problem(catalog), sample_plan()))
    heatmap.show()
    qtbot.waitExposed(heatmap)
    index = heatmap.model().index(3, 1)  # software engineering × deployment
    rect = heatmap.visualRect(index)
    with qtbot.waitSignal(heatmap.requirementClicked) as blocker:
        qtbot.mouseClick(heatmap.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["deployment", "software_engineering"]
    heatmap.highlight_member("Ana Chen")
    assert heatmap.coverage_model().data(heatmap.model().index(0, 0), CoverageModel.HighlightRole) is True
    assert heatmap.sizeHint().height() >= 5 * 27  # room for every skill row


def test_a_narrow_radar_draws_short_axis_names_instead_of_collapsing(qtbot: QtBot) -> None:
    chart = RadarChart()
    qtbot.addWidget(chart)
    names = ["Machine Learning", "Data Query Languages", "Visualization Languages", "Software Engineering", "Research"]
    chart.set_axes(names, 5, short_labels=["ML", "SQL", "Viz", "SWE", "Research"])
    chart.set_series([("Team", [1, 2, 3, 4, 5], None)])
    chart.resize(600, 500)
    chart.grab()
    assert [label.replace("\n", " ") for label in chart.drawn_labels()] == names
    chart.resize(230, 200)
    chart.grab()
    assert chart.drawn_labels() == ["ML", "SQL", "Viz", "SWE", "Research"]
