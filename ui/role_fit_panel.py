"""Role fit: which Playbook roles a candidate is closest to ("which track am I on?").

The table ranks every role by :func:`planner.model.fit.role_fit` with a percent bar; the radar
overlays the candidate's ratings (filled) on the top one to three role profiles (dashed;
hollow points are profile values the catalog infers rather than reads off a Playbook
chart). Selecting a role in the table adds it to the radar. Each role lists the skills to
raise to reach its profile (:mod:`planner.analyses.growth`), the project's skills first, and
the line under the headline says it for the selected (or best-fitting) role: "To grow into
Machine Learning Engineer: Software Engineering 2 → 4, Deep Learning 1 → 3".
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, Role, Source, default_catalog
from planner.model.fit import profile_skills
from planner.wording import growth_text
from ui.charts.radar import SERIES_COLORS, RadarChart, level_bands
from ui.models.role_fit_model import FIT_ROLE, ROLE_ID_ROLE, FitColumn, RoleFitModel
from ui.models.team_model import format_fit

EMPTY_TEXT = "Select a candidate to see the Playbook roles that fit them best."
HOLLOW_NOTE = "Dashed: role profiles. Hollow points: profile values inferred, not read off a Playbook chart."


class FitBarDelegate(QStyledItemDelegate):
    """Draws the fit as a bar behind its percentage."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        fit = index.data(FIT_ROLE)
        if not isinstance(fit, float):
            super().paint(painter, option, index)
            return
        painter.save()
        rect = QRectF(option.rect).adjusted(3, 4, -3, -4)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        track = QColor(option.palette.text().color())
        track.setAlphaF(0.08)
        painter.fillRect(rect, track)
        bar = QColor(SERIES_COLORS[0])
        bar.setAlphaF(0.75 if index.row() == 0 else 0.45)
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width() * max(0.0, min(fit, 1.0)), rect.height()), bar)
        painter.setPen(option.palette.text().color())
        painter.drawText(rect.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         format_fit(fit))  # fmt: skip
        painter.restore()


class RoleFitPanel(QWidget):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._candidate: Candidate | None = None
        self._catalog: Catalog = default_catalog()

        self.headline = QLabel(EMPTY_TEXT)
        self.headline.setObjectName("fitHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.growth = QLabel()
        self.growth.setObjectName("fitGrowth")
        self.growth.setWordWrap(True)
        self.explanation = QLabel(
            "Fit is 1 − the mean distance between the candidate's ratings and the role's Playbook profile "
            "(100% is a perfect match). It is a preference for the solver, not a rule."
        )
        self.explanation.setWordWrap(True)

        self.model = RoleFitModel(self)
        self.view = QTableView()
        self.view.setObjectName("roleFits")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(FitColumn.FIT, FitBarDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column, width in ((FitColumn.ROLE, 160), (FitColumn.FIT, 110), (FitColumn.TASKS, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(FitColumn.GROWTH, QHeaderView.ResizeMode.Stretch)
        # Role names, main tasks and growth steps wrap onto more lines instead of being cut.
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().lineSpacing() * 2 + 12)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().selectionChanged.connect(self._update_radar)
        self.view.selectionModel().selectionChanged.connect(self._update_growth)

        self.top_count = QSpinBox()
        self.top_count.setRange(1, 3)
        self.top_count.setValue(2)
        self.top_count.setToolTip("How many of the best-fitting role profiles to overlay")
        self.top_count.valueChanged.connect(self._update_radar)
        count_row = QHBoxLayout()
        count_row.addWidget(QLabel("Roles on the chart:"))
        count_row.addWidget(self.top_count)
        count_row.addStretch(1)

        self.radar = RadarChart()
        self.radar.setObjectName("fitRadar")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view)
        left_layout.addWidget(self.explanation)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(count_row)
        right_layout.addWidget(self.radar, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([720, 540])  # the table (with its growth column) first
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.growth)
        layout.addWidget(splitter, 1)
        self.show_candidate(None, self._catalog)

    # --- public API -------------------------------------------------------------------

    def show_candidate(
        self, candidate: Candidate | None, catalog: Catalog, needed: frozenset[str] = frozenset()
    ) -> None:
        """Rank the roles for ``candidate`` (None: the empty state); ``needed``: the project's skills."""
        self._candidate, self._catalog = candidate, catalog
        self.model.set_candidate(candidate, catalog, needed)
        ranking = self.model.ranking()
        if candidate is None or not ranking:
            self.headline.setText(EMPTY_TEXT)
        else:
            best, fit = ranking[0]
            text = f"{candidate.name}: closest to {best.name} ({format_fit(fit)})"
            if len(ranking) > 1:
                second, second_fit = ranking[1]
                text += f", then {second.name} ({format_fit(second_fit)})"
            self.headline.setText(text)
        self._update_radar()
        self._update_growth()

    def headline_text(self) -> str:
        return self.headline.text()

    def growth_line(self) -> str:
        return self.growth.text()

    def _update_growth(self, *_args: object) -> None:
        """The growth steps towards the selected role, or the best-fitting one."""
        if self._candidate is None or not self.model.rowCount():
            self.growth.setText("")
            return
        rows = self.view.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        self.growth.setText(growth_text(self._catalog, self.model.growth(row)))

    def charted_roles(self) -> list[Role]:
        """The roles overlaid on the radar: the top N, plus the selected one."""
        ranking = [role for role, _ in self.model.ranking()]
        chosen = ranking[: self.top_count.value()]
        rows = self.view.selectionModel().selectedRows()
        if rows:
            role_id = rows[0].data(ROLE_ID_ROLE)
            selected = next((r for r in ranking if r.id == role_id), None)
            if selected is not None and selected not in chosen:
                chosen.append(selected)
        return chosen

    # --- radar ---------------------------------------------------------------------------

    def _update_radar(self, *_args: object) -> None:
        catalog, candidate = self._catalog, self._candidate
        skills = profile_skills(catalog)
        self.radar.set_axes([catalog.skill(s).name for s in skills], catalog.scale.max, level_bands(catalog.scale))
        if candidate is None:
            self.radar.set_series([])
            self.radar.set_footnote("")
            return
        roles = self.charted_roles()
        series: list[tuple[str, list[float], QColor | None]] = []
        for index, role in enumerate(roles):
            color = QColor(SERIES_COLORS[(index + 1) % len(SERIES_COLORS)])
            series.append((role.name, [float(role.level(s)) for s in skills], color))
        # The candidate last, so their shape is drawn on top of the profiles.
        series.append((candidate.name, [candidate.rating(s) for s in skills], QColor(SERIES_COLORS[0])))
        self.radar.set_series(series, dashed={role.name for role in roles})
        for role in roles:
            hollow = [s not in role.profile or role.profile[s].source is Source.INFERRED for s in skills]
            self.radar.set_hollow_points(role.name, hollow)
        self.radar.set_footnote(HOLLOW_NOTE)
