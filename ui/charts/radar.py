"""A radar (spider) chart of skill levels, drawn like the Playbook's skill-profile charts.

Rings are the rating levels; bands of rings carry the Playbook's level names
(Beginning, Developing, Accomplished on the 0–5 scale). Each series is a polygon; a
"dashed" series (a requirement, say) is drawn as an outline only. Points can be drawn
hollow, for example to mark values that are inferred rather than sourced.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from planner.model.catalog import Scale
from ui.charts.tooltips import handle_tooltip

# Distinguishable on light and dark backgrounds; the first is the Playbook charts' teal-blue.
SERIES_COLORS = ("#1b9ad6", "#e8833a", "#8e6bd1", "#2fa56b", "#d2477a", "#b59a2e")
MIN_READABLE_RADIUS = 70.0  # below this, full axis names crowd the chart out: draw short ones
PLAYBOOK_BANDS = ((0.0, 2.0, "Beginning"), (2.0, 4.0, "Developing"), (4.0, 5.0, "Accomplished"))


def level_bands(scale: Scale) -> list[tuple[float, float, str]]:
    """(lower, upper, name) bands of consecutive levels sharing a name, skipping the bottom level."""
    bands: list[tuple[float, float, str]] = []
    lower = float(scale.min)
    for level in scale.levels:
        if level.value <= scale.min:
            continue
        if bands and bands[-1][2] == level.name:
            bands[-1] = (bands[-1][0], float(level.value), level.name)
        else:
            bands.append((lower if not bands else bands[-1][1], float(level.value), level.name))
    return bands


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``first`` moved ``amount`` (0–1) of the way towards ``second``."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


@dataclass
class _Series:
    name: str
    values: list[float]
    color: QColor
    dashed: bool = False
    hollow: tuple[bool, ...] = ()


class RadarChart(QWidget):
    """Skill levels on axes around a circle; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._short: list[str] = []
        self._drawn_labels: list[str] = []
        self._maximum = 5.0
        self._bands: list[tuple[float, float, str]] = list(PLAYBOOK_BANDS)
        self._series: list[_Series] = []
        self._footnote = ""
        self._points: list[tuple[QPointF, str]] = []  # painted points with their tooltip
        self.setMouseTracking(True)

    # --- data -------------------------------------------------------------------------

    def set_axes(
        self,
        labels: list[str],
        maximum: float,
        bands: Sequence[tuple[float, float, str]] | None = None,
        short_labels: Sequence[str] | None = None,
    ) -> None:
        """The axis labels (clockwise from the top) and the outer ring's value.

        ``bands`` names groups of rings; by default the Playbook's names on a 0–5 scale.
        ``short_labels`` ("ML", "SQL"…) are drawn instead when the full names would leave the
        chart too small to read (a narrow pane); the points' tooltips keep the full names.
        """
        self._labels = list(labels)
        self._short = list(short_labels) if short_labels is not None and len(short_labels) == len(labels) else []
        self._maximum = float(maximum) if maximum > 0 else 1.0
        if bands is not None:
            self._bands = list(bands)
        elif self._maximum != 5.0:
            self._bands = []
        else:
            self._bands = list(PLAYBOOK_BANDS)
        self._series = [s for s in self._series if len(s.values) == len(self._labels)]
        self.update()

    def set_series(self, series: list[tuple[str, list[float], QColor | None]], *, dashed: Collection[str] = ()) -> None:
        """Replace the series: (name, one value per axis, colour or None for the next default).

        Series named in ``dashed`` are drawn as a dashed outline without fill.
        """
        out = []
        for index, (name, values, color) in enumerate(series):
            if len(values) != len(self._labels):
                raise ValueError(f"series {name!r} has {len(values)} values for {len(self._labels)} axes")
            chosen = QColor(color) if color is not None else QColor(SERIES_COLORS[index % len(SERIES_COLORS)])
            out.append(_Series(name, [float(v) for v in values], chosen, name in dashed))
        self._series = out
        self.setAccessibleDescription("; ".join(self._describe(series) for series in out))
        self.update()

    def _describe(self, series: _Series) -> str:
        values = ", ".join(f"{label} {value:g}" for label, value in zip(self._labels, series.values, strict=True))
        return f"{series.name}: {values}"

    def set_hollow_points(self, name: str, hollow: Sequence[bool]) -> None:
        """Draw the points of series ``name`` hollow where ``hollow`` is true (e.g. inferred values)."""
        for series in self._series:
            if series.name == name:
                series.hollow = tuple(hollow)
        self.update()

    def set_footnote(self, text: str) -> None:
        """A line under the legend (for example what hollow points mean)."""
        self._footnote = text
        self.update()

    def axis_labels(self) -> list[str]:
        return list(self._labels)

    def maximum(self) -> float:
        return self._maximum

    def series_names(self) -> list[str]:
        return [s.name for s in self._series]

    def series_values(self, name: str) -> list[float]:
        for series in self._series:
            if series.name == name:
                return list(series.values)
        raise KeyError(name)

    def hollow_points(self, name: str) -> list[bool]:
        """Which points of series ``name`` are drawn hollow."""
        for series in self._series:
            if series.name == name:
                return [index < len(series.hollow) and series.hollow[index] for index in range(len(series.values))]
        raise KeyError(name)

    def painted_points(self) -> list[tuple[QPointF, str]]:
        """Where the last paint put each point, with its tooltip."""
        return list(self._points)

    def band_names(self) -> list[str]:
        return [name for _, _, name in self._bands]

    # --- size -------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 260)

    def sizeHint(self) -> QSize:
        return QSize(440, 400)

    # --- painting ---------------------------------------------------------------------

    def _angle(self, index: int) -> float:
        return -math.pi / 2 + 2 * math.pi * index / max(1, len(self._labels))

    def _label_lines(self, text: str, metrics: QFontMetricsF) -> list[str]:
        """Split a long label into two balanced lines."""
        words = text.split()
        if len(words) < 2 or metrics.horizontalAdvance(text) < 90:
            return [text]
        best = (math.inf, [text])
        for cut in range(1, len(words)):
            lines = [" ".join(words[:cut]), " ".join(words[cut:])]
            width = max(metrics.horizontalAdvance(line) for line in lines)
            if width < best[0]:
                best = (width, lines)
        return best[1]

    def _label_rect(self, center: QPointF, radius: float, index: int, size: tuple[float, float]) -> QRectF:
        angle = self._angle(index)
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = QPointF(center.x() + (radius + 8) * cos, center.y() + (radius + 8) * sin)
        width, height = size
        if cos > 0.25:
            left = anchor.x()
        elif cos < -0.25:
            left = anchor.x() - width
        else:
            left = anchor.x() - width / 2
        if sin > 0.25:
            top = anchor.y()
        elif sin < -0.25:
            top = anchor.y() - height
        else:
            top = anchor.y() - height / 2
        return QRectF(left, top, width, height)

    def _legend_items(self) -> list[tuple[str, QColor, bool]]:
        return [(s.name, s.color, s.dashed) for s in self._series]

    def _legend_height(self, metrics: QFontMetricsF, width: float) -> float:
        items = self._legend_items()
        if not items and not self._footnote:
            return 0.0
        rows, x = 1 if items else 0, 0.0
        for name, _, _ in items:
            item_width = 26 + metrics.horizontalAdvance(name) + 16
            if x + item_width > width and x > 0:
                rows, x = rows + 1, 0.0
            x += item_width
        height = rows * (metrics.height() + 4) + 6
        return height + self._footnote_height(metrics, width)

    def _footnote_height(self, metrics: QFontMetricsF, width: float) -> float:
        if not self._footnote:
            return 0.0
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, max(width, 10.0), 1000), flags, self._footnote).height() + 4

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        background = palette.color(QPalette.ColorRole.Window)
        metrics = QFontMetricsF(self.font())
        area = QRectF(self.contentsRect()).adjusted(6, 6, -6, -6)
        legend_height = self._legend_height(metrics, area.width())
        chart = QRectF(area.left(), area.top(), area.width(), area.height() - legend_height)
        self._points = []
        if not self._labels:
            painter.setPen(mix(text_color, background, 0.4))
            painter.drawText(chart, Qt.AlignmentFlag.AlignCenter, "No skills to chart")
            self._paint_legend(painter, metrics, area, legend_height)
            return
        center = chart.center()
        lines, sizes, radius = self._fit_labels(self._labels, chart, center, metrics)
        if radius < MIN_READABLE_RADIUS and self._short:
            lines, sizes, radius = self._fit_labels(self._short, chart, center, metrics)
        self._drawn_labels = ["\n".join(ls) for ls in lines]
        self._paint_grid(painter, center, radius, text_color, background)
        self._paint_series(painter, center, radius, background)
        painter.setPen(text_color)
        for index, ls in enumerate(lines):
            rect = self._label_rect(center, radius, index, sizes[index])
            cos = math.cos(self._angle(index))
            align = (
                Qt.AlignmentFlag.AlignLeft
                if cos > 0.25
                else Qt.AlignmentFlag.AlignRight
                if cos < -0.25
                else Qt.AlignmentFlag.AlignHCenter
            )
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, "\n".join(ls))
        self._paint_legend(painter, metrics, area, legend_height)

    def _fit_labels(
        self, labels: Sequence[str], chart: QRectF, center: QPointF, metrics: QFontMetricsF
    ) -> tuple[list[list[str]], list[tuple[float, float]], float]:
        lines = [self._label_lines(label, metrics) for label in labels]
        sizes = [
            (max(metrics.horizontalAdvance(line) for line in ls) + 2, metrics.lineSpacing() * len(ls) + 2)
            for ls in lines
        ]
        return lines, sizes, self._fit_radius(chart, center, sizes)

    def drawn_labels(self) -> list[str]:
        """The axis labels as last painted (short ones when the chart is narrow)."""
        return list(self._drawn_labels)

    def _fit_radius(self, chart: QRectF, center: QPointF, sizes: list[tuple[float, float]]) -> float:
        """The largest radius whose axis labels still fit inside ``chart``."""
        low, high = 10.0, max(10.0, min(chart.width(), chart.height()) / 2)
        for _ in range(24):
            middle = (low + high) / 2
            fits = all(chart.contains(self._label_rect(center, middle, i, size)) for i, size in enumerate(sizes))
            low, high = (middle, high) if fits else (low, middle)
        return low

    def _points_at(self, center: QPointF, radius: float, values: Sequence[float]) -> list[QPointF]:
        points = []
        for index, value in enumerate(values):
            r = radius * max(0.0, min(value, self._maximum)) / self._maximum
            angle = self._angle(index)
            points.append(QPointF(center.x() + r * math.cos(angle), center.y() + r * math.sin(angle)))
        return points

    def _polygon(self, center: QPointF, radius: float, values: Sequence[float]) -> QPolygonF:
        return QPolygonF(self._points_at(center, radius, values))

    def _ring_values(self) -> list[float]:
        if self._maximum <= 10 and float(self._maximum).is_integer():
            return [float(v) for v in range(1, int(self._maximum) + 1)]
        return [self._maximum * k / 5 for k in range(1, 6)]

    def _paint_grid(self, painter: QPainter, center: QPointF, radius: float, text: QColor, background: QColor) -> None:
        n = len(self._labels)
        shade = mix(background, text, 0.07)
        for index, (_, upper, _) in reversed(list(enumerate(self._bands))):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shade if index % 2 == 1 else background)
            painter.drawPolygon(self._polygon(center, radius, [upper] * n))
        grid_pen = QPen(mix(background, text, 0.28), 1)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(grid_pen)
        for value in self._ring_values():
            if n >= 3:
                painter.drawPolygon(self._polygon(center, radius, [value] * n))
            else:
                r = radius * value / self._maximum
                painter.drawEllipse(center, r, r)
        for point in self._points_at(center, radius, [self._maximum] * n):
            painter.drawLine(center, point)
        self._paint_band_names(painter, center, radius, text, background)

    def _paint_band_names(
        self, painter: QPainter, center: QPointF, radius: float, text: QColor, background: QColor
    ) -> None:
        if not self._bands:
            return
        n = len(self._labels)
        half_sector = math.pi / n if n >= 3 else math.pi / 4
        angle = -math.pi / 2 - half_sector  # between the top axis and the one left of it
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.72))
        font.setBold(True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        painter.save()
        painter.setFont(font)
        painter.setPen(mix(text, background, 0.35))
        metrics = QFontMetricsF(font)
        for lower, upper, name in self._bands:
            middle = radius * (lower + upper) / 2 / self._maximum * math.cos(half_sector)
            point = QPointF(center.x() + middle * math.cos(angle), center.y() + middle * math.sin(angle))
            band_width = radius * (upper - lower) / self._maximum
            if metrics.height() > band_width * 1.1:
                continue  # too thin to label legibly
            painter.save()
            painter.translate(point)
            painter.rotate(math.degrees(angle) + 90)
            width = metrics.horizontalAdvance(name.upper()) + 4
            painter.drawText(
                QRectF(-width / 2, -metrics.height() / 2, width, metrics.height()), Qt.AlignmentFlag.AlignCenter, name
            )
            painter.restore()
        painter.restore()

    def _level_text(self, value: float) -> str:
        number = f"{value:g}"
        for lower, upper, name in self._bands:
            if lower < value <= upper:
                return f"{number} ({name})"
        return number

    def _paint_series(self, painter: QPainter, center: QPointF, radius: float, background: QColor) -> None:
        for series in self._series:
            points = self._points_at(center, radius, series.values)
            polygon = QPolygonF(points)
            pen = QPen(series.color, 2.2 if series.dashed else 1.8)
            if series.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                fill = QColor(series.color)
                fill.setAlphaF(0.32)
                painter.setBrush(fill)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPolygon(polygon)
            for index, point in enumerate(points):
                hollow = index < len(series.hollow) and series.hollow[index]
                painter.setPen(QPen(series.color, 1.6))
                painter.setBrush(background if hollow else series.color)
                painter.drawEllipse(point, 3.6, 3.6)
                tip = f"{self._labels[index]}\n{series.name}: {self._level_text(series.values[index])}"
                self._points.append((QPointF(point), tip))

    def _paint_legend(self, painter: QPainter, metrics: QFontMetricsF, area: QRectF, height: float) -> None:
        if height <= 0:
            return
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        line_height = metrics.height() + 4
        y = area.bottom() - height + 6
        x = area.left()
        for name, color, dashed in self._legend_items():
            item_width = 26 + metrics.horizontalAdvance(name) + 16
            if x + item_width > area.right() and x > area.left():
                x, y = area.left(), y + line_height
            middle = y + line_height / 2
            pen = QPen(color, 2.2)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                fill = QColor(color)
                fill.setAlphaF(0.32)
                painter.setBrush(fill)
            painter.setPen(pen)
            painter.drawRect(QRectF(x + 2, middle - 6, 18, 12))
            painter.setPen(text_color)
            painter.drawText(QRectF(x + 26, y, item_width - 26, line_height), Qt.AlignmentFlag.AlignVCenter, name)
            x += item_width
        if self._footnote:
            if self._legend_items():
                y += line_height
            painter.setPen(mix(text_color, self.palette().color(QPalette.ColorRole.Window), 0.3))
            rect = QRectF(area.left(), y, area.width(), self._footnote_height(metrics, area.width()))
            painter.drawText(rect, int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft), self._footnote)

    def event(self, event: QEvent) -> bool:
        return handle_tooltip(self, event, self.tooltip_at) or super().event(event)

    def tooltip_at(self, position: QPointF) -> str:
        """The tooltip of the painted point nearest ``position`` (within 10 px), else ''."""
        best, best_distance = "", 10.0
        tips: dict[tuple[int, int], list[str]] = {}
        for point, tip in self._points:
            distance = math.hypot(point.x() - position.x(), point.y() - position.y())
            if distance <= best_distance:
                best, best_distance = tip, distance
            tips.setdefault((round(point.x()), round(point.y())), []).append(tip)
        if not best:
            return ""
        # Points of several series can coincide; list them all.
        for tipped in tips.values():
            if best in tipped and len(tipped) > 1:
                axis = best.split("\n")[0]
                return "\n".join([axis] + [t.split("\n")[1] for t in tipped])
        return best
