"""Desktop build: its size and its start-up time to a shown window, beside the checkout's.

Builds with ``packaging/build.py`` into ``benchmarks/out/build`` (or measures ``--app FOLDER``),
then starts the built executable and ``python main.py`` alike on an example project, offscreen,
with ``TEAM_PLANNER_QUIT_AFTER_SHOW`` set, and times from the process start to the moment it
prints that the window is shown. Writes ``benchmarks/BUILD_RESULTS.md``.
Usage: ``python benchmarks/build_benchmark.py [--app dist/TeamPlanner] [--runs 5]``.
Target (issue 14): start ≤ 3 s to a shown window.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "build"
RESULTS = ROOT / "benchmarks" / "BUILD_RESULTS.md"
EXAMPLE = "ml-startup.teamplan"
TARGET_SECONDS = 3.0


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"


def seconds_to_shown(command: list[str], home: Path) -> float:
    """Start ``command`` and wait for its ``shown:`` line; the seconds in between."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        TEAM_PLANNER_QUIT_AFTER_SHOW="1",
        TEAM_PLANNER_INSTANCE=f"team-planner-bench-{uuid.uuid4().hex[:12]}",
    )
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("shown:"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{command[0]} did not show its window: {process.stderr.read() if process.stderr else ''}")
    process.communicate(timeout=60)
    return elapsed


def seconds_to_exit(command: list[str], home: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=home, capture_output=True, check=True, timeout=60, env=dict(os.environ, HOME=str(home)))
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="an existing one-folder build (default: build one now)")
    parser.add_argument("--runs", type=int, default=5, help="starts to time after the first (default 5)")
    args = parser.parse_args(argv)

    build_seconds = None
    if args.app is None:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(OUT), "--work", str(OUT / "work")],
            check=True,
        )
        build_seconds = time.perf_counter() - started
        app = OUT / "TeamPlanner"
    else:
        app = args.app.resolve()
    executable = app / "TeamPlanner"
    archives = sorted(app.parent.glob("TeamPlanner-*.tar.gz"))
    internal = app / "_internal"
    parts = {
        "Qt and PySide6": ["PySide6", "shiboken6"],
        "OR-Tools": ["ortools", "ortools.libs"],
        "numpy and pandas": ["numpy", "numpy.libs", "pandas", "pandas.libs"],
    }
    part_sizes = {
        name: sum(folder_bytes(internal / folder) for folder in folders if (internal / folder).exists())
        for name, folders in parts.items()
    }

    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        built_example = str(internal / "examples" / EXAMPLE)
        checkout_example = str(ROOT / "examples" / EXAMPLE)
        built_first = seconds_to_shown([str(executable), built_example], home)
        built = [seconds_to_shown([str(executable), built_example], home) for _ in range(args.runs)]
        checkout_first = seconds_to_shown([sys.executable, str(ROOT / "main.py"), checkout_example], home)
        checkout = [
            seconds_to_shown([sys.executable, str(ROOT / "main.py"), checkout_example], home) for _ in range(args.runs)
        ]
        built_version = statistics.median(seconds_to_exit([str(executable), "--version"], home) for _ in range(3))
        checkout_version = statistics.median(
            seconds_to_exit([sys.executable, str(ROOT / "main.py"), "--version"], home) for _ in range(3)
        )

    def spread(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} s (median of {len(values)}; {min(values):.2f}–{max(values):.2f})"

    rows = [
        ("Start to a shown window, first start after the build", f"{built_first:.2f} s", f"{checkout_first:.2f} s"),
        ("Start to a shown window, again", spread(built), spread(checkout)),
        ("`--version` (command line, no Qt)", f"{built_version:.2f} s", f"{checkout_version:.2f} s"),
    ]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        "# Desktop build benchmark",
        "",
        f"`python benchmarks/build_benchmark.py` on {platform.system()} {platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, Qt platform `offscreen`, {now}, load average "
        f"{load:.1f} when the starts ended (other work shared the machine: the numbers are noisy and grow with it).",
        "",
        "| Start-up | Desktop build (PyInstaller, one folder) | Checkout (`python main.py`) | Target |",
        "|---|---|---|---|",
        *(f"| {name} | {a} | {b} | {'≤ 3 s' if 'window' in name else '—'} |" for name, a, b in rows),
        "",
        "| Size | |",
        "|---|---|",
        f"| The one-folder app (`dist/TeamPlanner/`) | {megabytes(folder_bytes(app))} |",
        *(f"| of which {name} | {megabytes(size)} |" for name, size in part_sizes.items()),
        *(f"| The archive (`{a.name}`) | {megabytes(a.stat().st_size)} |" for a in archives),
    ]
    if build_seconds is not None:
        lines.append(f"| Build time (`python packaging/build.py`) | {build_seconds:,.0f} s |")
    lines += [
        "",
        f"How: each start runs the program on examples/{EXAMPLE} offscreen with `TEAM_PLANNER_QUIT_AFTER_SHOW=1`, "
        "which prints `shown: …` once the window is shown and the event loop runs, then closes it; the time is "
        "from starting the process to reading that line. The first start after the build reads the files from "
        "disk into the page cache; later starts find them there (a desktop's usual case after the first launch). "
        "The one-folder build unpacks nothing at start-up (a one-file build would extract about the size above "
        "to a temporary folder on every start).",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    worst = max(built_first, *built)
    print(f"\nslowest start of the build: {worst:.2f} s (target ≤ {TARGET_SECONDS:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
