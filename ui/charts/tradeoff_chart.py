"""The trade-off chart: requirements covered (y) against budget or team size (x), as a step line.

Each point is the best coverage reachable within its limit (from
:func:`planner.analyses.tradeoff.tradeoff_curve`): filled when the solver proved it, hollow when it
is the best found in the time allowed (its gap is in the tooltip). Between points the
coverage stays at the lower point's level until the next limit is reached, so the curve
is a staircase. The current plan is a diamond. Clicking a point selects it and emits
:attr:`TradeoffChart.pointActivated`; double-clicking emits :attr:`TradeoffChart.pointLoaded`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

from planner.analyses.tradeoff import TradeoffAxis, TradeoffPoint
from planner.model.money import USD, Currency, format_money
from planner.model.plan import Plan, PlanStatus
from planner.wording import count_text, format_gap
from ui.charts.radar import SERIES_COLORS, mix
from ui.charts.tooltips import handle_tooltip

CURVE_COLOR = QColor(SERIES_COLORS[0])
CURRENT_COLOR = QColor(SERIES_COLORS[1])
EMPTY_TEXT = "No trade-off curve yet.\nPress Compute to find the best coverage at each budget."
HIT_RADIUS = 10.0
AXIS_TITLES = {TradeoffAxis.BUDGET: "Budget (total annual cost)", TradeoffAxis.TEAM_SIZE: "Team size (people)"}


def short_money(value: float) -> str:
    """``850k``, ``1.2M``, ``900``: compact tick labels."""
    magnitude = abs(value)
    if magnitude >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if magnitude >= 1_000:
        return f"{value / 1_000:.3g}k"
    return f"{value:g}"


def nice_ticks(low: float, high: float, count: int = 6, *, integer: bool = False) -> list[float]:
    """About ``count`` round tick values covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if integer:
        step = max(1.0, math.ceil(step))
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + 1e-9:
        ticks.append(round(value, 9))
        value += step
    return ticks


def axis_value(plan: Plan, axis: TradeoffAxis) -> float:
    """Where ``plan`` sits on the x axis: what counts against the budget (the total cost, or new
    spend only under a new-spend budget), or its headcount."""
    return plan.budget_spend if axis is TradeoffAxis.BUDGET else float(len(plan.team))


def diamond(center: QPointF, size: float) -> QPolygonF:
    """The current-plan marker's shape."""
    x, y = center.x(), center.y()
    return QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)])


def covered_count(plan: Plan) -> int:
    return len(plan.requirements) - plan.objective.uncovered


def format_limit(value: float, axis: TradeoffAxis, currency: Currency = USD) -> str:
    if axis is TradeoffAxis.BUDGET:
        return f"budget {format_money(value, currency)}"
    people = int(value)
    return count_text(people, "person")


def point_tooltip(point: TradeoffPoint, axis: TradeoffAxis, currency: Currency = USD) -> str:
    """What a point means, in words."""
    plan = point.plan
    total = len(plan.requirements)
    people = len(plan.team)
    lines = [
        f"{point.covered} of {total} requirements covered",
        f"{count_text(people, 'person')}, cost {format_money(plan.total_cost, currency)}",
    ]
    if point.proven:
        lines.append(f"Proven optimal for {format_limit(point.limit, axis, currency)}")
    else:
        gap = f", within {format_gap(plan.gap)} of optimal" if plan.gap else ""
        lines.append(f"Best found in the time allowed{gap} (not proven)")
    lines.append("Click to select, double-click to load this plan")
    return "\n".join(lines)


@dataclass(frozen=True)
class _Frame:
    """The data-to-pixel mapping of one paint."""

    plot: QRectF
    x_low: float
    x_high: float
    y_low: float
    y_high: float

    def map(self, x: float, y: float) -> QPointF:
        fx = (x - self.x_low) / (self.x_high - self.x_low)
        fy = (y - self.y_low) / (self.y_high - self.y_low)
        return QPointF(self.plot.left() + fx * self.plot.width(), self.plot.bottom() - fy * self.plot.height())


