"""The Trade-off view: the curve computed on a worker thread, the chart, Stop/Cancel/close.

Hand-checked instance (the real solver): querying data needs Data Query Languages ≥ 3,
branching needs Software Engineering ≥ 3. Ana (DQL 4, SE 4) costs 100, Ben (DQL 3) 60,
Cy (SE 3) 50. Full coverage is cheapest with Ana (100; Ben + Cy cost 110). Below 100 only
one requirement fits, cheapest with Cy (50); below 50 nothing: the empty team (0). By
team size: one person covers both (Ana), zero people cover nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette

from planner.analyses.tradeoff import TradeoffAxis, TradeoffPoint
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.plan import Member, Objective, Plan, PlanStatus
from planner.model.project import Problem
from tests.tiny_project import ANA, BEN, CY, tiny_project
from ui.charts.tradeoff_chart import CURVE_COLOR, TradeoffChart, nice_ticks, short_money
from ui.tradeoff_panel import TradeoffPanel, curve_job
from ui.worker import Worker


def make_problem(catalog: Catalog, budget: float | None = None) -> Problem:
    project = tiny_project(catalog, (ANA, BEN, CY), Constraints(time_limit=5, budget=budget))
    return project.problem()


def fake_plan(problem: Problem, team: list[tuple[str, float]], uncovered: int, **changes: Any) -> Plan:
    members = tuple(
        Member(name, "software_engineer_ml", ("data_engineering", "deployment"), cost) for name, cost in team
    )
    plan = Plan(
        status=changes.get("status", PlanStatus.OPTIMAL),
        solve_seconds=0.1,
        objective=Objective(uncovered_must=uncovered, headcount=len(members), cost=sum(c for _, c in team)),
        settings=problem.constraints,
        roles={},
        requirements=problem.requirements,
        team=members,
        gap=changes.get("gap"),
    )
    return plan


def fake_points(problem: Problem) -> tuple[TradeoffPoint, ...]:
    return (
        TradeoffPoint(100.0, fake_plan(problem, [("Ana", 100.0)], 0)),
        TradeoffPoint(50.0, fake_plan(problem, [("Cy", 50.0)], 1, status=PlanStatus.FEASIBLE, gap=0.04)),
    )


class BlockingCurve:
    """Reports its points at once, then runs until asked to stop (on the worker thread)."""

    def __init__(self, points: tuple[TradeoffPoint, ...], error: Exception | None = None) -> None:
        self.points = points
        self.error = error

    def __call__(
        self,
        problem: Problem,
        axis: TradeoffAxis,
        *,
        time_limit_per_point: float,
        on_point: Callable[[TradeoffPoint], None],
        should_stop: Callable[[], bool],
    ) -> tuple[TradeoffPoint, ...]:
        if self.error is not None:
            raise self.error
        for point in self.points:
            on_point(point)
        while not should_stop():
            time.sleep(0.002)  # the worker thread waits, never the GUI thread
        return self.points


def not_computing(value: bool) -> bool:
    return value is False


@pytest.fixture
def panel(qtbot: Any) -> TradeoffPanel:
    widget = TradeoffPanel()
    widget.resize(900, 600)
    qtbot.addWidget(widget)
    return widget


def test_real_curve_by_budget_and_by_team_size(panel: TradeoffPanel, catalog: Catalog, qtbot: Any) -> None:
    problem = make_problem(catalog)
    current = fake_plan(problem, [("Ana", 100.0)], 0)
    panel.set_problem(problem, current)
    panel.time_box.setValue(5)
    assert panel.compute_button.isEnabled() and not panel.stop_button.isEnabled()
    with qtbot.waitSignal(panel.computingChanged, timeout=60_000, check_params_cb=not_computing):
        assert panel.compute()
        assert panel.stop_button.isEnabled() and not panel.compute_button.isEnabled()
    points = panel.points()
    assert [(p.limit, p.covered, p.proven) for p in points] == [(100, 2, True), (50, 1, True), (0, 0, True)]
    assert [[m.candidate for m in p.plan.team] for p in points] == [["Ana"], ["Cy"], []]
    assert panel.chart.points() == points
    assert panel.status_text() == (
        "3 points, all proven optimal. From budget $0 (0 covered) to budget $100 (2 covered)."
    )
    assert not panel.load_button.isEnabled()

    panel.set_axis(TradeoffAxis.TEAM_SIZE)
    assert panel.points() == () and panel.chart.axis() is TradeoffAxis.TEAM_SIZE
    with qtbot.waitSignal(panel.computingChanged, timeout=60_000, check_params_cb=not_computing):
        panel.compute()
    assert [(p.limit, p.covered) for p in panel.points()] == [(1, 2), (0, 0)]
    assert panel.status_text().startswith("2 points, all proven optimal. From 0 people (0 covered) to 1 person")


def test_clicking_a_point_selects_it_and_load_emits_its_plan(
    panel: TradeoffPanel, catalog: Catalog, qtbot: Any
) -> None:
    problem = make_problem(catalog)
    points = fake_points(problem)
    panel._curve = BlockingCurve(points)  # a scripted curve for this test
    panel.set_problem(problem, None)
    panel.show()
    with qtbot.waitSignal(panel.computingChanged, timeout=10_000, check_params_cb=not_computing):
        panel.compute()
        qtbot.waitUntil(lambda: len(panel.points()) == 2, timeout=10_000)
        panel.stop()
    chart = panel.chart
    with qtbot.waitSignal(chart.pointActivated, timeout=1000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.point_position(1).toPoint())
    assert blocker.args == [1]
    assert chart.selected() == 1
    detail = panel.detail_label.text()
    assert "1 of 2 requirements covered" in detail and "Team: Cy (total $50)" in detail
    assert panel.load_button.isEnabled()
    with qtbot.waitSignal(panel.planChosen, timeout=1000) as blocker:
        panel.load_button.click()
    assert blocker.args == [points[1].plan]
    with qtbot.waitSignal(panel.planChosen, timeout=1000) as blocker:
        qtbot.mouseDClick(chart, Qt.MouseButton.LeftButton, pos=chart.point_position(0).toPoint())
    assert blocker.args == [points[0].plan]
    # A click away from every point selects nothing new.
    with qtbot.assertNotEmitted(chart.pointActivated):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(5, chart.height() - 5))


def test_chart_draws_proven_points_filled_and_best_found_hollow(qtbot: Any, catalog: Catalog) -> None:
    problem = make_problem(catalog)
    chart = TradeoffChart()
    chart.resize(700, 420)
    qtbot.addWidget(chart)
    current = fake_plan(problem, [("Ben", 60.0), ("Cy", 50.0)], 0)
    points = fake_points(problem)
    chart.set_points(points, TradeoffAxis.BUDGET, current)
    image = chart.grab().toImage()
    proven, hollow = chart.point_position(0).toPoint(), chart.point_position(1).toPoint()
    assert QColor(image.pixel(proven)) == CURVE_COLOR
    assert QColor(image.pixel(hollow)) == chart.palette().color(QPalette.ColorRole.Base)
    assert proven.y() < hollow.y()  # more covered is higher
    assert proven.x() > hollow.x()  # more expensive is further right
    assert "Proven optimal for budget $100" in chart.tooltip_at(chart.point_position(0))
    tip = chart.tooltip_at(chart.point_position(1))
    assert "1 of 2 requirements covered" in tip
    assert "within 4% of optimal (not proven)" in tip
    assert chart.tooltip_at(chart.point_position(1) + QPoint(0, 40).toPointF()) == ""


def test_current_plan_marker_has_a_tooltip(qtbot: Any, catalog: Catalog) -> None:
    problem = make_problem(catalog)
    chart = TradeoffChart()
    chart.resize(700, 420)
    qtbot.addWidget(chart)
    current = fake_plan(problem, [("Ben", 60.0), ("Cy", 50.0)], 0)
    chart.set_points(fake_points(problem)[1:], TradeoffAxis.BUDGET, current)
    frame = chart._frame()  # where the marker is drawn
    assert frame is not None
    marker = frame.map(110.0, 2)
    assert chart.tooltip_at(marker).startswith("Current plan: 2 of 2 covered, 2 people, cost $110")


def start_blocking_run(catalog: Catalog, qtbot: Any) -> tuple[Problem, TradeoffPanel, Worker | None]:
    """A panel computing a curve that reports two points, then waits until stopped."""
    problem = make_problem(catalog)
    panel = TradeoffPanel(curve=BlockingCurve(fake_points(problem)))
    qtbot.addWidget(panel)
    panel.set_problem(problem, None)
    panel.compute()
    return problem, panel, panel.worker()


def test_stop_keeps_the_points_found_so_far(catalog: Catalog, qtbot: Any) -> None:
    _problem, panel, worker = start_blocking_run(catalog, qtbot)
    assert worker is not None and worker.is_running()
    qtbot.waitUntil(lambda: len(panel.chart.points()) == 2, timeout=10_000)
    assert panel.status_text() == "Computing… 2 points so far"
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        panel.stop()
    assert not worker.is_running() and not panel.is_computing()
    assert len(panel.points()) == 2
    assert panel.status_text().startswith("2 points, 1 proven optimal.")
    assert panel.compute_button.isEnabled() and not panel.stop_button.isEnabled()


def test_cancel_discards_the_run(catalog: Catalog, qtbot: Any) -> None:
    _problem, panel, worker = start_blocking_run(catalog, qtbot)
    assert worker is not None
    qtbot.waitUntil(lambda: len(panel.points()) == 2, timeout=10_000)
    with qtbot.waitSignal(worker.cancelled, timeout=10_000):
        panel.cancel()
        assert not panel.is_computing()  # at once: the GUI does not wait for the thread
    assert panel.points() == () and panel.chart.points() == ()
    assert panel.status_text() == "Cancelled."
    assert not worker.is_running()


def test_a_changed_project_cancels_and_clears(catalog: Catalog, qtbot: Any) -> None:
    problem, panel, worker = start_blocking_run(catalog, qtbot)
    assert worker is not None
    qtbot.waitUntil(lambda: len(panel.points()) == 2, timeout=10_000)
    panel.set_problem(problem, None)  # the same problem (a new current plan, say) keeps the run
    assert panel.is_computing()
    with qtbot.waitSignal(worker.cancelled, timeout=10_000):
        panel.set_problem(make_problem(catalog, budget=80.0), None)
    assert not panel.is_computing() and panel.points() == ()
    assert panel.status_text() == "The project changed: press Compute for a new curve."


def test_closing_waits_for_the_thread(catalog: Catalog, qtbot: Any) -> None:
    problem = make_problem(catalog)
    panel = TradeoffPanel(curve=BlockingCurve(fake_points(problem)))
    qtbot.addWidget(panel)
    panel.set_problem(problem, None)
    panel.show()
    panel.compute()
    worker = panel.worker()
    assert worker is not None and worker.is_running()
    panel.close()
    assert not worker.is_running()
    assert not panel.is_computing()


def test_destroying_the_panel_stops_the_thread(catalog: Catalog, qtbot: Any) -> None:
    problem = make_problem(catalog)
    panel = TradeoffPanel(curve=BlockingCurve(fake_points(problem)))
    panel.set_problem(problem, None)
    panel.compute()
    worker = panel.worker()
    assert worker is not None and worker.is_running()
    shiboken6.delete(panel)  # what Qt does to a child panel when its window goes
    assert not shiboken6.isValid(panel)
    assert not worker.is_running()


def test_a_failing_curve_is_reported(catalog: Catalog, qtbot: Any) -> None:
    problem = make_problem(catalog)
    panel = TradeoffPanel(curve=BlockingCurve((), error=ValueError("boom")))
    qtbot.addWidget(panel)
    panel.set_problem(problem, None)
    with qtbot.waitSignal(panel.computingChanged, timeout=10_000, check_params_cb=not_computing):
        panel.compute()
    assert panel.status_text() == "Could not compute the curve: boom"
    assert panel.compute_button.isEnabled()


def test_nothing_to_compute_without_a_problem(panel: TradeoffPanel) -> None:
    assert not panel.compute_button.isEnabled()
    assert not panel.compute()
    assert panel.worker() is None


def test_curve_job_reports_every_point_so_far(catalog: Catalog) -> None:
    problem = make_problem(catalog)
    points = fake_points(problem)
    reports: list[Any] = []
    result = curve_job(
        problem,
        TradeoffAxis.BUDGET,
        on_progress=reports.append,
        should_stop=lambda: True,
        time_limit_per_point=1.0,
        curve=BlockingCurve(points),
    )
    assert result == points
    assert reports == [points[:1], points]  # cumulative, so a coalesced report loses nothing


def test_tick_labels() -> None:
    assert short_money(850_000) == "850k"
    assert short_money(1_200_000) == "1.2M"
    assert short_money(900) == "900"
    assert nice_ticks(0, 100, 5) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(0, 5, 7, integer=True) == [0, 1, 2, 3, 4, 5]
