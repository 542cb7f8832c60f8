"""The Trade-off view: how much coverage each budget (or team size) buys.

Compute runs :func:`planner.analyses.tradeoff.tradeoff_curve` on a :class:`ui.worker.Worker`
thread; each point appears on the chart as soon as it is solved. Stop keeps the points
found so far; changing the project, or closing, cancels the run (and waits for its thread
on close). Selecting a point shows its team; "Load this plan" (or a double-click) hands the
plan to the main window through :attr:`TradeoffPanel.planChosen`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.analyses.tradeoff import TradeoffAxis, TradeoffPoint, tradeoff_curve
from planner.model.money import Currency, format_money
from planner.model.plan import Plan
from planner.model.project import Problem
from planner.wording import count_text
from ui.charts.tradeoff_chart import TradeoffChart, format_limit, point_tooltip
from ui.worker import Worker

CurveFunction = Callable[..., tuple[TradeoffPoint, ...]]
AXIS_NAMES = {TradeoffAxis.BUDGET: "Budget", TradeoffAxis.TEAM_SIZE: "Team size"}
IDLE_TEXT = "Each point is the best coverage within a budget, from the richest plan down to the cheapest."


def curve_job(
    problem: Problem,
    axis: TradeoffAxis,
    *,
    on_progress: Callable[[Any], None],
    should_stop: Callable[[], bool],
    time_limit_per_point: float,
    curve: CurveFunction = tradeoff_curve,
) -> tuple[TradeoffPoint, ...]:
    """Run ``curve`` for the worker; progress reports are every point so far (safe to coalesce)."""
    found: list[TradeoffPoint] = []

    def on_point(point: TradeoffPoint) -> None:
        found.append(point)
        on_progress(tuple(found))

    return curve(problem, axis, time_limit_per_point=time_limit_per_point, on_point=on_point, should_stop=should_stop)


class _Jobs:
    """The panel's workers, kept apart from the widget so they can be stopped as it is destroyed."""

    def __init__(self) -> None:
        self.current: Worker | None = None
        self.retired: list[Worker] = []  # cancelled, their threads still ending

    def shutdown(self, *_args: object) -> None:
        for worker in [*self.retired, *([self.current] if self.current is not None else [])]:
            if worker.is_running():
                worker.cancel_and_wait()
        self.retired.clear()
        self.current = None


