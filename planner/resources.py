"""One accessor for files shipped with Team Planner: in a checkout, an installed package or the desktop build.

A checkout and a ``pip install`` keep ``resources/`` and ``examples/`` beside the ``planner``
package (the repository root, or site-packages); the PyInstaller build unpacks them into its
bundle folder (``sys._MEIPASS``), which is also where its module files claim to live, so the
same rule finds them there. ``importlib.resources`` is the last resort (a zipped install).
"""

from __future__ import annotations

import sys
from importlib import resources as importlib_resources
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def bundle_root() -> Path:
    """The folder holding ``resources/`` and ``examples/``: the build's bundle, else beside ``planner``."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else _ROOT


def resource_path(*parts: str) -> Path:
    """Return the path of a file under ``resources/`` (for example ``resource_path("catalog.json")``)."""
    local = bundle_root().joinpath("resources", *parts)
    if local.exists():
        return local
    installed = importlib_resources.files("resources").joinpath(*parts)
    return Path(str(installed))


def examples_dir() -> Path:
    """Return the folder holding the bundled example projects and spreadsheets."""
    local = bundle_root() / "examples"
    if local.is_dir():
        return local
    return Path(str(importlib_resources.files("examples")))


def icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG, or the PNG of ``size`` pixels (16, 24, 32, 48, 64, 128, 256, 512)."""
    name = "team-planner.svg" if size is None else f"team-planner-{size}.png"
    return resource_path("icons", name)


def licences_dir() -> Path | None:
    """The desktop build's folder of licence texts of the bundled libraries; None outside the build
    (there, each library's licence ships in its own installed package)."""
    folder = bundle_root() / "licenses"
    return folder if getattr(sys, "frozen", False) and folder.is_dir() else None
