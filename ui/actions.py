"""File handling for the main window: New, Open, Save, Save As, Recent, Import, Export.

:class:`FileActions` owns the File menu's actions and what they do; the window only puts
them in menus and toolbars. Every question to the user goes through :mod:`ui.dialogs`;
files are read and written by ``planner.io``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from planner.analyses.tradeoff import TradeoffAxis, TradeoffPoint
from planner.errors import PlannerError
from planner.io.project_file import load_project, save_project
from planner.model.candidate_merge import DuplicateChoice, match_candidates
from planner.model.catalog import load_catalog
from planner.model.project import new_project
from planner.resources import examples_dir
from planner.wording import Surface, advice_text, count_text, number_text
from ui import dialogs
from ui.dialogs import ImportChoice, SaveChoice
from ui.document import ProjectDocument
from ui.settings import Settings

PROJECT_SUFFIX = ".teamplan"


def _action(
    parent: QObject, text: str, tip: str, shortcut: QKeySequence | QKeySequence.StandardKey | None = None
) -> QAction:
    action = QAction(text, parent)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if shortcut is not None:
        action.setShortcut(shortcut)
    return action


def open_advice(error: PlannerError, path: Path) -> str:
    """What to do when ``path`` cannot be opened: the backup only when there is one to open."""
    advice = error.advice
    if advice == "damaged project" and not path.with_name(path.name + ".bak").is_file():
        advice = ""
    return advice_text(advice, Surface.APP) or "Choose another file."


class FileActions(QObject):
    """See the module docstring. ``message`` carries a line for the status bar."""

    message = Signal(str)

    def __init__(self, window: QWidget, doc: ProjectDocument, settings: Settings) -> None:
        super().__init__(window)
        self._window, self._doc, self._settings = window, doc, settings
        # Where the plan export finds the trade-off curve to include (set by the main window).
        self.tradeoff_source: Callable[[], tuple[Sequence[TradeoffPoint], TradeoffAxis]] | None = None
        key = QKeySequence.StandardKey
        self.new_action = _action(self, "&New ML project", "Start a new machine-learning project", key.New)
        self.new_action.triggered.connect(lambda: self.new_project("ml"))
        self.new_ds_action = _action(self, "New &DS project", "Start a new data-science project")
        self.new_ds_action.triggered.connect(lambda: self.new_project("ds"))
        self.new_catalog_action = _action(
            self, "New project with &catalog…", "Start a project from your own catalog file (skills, tasks, roles)"
        )
        self.new_catalog_action.triggered.connect(self.new_project_with_catalog)
        self.open_action = _action(self, "&Open…", "Open a project file", key.Open)
        self.open_action.triggered.connect(self.open)
        self.save_action = _action(self, "&Save", "Save the project", key.Save)
        self.save_action.triggered.connect(self.save)
        self.save_as_action = _action(self, "Save &As…", "Save the project under a new name", key.SaveAs)
        self.save_as_action.triggered.connect(self.save_as)
        self.import_action = _action(
            self,
            "&Import candidates…",
            "Read candidates from a spreadsheet (or drop it on the window)",
            QKeySequence("Ctrl+I"),
        )
        self.import_action.triggered.connect(self.import_dialog)
        self.export_plan_action = _action(
            self, "&Export plan…", "Write the plan to an Excel workbook or a CSV file", QKeySequence("Ctrl+E")
        )
        self.export_plan_action.triggered.connect(self.export_plan)
        self.export_template_action = _action(
            self, "Export candidate &template…", "Write an empty spreadsheet with one column per skill"
        )
        self.export_template_action.triggered.connect(self.export_template)
        self.quit_action = _action(self, "&Quit", "Close Team Planner", key.Quit)
        self.quit_action.triggered.connect(window.close)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.examples_menu = QMenu("Open e&xample", window)  # the bundled examples, wherever installed
        for example in sorted(examples_dir().glob(f"*{PROJECT_SUFFIX}")):
            self.examples_menu.addAction(example.stem, partial(self.open_path, example, as_copy=True))

    def input_actions(self) -> list[QAction]:
        """Actions that replace or change the project (disabled while solving)."""
        return [self.new_action, self.new_ds_action, self.open_action, self.import_action]

    # --- project files -------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is fine to drop the current project."""
        if not self._doc.is_modified():
            return True
        choice = dialogs.ask_save_changes(self._window, self._doc.display_name())
        if choice is SaveChoice.SAVE:
            return self.save()
        return choice is SaveChoice.DISCARD

    def new_project(self, kind: str = "ml") -> bool:
        if not self.maybe_save():
            return False
        name = "Untitled ML project" if kind == "ml" else "Untitled DS project"
        self._doc.load(new_project(kind, name=name))
        self.message.emit("New project")
        return True

    def new_project_with_catalog(self, path: Path | None = None) -> bool:
        """A new project on a custom catalog file (its first project kind, all tasks chosen)."""
        if path is None:
            path = dialogs.open_catalog_name(self._window, self._settings.last_folder)
            if path is None:
                return False
        try:
            catalog = load_catalog(path)
        except PlannerError as exc:
            dialogs.error(
                self._window,
                "Cannot use this catalog",
                str(exc),
                "Fix the place named above (start from resources/catalog.json) and try again.",
            )
            return False
        if not self.maybe_save():
            return False
        kind = "ml" if "ml" in {k.id for k in catalog.kinds} else catalog.kinds[0].id
        self._doc.load(new_project(kind, name=f"Untitled project ({catalog.title or catalog.id})", catalog=catalog))
        self._settings.last_folder = path.resolve().parent
        self.message.emit(f"New project with the catalog {path.name}")
        return True

    def open(self) -> bool:
        path = dialogs.open_project_name(self._window, self._settings.last_folder)
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path, *, ask: bool = True, as_copy: bool = False) -> bool:
        """Open a project file (asking about unsaved changes first unless ``ask`` is False).

        ``as_copy`` opens it as a new, unsaved project (the bundled examples: Save asks where,
        so the example stays as shipped)."""
        if ask and not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except PlannerError as exc:
            self._settings.remove_recent_file(path)
            dialogs.error(self._window, "Cannot open the project", str(exc), open_advice(exc, Path(path)))
            return False
        if as_copy:
            self._doc.load(project, None)
            self.message.emit(f"Opened the example {Path(path).name}; Save stores your copy")
            return True
        self._doc.load(project, Path(path))
        self._remember(Path(path))
        self.message.emit(f"Opened {Path(path).name}")
        return True

    def save(self) -> bool:
        if self._doc.path is None:
            return self.save_as()
        return self.save_to(self._doc.path)

    def save_as(self) -> bool:
        suggested = self._doc.path or self._settings.last_folder / f"{self._doc.project.name}{PROJECT_SUFFIX}"
        path = dialogs.save_project_name(self._window, suggested)
        return self.save_to(path) if path is not None else False

    def save_to(self, path: Path) -> bool:
        try:
            save_project(self._doc.project, path)
        except (PlannerError, OSError, ValueError) as exc:
            dialogs.error(self._window, "Cannot save the project", str(exc), "Try another folder or file name.")
            return False
        self._doc.mark_saved(Path(path))
        self._remember(Path(path))
        self.message.emit(f"Saved {Path(path).name}")
        return True

    def _remember(self, path: Path) -> None:
        self._settings.add_recent_file(path)
        self._settings.last_folder = path.resolve().parent
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._settings.recent_files
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(partial(self.open_path, path))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self._clear_recent)
        self.recent_menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self._settings.clear_recent_files()
        self._fill_recent_menu()

    # --- candidates in and plans out -------------------------------------------------------------

    def import_dialog(self) -> bool:
        path = dialogs.open_spreadsheet_name(self._window, self._settings.last_folder)
        return self.import_file(path) if path is not None else False

    def import_file(self, path: Path) -> bool:
        """Preview a spreadsheet in the import dialog, then add or replace the candidates."""
        self._settings.last_folder = Path(path).resolve().parent
        try:
            result = dialogs.run_import_dialog(self._window, Path(path), self._doc.project.catalog)
        except PlannerError as exc:
            dialogs.error(
                self._window,
                "Cannot read the spreadsheet",
                str(exc),
                "Save it as .xlsx or .csv with one row per candidate and try again.",
            )
            return False
        if result is None:
            return False
        candidates, report = result
        if not candidates:
            dialogs.error(self._window, "Nothing to import", "No row of the spreadsheet gave a usable candidate.")
            return False
        existing = self._doc.project.candidates
        choice = dialogs.ask_add_or_replace(self._window, len(existing), len(candidates)) if existing else None
        if choice is ImportChoice.CANCEL:
            return False
        skipped = len(getattr(report, "rows", ())) - len(candidates)
        rows_note = f"; {count_text(skipped, 'row')} of the sheet not imported" if skipped > 0 else ""
        source = Path(path).name
        if choice is ImportChoice.REPLACE:
            if not self._doc.import_candidates(candidates, replace=True):
                return False
            self.message.emit(f"Imported {count_text(len(candidates), 'candidate')} from {source}{rows_note}")
            return True
        matches = match_candidates(existing, candidates)
        duplicates = DuplicateChoice.ADD
        if matches.matches:
            asked = dialogs.ask_duplicates(self._window, matches)
            if asked is None:
                return False
            duplicates = asked
        merged = self._doc.merge_import(candidates, duplicates)
        if merged is None:
            return False
        parts = [f"{number_text(len(merged.added))} added"]
        if matches.matches:
            parts += [f"{number_text(len(merged.updated))} updated", f"{number_text(merged.skipped)} skipped"]
        self.message.emit(f"Imported from {source}: {', '.join(parts)}{rows_note}")
        return True

    def export_plan(self) -> bool:
        project = self._doc.project
        if project.plan is None:
            dialogs.error(self._window, "No plan yet", "There is no plan to export.", "Solve first (Ctrl+R).")
            return False
        stem = self._doc.path.stem if self._doc.path else project.name
        path = dialogs.export_plan_name(self._window, self._settings.last_folder / f"{stem} plan.xlsx")
        return self.export_plan_to(path) if path is not None else False

    def export_plan_to(self, path: Path) -> bool:
        project = self._doc.project
        assert project.plan is not None
        try:
            if path.suffix.lower() == ".csv":
                from planner.io.team_csv import export_team_csv

                export_team_csv(project, project.plan, path)
            else:
                from planner.io.plan_workbook import export_plan_workbook

                points, axis = self.tradeoff_source() if self.tradeoff_source else ((), TradeoffAxis.BUDGET)
                export_plan_workbook(project, project.plan, path, tradeoff=points, tradeoff_axis=axis)
        except (PlannerError, OSError) as exc:
            dialogs.error(
                self._window,
                "Cannot export the plan",
                str(exc),
                "Close the file if it is open elsewhere, or choose another name.",
            )
            return False
        self._settings.last_folder = path.resolve().parent
        self.message.emit(f"Exported the plan to {path.name}")
        return True

    def export_template(self) -> bool:
        path = dialogs.save_template_name(self._window, self._settings.last_folder / "candidates template.xlsx")
        if path is None:
            return False
        from planner.io.candidate_template import write_candidate_template

        try:
            write_candidate_template(self._doc.project.catalog, path)
        except (PlannerError, OSError) as exc:
            dialogs.error(self._window, "Cannot write the template", str(exc), "Choose another folder or file name.")
            return False
        self.message.emit(f"Wrote the candidate template {path.name}")
        return True