class TradeoffPanel(QWidget):
    """See the module docstring."""

    planChosen = Signal(object)  # the Plan of the chosen point
    computingChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, curve: CurveFunction = tradeoff_curve) -> None:
        super().__init__(parent)
        self._curve = curve
        self._problem: Problem | None = None
        self._current: Plan | None = None
        self._points: tuple[TradeoffPoint, ...] = ()
        self._axis = TradeoffAxis.BUDGET
        self._jobs = _Jobs()
        self.destroyed.connect(partial(_Jobs.shutdown, self._jobs))

        self.axis_box = QComboBox()
        for axis, name in AXIS_NAMES.items():
            self.axis_box.addItem(name, axis.value)
        self.axis_box.setToolTip("Trade coverage against the total cost or against the number of people")
        self.axis_box.currentIndexChanged.connect(self._axis_changed)
        self.time_box = QDoubleSpinBox()
        self.time_box.setRange(0.5, 600)
        self.time_box.setDecimals(1)
        self.time_box.setValue(10)
        self.time_box.setSuffix(" s")
        self.time_box.setToolTip("Time limit of each point's solve; a point not proven in time is drawn hollow")
        self.compute_button = QPushButton("&Compute")
        self.compute_button.setToolTip("Solve once per point, from the richest plan down to the cheapest")
        self.compute_button.clicked.connect(self.compute)
        self.stop_button = QPushButton("S&top")
        self.stop_button.setToolTip("Stop now and keep the points found so far")
        self.stop_button.clicked.connect(self.stop)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Coverage against:"))
        controls.addWidget(self.axis_box)
        controls.addWidget(QLabel("Time per point:"))
        controls.addWidget(self.time_box)
        controls.addWidget(self.compute_button)
        controls.addWidget(self.stop_button)
        controls.addStretch(1)

        self.status_label = QLabel(IDLE_TEXT)
        self.status_label.setObjectName("tradeoffStatus")
        self.status_label.setWordWrap(True)
        self.chart = TradeoffChart()
        self.chart.pointActivated.connect(self._point_selected)
        self.chart.pointLoaded.connect(self._point_loaded)
        self.detail_label = QLabel("Click a point to see its team.")
        self.detail_label.setObjectName("pointDetail")
        self.detail_label.setWordWrap(True)
        self.load_button = QPushButton("&Load this plan")
        self.load_button.setToolTip("Show the selected point's plan in the Results tab")
        self.load_button.clicked.connect(self.load_selected)
        bottom = QHBoxLayout()
        bottom.addWidget(self.detail_label, 1)
        bottom.addWidget(self.load_button)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status_label)
        layout.addWidget(self.chart, 1)
        layout.addLayout(bottom)
        self._update_controls()

    # --- public API -------------------------------------------------------------------

    def set_problem(self, problem: Problem | None, current: Plan | None = None) -> None:
        """The project to trade off (None: cannot compute) and its current plan (the marker).

        A different problem makes the points stale: a running computation is cancelled
        and the chart cleared.
        """
        if problem != self._problem:
            self._cancel_running()
            self._points = ()
            self.chart.set_selected(None)
            if self._problem is not None:
                self.status_label.setText("The project changed: press Compute for a new curve.")
        self._problem = problem
        self._current = current
        self.chart.set_points(self._points, self._axis, current)
        self._update_controls()

    def axis(self) -> TradeoffAxis:
        return self._axis

    def set_currency(self, currency: Currency) -> None:
        """Show budgets and costs in the project's currency."""
        self.chart.currency = currency
        self._show_detail()

    def set_axis(self, axis: TradeoffAxis) -> None:
        self.axis_box.setCurrentIndex(self.axis_box.findData(axis.value))

    def points(self) -> tuple[TradeoffPoint, ...]:
        return self._points

    def worker(self) -> Worker | None:
        return self._jobs.current

    def is_computing(self) -> bool:
        return self._jobs.current is not None

    def compute(self) -> bool:
        """Start computing the curve; False when there is nothing to compute or it is running."""
        if self._problem is None or self.is_computing():
            return False
        self._points = ()
        self.chart.set_selected(None)
        self.chart.set_points((), self._axis, self._current)
        worker = Worker(
            curve_job,
            self._problem,
            self._axis,
            time_limit_per_point=self.time_box.value(),
            curve=self._curve,
        )
        worker.progress.connect(lambda points, w=worker: self._on_points(w, points))
        worker.finished.connect(lambda points, w=worker: self._on_finished(w, points))
        worker.failed.connect(lambda error, w=worker: self._on_failed(w, error))
        worker.cancelled.connect(lambda w=worker: self._on_cancelled(w))
        self._jobs.current = worker
        self.status_label.setText(f"Computing the {AXIS_NAMES[self._axis].lower()} curve…")
        worker.start()
        self._update_controls()
        self.computingChanged.emit(True)
        return True

    def stop(self) -> None:
        """Finish early, keeping the points found so far."""
        if self._jobs.current is not None:
            self._jobs.current.stop()
            self.status_label.setText("Stopping, keeping the points found so far…")

    def cancel(self) -> None:
        """Stop and discard this run."""
        if self._jobs.current is not None:
            self._cancel_running()
            self.status_label.setText("Cancelled.")
            self._points = ()
            self.chart.set_points((), self._axis, self._current)
            self._update_controls()

    def shutdown(self) -> None:
        """Cancel any computation and wait for its thread (the window is closing)."""
        was_running = self.is_computing()
        self._jobs.shutdown()
        if was_running:
            self.computingChanged.emit(False)
        self._update_controls()

    def selected_plan(self) -> Plan | None:
        index = self.chart.selected()
        return self._points[index].plan if index is not None else None

    def select_point(self, index: int | None) -> None:
        self.chart.set_selected(index)
        self._show_detail()

    def load_selected(self) -> None:
        plan = self.selected_plan()
        if plan is not None:
            self.planChosen.emit(plan)

    def status_text(self) -> str:
        return self.status_label.text()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- worker signals ----------------------------------------------------------------

    def _on_points(self, worker: Worker, points: object) -> None:
        if worker is not self._jobs.current or not isinstance(points, tuple):
            return
        self._points = points
        self.chart.set_points(points, self._axis, self._current)
        self.status_label.setText(f"Computing… {len(points)} point{'s' if len(points) != 1 else ''} so far")

    def _on_finished(self, worker: Worker, points: object) -> None:
        if worker is not self._jobs.current:
            return
        self._jobs.current = None
        self._points = tuple(points) if isinstance(points, tuple) else ()
        self.chart.set_points(self._points, self._axis, self._current)
        self.status_label.setText(self._summary())
        self._update_controls()
        self.computingChanged.emit(False)

    def _on_failed(self, worker: Worker, error: object) -> None:
        if worker is not self._jobs.current:
            return
        self._jobs.current = None
        self.status_label.setText(f"Could not compute the curve: {error}")
        self._update_controls()
        self.computingChanged.emit(False)

    def _on_cancelled(self, worker: Worker) -> None:
        if worker in self._jobs.retired:
            self._jobs.retired.remove(worker)

    def _cancel_running(self) -> None:
        worker = self._jobs.current
        if worker is None:
            return
        self._jobs.current = None
        if worker.is_running():
            self._jobs.retired.append(worker)
            worker.cancel()
        self.computingChanged.emit(False)

    # --- view ----------------------------------------------------------------------------

    def _summary(self) -> str:
        points = self._points
        if not points:
            return "No feasible plan: relax the must-hire pins or the minimum team size, then Compute again."
        proven = sum(1 for p in points if p.proven)
        text = count_text(len(points), "point")
        text += ", all proven optimal" if proven == len(points) else f", {proven} proven optimal"
        cheapest, richest = min(points, key=lambda p: p.limit), max(points, key=lambda p: p.limit)
        text += (
            f". From {format_limit(cheapest.limit, self._axis, self.chart.currency)} ({cheapest.covered} covered) "
            f"to {format_limit(richest.limit, self._axis, self.chart.currency)} ({richest.covered} covered)."
        )
        return text

    def _point_selected(self, index: int) -> None:
        self._show_detail()

    def _point_loaded(self, index: int) -> None:
        self._show_detail()
        self.load_selected()

    def _show_detail(self) -> None:
        index = self.chart.selected()
        if index is None:
            self.detail_label.setText("Click a point to see its team.")
        else:
            point = self._points[index]
            team = ", ".join(m.candidate for m in point.plan.team) or "nobody"
            first = point_tooltip(point, self._axis, self.chart.currency).split("\n")[:3]
            total = format_money(point.plan.total_cost, self.chart.currency)
            self.detail_label.setText(f"<b>{' · '.join(first)}</b><br>Team: {team} (total {total})")
        self._update_controls()

    def _axis_changed(self, _index: int) -> None:
        axis = TradeoffAxis(self.axis_box.currentData())
        if axis is not self._axis:
            self._cancel_running()
            self._axis = axis
            self._points = ()
            self.chart.set_selected(None)
            self.chart.set_points((), axis, self._current)
            self._show_detail()
            self.status_label.setText(
                IDLE_TEXT.replace("budget", "team size") if axis is TradeoffAxis.TEAM_SIZE else IDLE_TEXT
            )

    def _update_controls(self) -> None:
        computing = self.is_computing()
        self.compute_button.setEnabled(self._problem is not None and not computing)
        self.stop_button.setEnabled(computing)
        self.load_button.setEnabled(self.chart.selected() is not None)
