"""Candidate import speed beside the plain library read of the same file (100,000 rows).

XLSX: our import against ``python_calamine`` reading the same sheet into Python lists (the
reader the import uses) and ``pandas.read_excel(engine="calamine")``; target: within 2× of
the calamine read. CSV: our import against ``pandas.read_csv``; target: within 5×. The
import also sizes the file up before reading, looks at the XML for hidden rows and
formulas, finds the header, maps columns, checks every rating and cost and builds the
candidates. Prints a table and writes it into ``benchmarks/IMPORT_RESULTS.md``.

    python benchmarks/import_benchmark.py [--rows 100000] [--repeat 3] [--no-write]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import python_calamine  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from planner.io.candidate_import import import_candidates  # noqa: E402
from planner.model.catalog import default_catalog  # noqa: E402
from planner.model.samples import generate_pool  # noqa: E402

TARGETS = {"xlsx": 2.0, "csv": 5.0}  # import time / the library read's time
RESULTS = ROOT / "benchmarks" / "IMPORT_RESULTS.md"


def write_files(folder: Path, rows: int) -> dict[str, Path]:
    catalog = default_catalog()
    pool = generate_pool(catalog, rows, seed=2026)
    header = ["Name", "Email", "Annual cost", "Notes", *[s.name for s in catalog.skills]]
    table = [[c.name, c.email, c.cost, c.notes, *[c.ratings.get(s.id) for s in catalog.skills]] for c in pool]
    book = Workbook(write_only=True)
    ws = book.create_sheet("Candidates")
    ws.append(header)
    for row in table:
        ws.append(row)
    xlsx = folder / "candidates.xlsx"
    book.save(xlsx)
    csv_path = folder / "candidates.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(table)
    return {"xlsx": xlsx, "csv": csv_path}


def timed(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The best of ``repeat`` runs in CPU seconds of this process (every read is single-threaded;
    on a shared machine CPU time is far less noisy than the wall clock)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = action()
        best = min(best, time.process_time() - start)
    return best, result


def calamine_read(path: Path) -> list[list[object]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows: list[list[object]] = book.get_sheet_by_name("Candidates").to_python()
    return rows


def stdlib_csv_read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def collector_paused(read: Callable[[], object]) -> Callable[[], object]:
    """``read`` with Python's cyclic garbage collector paused, as the import pauses it."""

    def paused() -> object:
        gc.disable()
        try:
            return read()
        finally:
            gc.enable()

    return paused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; do not update IMPORT_RESULTS.md")
    args = parser.parse_args(argv)
    catalog = default_catalog()
    load = os.getloadavg()
    lines = []
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        files = write_files(Path(folder), args.rows)
        floors: dict[str, list[tuple[str, Callable[[], object]]]] = {
            "xlsx": [
                ("python_calamine read", lambda: calamine_read(files["xlsx"])),
                ("python_calamine read, collector paused", collector_paused(lambda: calamine_read(files["xlsx"]))),
                ("pandas.read_excel (calamine)", lambda: pd.read_excel(files["xlsx"], engine="calamine")),
            ],
            "csv": [
                ("pandas.read_csv", lambda: pd.read_csv(files["csv"])),
                ("csv.reader (stdlib, what the import parses with)", lambda: stdlib_csv_read(files["csv"])),
            ],
        }
        for kind, path in files.items():
            seconds, report = timed(lambda p=path: import_candidates(p, catalog), args.repeat)
            imported = len(report.candidates)  # type: ignore[attr-defined]
            for position, (label, read) in enumerate(floors[kind]):
                floor, _ = timed(read, args.repeat)
                ratio = seconds / floor
                judged = position == 0  # the target is against the first (plain) library read
                passed = ratio <= TARGETS[kind] and imported == args.rows
                ok &= passed or not judged
                verdict = ("pass" if passed else "FAIL") if judged else "—"
                target = f"≤ {TARGETS[kind]:g}×" if judged else ""
                line = (
                    f"| {kind.upper()} | {args.rows:,} | {path.stat().st_size / 1e6:.1f} MB | {seconds:.2f} s | "
                    f"{label} | {floor:.2f} s | {ratio:.2f}× | {target} | {verdict} |"
                )
                print(line, flush=True)
                lines.append(line)
    if not args.no_write:
        section = "\n".join(
            [
                "## Candidate import (100,000 rows)",
                "",
                f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, Python "
                f"{platform.python_version()}, pandas {pd.__version__}, python-calamine "
                f"{metadata.version('python-calamine')}; best of {args.repeat}, CPU seconds of this process. "
                f"Load average before the run: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min) "
                f"on {os.cpu_count()} cores shared with other work, so single numbers are noisy. "
                "`python benchmarks/import_benchmark.py`",
                "",
                "The library read is parsing only. The import also checks the file's size fences and the memory "
                "estimate, looks at the sheet XML for hidden rows and formulas, finds the header, maps columns, "
                "checks every rating and cost, flags duplicates and totals rows and builds the candidates. It "
                "pauses Python's cyclic garbage collector while it runs (millions of objects, no cycles: the "
                "collector's passes cost a third of the time); the plain reads are timed as a caller runs them, "
                "and once more for calamine with the collector paused too, so the gain is visible.",
                "",
                "Where the rest goes: for XLSX, the size scan of the sheet XML (about half a calamine read: it "
                "must see every cell reference before calamine allocates rows × columns) and the per-row work "
                "(a frozen `Candidate`, an `ImportedRow` and a ratings dict per row, duplicate and total-row "
                "checks); rows whose skill cells hold values already seen are read with C-level lookups. For "
                "CSV, `pandas.read_csv` is a C parser with no per-row Python at all; the import parses with "
                "the stdlib `csv` module (row by row, so encoding evidence and ragged rows are reported by "
                "row), which alone costs several `read_csv`s. A column-wise builder (each column's distinct "
                "values read once, then mapped back) was tried and measured slower than the row builder: "
                "transposing 100,000 rows and building the per-row dicts back costs more than the row "
                "builder's cached lookups, and the per-person objects remain either way.",
                "",
                "| file | rows | size | import | library read | read time | import / read | target | result |",
                "|---|---|---|---|---|---|---|---|---|",
                *lines,
                "",
            ]
        )
        _write_section(section)
    return 0 if ok else 1


def _write_section(section: str) -> None:
    """Replace this benchmark's section of IMPORT_RESULTS.md (other sections stay)."""
    title = section.splitlines()[0]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Import benchmark results\n\n"
    if title in text:
        start = text.index(title)
        end = text.find("\n## ", start + len(title))
        text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
