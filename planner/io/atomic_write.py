"""Writing a file so that a crash or a kill at any moment leaves the old file or the new one.

The new content goes to a temporary file beside the target (named
``.NAME.<pid>.<random>.teamplanner-tmp``), is flushed and fsynced, and is renamed over the
target in one step. A new file gets the mode the user's umask gives (0644 under umask 022,
like any program's files); a replaced file keeps its mode. The backup of the previous
version (``NAME.bak``) is made the same way, so a kill during the save never leaves a
truncated backup. Temporaries that a killed save of ours left beside the target (their
process is gone, or they are over an hour old) are removed on the next write.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import time
from collections.abc import Callable
from pathlib import Path

TEMP_SUFFIX = ".teamplanner-tmp"
STALE_SECONDS = 3600


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no safe liveness probe: rely on the age test alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete our own leftover temporaries for ``path`` (a killed save's); returns what was removed."""
    removed = []
    now = time.time()
    for candidate in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        pid_text = candidate.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid_text.isdigit():
            continue  # not a name we give
        recent = now - _mtime(candidate) < STALE_SECONDS
        if recent and (int(pid_text) == os.getpid() or _alive(int(pid_text))):
            continue  # a save in progress (this process's other thread, or another running Team Planner)
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def _new_temp(path: Path, mode: int | None) -> Path:
    """An empty temporary file beside ``path``: ``mode`` if given, else what the umask gives."""
    temp = _temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    os.close(fd)
    if mode is not None:
        os.chmod(temp, mode)
    return temp


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            _fsync(folder)


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return None


def write_atomically(path: Path, write: Callable[[Path], None], *, backup: bool = False) -> None:
    """Call ``write(temporary_path)`` to produce the content, then put it in place at ``path``.

    With ``backup``, the previous file is first copied to ``path + '.bak'`` (atomically too).
    Raises ``OSError`` (the caller words it) and leaves no temporary behind.
    """
    path = Path(path)
    if not str(path.parent):
        path = Path(".") / path
    remove_stale_temporaries(path)
    temps: list[Path] = []
    try:
        temp = _new_temp(path, _mode(path))
        temps.append(temp)
        write(temp)
        _fsync(temp)
        if backup and path.exists():
            copy = _new_temp(path, _mode(path))
            temps.append(copy)
            shutil.copyfile(path, copy)
            _fsync(copy)
            os.replace(copy, path.with_name(path.name + ".bak"))
        os.replace(temp, path)
        _fsync_folder(path.parent)
    finally:
        for leftover in temps:
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
