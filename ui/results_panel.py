"""The results view: status, team table, coverage heatmap, radar, gaps and hires.

``ResultsPanel.show_plan`` is cheap enough to call for every better plan during a solve:
the models update in place when the team's shape is unchanged, and the selected member
stays selected.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.analyses.coverage import CoverageCell, CoverageMatrix, coverage_matrix, gaps_first
from planner.model.catalog import Catalog, default_catalog
from planner.model.constraints import BudgetScope
from planner.model.money import USD, Currency, format_money
from planner.model.plan import Member, OpenPosition, Plan, PlanStatus
from planner.model.project import Problem
from planner.wording import (
    Surface,
    build_buy_notice,
    cost_split_text,
    count_text,
    hire_text,
    level_text,
    number_text,
    plan_status_text,
    position_lines,
    staff_counts_text,
    staff_or_hire,
    training_text,
)
from ui.charts.heatmap import CoverageHeatmap, coverage_legend
from ui.charts.radar import RadarChart, level_bands
from ui.charts.skill_bars import SkillBars, SkillLevel
from ui.models.candidate_table_model import short_skill_name
from ui.models.coverage_model import CellState
from ui.models.team_model import NAME_ROLE, SORT_ROLE, TeamColumn, TeamModel, TeamRow, format_cost, format_fit

LEFT_MIN, RIGHT_MIN = 580, 380  # pixels for the team and gaps column (five rows with a scroll bar), and the views
DETAILS_HEIGHT = 170  # pixels the Details box gets when it appears (taken from the gaps below)
EMPTY_HINT = "No plan yet.\nPress Solve (Ctrl+R) to staff the team from the candidates."
BANNER_STYLES = {
    "ok": "",
    "warn": "background:#f3cd6a; color:#111; border-radius:4px; padding:6px;",
    "error": "background:#c9302c; color:#fff; border-radius:4px; padding:6px;",
}


def _box(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class ColumnsSplitter(QSplitter):
    """The results' two columns: the team and gaps column keeps about 580 px (roles and tasks read
    whole) while the window is narrow, and 45 % when it is wide; the heatmap scrolls sideways
    instead of cutting a title. Once the user drags the divider, their split stands."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._user_split = False
        self.splitterMoved.connect(self._moved)

    def _moved(self, *_args: object) -> None:
        self._user_split = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        total = sum(self.sizes())
        if not self._user_split and self.count() == 2 and total > 0:
            left = min(max(LEFT_MIN, int(total * 0.45)), total - RIGHT_MIN)
            self.setSizes([left, total - left])


