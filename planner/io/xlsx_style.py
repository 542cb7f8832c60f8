"""Small shared helpers for the workbooks Team Planner writes: safe text, tables, print setup.

Every text cell goes through :func:`put`, which stores text that starts like a formula
(``=``, ``+``, ``-``, ``@``) as a plain string with Excel's quote prefix, so a candidate
named ``=HYPERLINK(…)`` is shown, never evaluated. Saving is atomic (:func:`save_atomically`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.errors import PlannerError
from planner.io.atomic_write import write_atomically

FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
FONT_NAME = "Calibri"
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14, color="1F4E78")
SECTION_FONT = Font(name=FONT_NAME, bold=True, size=12, color="1F4E78")
BOLD = Font(name=FONT_NAME, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
TOP_CENTER = Alignment(vertical="top", horizontal="center")
ROTATED = Alignment(text_rotation=90, horizontal="center", vertical="bottom")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")
STATUS_FILLS = {
    "met": PatternFill("solid", fgColor="C6EFCE"),
    "thin": PatternFill("solid", fgColor="FFEB9C"),
    "missing": PatternFill("solid", fgColor="FFC7CE"),
}
STATUS_FONTS = {
    "met": Font(name=FONT_NAME, color="006100"),
    "thin": Font(name=FONT_NAME, color="9C5700"),
    "missing": Font(name=FONT_NAME, color="9C0006"),
}
STATUS_COLOURS = {"met": "63BE7B", "thin": "FFC000", "missing": "F8696B"}
GREY_FILL = PatternFill("solid", fgColor="F2F2F2")
SELECTED_FILL = PatternFill("solid", fgColor="E2EFDA")
COUNT_FORMAT = "0"
RATING_FORMAT = "General"  # 4 and 3.5 as typed (a "0.##" format shows "4." in Excel)


class ExportError(PlannerError):
    """A workbook or CSV file cannot be written (folder missing, file open elsewhere…)."""


def currency_format(symbol: str = "$") -> str:
    """A whole-unit currency number format, e.g. ``"$"#,##0``."""
    return f'"{symbol}"#,##0' if symbol else "#,##0"


def put(
    ws: Worksheet,
    row: int,
    column: int,
    value: Any,
    *,
    number_format: str | None = None,
    font: Font | None = None,
    fill: PatternFill | None = None,
    wrap: bool = False,
) -> Any:
    """Write one cell; text is always text (never a formula), without control characters."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters cannot be stored in XLSX
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = WRAP
    return cell


def write_table(
    ws: Worksheet,
    top: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    formats: dict[int, str] | None = None,
    wrap_columns: Sequence[int] = (),
    left: int = 1,
) -> int:
    """A header row (bold, coloured) at ``top`` and the rows below it; returns the last row used."""
    for offset, header in enumerate(headers):
        put(ws, top, left + offset, header, font=HEADER_FONT, fill=HEADER_FILL).alignment = HEADER_ALIGNMENT
    formats = formats or {}
    for r, values in enumerate(rows, start=top + 1):
        for offset, value in enumerate(values):
            fmt = formats.get(offset)
            cell = put(ws, r, left + offset, value, number_format=fmt)
            if offset in wrap_columns:
                cell.alignment = WRAP
            elif isinstance(value, (int, float)) and not (fmt and "#,##0" in fmt):
                cell.alignment = TOP_CENTER  # levels and ratings: centred under their header
            else:
                cell.alignment = TOP
    return top + len(rows)


def add_filter(ws: Worksheet, top: int, last_row: int, columns: int, left: int = 1) -> None:
    """An autofilter over a table written by :func:`write_table`."""
    ws.auto_filter.ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + columns - 1)}{max(top, last_row)}"


def set_widths(ws: Worksheet, widths: Sequence[float], left: int = 1) -> None:
    for offset, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(left + offset)].width = width


def rotate_headers(ws: Worksheet, row: int, first_column: int, count: int, width: float = 6.5) -> None:
    """Vertical header text over narrow columns (a skill matrix stays one page wide)."""
    for column in range(first_column, first_column + count):
        ws.cell(row=row, column=column).alignment = ROTATED
        ws.column_dimensions[get_column_letter(column)].width = width
    if count:
        ws.row_dimensions[row].height = 150


def fit_row_heights(ws: Worksheet, first_row: int = 1, line_height: float = 15.0) -> None:
    """Row heights for wrapped text (spreadsheet programs do not always recompute them)."""
    widths: dict[str, float] = {}
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            letter = cell.column_letter
            if letter not in widths:
                widths[letter] = ws.column_dimensions[letter].width or 8.43
            chars = max(1.0, widths[letter] * 1.1 - 1)
            lines = max(lines, sum(max(1, math.ceil(len(part) / chars)) for part in cell.value.split("\n")))
        current = ws.row_dimensions[row[0].row].height
        if lines > 1 and (current is None or current < line_height * lines):  # never shrink a set height
            ws.row_dimensions[row[0].row].height = line_height * lines


def print_setup(ws: Worksheet, title_rows: str | None = None) -> None:
    """Landscape, fit to one page wide, repeated header rows."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    if title_rows:
        ws.print_title_rows = title_rows


def save_atomically(book: Workbook, path: Path) -> None:
    """Save through a temporary file in the same folder, then replace: no half-written file.

    A new file follows the umask, a replaced one keeps its mode (:mod:`planner.io.atomic_write`).
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    try:
        write_atomically(path, lambda temp: book.save(temp))
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the file: {exc.strerror or exc}") from exc
