"""What Team Planner is made of: its version, the catalog's source, the libraries it ships with.

``--version`` and Help ▸ About both show :func:`about_text` / :func:`bundled_libraries`, so the
command line and the window never disagree. Versions and licences come from the installed
packages' metadata (``importlib.metadata``), which the frozen build copies along; a licence is
only taken from :data:`KNOWN_LICENCES` when a package's metadata does not say it.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
from dataclasses import dataclass

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from planner import __version__
from planner.resources import licences_dir

# What Team Planner itself asks for (pyproject's dependencies, kept in step by a test); their
# own dependencies are followed through the metadata, so everything that ships is listed.
DIRECT_DEPENDENCIES = (
    "PySide6-Essentials",
    "ortools",
    "pandas",
    "openpyxl",
    "python-calamine",
    "charset-normalizer",
    "defusedxml",
    "olefile",
    "numpy",
    "packaging",
)

# For packages whose metadata names no licence (or only a "Dual License" sentence).
KNOWN_LICENCES = {
    "pyside6-essentials": "LGPL-3.0-only",
    "shiboken6": "LGPL-3.0-only",
    "ortools": "Apache-2.0",
    "odfpy": "Apache-2.0 OR GPL-2.0-or-later OR LGPL-2.1-or-later",
    "python-dateutil": "Apache-2.0 AND BSD-3-Clause",
    "protobuf": "BSD-3-Clause",
    "packaging": "Apache-2.0 OR BSD-2-Clause",
}

# Trove classifiers seen among the dependencies, as SPDX identifiers.
CLASSIFIER_LICENCES = {
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: BSD License": "BSD",
    "License :: OSI Approved :: Apache Software License": "Apache-2.0",
    "License :: OSI Approved :: Python Software Foundation License": "PSF-2.0",
}


@dataclass(frozen=True)
class Library:
    """One distribution that ships with Team Planner."""

    name: str
    version: str
    licence: str


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata.json  # keys in lower case: license_expression, license, classifier …
    expression = meta.get("license_expression")
    if isinstance(expression, str) and expression:
        return expression
    known = KNOWN_LICENCES.get(canonicalize_name(str(meta.get("name", ""))))
    if known:
        return known
    text = str(meta.get("license") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = meta.get("classifier") or []
    licences = [
        CLASSIFIER_LICENCES.get(c, c.rsplit("::", 1)[-1].strip())
        for c in (classifiers if isinstance(classifiers, list) else [classifiers])
        if c.startswith("License ::")
    ]
    return " OR ".join(licences) or "see the package"


def _requirements(dist: metadata.Distribution) -> list[str]:
    environment = {key: str(value) for key, value in default_environment().items()}
    environment["extra"] = ""
    names = []
    for line in dist.requires or []:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.marker is None or requirement.marker.evaluate(environment):
            names.append(requirement.name)
    return names


def bundled_libraries(roots: tuple[str, ...] = DIRECT_DEPENDENCIES) -> list[Library]:
    """The installed distributions Team Planner runs on: ``roots`` and what they need, sorted by name.

    A distribution that is not installed is left out (python-calamine, say, where pandas reads
    the files alone).
    """
    found: dict[str, Library] = {}
    pending = list(roots)
    while pending:
        name = pending.pop()
        key = canonicalize_name(name)
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = Library(dist.metadata["Name"], dist.version, _licence_of(dist))
        pending.extend(_requirements(dist))
    return sorted(found.values(), key=lambda library: library.name.lower())


def python_line() -> str:
    """The interpreter, which the desktop build ships too."""
    return f"Python {platform.python_version()} (PSF-2.0)"


def catalog_citation() -> str:
    """The Playbook catalog's title, version and citation, as the About box and ``--version`` show it."""
    from planner.model.catalog import default_catalog

    catalog = default_catalog()
    return f"{catalog.title} (catalog {catalog.version}). {catalog.citation}".strip()


def about_text() -> str:
    """The ``--version`` text: version, catalog source, interpreter and every bundled library's licence."""
    libraries = bundled_libraries()
    width = max((len(f"{lib.name} {lib.version}") for lib in libraries), default=0)
    lines = [
        f"Team Planner {__version__}",
        "",
        f"Catalog: {catalog_citation()}",
        "",
        "Runs on (licence):",
        f"  {python_line()}",
        *(f"  {f'{lib.name} {lib.version}':<{width}}  {lib.licence}" for lib in libraries),
    ]
    folder = licences_dir()
    if folder is not None:
        lines += ["", f"Licence texts: {folder}"]
    return "\n".join(lines)
