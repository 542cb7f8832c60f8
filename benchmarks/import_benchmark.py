"""Candidate import speed: a 100,000-row XLSX (target ≤ 15 s) and the same rows as CSV (≤ 3 s).

Each file is also read with plain ``pandas.read_excel`` / ``pandas.read_csv``: that is the
floor (pandas only parses; the import also checks every cell, maps headers and builds
candidates). Writes a section into ``benchmarks/IMPORT_RESULTS.md``.

    python benchmarks/import_benchmark.py [--rows 100000] [--no-write]
"""

from __future__ import annotations

import argparse
import csv
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from planner.io.candidate_import import import_candidates  # noqa: E402
from planner.model.catalog import default_catalog  # noqa: E402
from planner.model.samples import generate_pool  # noqa: E402

TARGETS = {"xlsx": 15.0, "csv": 3.0}
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


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true", help="print only; do not update IMPORT_RESULTS.md")
    args = parser.parse_args(argv)
    catalog = default_catalog()
    lines = []
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        files = write_files(Path(folder), args.rows)
        for kind, path in files.items():
            floor, _ = timed(lambda p=path, k=kind: pd.read_excel(p) if k == "xlsx" else pd.read_csv(p))
            seconds, report = timed(lambda p=path: import_candidates(p, catalog))
            imported = len(report.candidates)  # type: ignore[attr-defined]
            passed = seconds <= TARGETS[kind] and imported == args.rows
            ok &= passed
            line = (
                f"| {kind.upper()} | {args.rows:,} | {path.stat().st_size / 1e6:.1f} MB | {seconds:.2f} s | "
                f"{floor:.2f} s | {seconds / floor:.1f}× | ≤ {TARGETS[kind]:g} s | {'pass' if passed else 'FAIL'} |"
            )
            print(line, flush=True)
            lines.append(line)
    if not args.no_write:
        section = "\n".join(
            [
                "## Candidate import (100,000 rows)",
                "",
                f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, Python "
                f"{platform.python_version()}, pandas {pd.__version__}. `python benchmarks/import_benchmark.py`",
                "",
                "The floor is plain `pandas.read_excel` / `pandas.read_csv` of the same file (parsing only). "
                "The import also finds the header, maps columns, checks every rating and cost, flags formulas "
                "and duplicates and builds the candidates.",
                "",
                "| file | rows | size | import | pandas floor | import / floor | target | result |",
                "|---|---|---|---|---|---|---|---|",
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
