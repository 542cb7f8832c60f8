"""What the wheel and the desktop build carry, and the Linux desktop files (fast checks, no build)."""

from __future__ import annotations

import configparser
import fnmatch
import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from setuptools import find_packages

from planner.about import DIRECT_DEPENDENCIES, bundled_libraries
from planner.resources import examples_dir, icon_path, resource_path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

sys.path.insert(0, str(ROOT / "packaging"))
from bundle_files import data_files  # noqa: E402


def test_the_wheel_finds_every_package_of_the_checkout() -> None:
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    found = set(find_packages(str(ROOT), include=include))
    on_disk = {
        ".".join(folder.relative_to(ROOT).parts)
        for top in ("planner", "ui", "resources", "examples")
        for folder in [ROOT / top, *(ROOT / top).rglob("*")]
        if folder.is_dir() and (folder / "__init__.py").exists()
    }
    assert on_disk <= found
    assert {"planner.model", "planner.solver", "planner.analyses", "planner.io", "ui.charts", "ui.models"} <= found
    assert not {name for name in found if name.split(".")[0] in ("tests", "packaging", "benchmarks", "docs")}


def test_the_wheel_carries_every_resource_and_example() -> None:
    package_data = PYPROJECT["tool"]["setuptools"]["package-data"]

    def shipped(package: str, path: Path) -> bool:
        relative = path.relative_to(ROOT / package).as_posix()
        return any(fnmatch.fnmatch(relative, pattern) for pattern in package_data[package])

    for package in ("resources", "examples"):
        files = [p for p in (ROOT / package).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        missing = [str(p) for p in files if p.suffix != ".py" and not shipped(package, p)]
        assert not missing


def test_the_launcher_is_both_installed_commands() -> None:
    assert PYPROJECT["project"]["gui-scripts"]["team-planner"] == "main:main"
    assert PYPROJECT["project"]["scripts"]["team-planner-cli"] == "planner.cli:main"
    assert any(dep.startswith("pyinstaller") for dep in PYPROJECT["project"]["optional-dependencies"]["build"])


def test_the_icon_comes_in_every_desktop_size() -> None:
    assert icon_path().read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in SIZES:
        header = icon_path(size).read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size)
    assert resource_path("icons", "team-planner.ico").exists() and resource_path("icons", "team-planner.icns").exists()


def test_the_desktop_entry_opens_teamplan_files() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(LINUX / "team-planner.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "Team Planner"
    assert section["Exec"] == "team-planner %f" and section["Icon"] == "team-planner"
    assert "application/x-teamplan" in section["MimeType"].split(";")


def test_the_mime_type_matches_the_project_suffix() -> None:
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(LINUX / "team-planner-mime.xml").getroot().find("m:mime-type", namespace)
    assert mime is not None and mime.get("type") == "application/x-teamplan"
    globs = [g.get("pattern") for g in mime.findall("m:glob", namespace)]
    assert globs == ["*.teamplan"]
    assert all(path.suffix == ".teamplan" for path in examples_dir().glob("*.teamplan"))


def test_install_script_registers_the_app_for_the_user_and_uninstalls(tmp_path: Path) -> None:
    # A stand-in for the unpacked build: the executable, the desktop files and the icons.
    app = tmp_path / "TeamPlanner"
    (app / "_internal" / "resources").mkdir(parents=True)
    for name in ("install.sh", "team-planner.desktop", "team-planner-mime.xml"):
        (app / name).write_bytes((LINUX / name).read_bytes())
    (app / "install.sh").chmod(0o755)
    (app / "TeamPlanner").write_text("#!/bin/sh\n")
    (app / "TeamPlanner").chmod(0o755)
    (app / "_internal" / "resources" / "icons").symlink_to(ROOT / "resources" / "icons")
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    run = subprocess.run([str(app / "install.sh")], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    share = home / "share"
    assert (home / ".local" / "bin" / "team-planner").resolve() == (app / "TeamPlanner").resolve()
    assert (share / "applications" / "team-planner.desktop").exists()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "team-planner.png").exists()
    # shared-mime-info compiled our type: *.teamplan files are application/x-teamplan now.
    assert "application/x-teamplan:*.teamplan" in (share / "mime" / "globs2").read_text()
    run = subprocess.run([str(app / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert not (share / "applications" / "team-planner.desktop").exists()
    assert not (home / ".local" / "bin" / "team-planner").exists()
    assert "teamplan" not in (share / "mime" / "globs2").read_text()


def test_the_about_box_starts_from_the_projects_own_dependencies() -> None:
    declared = {canonicalize_name(Requirement(line).name) for line in PYPROJECT["project"]["dependencies"]}
    assert {canonicalize_name(name) for name in DIRECT_DEPENDENCIES} == declared


def test_bundled_libraries_come_with_their_licences() -> None:
    libraries = {library.name.lower().replace("_", "-"): library for library in bundled_libraries()}
    assert libraries["pyside6-essentials"].licence == "LGPL-3.0-only"
    assert libraries["ortools"].licence == "Apache-2.0"
    assert libraries["openpyxl"].licence == "MIT"  # from the metadata's License field
    assert "shiboken6" in libraries and "protobuf" in libraries  # dependencies of dependencies too
    assert "pytest" not in libraries


def test_the_build_carries_data_and_a_licence_text_for_every_library() -> None:
    pairs = data_files(ROOT)
    folders = {folder for _, folder in pairs}
    assert {"resources", "resources/icons", "examples", "licenses/Python"} <= folders
    shipped = {Path(source).name for source, _ in pairs}
    assert {"catalog.json", "ml-startup.teamplan", "ml-startup-candidates.xlsx", "team-planner-256.png"} <= shipped
    for library in bundled_libraries():
        texts = [source for source, folder in pairs if folder.startswith(f"licenses/{library.name}")]
        assert texts, f"no licence text for {library.name}"
    pyside = [Path(s).name for s, folder in pairs if folder.startswith("licenses/PySide6")]
    assert "LGPL-3.0.txt" in pyside and "GPL-3.0.txt" in pyside


def test_the_build_excludes_nothing_the_app_imports() -> None:
    import ast

    spec = ast.parse((ROOT / "packaging" / "team_planner.spec").read_text(encoding="utf-8"))
    (excludes,) = [
        ast.literal_eval(node.value)
        for node in spec.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "excludes" for t in node.targets)
    ]
    imported = set()
    for path in [ROOT / "main.py", *(ROOT / "planner").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
    clashes = {name for name in imported for gone in excludes if name == gone or name.startswith(gone + ".")}
    assert not clashes, f"the spec excludes modules the app imports: {sorted(clashes)}"
