"""Autosave to a recovery file while there are unsaved changes; offer it back after a crash.

The recovery file is an ordinary project file (written by ``planner``) in the app's data
folder, with a small JSON note beside it (where the project came from, when it was
saved). A clean close or a save deletes both; finding them at start-up means the last
session ended without closing, so the app offers to restore.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer

from planner.errors import PlannerError
from planner.io.project_file import load_project, save_project
from planner.model.project import Project
from ui.document import ProjectDocument

AUTOSAVE_MS = 60_000


@dataclass(frozen=True)
class RecoveryInfo:
    project_file: Path
    original: Path | None
    saved_at: str
    name: str


def default_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".team-planner") / "recovery"


class RecoveryStore:
    """The recovery file and its note in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()

    @property
    def project_file(self) -> Path:
        return self.folder / "recovery.teamplan"

    @property
    def note_file(self) -> Path:
        return self.folder / "recovery.json"

    def save(self, project: Project, original: Path | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        save_project(project, self.project_file)
        note = {
            "original": str(original) if original else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "name": project.name,
        }
        self.note_file.write_text(json.dumps(note), encoding="utf-8")

    def pending(self) -> RecoveryInfo | None:
        if not self.project_file.is_file():
            return None
        try:
            note = json.loads(self.note_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            note = {}
        original = note.get("original")
        return RecoveryInfo(
            self.project_file,
            Path(original) if isinstance(original, str) else None,
            str(note.get("saved_at", "an earlier session")).replace("T", " "),
            str(note.get("name", "a project")),
        )

    def load(self) -> Project:
        return load_project(self.project_file)

    def discard(self) -> None:
        for path in (self.project_file, self.note_file, self.project_file.with_name(self.project_file.name + ".bak")):
            path.unlink(missing_ok=True)


class Autosaver(QObject):
    """Saves the document to the recovery store every ``interval_ms`` while it is modified."""

    def __init__(self, doc: ProjectDocument, store: RecoveryStore, interval_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(doc)
        self._doc = doc
        self.store = store
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_if_modified)
        self.timer.start()
        doc.modifiedChanged.connect(self._on_modified_changed)

    def save_if_modified(self) -> bool:
        if not self._doc.is_modified():
            return False
        return self.save_now()

    def save_now(self) -> bool:
        """Write the recovery file now (also used by the crash handler); False if it failed."""
        try:
            self.store.save(self._doc.project, self._doc.path)
        except (OSError, PlannerError, ValueError):
            return False
        return True

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:
            self.store.discard()
