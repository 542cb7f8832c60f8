"""The data files the desktop build carries, as PyInstaller ``(source, folder)`` pairs.

The catalog and icons go to ``resources/``, the example projects and spreadsheets to
``examples/`` (where :mod:`planner.resources` looks inside the bundle), and one folder per
bundled library under ``licenses/``: the licence files from its installed metadata, the GNU
texts for Qt and PySide6 (whose wheels carry none), and Python's own licence.
"""

from __future__ import annotations

import importlib.metadata as metadata
import sys
import sysconfig
from pathlib import Path

from packaging.utils import canonicalize_name

EXAMPLE_SUFFIXES = (".teamplan", ".xlsx", ".csv")
LICENCE_WORDS = ("LICEN", "COPYING", "NOTICE", "AUTHORS")
# Texts in packaging/licenses/ for wheels that ship none: Qt for Python's (used under the
# LGPL-3.0, which is the GPL-3.0 plus additional permissions, so both texts go along) and
# odfpy's (offered under Apache-2.0 among others).
GNU_TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt")
FALLBACK_TEXTS = {"pyside6-essentials": GNU_TEXTS, "shiboken6": GNU_TEXTS, "odfpy": ("Apache-2.0.txt",)}


def _is_licence(path: str) -> bool:
    name = Path(path).name.upper()
    return any(word in name for word in LICENCE_WORDS)


def licence_files(dist_name: str) -> list[tuple[Path, str]]:
    """The licence files an installed distribution lists in its RECORD, with their folder
    inside its ``.dist-info`` (numpy has a LICENSE.txt per vendored library)."""
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        return []
    found = []
    for file in dist.files or []:
        parts = Path(str(file)).parts
        if parts[0].endswith(".dist-info") and _is_licence(parts[-1]):
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                inner = parts[1:-1]
                found.append((path, "/".join(inner[1:] if inner[:1] == ("licenses",) else inner)))
    return found


def python_licence() -> Path | None:
    """CPython's LICENSE.txt (``lib/python3.X`` on Unix, the install folder on Windows)."""
    for folder in (sysconfig.get_path("stdlib"), sys.base_prefix):
        candidate = Path(folder) / "LICENSE.txt"
        if candidate.is_file():
            return candidate
    return None


def data_files(root: Path) -> list[tuple[str, str]]:
    """Every data file of the build, as (source path, folder inside the bundle)."""
    sys.path.insert(0, str(root))
    from planner.about import bundled_libraries

    pairs = [(str(root / "resources" / "catalog.json"), "resources")]
    pairs += [(str(p), "resources/icons") for p in sorted((root / "resources" / "icons").iterdir()) if p.is_file()]
    pairs += [(str(p), "examples") for p in sorted((root / "examples").iterdir()) if p.suffix in EXAMPLE_SUFFIXES]
    for library in bundled_libraries():
        folder = f"licenses/{library.name}"
        pairs += [(str(path), f"{folder}/{sub}".rstrip("/")) for path, sub in licence_files(library.name)]
        texts = FALLBACK_TEXTS.get(canonicalize_name(library.name), ())
        pairs += [(str(root / "packaging" / "licenses" / text), folder) for text in texts]
    python = python_licence()
    if python is not None:
        pairs.append((str(python), "licenses/Python"))
    return pairs