class TradeoffChart(QWidget):
    """See the module docstring."""

    pointActivated = Signal(int)  # index into the points given to set_points
    pointLoaded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency: Currency = USD  # the project's; the panel sets it
        self._points: tuple[TradeoffPoint, ...] = ()
        self._axis = TradeoffAxis.BUDGET
        self._current: Plan | None = None
        self._selected: int | None = None
        self._empty_text = EMPTY_TEXT
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(360, 240))

    # --- data -------------------------------------------------------------------------

    def set_points(self, points: Sequence[TradeoffPoint], axis: TradeoffAxis, current: Plan | None) -> None:
        """Show ``points`` (any order) on ``axis``, with ``current`` marked (None: no marker)."""
        self._points = tuple(points)
        self._axis = axis
        self._current = current if current is not None and current.status is not PlanStatus.INFEASIBLE else None
        if self._selected is not None and self._selected >= len(self._points):
            self._selected = None
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def points(self) -> tuple[TradeoffPoint, ...]:
        return self._points

    def axis(self) -> TradeoffAxis:
        return self._axis

    def selected(self) -> int | None:
        return self._selected

    def set_selected(self, index: int | None) -> None:
        self._selected = index if index is not None and 0 <= index < len(self._points) else None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 400)

    # --- geometry -----------------------------------------------------------------------

    def _frame(self) -> _Frame | None:
        if not self._points:
            return None
        metrics = QFontMetricsF(self.font())
        area = QRectF(self.contentsRect())
        plot = area.adjusted(
            metrics.horizontalAdvance("1.25M") + metrics.height() + 18,
            metrics.height() * 2 + 12,
            -18,
            -(metrics.height() * 2 + 16),
        )
        xs = [p.limit for p in self._points]
        ys = [float(p.covered) for p in self._points]
        total = max(len(p.plan.requirements) for p in self._points)
        if self._current is not None:
            xs.append(axis_value(self._current, self._axis))
            ys.append(float(covered_count(self._current)))
        x_low, x_high = min(xs), max(xs)
        if self._axis is TradeoffAxis.TEAM_SIZE:
            x_low, x_high = max(0.0, x_low - 1), x_high + 1
        else:
            pad = (x_high - x_low) * 0.08 or max(abs(x_high) * 0.1, 1.0)
            x_low, x_high = max(0.0, x_low - pad), x_high + pad
        y_low = max(0.0, min(ys) - 1)
        y_high = max(float(total), max(ys)) + 0.5
        return _Frame(plot, x_low, x_high, y_low, y_high)

    def point_position(self, index: int) -> QPointF:
        """Where point ``index`` is drawn (for tests and tooltips)."""
        frame = self._frame()
        if frame is None:
            raise IndexError(index)
        point = self._points[index]
        return frame.map(point.limit, point.covered)

    def index_at(self, position: QPointF) -> int | None:
        """The point within reach of ``position`` (the nearest), else None."""
        frame = self._frame()
        if frame is None:
            return None
        best, best_distance = None, HIT_RADIUS
        for index, point in enumerate(self._points):
            drawn = frame.map(point.limit, point.covered)
            distance = math.hypot(drawn.x() - position.x(), drawn.y() - position.y())
            if distance <= best_distance:
                best, best_distance = index, distance
        return best

    def tooltip_at(self, position: QPointF) -> str:
        index = self.index_at(position)
        if index is not None:
            return point_tooltip(self._points[index], self._axis, self.currency)
        frame = self._frame()
        if frame is not None and self._current is not None:
            marker = frame.map(axis_value(self._current, self._axis), covered_count(self._current))
            if math.hypot(marker.x() - position.x(), marker.y() - position.y()) <= HIT_RADIUS:
                people = len(self._current.team)
                return (
                    f"Current plan: {covered_count(self._current)} of {len(self._current.requirements)} covered, "
                    f"{count_text(people, 'person')}, cost {format_money(self._current.total_cost, self.currency)}"
                )
        return ""

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        background = palette.color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), background)
        frame = self._frame()
        if frame is None:
            painter.setPen(mix(text, background, 0.4))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        self._paint_axes(painter, frame, text, background)
        self._paint_ceiling(painter, frame, text, background)
        self._paint_current(painter, frame, text)  # under the points: it often sits on one
        self._paint_curve(painter, frame, background)
        self._paint_legend(painter, text, background)

    def _paint_axes(self, painter: QPainter, frame: _Frame, text: QColor, background: QColor) -> None:
        metrics = QFontMetricsF(self.font())
        plot = frame.plot
        grid = QPen(mix(background, text, 0.12), 1)
        label_color = mix(text, background, 0.25)
        integer_x = self._axis is TradeoffAxis.TEAM_SIZE
        for value in nice_ticks(frame.y_low, frame.y_high - 0.5, 6, integer=True):
            y = frame.map(frame.x_low, value).y()
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(label_color)
            label = QRectF(plot.left() - 60, y - metrics.height() / 2, 54, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:g}")
        for value in nice_ticks(frame.x_low, frame.x_high, 7, integer=integer_x):
            x = frame.map(value, frame.y_low).x()
            painter.setPen(grid)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(label_color)
            text_value = f"{value:g}" if integer_x else short_money(value)
            label = QRectF(x - 40, plot.bottom() + 4, 80, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text_value)
        painter.setPen(QPen(mix(background, text, 0.5), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.setPen(text)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        bottom = QRectF(plot.left(), plot.bottom() + metrics.height() + 6, plot.width(), metrics.height() + 4)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, AXIS_TITLES[self._axis])
        painter.save()
        painter.translate(QPointF(self.contentsRect().left() + 4, plot.center().y()))
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, 0, plot.height(), metrics.height() + 2),
            Qt.AlignmentFlag.AlignCenter,
            "Requirements covered",
        )
        painter.restore()
        painter.setFont(self.font())

    def _staircase(self, frame: _Frame) -> list[QPointF]:
        ordered = sorted(self._points, key=lambda p: p.limit)
        corners: list[QPointF] = []
        for index, point in enumerate(ordered):
            if index > 0:
                corners.append(frame.map(point.limit, ordered[index - 1].covered))
            corners.append(frame.map(point.limit, point.covered))
        corners.append(frame.map(frame.x_high, ordered[-1].covered))
        return corners

    def _paint_curve(self, painter: QPainter, frame: _Frame, background: QColor) -> None:
        corners = self._staircase(frame)
        area = QPainterPath()
        area.moveTo(QPointF(corners[0].x(), frame.plot.bottom()))
        for corner in corners:
            area.lineTo(corner)
        area.lineTo(QPointF(corners[-1].x(), frame.plot.bottom()))
        area.closeSubpath()
        fill = QColor(CURVE_COLOR)
        fill.setAlphaF(0.14)
        painter.fillPath(area, fill)
        pen = QPen(CURVE_COLOR, 2.2)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF(corners))
        for index, point in enumerate(self._points):
            center = frame.map(point.limit, point.covered)
            if index == self._selected:
                painter.setPen(QPen(CURVE_COLOR, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(center, 10, 10)
            painter.setPen(QPen(CURVE_COLOR, 2))
            painter.setBrush(CURVE_COLOR if point.proven else background)
            painter.drawEllipse(center, 5, 5)

    def _paint_current(self, painter: QPainter, frame: _Frame, text: QColor) -> None:
        plan = self._current
        if plan is None:
            return
        center = frame.map(axis_value(plan, self._axis), covered_count(plan))
        size = 9.0
        painter.setPen(QPen(CURRENT_COLOR.darker(130), 1.5))
        painter.setBrush(CURRENT_COLOR)
        painter.drawPolygon(diamond(center, size))
        painter.setPen(text)
        metrics = QFontMetricsF(self.font())
        label = "Current plan"
        width = metrics.horizontalAdvance(label) + 4
        left = min(max(center.x() - width / 2, frame.plot.left()), frame.plot.right() - width)
        below = center.y() + size + 2
        top = below if below + metrics.height() <= frame.plot.bottom() else center.y() - size - 2 - metrics.height()
        box = QRectF(left, top, width, metrics.height())
        backing = self.palette().color(QPalette.ColorRole.Base)
        backing.setAlphaF(0.8)
        painter.fillRect(box, backing)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_ceiling(self, painter: QPainter, frame: _Frame, text: QColor, background: QColor) -> None:
        """A dashed line at full coverage: how far the curve is from covering everything."""
        total = max(len(p.plan.requirements) for p in self._points)
        y = frame.map(frame.x_low, total).y()
        pen = QPen(mix(text, background, 0.45), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(frame.plot.left(), y), QPointF(frame.plot.right(), y))
        metrics = QFontMetricsF(self.font())
        label = f"all {total} requirements"
        width = metrics.horizontalAdvance(label) + 4
        painter.drawText(
            QRectF(frame.plot.left() + 6, y - metrics.height() - 1, width, metrics.height()),
            Qt.AlignmentFlag.AlignLeft,
            label,
        )

    def _paint_legend(self, painter: QPainter, text: QColor, background: QColor) -> None:
        metrics = QFontMetricsF(self.font())
        items = [("proven optimum", "filled"), ("best found (not proven)", "hollow")]
        if self._current is not None:
            items.append(("current plan", "diamond"))
        x = float(self.contentsRect().left() + metrics.height() + 18)
        y = self.contentsRect().top() + 6 + metrics.height() / 2
        for label, kind in items:
            center = QPointF(x + 6, y)
            if kind == "diamond":
                painter.setPen(QPen(CURRENT_COLOR.darker(130), 1.5))
                painter.setBrush(CURRENT_COLOR)
                painter.drawPolygon(diamond(center, 6))
            else:
                painter.setPen(QPen(CURVE_COLOR, 2))
                painter.setBrush(CURVE_COLOR if kind == "filled" else background)
                painter.drawEllipse(center, 5, 5)
            painter.setPen(text)
            width = metrics.horizontalAdvance(label) + 4
            painter.drawText(
                QRectF(x + 16, y - metrics.height() / 2, width, metrics.height()), Qt.AlignmentFlag.AlignVCenter, label
            )
            x += 16 + width + 18

    # --- interaction --------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.index_at(event.position())
            if index is not None:
                self.set_selected(index)
                self.pointActivated.emit(index)
                return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.index_at(event.position())
            if index is not None:
                self.set_selected(index)
                self.pointLoaded.emit(index)
                return
        super().mouseDoubleClickEvent(event)

    def event(self, event: QEvent) -> bool:
        return handle_tooltip(self, event, self.tooltip_at) or super().event(event)