class ResultsPanel(QWidget):
    """Shows one plan.

    Clicking a team member shows what they cover (``memberSelected``); double-clicking or
    pressing Enter on them emits ``memberActivated(name)`` (the window opens the candidate).
    """

    memberActivated = Signal(str)
    memberSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = default_catalog()
        self._currency: Currency = USD  # the project's; the window sets it with the catalog
        self._problem: Problem | None = None
        self._plan: Plan | None = None
        self._matrix = CoverageMatrix((), (), {})
        self._selected: str | None = None
        self._quiet = False  # true while the panel itself changes the selection

        self.status_label = QLabel("No plan yet")
        self.status_label.setObjectName("statusLine")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.status_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.status_label.setFont(font)
        self.summary_label = QLabel("")
        self.summary_label.setObjectName("summaryLine")
        self._saved_before_build_buy = False
        self.notice_label = QLabel("")  # a plan of a project saved before positions and training were options
        self.notice_label.setObjectName("buildBuyNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label.hide()

        self.empty_label = QLabel(EMPTY_HINT)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty_font = self.empty_label.font()
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.3)
        self.empty_label.setFont(empty_font)

        self.team_model = TeamModel(self._catalog, self)
        self.team_proxy = QSortFilterProxyModel(self)
        self.team_proxy.setSourceModel(self.team_model)
        self.team_proxy.setSortRole(SORT_ROLE)
        self.team_view = QTableView()
        self.team_view.setModel(self.team_proxy)
        self.team_view.setSortingEnabled(True)
        self.team_view.sortByColumn(TeamColumn.MEMBER, Qt.SortOrder.AscendingOrder)
        self.team_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.team_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.team_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team_view.verticalHeader().hide()
        self.team_view.setAlternatingRowColors(True)
        header = self.team_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TeamColumn.ROLE, QHeaderView.ResizeMode.Stretch)  # tasks are one a line:
        # their column fits its longest name, and the role (two lines) gets the rest
        # Two text lines per row, fixed: sizing rows to contents asks data() of every cell on every
        # layout pass, which stalls the window while a solve runs on a large pool.
        rows = self.team_view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.team_view.fontMetrics().lineSpacing() * 2 + 8)
        self.team_view.setWordWrap(True)
        self.team_view.selectionModel().selectionChanged.connect(self._team_selection_changed)
        self.team_view.activated.connect(self._team_activated)
        self.team_view.setToolTip("Click a member to see what they cover; double-click to open the candidate")

        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(
            "Click a member to see what they cover, or a heatmap cell to see who covers it."
        )

        self.heatmap = CoverageHeatmap(self._catalog)
        self.heatmap.requirementClicked.connect(self._show_requirement)
        self.radar = RadarChart()
        self.radar.setAccessibleName("Team versus requirements radar chart")
        self.team_view.setAccessibleName("Team")
        self.heatmap.setAccessibleName("Coverage heatmap: skills by tasks")
        self.gaps = QTextBrowser()
        self.gaps.setObjectName("gaps")
        self.gaps.setAccessibleName("Gaps and hires")
        self.gaps.setOpenLinks(False)

        self.gaps_only = QCheckBox("&Gaps only")
        self.gaps_only.setToolTip("Show only the skills with a missing or thin requirement (they always come first)")
        self.gaps_only.toggled.connect(lambda _checked: self._show_heatmap())
        self.skill_bars = SkillBars()
        self.skill_bars.setAccessibleName("Team versus requirements, one bar per skill")

        team_box = _box("Team", self.team_view)
        self.details_box = _box("Details", self.details)
        self.details_box.hide()  # shown when a member or a heatmap cell is clicked
        coverage_page = QWidget()
        coverage_layout = QVBoxLayout(coverage_page)
        coverage_layout.setContentsMargins(6, 6, 6, 6)
        coverage_top = QHBoxLayout()
        coverage_top.addWidget(QLabel("Skills down, tasks across; gaps come first."))
        coverage_top.addStretch(1)
        coverage_top.addWidget(self.gaps_only)
        coverage_layout.addLayout(coverage_top)
        coverage_layout.addWidget(self.heatmap, 1)
        coverage_layout.addWidget(coverage_legend())
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(coverage_page, "&Coverage")
        self.views.addTab(self.skill_bars, "S&kill levels")
        self.views.addTab(self.radar, "R&adar")
        self.views.setTabToolTip(0, "Which requirements the team meets, thinly or not at all (task × skill)")
        self.views.setTabToolTip(1, "The team's best rating per skill against the highest level required")
        self.views.setTabToolTip(2, "The same as a radar chart, like the Playbook's skill profiles")
        gaps_box = _box("Gaps and hires", self.gaps)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(team_box)
        left.addWidget(self.details_box)
        left.addWidget(gaps_box)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 2)
        left.setStretchFactor(2, 3)
        content = ColumnsSplitter()
        content.addWidget(left)
        content.addWidget(self.views)
        content.setStretchFactor(0, 1)
        content.setStretchFactor(1, 1)
        for splitter in (left, content):
            splitter.setChildrenCollapsible(False)
        self._left = left
        self._fitted_rows = -1

        content.setSizes([LEFT_MIN, 700])
        left.setSizes([240, 180, 400])

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.stack, 1)
        self._show_empty(EMPTY_HINT)

    # --- public API -------------------------------------------------------------------

    @property
    def currency(self) -> Currency:
        """The project's currency: every cost the panel shows is in it."""
        return self._currency

    @currency.setter
    def currency(self, currency: Currency) -> None:
        self._currency = currency
        self.team_model.set_currency(currency)
        self.heatmap.coverage_model().set_currency(currency)
        self._refresh()

    def set_catalog(self, catalog: Catalog) -> None:
        """Use ``catalog`` for names and levels (a plan's problem brings its own catalog)."""
        self._catalog = catalog
        self.team_model.set_catalog(catalog)
        self.heatmap.set_catalog(catalog)
        self._refresh()

    def set_saved_before_build_buy(self, saved_before: bool) -> None:
        """Whether the project was saved before open positions and training were options: its
        plans then say that they now consider them (until the project is saved again)."""
        self._saved_before_build_buy = saved_before
        self._show_notice()

    def notice_text(self) -> str:
        return self.notice_label.text() if self.notice_label.isVisibleTo(self) else ""

    def _show_notice(self) -> None:
        plan = self._plan
        notice = ""
        if self._saved_before_build_buy and plan is not None:
            notice = build_buy_notice(plan.settings, Surface.APP)
        self.notice_label.setText(f"Note: {notice}" if notice else "")
        self.notice_label.setVisible(bool(notice))

    def show_plan(self, problem: Problem | None, plan: Plan | None) -> None:
        """Show ``plan`` (None: the empty state) for ``problem`` (None: use the plan's own records)."""
        self._problem, self._plan = problem, plan
        if problem is not None and problem.catalog is not self._catalog:
            self._catalog = problem.catalog
            self.team_model.set_catalog(problem.catalog)
            self.heatmap.set_catalog(problem.catalog)
        self._refresh()

    def show_solving(self) -> None:
        """A solve starts: with no plan yet, show the (empty) results page now, so that the first
        live plan only fills it in instead of laying it out while the solver runs."""
        if self._plan is not None:
            return
        self.stack.setCurrentIndex(1)
        self.status_label.setText("Solving…")
        self.status_label.setVisible(True)
        self.status_label.setStyleSheet(BANNER_STYLES["ok"])

    def plan(self) -> Plan | None:
        return self._plan

    def status_text(self) -> str:
        return self.status_label.text()

    def selected_member(self) -> str | None:
        return self._selected

    def select_member(self, name: str | None) -> None:
        """Select ``name`` in the team table (None clears), as if the user clicked it."""
        row = self.team_model.row_of(name) if name else -1
        if row < 0:
            self.team_view.clearSelection()
            return
        self.team_view.selectRow(self.team_proxy.mapFromSource(self.team_model.index(row, 0)).row())

    # --- refresh ----------------------------------------------------------------------

    def _show_empty(self, text: str, level: str = "ok") -> None:
        self.status_label.setVisible(level != "ok")
        self.empty_label.setText(text)
        self.stack.setCurrentIndex(0)
        self.summary_label.setText("")
        self.status_label.setStyleSheet(BANNER_STYLES[level])

    def _refresh(self) -> None:
        plan = self._plan
        self._show_notice()
        self._quiet = True
        try:
            self.team_model.set_plan(plan, self._problem)
        finally:
            self._quiet = False
        if plan is None:
            self.status_label.setText("No plan yet")
            self._matrix = CoverageMatrix((), (), {})
            self.heatmap.show_coverage(self._matrix)
            self._show_empty(EMPTY_HINT)
            self._set_selected(None, emit=False)
            return
        status = plan_status_text(plan)
        self.status_label.setText(status)
        if plan.status is PlanStatus.INFEASIBLE:
            self._matrix = CoverageMatrix((), (), {})
            self.heatmap.show_coverage(self._matrix)
            message = plan.message.strip() or "The constraints contradict each other."
            self._show_empty(
                f"No team satisfies the constraints.\n\n{message}\n\n"
                "Relax the team size, budget, tasks per person or must-hire pins, then Solve again (Ctrl+R).",
                "error",
            )
            self._set_selected(None, emit=False)
            return
        self.stack.setCurrentIndex(1)
        self.status_label.setVisible(True)
        self.status_label.setStyleSheet(BANNER_STYLES["warn" if plan.uncovered else "ok"])
        self._matrix = coverage_matrix(self._problem, plan)
        self.heatmap.coverage_model().set_training({(m.candidate, t.skill): t for m in plan.team for t in m.training})
        self._show_heatmap()
        self.summary_label.setText(self._summary(plan))
        self.gaps.setHtml(self._gaps_html(plan))
        self._fit_team_height()
        keep = self._selected if self._selected and self.team_model.row_of(self._selected) >= 0 else None
        self._quiet = True
        try:
            self.select_member(keep)
        finally:
            self._quiet = False
        self._set_selected(keep, emit=False)

    def _show_details(self, visible: bool) -> None:
        """Show or hide the Details box; when it appears it takes a readable share from the gaps."""
        appearing = visible and self.details_box.isHidden()
        self.details_box.setVisible(visible)
        if appearing or not visible:
            self._arrange_left()

    def _fit_team_height(self) -> None:
        """The team table shows every member without scrolling up to eight rows, and never fewer
        than four (so the gaps below keep the rest of the column)."""
        rows = self.team_model.rowCount()
        if rows != self._fitted_rows:  # the user's own splitter drags stand until the team changes
            self._fitted_rows = rows
            self._arrange_left()

    def _team_height(self) -> int:
        view = self.team_view
        rows = self.team_model.rowCount()
        row_height = view.verticalHeader().defaultSectionSize()
        chrome = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth() + 2
        if view.horizontalScrollBar().isVisible():
            chrome += view.horizontalScrollBar().height()
        view.setMinimumHeight(chrome + row_height * max(1, min(rows, 4)))
        return chrome + row_height * max(1, min(rows, 8)) + 36  # + the box's title and margins

    def _arrange_left(self) -> None:
        """Team as tall as its rows, Details (when shown) a readable height, the gaps the rest."""
        total = sum(self._left.sizes())
        if total <= 0:
            return
        team = min(self._team_height(), total // 2)
        details = min(DETAILS_HEIGHT, (total - team) // 2) if self.details_box.isVisible() else 0
        self._left.setSizes([team, details, total - team - details])

    def _show_heatmap(self) -> None:
        self.heatmap.show_coverage(gaps_first(self._matrix, gaps_only=self.gaps_only.isChecked()))

    def _summary(self, plan: Plan) -> str:
        people = plan.headcount  # members and open positions
        required = len(self._matrix.cells) - self._matrix.count(CellState.NOT_REQUIRED)
        met = required - self._matrix.count(CellState.MISSING)
        who = f" ({staff_counts_text(plan)})" if people else ""
        parts = [f"{count_text(people, 'person')}{who}"]
        parts.append(f"total cost {format_money(plan.total_cost, self.currency)}")
        if plan.settings.budget_scope is BudgetScope.NEW:
            parts.append(f"new spend {format_money(plan.budget_spend, self.currency)}")
        if required:
            parts.append(f"{number_text(met)} of {count_text(required, 'requirement')} covered")
        thin = self._matrix.count(CellState.THIN)
        if thin:
            parts.append(f"{number_text(thin)} covered by one person only")
        return " · ".join(parts)

    # --- radar and text ---------------------------------------------------------------

    def _rating(self, row: TeamRow, skill: str) -> float:
        """A member's rating, at the level the plan trains them to; what an open position must bring."""
        if isinstance(row, OpenPosition):
            return float(row.min_ratings.get(skill, 0))
        rating = max((c.rating for c in row.covers if c.skill == skill), default=0.0)
        problem = self._problem
        if problem is not None and row.candidate in problem.candidates_by_name:
            rating = problem.candidate(row.candidate).rating(skill)
        return max([rating, *(float(t.to_level) for t in row.training if t.skill == skill)])

    def _selected_row(self) -> TeamRow | None:
        row = self.team_model.row_of(self._selected) if self._selected else -1
        return self.team_model.member(row) if row >= 0 else None

    def _update_radar(self) -> None:
        plan, catalog = self._plan, self._catalog
        skills = list(self._matrix.skills)
        self.radar.set_axes(
            [self._skill_name(s) for s in skills],
            catalog.scale.max,
            level_bands(catalog.scale),
            short_labels=[short_skill_name(catalog, s) for s in skills],
        )
        if plan is None or not skills:
            self.radar.set_series([])
            self.skill_bars.set_levels([], catalog.scale.max, level_bands(catalog.scale))
            return
        required = [max((r.level for r in plan.requirements if r.skill == s), default=0) for s in skills]
        rows: list[TeamRow] = [*plan.team, *plan.open_positions]
        best = [max((self._rating(m, s) for m in rows), default=0.0) for s in skills]
        series: list[tuple[str, list[float], QColor | None]] = [
            ("Team (best per skill)", best, None),
            ("Required (highest level)", [float(v) for v in required], None),
        ]
        member = self._selected_row()
        mine = [self._rating(member, s) for s in skills] if member is not None else None
        name = self._selected or ""
        if member is not None and mine is not None:
            series.append((name, mine, None))
        self.radar.set_series(series, dashed={"Required (highest level)"})
        levels = [
            SkillLevel(self._skill_name(s), float(required[i]), best[i], mine[i] if mine is not None else None)
            for i, s in enumerate(skills)
        ]
        self.skill_bars.set_levels(levels, catalog.scale.max, level_bands(catalog.scale), name if mine else "")

    def _skill_name(self, skill: str) -> str:
        try:
            return self._catalog.skill(skill).name
        except KeyError:
            return skill

    def _build_or_buy_html(self, plan: Plan) -> list[str]:
        """The plan's open positions, its training and the cost split (nothing when it has neither)."""
        catalog, currency = self._catalog, self.currency
        if not plan.open_positions and not plan.training_cost:
            return []
        parts = [f"<p>{escape(cost_split_text(plan, currency))}</p>"]
        if plan.open_positions:
            items = "".join(
                "<li>" + "<br>".join(escape(line.strip()) for line in position_lines(catalog, p, currency)) + "</li>"
                for p in plan.open_positions
            )
            parts.append(f"<p><b>Open positions ({len(plan.open_positions)})</b></p><ul>{items}</ul>")
        trained = [(m, t) for m in plan.team for t in m.training]
        if trained:
            items = "".join(
                f"<li>{escape(m.candidate)}: {escape(training_text(catalog, t, currency))}</li>" for m, t in trained
            )
            parts.append(f"<p><b>Training ({len(trained)})</b></p><ul>{items}</ul>")
        return parts

    def _gaps_html(self, plan: Plan) -> str:
        catalog = self._catalog
        parts: list[str] = []
        unstaffed = self._unstaffed_names(plan)
        if unstaffed:  # the solver's message also says this; its verdict part repeats the banner
            parts.append(f"<p><b>Nobody could be assigned to:</b> {escape(', '.join(unstaffed))}</p>")
        if plan.uncovered:
            parts.append(f"<p><b>Not covered ({len(plan.uncovered)})</b></p><ul>{self._uncovered_items(plan)}</ul>")
        parts.extend(self._build_or_buy_html(plan))
        if plan.hire_recommendations:
            items = "".join(f"<li>{escape(hire_text(catalog, h))}</li>" for h in plan.hire_recommendations)
            parts.append(f"<p><b>Recommended hires</b></p><ul>{items}</ul>")
        elif plan.uncovered:
            parts.append("<p>No single hire profile closes these gaps; add candidates or lower the levels.</p>")
        thin = [c for c in self._matrix.cells.values() if c.state is CellState.THIN]
        if thin:
            parts.append(f"<p><b>Covered by one person only ({len(thin)})</b></p><ul>{self._thin_items(thin)}</ul>")
        if not parts:
            parts.append("<p>Every requirement is covered by at least two people. No hires needed.</p>")
        elif not plan.uncovered:
            parts.insert(0, "<p>Every requirement is covered.</p>")
        return "".join(parts)

    def _unstaffed_names(self, plan: Plan) -> list[str]:
        """The chosen tasks nobody on the team works on (a solve has already loaded the solver)."""
        if self._problem is None:
            return []
        from planner.solver.plan_build import unstaffed_tasks

        return [self._task_name(t) for t in unstaffed_tasks(self._problem, plan.team, plan.open_positions)]

    def _uncovered_items(self, plan: Plan) -> str:
        """One line per task: ``Modeling: Research ≥ 3, Deep Learning ≥ 4 (nice to have)``."""
        by_task: dict[str, list[str]] = {}
        for requirement in plan.uncovered:
            text = f"{self._skill_name(requirement.skill)} ≥ {requirement.level}"
            by_task.setdefault(requirement.task, []).append(text if requirement.must_have else f"{text} (nice to have)")
        return "".join(
            f"<li><b>{escape(self._task_name(task))}</b>: {escape(', '.join(skills))}</li>"
            for task, skills in by_task.items()
        )

    def _thin_items(self, thin: list[CoverageCell]) -> str:
        """One line per person: the requirements only they cover, grouped by task."""
        by_person: dict[str, dict[str, list[str]]] = {}
        for cell in thin:
            for name in cell.covered_by:
                by_person.setdefault(name, {}).setdefault(cell.task, []).append(self._skill_name(cell.skill))
        items = []
        for name, tasks in by_person.items():
            groups = "; ".join(f"{escape(self._task_name(t))}: {escape(', '.join(s))}" for t, s in tasks.items())
            items.append(f"<li><b>{escape(name)}</b> — {groups}</li>")
        return "".join(items)

    def gaps_text(self) -> str:
        return self.gaps.toPlainText()

    def details_text(self) -> str:
        return self.details.toPlainText()

    def _task_name(self, task: str) -> str:
        try:
            return self._catalog.task(task).name
        except KeyError:
            return task

    def _pair(self, task: str, skill: str) -> str:
        return f"{self._task_name(task)} · {self._skill_name(skill)}"

    # --- selection --------------------------------------------------------------------

    def _team_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.team_view.selectionModel().selectedRows()
        name = str(rows[0].data(NAME_ROLE)) if rows else None
        self._set_selected(name, emit=not self._quiet)

    def _team_activated(self, index: QModelIndex) -> None:
        name = index.data(NAME_ROLE)
        plan = self._plan
        if name and plan is not None and plan.member(str(name)) is not None:  # a position has no candidate to open
            self.memberActivated.emit(str(name))

    def _set_selected(self, name: str | None, *, emit: bool) -> None:
        self._selected = name
        self.heatmap.highlight_member(name)
        self._update_radar()
        row = self._selected_row()
        self._show_details(row is not None)  # before the text: showing it re-lays the box out
        if isinstance(row, OpenPosition):
            self.details.setHtml(self._position_html(name or "", row))
        else:
            self.details.setHtml(self._member_html(row) if row is not None else "")
        self.details.verticalScrollBar().setValue(0)  # the member's name first
        if emit and name:
            self.memberSelected.emit(name)

    def _member_html(self, member: Member) -> str:
        role = self.team_model.role_name(member.role)
        tasks = self.team_model.task_names(member) or "none"
        cost = format_cost(member.cost, self.currency)
        head = (
            f"<p><b>{escape(member.candidate)}</b> ({staff_or_hire(member.employee)}) — {escape(role)}, "
            f"role fit {format_fit(member.fit)}, cost {cost}<br>Tasks: {escape(tasks)}</p>"
        )
        if member.training:
            items = "".join(
                f"<li>{escape(training_text(self._catalog, t, self.currency))}</li>" for t in member.training
            )
            total = format_money(member.training_cost, self.currency)
            head += f"<p>Training ({count_text(len(member.training), 'skill')}, {total}):</p><ul>{items}</ul>"
        return head + self._covers_html(member.candidate, "Covers no requirement on its own.")

    def _position_html(self, name: str, position: OpenPosition) -> str:
        """An open position as the details show it: title, tasks, what it must bring, costs, time to fill."""
        lines = position_lines(self._catalog, position, self.currency)
        cost = format_money(position.cost, self.currency)
        head = f"<p><b>{escape(name.split(':', 1)[0])}</b> (open position, first-year cost {cost})</p>"
        head += "<ul>" + "".join(f"<li>{escape(line.strip())}</li>" for line in lines) + "</ul>"
        return head + self._covers_html(name, "Covers no requirement on its own.", verb="brings")

    def _covers_html(self, name: str, none: str, verb: str = "rates") -> str:
        """The requirements ``name`` (a member or a position's label) covers, marking those only they cover."""
        covered = [c for c in self._matrix.cells.values() if name in c.covered_by]
        if not covered:
            return f"<p>{none}</p>"
        items = []
        for cell in covered:
            rating = dict(cell.on_task).get(name, 0.0)
            alone = " — <b>the only one</b>" if len(cell.covered_by) == 1 else ""
            items.append(
                f"<li>{escape(self._pair(cell.task, cell.skill))} ≥ {cell.required}: "
                f"{verb} {escape(level_text(self._catalog, rating))}{alone}</li>"
            )
        return f"<p>Covers {count_text(len(covered), 'requirement')}:</p><ul>{''.join(items)}</ul>"

    def _show_requirement(self, task: str, skill: str) -> None:
        cell = self._matrix.cells.get((task, skill))
        if cell is not None:
            text = self.heatmap.coverage_model().tooltip(cell)
            self._show_details(True)
            self.details.setHtml("<br>".join(escape(line) for line in text.split("\n")))
            self.details.verticalScrollBar().setValue(0)
