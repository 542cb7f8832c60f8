"""The import dialog: preview a candidate spreadsheet, fix the mapping, import the good rows.

Reading happens in ``planner.io.candidate_import.import_candidates``; this dialog only
turns the user's choices (sheet, header row, column mapping, rating scale) into its
arguments and shows the :class:`ImportReport`. Rows with errors stay visible and
highlighted; a file that cannot be read at all shows its message inside the dialog. When
the sheet has a roles column ("Applied for", "Position"…), *Job titles → roles* shows the
roles each title opens, with a check box per role to change it
(:func:`planner.io.title_choices.apply_title_choices` applies the choices on import).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.io.candidate_import import import_candidates, parse_scale
from planner.io.import_report import ColumnTarget, ImportReport
from planner.io.rating_parse import RatingScale
from planner.io.title_choices import apply_title_choices
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.wording import Surface, advice_text, count_text
from ui.models.import_preview_model import SORT_ROLE, ImportPreviewModel, ImportProblemsModel, target_text
from ui.models.title_mapping_model import TitleMappingModel

Reader = Callable[..., ImportReport]

SCALE_CHOICES = (
    ("Playbook 0–5 (default)", ""),
    ("1–10", "1-10"),
    ("Percent (0–100)", "percent"),
    ("Workera score (1–300)", "workera"),
    ("Custom range…", "custom"),
)
FIELD_TARGETS = ("name", "first_name", "last_name", "cost", "email", "notes", "max_tasks", "status", "roles")
ERROR_STYLE = "background:#c9302c; color:#fff; border-radius:4px; padding:6px;"


def _target_from_label(label: str) -> ColumnTarget:
    if label.startswith("skill:"):
        return ColumnTarget("skill", label.removeprefix("skill:"))
    return ColumnTarget(label)


class ImportDialog(QDialog):
    """See the module docstring. After ``exec()`` accepted: ``candidates()`` and ``report()``."""

    def __init__(
        self,
        path: Path,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        warn_blank_cost: bool = False,
        reader: Reader = import_candidates,
    ) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._catalog = catalog
        self._reader = reader
        self._warn_blank_cost = warn_blank_cost
        self._report: ImportReport | None = None
        self._sheet: str | None = None
        self._header_row: int | None = None  # None: let the reader find it
        self._overrides: dict[str, ColumnTarget] = {}
        self._scale: RatingScale | None = None
        self._mapping_combos: dict[str, QComboBox] = {}
        self.setWindowTitle(f"Import candidates — {self._path.name}")
        self.setSizeGripEnabled(True)
        self.resize(1100, 720)
        self._build()
        self.reread()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.file_label = QLabel(f"<b>{self._path.name}</b> &nbsp; <span style='color:gray'>{self._path}</span>")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setObjectName("importError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.sheet_combo = QComboBox()
        self.sheet_combo.setToolTip("The worksheet to read")
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_label = QLabel("&Sheet:")
        self.sheet_label.setBuddy(self.sheet_combo)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 1_000_000)
        self.header_spin.setToolTip("The row holding the column titles (as the spreadsheet numbers it)")
        self.header_spin.editingFinished.connect(self._header_chosen)
        header_label = QLabel("&Header row:")
        header_label.setBuddy(self.header_spin)
        self.scale_combo = QComboBox()
        for text, value in SCALE_CHOICES:
            self.scale_combo.addItem(text, value)
        self.scale_combo.setToolTip("The scale the sheet's ratings are on; they are converted to the Playbook's 0–5")
        self.scale_combo.activated.connect(self._scale_chosen)
        scale_label = QLabel("Rating &scale:")
        scale_label.setBuddy(self.scale_combo)
        self.custom_scale = QLineEdit()
        self.custom_scale.setPlaceholderText("e.g. 1-7")
        self.custom_scale.setMaximumWidth(110)
        self.custom_scale.editingFinished.connect(self._custom_scale_entered)
        self.custom_scale.hide()
        options = QHBoxLayout()
        for widget in (self.sheet_label, self.sheet_combo, header_label, self.header_spin):
            options.addWidget(widget)
        options.addSpacing(16)
        for scale_widget in (scale_label, self.scale_combo, self.custom_scale):
            options.addWidget(scale_widget)
        options.addStretch(1)

        self.preview_model = ImportPreviewModel(self._catalog, self)
        self.preview_proxy = QSortFilterProxyModel(self)
        self.preview_proxy.setSourceModel(self.preview_model)
        self.preview_proxy.setSortRole(SORT_ROLE)
        self.preview = QTableView()
        self.preview.setObjectName("preview")
        self.preview.setModel(self.preview_proxy)
        self.preview.setSortingEnabled(True)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setDefaultSectionSize(110)
        self.preview.horizontalHeader().setResizeContentsPrecision(200)  # big sheets: measure 200 rows, not all
        self.preview.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # sheet order until the user sorts
        self.preview.verticalHeader().setDefaultSectionSize(24)

        self.mapping_widget = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_grid.setContentsMargins(4, 4, 4, 4)
        mapping_scroll = QScrollArea()
        mapping_scroll.setWidgetResizable(True)
        mapping_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        mapping_scroll.setWidget(self.mapping_widget)
        mapping_box = QGroupBox("Column mapping")
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(mapping_scroll, 2)
        self.titles_model = TitleMappingModel(self._catalog, self)
        self.titles_view = QTableView()
        self.titles_view.setObjectName("titleRoles")
        self.titles_view.setModel(self.titles_model)
        self.titles_view.verticalHeader().hide()
        self.titles_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.titles_view.horizontalHeader().setStretchLastSection(True)
        self.titles_view.setToolTip("The roles each job title opens; tick or clear a role to change it")
        self.titles_label = QLabel("Job titles → roles (tick to change):")
        mapping_layout.addWidget(self.titles_label)
        mapping_layout.addWidget(self.titles_view, 1)
        mapping_box.setMinimumWidth(300)

        self.problems_model = ImportProblemsModel(self)
        self.problems_proxy = QSortFilterProxyModel(self)
        self.problems_proxy.setSourceModel(self.problems_model)
        self.problems_proxy.setSortRole(SORT_ROLE)
        self.problems_view = QTableView()
        self.problems_view.setObjectName("problems")
        self.problems_view.setModel(self.problems_proxy)
        self.problems_view.setSortingEnabled(True)
        self.problems_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.verticalHeader().hide()
        self.problems_view.verticalHeader().setDefaultSectionSize(22)
        self.problems_view.setWordWrap(False)
        self.problems_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.problems_view.activated.connect(self._go_to_problem)
        self.problems_view.clicked.connect(self._go_to_problem)
        self.no_problems_label = QLabel("No problems: every row can be imported as it is.")
        self.problems_box = QGroupBox("Problems")
        problems_layout = QVBoxLayout(self.problems_box)
        problems_layout.addWidget(self.problems_view)
        problems_layout.addWidget(self.no_problems_label)

        top = QSplitter(Qt.Orientation.Horizontal)
        preview_box = QGroupBox("Preview (rows with errors are kept and highlighted; hover a cell for details)")
        QVBoxLayout(preview_box).addWidget(self.preview)
        top.addWidget(preview_box)
        top.addWidget(mapping_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setSizes([720, 380])
        body = self.body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(self.problems_box)
        body.setSizes([470, 180])
        for splitter in (top, body):
            splitter.setChildrenCollapsible(False)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        self.reread_button = QPushButton("&Re-read file")
        self.reread_button.setToolTip("Read the file again (after fixing it in your spreadsheet program)")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.reread_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reread_button.clicked.connect(self.reread)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.error_label)
        layout.addLayout(options)
        layout.addWidget(body, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)

    # --- public API -------------------------------------------------------------------

    def candidates(self) -> list[Candidate]:
        """The candidates of the rows without errors (empty when the file could not be read).

        Their roles follow the *Job titles → roles* choices."""
        if self._report is None:
            return []
        return apply_title_choices(self._report, self.titles_model.choices(), self._catalog)

    def report(self) -> ImportReport | None:
        """The last reading of the file (None when it could not be read)."""
        return self._report

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def set_column_target(self, header: str, target: ColumnTarget) -> None:
        """Map column ``header`` to ``target`` and read again (what choosing in its combo does)."""
        self._overrides[header] = target
        self.reread()

    def set_header_row(self, row: int | None) -> None:
        """Use spreadsheet row ``row`` as the header (None: detect it) and read again."""
        self._header_row = row
        self.reread()

    def set_scale_text(self, text: str) -> bool:
        """Use the rating scale ``text`` ("1-10", "percent", "workera", "lo-hi"; "" for the default)."""
        if not text.strip():
            self._scale = None
        else:
            try:
                self._scale = parse_scale(text)
            except PlannerError as exc:
                self._show_error(str(exc))
                return False
        self.reread()
        return True

    def reread(self) -> None:
        """Read the file again with the current choices."""
        try:
            report = self._reader(
                self._path,
                self._catalog,
                sheet=self._sheet,
                scale=self._scale,
                header_row=self._header_row,
                column_overrides=dict(self._overrides) or None,
                warn_blank_cost=self._warn_blank_cost,
            )
        except (PlannerError, OSError) as exc:
            self._report = None
            self._show_error(str(exc), exc.advice if isinstance(exc, PlannerError) else "")
            self._show_report(None)
            return
        self._report = report
        self.error_label.hide()
        self._show_report(report)

    # --- showing a report ---------------------------------------------------------------

    def _show_error(self, message: str, advice: str = "") -> None:
        what_to_do = advice_text(advice, Surface.APP) or (
            "Fix the file in your spreadsheet program and press Re-read file, "
            "or change the sheet, header row or scale above."
        )
        self.error_label.setText(f"{message}\n\n{what_to_do}")
        self.error_label.show()

    def _show_report(self, report: ImportReport | None) -> None:
        self.preview_model.set_report(report)
        problems = report.problems if report is not None else ()
        self.problems_model.set_problems(problems)
        self.problems_view.setVisible(bool(problems))
        self.no_problems_label.setVisible(report is not None and not problems)
        self.body.setSizes([400, 240] if problems else [760, 40])
        self._fill_options(report)
        self._fill_mapping(report)
        self.titles_model.set_titles(report.role_titles if report is not None else ())
        for widget in (self.titles_label, self.titles_view):
            widget.setVisible(self.titles_model.rowCount() > 0)
        good = len(report.candidates) if report is not None else 0
        self.import_button.setText(f"&Import {count_text(good, 'good row')}")
        self.import_button.setEnabled(good > 0)
        if report is None:
            self.summary_label.setText("Nothing to import yet.")
            self.problems_box.setTitle("Problems")
            return
        rows = len(report.rows)
        bad = rows - good
        errors, warnings = len(report.errors), len(report.warnings)
        self.problems_box.setTitle(
            f"Problems ({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})"
        )
        parts = [f"{rows} data row{'s' * (rows != 1)}: {good} ready to import"]
        if bad:
            parts.append(f"{bad} with errors will be left out (fix them in the file and press Re-read file)")
        if warnings:
            parts.append(f"{count_text(warnings, 'warning')} to look at")
        self.summary_label.setText("; ".join(parts) + ".")
        self.preview.resizeColumnsToContents()

    def _fill_options(self, report: ImportReport | None) -> None:
        sheets = report.sheets if report is not None else ()
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(sheets))
        if report is not None and report.sheet is not None:
            self.sheet_combo.setCurrentText(report.sheet)
        self.sheet_combo.blockSignals(False)
        reason = report.sheet_reason if report is not None else ""
        self.sheet_combo.setToolTip(f"Why this sheet: {reason}" if reason else "The worksheet to read")
        self.sheet_combo.setVisible(len(sheets) > 1)
        self.sheet_label.setVisible(len(sheets) > 1)
        if report is not None:
            self.header_spin.blockSignals(True)
            self.header_spin.setValue(report.header_row)
            self.header_spin.blockSignals(False)

    def _fill_mapping(self, report: ImportReport | None) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._mapping_combos = {}
        if report is None:
            self.mapping_grid.addWidget(QLabel("No columns: the file could not be read."), 0, 0)
            return
        self.mapping_grid.addWidget(QLabel("<b>Column</b>"), 0, 0)
        self.mapping_grid.addWidget(QLabel("<b>Imported as</b>"), 0, 1)
        for row, mapping in enumerate(report.columns, start=1):
            title = QLabel(mapping.header or f"(column {mapping.index + 1}, no header)")
            title.setMaximumWidth(170)
            title.setToolTip(f"Column {mapping.index + 1} of the sheet")
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # never "Visualization Languag"
            combo.setAccessibleName(f"Import column {mapping.header} as")
            for kind in FIELD_TARGETS:
                combo.addItem(target_text(ColumnTarget(kind), self._catalog), kind)
            combo.insertSeparator(combo.count())
            for skill in self._catalog.skills:
                combo.addItem(skill.name, f"skill:{skill.id}")
            combo.insertSeparator(combo.count())
            combo.addItem("— ignore this column —", "ignored")
            combo.setCurrentIndex(combo.findData(mapping.target.label))
            if not mapping.header:
                combo.setEnabled(False)
                combo.setToolTip("A column without a header is ignored; give it a title in the file")
            header = mapping.header
            combo.activated.connect(lambda _=0, h=header, c=combo: self._mapping_chosen(h, c))
            self.mapping_grid.addWidget(title, row, 0)
            self.mapping_grid.addWidget(combo, row, 1)
            self._mapping_combos[header] = combo
        self.mapping_grid.setRowStretch(len(report.columns) + 1, 1)

    def mapping_combo(self, header: str) -> QComboBox:
        return self._mapping_combos[header]

    # --- user choices -------------------------------------------------------------------

    def _sheet_chosen(self) -> None:
        self._sheet = self.sheet_combo.currentText() or None
        self._header_row = None  # another sheet: find its header again
        self.reread()

    def _header_chosen(self) -> None:
        value = self.header_spin.value()
        if self._report is None or value != self._report.header_row:
            self.set_header_row(value)

    def _scale_chosen(self) -> None:
        value = str(self.scale_combo.currentData())
        self.custom_scale.setVisible(value == "custom")
        if value == "custom":
            self.custom_scale.setFocus()
            return
        self.set_scale_text(value)

    def _custom_scale_entered(self) -> None:
        if self.custom_scale.text().strip():
            self.set_scale_text(self.custom_scale.text())

    def _mapping_chosen(self, header: str, combo: QComboBox) -> None:
        self.set_column_target(header, _target_from_label(str(combo.currentData())))

    def _go_to_problem(self, index: QModelIndex) -> None:
        problem = self.problems_model.problem(self.problems_proxy.mapToSource(index).row())
        if problem.row is None:
            return
        row = self.preview_model.row_for_sheet_row(problem.row)
        if row < 0:
            return
        column = self.preview_model.column_for_header(problem.column) if problem.column else 0
        target = self.preview_proxy.mapFromSource(self.preview_model.index(row, max(column, 0)))
        self.preview.setCurrentIndex(target)
        self.preview.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
