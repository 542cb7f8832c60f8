"""The Candidates tab: the candidate table with search, edit actions, pins and a detail pane.

The table is a view over the document's :class:`CandidateTableModel` through a filter
proxy; every edit goes through the document (undoable, validated), including whether a
person is an employee or an applicant and the roles they are open to (double-click the
cell, or right-click ▸ Type / Open to for the whole selection). The detail pane shows
the current candidate's skills on a radar chart against their best-fitting Playbook role.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.model.candidates import Candidate, CandidateStatus
from planner.model.fit import profile_skills, ranked_roles
from planner.wording import count_text, number_text, open_to_text, status_word
from ui.charts.radar import RadarChart
from ui.document import ProjectDocument
from ui.header_fit import keep_sorted_title_whole, title_width
from ui.models.candidate_table_model import CandidateFilterModel, ColumnKind, short_skill_name
from ui.rating_delegate import RatingDelegate
from ui.status_delegate import StatusDelegate

DETAIL_WIDTH = 255  # the side pane: a radar chart that reads, and no more


class CandidateDetail(QWidget):
    """Name, best-fitting roles and a radar chart of one candidate against the best role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("No candidate selected")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.fit_text = QLabel("Select a candidate to compare them with the Playbook roles.")
        self.fit_text.setWordWrap(True)
        self.fit_text.setTextFormat(Qt.TextFormat.RichText)
        self.radar = RadarChart()
        self.radar.setMinimumSize(DETAIL_WIDTH - 20, DETAIL_WIDTH - 20)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.radar, 1)
        layout.addWidget(self.fit_text)

    def show_candidate(self, doc: ProjectDocument, row: int | None) -> None:
        catalog = doc.project.catalog
        if row is None or not 0 <= row < len(doc.project.candidates):
            self.title.setText("No candidate selected")
            self.fit_text.setText("Select a candidate to compare them with the Playbook roles.")
            self.radar.set_series([])
            self.radar.hide()  # an empty chart would only take room from the table
            return
        self.radar.show()
        candidate = doc.project.candidates[row]
        skills = profile_skills(catalog)
        ranked = ranked_roles(candidate, catalog)
        best, best_fit = ranked[0]
        self.title.setText(candidate.name)
        self.radar.set_axes(
            [catalog.skill(s).name for s in skills],
            float(catalog.scale.max),
            short_labels=[short_skill_name(catalog, s) for s in skills],
        )
        self.radar.set_series(
            [
                (best.name, [float(best.level(s)) for s in skills], None),
                (candidate.name, [float(candidate.rating(s)) for s in skills], None),
            ],
            dashed=[best.name],
        )
        kind = status_word(candidate.status)
        lines = [f"{kind}, open to {escape(open_to_text(catalog, candidate.roles))}", ""]
        lines.append(f"Best fit: <b>{best.name}</b> ({best_fit:.0%})")
        lines += [f"{role.name}: {fit:.0%}" for role, fit in ranked[1:]]
        self.fit_text.setText("<br>".join(lines))


# (least, most) pixels for the columns sized to their contents; the skills fit their titles.
FITTED_WIDTHS = {
    ColumnKind.NAME: (100, 180),
    ColumnKind.STATUS: (60, 100),
    ColumnKind.PERSON: (60, 100),
    ColumnKind.OPEN_TO: (70, 125),
    ColumnKind.COST: (60, 110),
}


