"""Typed access to the app's QSettings: window geometry, recent files, last folder.

UI state only; projects and plans are files written by ``planner``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    """Wraps a QSettings (the app's default one unless given)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    @property
    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    @property
    def recent_files(self) -> list[Path]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):  # QSettings gives a single string for one-item lists
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(v) for v in value if isinstance(v, str) and v]

    def add_recent_file(self, path: Path) -> None:
        path = Path(path).resolve()
        recent = [p for p in self.recent_files if p != path]
        self._store.setValue("files/recent", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def remove_recent_file(self, path: Path) -> None:
        self._store.setValue("files/recent", [str(p) for p in self.recent_files if p != Path(path)])

    def clear_recent_files(self) -> None:
        self._store.setValue("files/recent", [])

    @property
    def last_folder(self) -> Path:
        value = self._store.value("files/last_folder", "")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        return Path.home()

    @last_folder.setter
    def last_folder(self, folder: Path) -> None:
        self._store.setValue("files/last_folder", str(folder))

    def sync(self) -> None:
        self._store.sync()
