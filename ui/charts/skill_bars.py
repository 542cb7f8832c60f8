"""A bar view of skill levels: one row per skill, the team's best as a bar, the requirement as a mark.

Easier to read than a radar when a manager asks "where is the team short?": rows short of their
requirement come first and their bar is drawn in the "missing" colour, the level bands
(Beginning, Developing, Accomplished) shade the track, and a selected member shows as a thin
bar under the team's. Every row has a tooltip with the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ui.charts.radar import PLAYBOOK_BANDS, SERIES_COLORS, mix
from ui.charts.tooltips import handle_tooltip

SHORT_COLOR = QColor("#d9534f")
ROW_MIN, ROW_MAX = 20.0, 34.0


@dataclass(frozen=True)
class SkillLevel:
    """One row: a skill, the level it needs (0 = not required), the team's best, a member's rating."""

    skill: str
    required: float
    best: float
    member: float | None = None

    @property
    def short(self) -> bool:
        return self.best < self.required


class SkillBars(QWidget):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SkillLevel] = []
        self._maximum = 5.0
        self._bands: list[tuple[float, float, str]] = list(PLAYBOOK_BANDS)
        self._member = ""
        self.setMouseTracking(True)

    # --- data -------------------------------------------------------------------------

    def set_levels(
        self,
        rows: Sequence[SkillLevel],
        maximum: float,
        bands: Sequence[tuple[float, float, str]] = PLAYBOOK_BANDS,
        member: str = "",
    ) -> None:
        """Show ``rows`` (shortfalls first, then in the given order) on a 0–``maximum`` scale."""
        self._rows = sorted(rows, key=lambda r: not r.short)
        self._maximum = max(float(maximum), 1.0)
        self._bands = list(bands)
        self._member = member
        self.setAccessibleDescription("; ".join(self.row_text(r) for r in self._rows))
        self.update()

    def rows(self) -> list[SkillLevel]:
        return list(self._rows)

    def row_text(self, row: SkillLevel) -> str:
        """``Research: team best 0, needs 3 (short)``."""
        text = f"{row.skill}: team best {row.best:g}"
        if row.required:
            text += f", needs {row.required:g}" + (" (short)" if row.short else "")
        if row.member is not None and self._member:
            text += f", {self._member} {row.member:g}"
        return text

    # --- size -------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 160)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(420, int(len(self._rows) * 26 + 3 * metrics.height() + 16))

    # --- painting ---------------------------------------------------------------------

    def _layout(self) -> tuple[QRectF, float, float]:
        """(the bar area, the label column's width, the row height)."""
        metrics = QFontMetricsF(self.font())
        label_width = max((metrics.horizontalAdvance(r.skill) for r in self._rows), default=0.0) + 12
        label_width = min(label_width, self.width() * 0.45)
        legend = metrics.height() * 2 + 8
        area = QRectF(label_width, 4, max(40.0, self.width() - label_width - 12), self.height() - legend - 8)
        rows = max(1, len(self._rows))
        height = max(ROW_MIN, min(ROW_MAX, area.height() / rows))
        return area, label_width, height

    def _x(self, area: QRectF, value: float) -> float:
        return area.left() + area.width() * max(0.0, min(value, self._maximum)) / self._maximum

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        background = palette.color(QPalette.ColorRole.Window)
        team, member_color = QColor(SERIES_COLORS[0]), QColor(SERIES_COLORS[2])
        area, label_width, height = self._layout()
        metrics = QFontMetricsF(self.font())
        for index, row in enumerate(self._rows):
            top = area.top() + index * height
            track = QRectF(area.left(), top + 3, area.width(), height - 6)
            for band_index, (lower, upper, _) in enumerate(self._bands):
                shade = mix(background, text, 0.06 if band_index % 2 == 0 else 0.11)
                left, right = self._x(area, lower), self._x(area, upper)
                painter.fillRect(QRectF(left, track.top(), right - left, track.height()), shade)
            painter.setPen(SHORT_COLOR if row.short else text)
            label = metrics.elidedText(row.skill, Qt.TextElideMode.ElideRight, label_width - 8)
            right_aligned = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRectF(0, top, label_width - 8, height), right_aligned, label)
            bar_height = track.height() * (0.6 if row.member is not None else 1.0)
            bar = QRectF(track.left(), track.top(), self._x(area, row.best) - track.left(), bar_height)
            painter.fillRect(bar, SHORT_COLOR if row.short else team)
            if row.member is not None:
                width = self._x(area, row.member) - track.left()
                under = QRectF(track.left(), bar.bottom() + 1, width, track.height() - bar_height - 1)
                painter.fillRect(under, member_color)
            if row.required:
                x = self._x(area, row.required)
                painter.setPen(QPen(text, 2, Qt.PenStyle.SolidLine))
                painter.drawLine(QPointF(x, top + 1), QPointF(x, top + height - 1))
        self._paint_scale(painter, area, height, text, metrics)
        self._paint_legend(painter, area, height, text, team, member_color, metrics)

    def _paint_scale(
        self, painter: QPainter, area: QRectF, height: float, text: QColor, metrics: QFontMetricsF
    ) -> None:
        y = area.top() + len(self._rows) * height + 2
        painter.setPen(mix(text, self.palette().color(QPalette.ColorRole.Window), 0.3))
        for lower, upper, name in self._bands:
            left, right = self._x(area, lower), self._x(area, upper)
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, right - left - 4)
            painter.drawText(QRectF(left, y, right - left, metrics.height()), Qt.AlignmentFlag.AlignCenter, label)

    def _paint_legend(
        self,
        painter: QPainter,
        area: QRectF,
        height: float,
        text: QColor,
        team: QColor,
        member: QColor,
        metrics: QFontMetricsF,
    ) -> None:
        y = area.top() + len(self._rows) * height + metrics.height() + 6
        x = area.left()
        items: list[tuple[str, QColor | None]] = [("Team (best)", team), ("Short of the need", SHORT_COLOR)]
        if self._member:
            items.append((self._member, member))
        items.append(("| Required level", None))
        painter.setPen(text)
        for label, color in items:
            if color is not None:
                painter.fillRect(QRectF(x, y + 3, 14, metrics.height() - 6), color)
                x += 18
            painter.drawText(QPointF(x, y + metrics.ascent()), label)
            x += metrics.horizontalAdvance(label) + 16

    # --- tooltips ---------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        return handle_tooltip(self, event, self.tooltip_at) or super().event(event)

    def tooltip_at(self, position: QPointF) -> str:
        area, _, height = self._layout()
        index = int((position.y() - area.top()) // height)
        if 0 <= index < len(self._rows) and position.y() >= area.top():
            return self.row_text(self._rows[index])
        return ""
