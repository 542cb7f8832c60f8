"""Build the Team Planner desktop app: ``python packaging/build.py`` → ``dist/TeamPlanner/`` and its archive.

Runs PyInstaller on ``packaging/team_planner.spec`` (a one-folder build: nothing to unpack at
each start, so it starts faster than a one-file build), adds the desktop integration files
beside the executable on Linux, and packs the folder into one archive for handing out:
``dist/TeamPlanner-<version>-linux-x86_64.tar.gz`` (a .zip on Windows and macOS). Needs the
``build`` extra: ``python -m pip install -e ".[build]"``.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "team_planner.spec"
APP = "TeamPlanner"
LINUX_FILES = ("team-planner.desktop", "team-planner-mime.xml", "install.sh")


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from planner import __version__

    return __version__


def archive_name() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{APP}-{version()}-{system}-{platform.machine().lower()}"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path) -> Path:
    """PyInstaller on the spec; the one-folder app's path."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    return dist / ("Team Planner.app" if sys.platform == "darwin" else APP)


def add_linux_files(app: Path) -> None:
    """The .desktop entry, the MIME type and the installer script, beside the executable."""
    for name in LINUX_FILES:
        target = app / name
        shutil.copy2(ROOT / "packaging" / "linux" / name, target)
    (app / "install.sh").chmod(0o755)


def make_archive(app: Path, dist: Path) -> Path:
    """One file to hand out: a tar.gz on Linux (keeps the executable bits), else a zip."""
    base = dist / archive_name()
    if sys.platform.startswith("linux"):
        path = base.with_name(base.name + ".tar.gz")
        with tarfile.open(path, "w:gz", compresslevel=6) as tar:
            tar.add(app, arcname=app.name)
        return path
    return Path(shutil.make_archive(str(base), "zip", root_dir=app.parent, base_dir=app.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    app = run_pyinstaller(args.dist.resolve(), args.work.resolve())
    if sys.platform.startswith("linux"):
        add_linux_files(app)
    print(f"Built {app} ({folder_size(app) / 1e6:,.0f} MB) in {time.perf_counter() - started:,.0f} s")
    if not args.no_archive:
        archive = make_archive(app, args.dist.resolve())
        print(f"Archive {archive} ({archive.stat().st_size / 1e6:,.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