class CandidatesPanel(QWidget):
    """Candidate table + toolbar + detail pane; emits ``countChanged`` for the status bar."""

    countChanged = Signal(str)

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._editable = True
        model = doc.candidate_model
        self.proxy = CandidateFilterModel(self)
        self.proxy.setSourceModel(model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name, email or notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show only candidates whose name, email or notes contain this text (Ctrl+F)")
        self.search.textChanged.connect(self._on_search)

        self.add_action = QAction("&Add candidate", self)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_action.setToolTip("Add a blank candidate (Ctrl+Shift+N)")
        self.add_action.triggered.connect(self.add_candidate)
        self.duplicate_action = QAction("D&uplicate", self)
        self.duplicate_action.setShortcut(QKeySequence("Ctrl+D"))
        self.duplicate_action.setToolTip("Duplicate the selected candidates (Ctrl+D)")
        self.duplicate_action.triggered.connect(self.duplicate_selected)
        self.delete_action = QAction("&Delete", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.setToolTip("Delete the selected candidates (Del)")
        self.delete_action.triggered.connect(self.delete_selected)
        self.find_action = QAction("&Find candidate", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        for action in (self.add_action, self.duplicate_action, self.delete_action, self.find_action):
            self.addAction(action)

        toolbar = QHBoxLayout()
        for action in (self.add_action, self.duplicate_action, self.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            toolbar.addWidget(button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.search, 1)
        self.count_label = QLabel()
        toolbar.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        # No sort column before sorting is enabled: enabling it sorts at once, and the sort
        # reorders the project's own list (it would open every file sorted by name, descending).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        keep_sorted_title_whole(self.table.horizontalHeader())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setToolTip("")
        self.rating_delegate = RatingDelegate(lambda: self._doc.project.catalog.scale, self.table)
        self.status_delegate = StatusDelegate(self.table)
        self.detail = CandidateDetail()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([10 * DETAIL_WIDTH, DETAIL_WIDTH])  # the data first: the chart pane stays narrow
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.search, self.table)

        model.modelReset.connect(self._on_reset)
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)
        model.dataChanged.connect(self._on_data_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._on_reset()

    # --- state ---------------------------------------------------------------------------

    def set_editing_enabled(self, enabled: bool) -> None:
        """Lock the table during a solve (browsing and search stay available)."""
        self._editable = enabled
        self._doc.candidate_model.set_read_only(not enabled)
        self._update_actions()

    def selected_rows(self) -> list[int]:
        """Source rows of the selected candidates, ascending."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def selected_names(self) -> list[str]:
        return [self._doc.project.candidates[r].name for r in self.selected_rows()]

    def select_candidate(self, name: str) -> bool:
        """Select and scroll to a candidate (clears the search if it hides them)."""
        try:
            row = self._doc.row_of(name)
        except KeyError:
            return False
        index = self.proxy.mapFromSource(self._doc.candidate_model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(self._doc.candidate_model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    # --- actions ----------------------------------------------------------------------------

    def add_candidate(self) -> None:
        if not self._editable:
            return
        row = self._doc.add_candidate()
        index = self.proxy.mapFromSource(self._doc.candidate_model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.edit(index)

    def duplicate_selected(self) -> None:
        if self._editable:
            self._doc.duplicate_candidates(self.selected_rows())

    def delete_selected(self) -> None:
        if self._editable:
            self._doc.delete_candidates(self.selected_rows())

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _context_menu(self, position: QPoint) -> None:
        if not self.table.indexAt(position).isValid():
            return
        self.context_menu().exec(self.table.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        """The pin menu for the selection (built fresh: roles come from the catalog)."""
        menu = QMenu(self)
        names = self.selected_names()
        must = menu.addMenu("&Must hire")
        must.setEnabled(bool(names) and self._editable)
        any_role = must.addAction("In any role")
        any_role.triggered.connect(lambda: self._doc.pin_must_hire(self.selected_names(), None))
        must.addSeparator()
        for role in self._doc.project.catalog.roles:
            action = must.addAction(f"As {role.name}")
            action.triggered.connect(lambda _=False, r=role.id: self._doc.pin_must_hire(self.selected_names(), r))
        self._people_menus(menu, bool(names) and self._editable)
        exclude = menu.addAction("&Exclude from the team")
        exclude.triggered.connect(lambda: self._doc.exclude(self.selected_names()))
        clear = menu.addAction("&Clear must-hire / exclude")
        clear.triggered.connect(lambda: self._doc.clear_pins(self.selected_names()))
        for action in (exclude, clear):
            action.setEnabled(bool(names) and self._editable)
        menu.addSeparator()
        menu.addAction(self.duplicate_action)
        menu.addAction(self.delete_action)
        return menu

    def _people_menus(self, menu: QMenu, enabled: bool) -> None:
        """Type ▸ Employee / Applicant and Open to ▸ Any role / each role (ticked: the current person's)."""
        kind = menu.addMenu("&Type")
        kind.setEnabled(enabled)
        for status in CandidateStatus:
            action = kind.addAction(status_word(status))
            action.triggered.connect(lambda _=False, s=status: self.set_status(s))
        open_to = menu.addMenu("&Open to")
        open_to.setEnabled(enabled)
        current = self._current_candidate()
        any_role = open_to.addAction("Any role")
        any_role.setCheckable(True)
        any_role.setChecked(current is not None and not current.roles)
        any_role.triggered.connect(lambda: self.set_roles(()))
        open_to.addSeparator()
        for role in self._doc.project.catalog.roles:
            action = open_to.addAction(role.name)
            action.setCheckable(True)
            action.setChecked(current is not None and role.id in current.roles)
            action.triggered.connect(lambda checked, r=role.id: self.toggle_role(r, checked))

    def _current_candidate(self) -> Candidate | None:
        rows = self.selected_rows()
        return self._doc.project.candidates[rows[0]] if rows else None

    def set_status(self, status: CandidateStatus) -> bool:
        """Make the selected people employees or applicants (one undo step)."""
        text = f"Mark as {status_word(status).lower()}"
        return self._doc.edit_candidates(self.selected_rows(), lambda c: dataclasses.replace(c, status=status), text)

    def set_roles(self, roles: tuple[str, ...]) -> bool:
        """Set the roles the selected people are open to (empty: any role), one undo step."""
        text = "Open to any role" if not roles else "Change roles open to"
        return self._doc.edit_candidates(self.selected_rows(), lambda c: dataclasses.replace(c, roles=roles), text)

    def toggle_role(self, role_id: str, on: bool) -> bool:
        """Add ``role_id`` to (or take it off) the roles the selected people are open to."""
        order = self._doc.project.catalog.role_ids

        def change(candidate: Candidate) -> Candidate:
            roles = set(candidate.roles) | {role_id} if on else set(candidate.roles) - {role_id}
            return dataclasses.replace(candidate, roles=tuple(r for r in order if r in roles))

        name = self._doc.project.catalog.role(role_id).name
        return self._doc.edit_candidates(self.selected_rows(), change, f"{'Open to' if on else 'Not open to'} {name}")

    # --- reactions -------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_count()

    def _on_reset(self) -> None:
        model = self._doc.candidate_model
        header = self.table.horizontalHeader()
        for column in range(model.columnCount()):
            kind, _ = model.column_kind(column)
            if kind is ColumnKind.SKILL:
                self.table.setItemDelegateForColumn(column, self.rating_delegate)
                title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                self.table.setColumnWidth(column, max(40, title_width(header, title)))
            elif kind is ColumnKind.PERSON:
                self.table.setItemDelegateForColumn(column, self.status_delegate)
            if kind in FITTED_WIDTHS:  # as wide as the contents, within bounds: the data gets the room
                least, most = FITTED_WIDTHS[kind]
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, min(most, max(least, self.table.columnWidth(column))))
        self.table.horizontalHeader().setStretchLastSection(True)
        self._update_count()
        self.detail.show_candidate(self._doc, None)

    def _update_count(self, *_args: Any) -> None:
        total = self._doc.candidate_model.rowCount()
        shown = self.proxy.rowCount()
        text = (
            count_text(total, "candidate")
            if shown == total
            else f"{number_text(shown)} of {count_text(total, 'candidate')}"
        )
        self.count_label.setText(text)
        self.countChanged.emit(text)
        self._update_actions()

    def _update_actions(self, *_args: Any) -> None:
        has_selection = self.table.selectionModel().hasSelection()
        self.add_action.setEnabled(self._editable)
        self.duplicate_action.setEnabled(self._editable and has_selection)
        self.delete_action.setEnabled(self._editable and has_selection)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.mapToSource(current).row() if current.isValid() else None
        self.detail.show_candidate(self._doc, row)

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_args: Any) -> None:
        current = self.proxy.mapToSource(self.table.currentIndex())
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self.detail.show_candidate(self._doc, current.row())
