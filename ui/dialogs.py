"""Every modal dialog and file dialog of the app, in one module so tests stub one place.

Widgets never call ``QMessageBox``/``QFileDialog``/``exec()`` themselves; they call these
functions. A test replaces a function with ``monkeypatch.setattr(ui.dialogs, "ask_save_changes", ...)``.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.model.candidate_merge import DuplicateChoice, ImportMatches
from planner.wording import count_text, number_text, plural

if TYPE_CHECKING:
    from planner.io.import_report import ImportReport
    from planner.model.candidates import Candidate
    from planner.model.catalog import Catalog

PROJECT_FILTER = "Team Planner projects (*.teamplan)"
SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt)"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")
PLAN_FILTERS = "Excel workbook (*.xlsx);;CSV, team only (*.csv)"
TEMPLATE_FILTER = "Excel workbook (*.xlsx)"


class SaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ImportChoice(Enum):
    ADD = "add"
    REPLACE = "replace"
    CANCEL = "cancel"


def exec_dialog(dialog: QDialog) -> bool:
    """Run a modal dialog; True when accepted (tests replace this to drive a real dialog)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_save_changes(parent: QWidget | None, document_name: str) -> SaveChoice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to “{document_name}”?")
    box.setInformativeText("Your changes are lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_add_or_replace(parent: QWidget | None, existing: int, incoming: int) -> ImportChoice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Import candidates")
    box.setText(f"The project already has {existing} candidates. Add the {incoming} imported ones, or replace them?")
    add = box.addButton("&Add to them", QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton("&Replace them", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(add)
    box.exec()
    clicked = box.clickedButton()
    if clicked is add:
        return ImportChoice.ADD
    if clicked is replace:
        return ImportChoice.REPLACE
    return ImportChoice.CANCEL


def ask_duplicates(parent: QWidget | None, matches: ImportMatches) -> DuplicateChoice | None:
    """What to do with imported people already in the project (None: cancel the import)."""
    found, new = len(matches.matches), len(matches.new)
    how = []
    if matches.count_by("email"):
        how.append(f"{number_text(matches.count_by('email'))} by e-mail")
    if matches.count_by("name"):
        how.append(f"{number_text(matches.count_by('name'))} by name")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("People already in the project")
    box.setText(
        f"{count_text(found, 'imported person', 'imported people')} {plural(found, 'is')} already in the project "
        f"({', '.join(how)}); {count_text(new, 'other person', 'others')} {plural(new, 'is')} new."
    )
    box.setInformativeText(
        "Skip them and add only the new people, update their ratings from the sheet, or add them anyway "
        "as separate candidates (named “… (2)”)."
    )
    skip = box.addButton(f"&Skip {number_text(found)}", QMessageBox.ButtonRole.AcceptRole)
    update = box.addButton(f"&Update {number_text(found)}", QMessageBox.ButtonRole.AcceptRole)
    add = box.addButton(f"&Add {number_text(found)} anyway", QMessageBox.ButtonRole.AcceptRole)
    update.setToolTip("Their ratings become the sheet's; skills the sheet leaves out keep their rating")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(skip)
    box.exec()
    clicked = box.clickedButton()
    if clicked is skip:
        return DuplicateChoice.SKIP
    if clicked is update:
        return DuplicateChoice.UPDATE
    if clicked is add:
        return DuplicateChoice.ADD
    return None


def ask_restore_recovery(parent: QWidget | None, project_name: str, saved_at: str) -> bool:
    answer = QMessageBox.question(
        parent,
        "Restore unsaved work?",
        f"Team Planner did not close normally. Unsaved work on “{project_name}” from {saved_at} was kept.\n\n"
        "Restore it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_project_name(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open project", str(folder), PROJECT_FILTER)
    return Path(name) if name else None


def save_project_name(parent: QWidget | None, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save project as", str(suggested), PROJECT_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix == ".teamplan" else path.with_name(path.name + ".teamplan")


def open_catalog_name(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "New project with a custom catalog", str(folder), "Catalog (*.json)")
    return Path(name) if name else None


def open_spreadsheet_name(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import candidates", str(folder), SPREADSHEET_FILTER)
    return Path(name) if name else None


def export_plan_name(parent: QWidget | None, suggested: Path) -> Path | None:
    name, chosen = QFileDialog.getSaveFileName(parent, "Export plan", str(suggested), PLAN_FILTERS)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + (".csv" if "csv" in chosen.lower() else ".xlsx"))
    return path


def save_template_name(parent: QWidget | None, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Export candidate template", str(suggested), TEMPLATE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def error(parent: QWidget | None, title: str, message: str, advice: str = "") -> None:
    """An expected problem (bad file, unsolvable project): what happened and what to do."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if advice:
        box.setInformativeText(advice)
    box.exec()


def information(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def run_import_dialog(
    parent: QWidget | None, path: Path, catalog: Catalog
) -> tuple[list[Candidate], ImportReport | None] | None:
    """Preview and map a spreadsheet; the accepted candidates and the report, or None."""
    from ui.import_dialog import ImportDialog

    dialog = ImportDialog(path, catalog, parent)
    try:
        if not exec_dialog(dialog):
            return None
        return dialog.candidates(), dialog.report()
    finally:
        dialog.deleteLater()


def show_playbook(parent: QWidget | None, catalog: Catalog) -> QDialog:
    """The non-modal Playbook browser (Help ▸ Roles and tasks)."""
    from ui.playbook_browser import PlaybookBrowser

    browser = PlaybookBrowser(catalog, parent)
    browser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    browser.show()
    return browser


def about(parent: QWidget | None, version: str, citation: str) -> None:
    """Help ▸ About: the version, the catalog's source and the licences of what ships with the app."""
    from html import escape

    from planner.about import bundled_libraries, python_line
    from planner.resources import licences_dir

    rows = "".join(
        f"<tr><td>{escape(lib.name)} {escape(lib.version)}</td><td>&nbsp;{escape(lib.licence)}</td></tr>"
        for lib in bundled_libraries()
    )
    folder = licences_dir()
    texts = f"<p><small>Licence texts: {escape(str(folder))}</small></p>" if folder else ""
    QMessageBox.about(
        parent,
        "About Team Planner",
        f"<h3>Team Planner {version}</h3>"
        "<p>Staff an AI team from the Workera <i>AI Human Capital Playbook</i>: describe the project, "
        "rate the candidates, and let a CP-SAT solver pick the smallest team that covers every required skill.</p>"
        f"<p><small>{escape(citation)}</small></p>"
        f"<p><small>Runs on {escape(python_line())} and these libraries (licence):</small></p>"
        f"<table style='font-size: small'>{rows}</table>{texts}",
    )


class CrashDialog(QDialog):
    """One dialog for unexpected errors: what happened, where the work is, the traceback to copy."""

    def __init__(self, traceback_text: str, recovery_note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team Planner ran into a problem")
        intro = QLabel(
            "<b>Something went wrong inside Team Planner.</b> This is a bug, not something you did.<br>"
            f"{recovery_note}<br>Please copy the details below into a bug report."
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(traceback_text)
        self.details.setReadOnly(True)
        self.details.setMinimumSize(560, 260)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy details")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(traceback_text))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)


def show_crash(parent: QWidget | None, traceback_text: str, recovery_note: str) -> None:
    dialog = CrashDialog(traceback_text, recovery_note, parent)
    exec_dialog(dialog)
    dialog.deleteLater()
