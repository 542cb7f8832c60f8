"""One accessor for files shipped with Team Planner, in a checkout or an installed package."""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Return the path of a file under ``resources/`` (for example ``resource_path("catalog.json")``)."""
    local = _CHECKOUT_ROOT.joinpath("resources", *parts)
    if local.exists():
        return local
    installed = importlib_resources.files("resources").joinpath(*parts)
    return Path(str(installed))


def examples_dir() -> Path:
    """Return the folder holding the bundled example projects and spreadsheets."""
    local = _CHECKOUT_ROOT / "examples"
    if local.is_dir():
        return local
    return Path(str(importlib_resources.files("examples")))
