"""Before Qt opens a window on X11: are the system libraries of Qt's xcb plugin there?

When one is missing, Qt prints "xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb
platform plugin" and aborts the process (a core dump, no way to catch it). We look first, by
loading each library the plugin links against (the dynamic loader's own search, so the
desktop build's bundled copies count), then the plugin itself, and on failure say which
Debian/Ubuntu packages to install instead.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from planner.cli import program_name

# The libraries Qt 6's xcb platform plugin needs that a minimal Linux desktop may lack,
# with the Debian/Ubuntu package that provides each.
XCB_LIBRARIES = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
)

Loader = Callable[[str], object]


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will open its windows through the xcb (X11) plugin."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def _loads(load: Loader, name: str) -> str | None:
    """None when ``name`` loads, else the loader's reason."""
    try:
        load(name)
    except OSError as exc:
        return str(exc)
    return None


def xcb_plugin_path() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"


def missing_xcb_support(load: Loader = ctypes.CDLL, plugin: Path | None = None) -> str | None:
    """What stops the xcb plugin from loading, as advice for the user; None when nothing does."""
    missing = [package for soname, package in XCB_LIBRARIES if _loads(load, soname) is not None]
    reason = None
    if not missing:
        path = plugin if plugin is not None else xcb_plugin_path()
        if not path.exists():
            return None  # no plugin to load: Qt says so itself and lists the others
        reason = _loads(load, str(path))
        if reason is None:
            return None
    packages = " ".join(missing) or "the libraries named above"
    lines = ["Team Planner cannot open its window: Qt's X11 (xcb) platform plugin cannot load."]
    if missing:
        lines.append(f"Missing system libraries (Debian/Ubuntu packages): {', '.join(missing)}.")
    else:
        lines.append(f"The system loader says: {reason}")
    lines += [
        f"Install them, for example:  sudo apt install {packages}",
        "(Fedora: dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms xcb-util-image xcb-util-renderutil)",
        f"Meanwhile the command line works without a window: {program_name()} solve PROJECT.teamplan",
    ]
    return "\n".join(lines)
