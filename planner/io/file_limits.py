"""Fences for files from outside: sizes are checked before anything is expanded.

Every spreadsheet is someone else's file. Before a reader decompresses or allocates, the
file's size, each zip member's declared size and compression ratio, and the sheet's extent
(rows × columns, against Excel's own 1,048,576 × 16,384 limits and a candidate list's
sensible size) are checked; a file over a fence is refused with a message saying which
fence and why (:class:`ImportProblemError`). The time and memory bound of a read that
passes them is :mod:`planner.io.read_budget`.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from planner.errors import ImportProblemError

MAX_FILE_BYTES = 50_000_000  # a 100,000-row candidate CSV is about 12 MB
MAX_MEMBER_BYTES = 256_000_000  # one decompressed zip part (a sheet, the shared strings)
MAX_TOTAL_BYTES = 512_000_000  # every decompressed part together
MAX_RATIO = 100  # decompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 4_000_000
MAX_MEMBERS = 10_000
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
MAX_ROWS = 250_000  # a candidate list, not a database
MAX_COLUMNS = 702  # column ZZ: a candidate list never needs more
MAX_CELLS = 6_000_000  # rows × columns of the used range, what the reader materialises
# What reading a damaged zip raises (a bad deflate stream is a zlib.error, a bad offset an OSError…).
ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    UnicodeDecodeError,
)


def check_file_size(path: Path) -> int:
    """The file's size in bytes; refuse a missing file or one too big for a candidate list."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportProblemError(f"{path}: cannot open the file: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise ImportProblemError(
            f"{path}: the file is {size / 1e6:.0f} MB; a candidate list is read up to {MAX_FILE_BYTES / 1e6:.0f} MB "
            "(split it, or remove columns the import does not need)"
        )
    return size


@dataclass(frozen=True)
class ZipSummary:
    """A checked archive: member names and their declared decompressed sizes."""

    sizes: dict[str, int]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.sizes)


def check_zip(path: Path) -> ZipSummary:
    """Open the zip directory only and check every member's declared size and compression ratio."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except ZIP_DAMAGE as exc:
        raise ImportProblemError(f"{path}: the file is damaged (not a valid workbook): {exc}") from exc
    if len(infos) > MAX_MEMBERS:
        raise ImportProblemError(f"{path}: the archive holds {len(infos):,} parts: not a workbook Team Planner reads")
    total = 0
    sizes: dict[str, int] = {}
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise ImportProblemError(
                f"{path}: the part {info.filename!r} expands to {info.file_size / 1e6:,.0f} MB "
                f"(over {MAX_MEMBER_BYTES / 1e6:.0f} MB): too big for a candidate list"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportProblemError(
                f"{path}: the part {info.filename!r} expands {info.file_size / max(info.compress_size, 1):,.0f} times "
                f"(to {info.file_size / 1e6:,.0f} MB): a suspicious compression ratio, refused"
            )
        sizes[info.filename] = info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ImportProblemError(
            f"{path}: the workbook expands to {total / 1e6:,.0f} MB (over {MAX_TOTAL_BYTES / 1e6:.0f} MB): refused"
        )
    return ZipSummary(sizes)


def check_extent(where: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose used range is beyond Excel's limits or too big for a candidate list."""
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        raise ImportProblemError(
            f"{where}: a cell lies beyond Excel's last row or column ({EXCEL_ROWS:,} rows × {EXCEL_COLUMNS:,} "
            "columns): the file is damaged"
        )
    if rows > MAX_ROWS:
        raise ImportProblemError(
            f"{where}: {rows:,} rows: too many for a candidate list (up to {MAX_ROWS:,}); split the file"
        )
    if columns > MAX_COLUMNS:
        raise ImportProblemError(
            f"{where}: {columns:,} columns: too many for a candidate list (up to {MAX_COLUMNS:,}); "
            "remove the columns the import does not need"
        )
    if rows * columns > MAX_CELLS:
        raise ImportProblemError(
            f"{where}: {rows:,} rows × {columns:,} columns: too many cells for a candidate list "
            f"(up to {MAX_CELLS:,}); remove unused columns or split the file"
        )
