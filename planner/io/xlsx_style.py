"""Small shared helpers for the workbooks Team Planner writes: safe text, tables, print setup.

Every text cell goes through :func:`put`, which stores text that starts like a formula
(``=``, ``+``, ``-``, ``@``) as a plain string with Excel's quote prefix, so a candidate
named ``=HYPERLINK(…)`` is shown, never evaluated. Saving is atomic (:func:`save_atomically`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
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


def rotate_headers(ws: Worksheet, row: int, first_column: int, count: int, width: float = 5.0) -> None:
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
            chars = max(1.0, widths[letter] * 1.15 - 1)  # Calibri letters average ~0.87 of the width unit
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


PRINTABLE_CHARS = 150  # columns of Calibri 11 across A4 landscape inside 0.4" margins, at 100 %
MIN_PRINT_SCALE = 65  # smaller than this and 11 pt text prints below 7 pt: split the sheet across pages
MAX_COLUMN_WIDTH = 45  # wider text wraps instead
BOLD_FACTOR = 1.12  # bold header text is about this much wider


def _text_width(value: Any, number_format: str | None) -> float:
    """Roughly how many character widths ``value`` takes in a cell (longest line for text)."""
    if isinstance(value, str):
        return max((len(line) for line in value.split("\n")), default=0)
    if isinstance(value, bool):
        return 5
    if isinstance(value, (int, float)):
        text = f"{value:,.0f}" if number_format and "#,##0" in number_format else f"{value:g}"
        return len(text) + (2 if number_format and '"' in number_format else 0)
    if value is None:
        return 0
    return len(str(value))


def _is_header(cell: Any) -> bool:
    return bool(cell.fill is not None and cell.fill.fgColor.rgb == HEADER_FILL.fgColor.rgb)


def header_rows(ws: Worksheet) -> list[int]:
    """Rows that hold a table header (cells in the header fill), top to bottom."""
    rows = []
    for row in ws.iter_rows():
        if any(_is_header(cell) for cell in row):
            rows.append(row[0].row)
    return rows


def fit_widths(ws: Worksheet, first_row: int) -> None:
    """Widen every column to its longest entry from ``first_row`` on (never narrower than it was);
    text that would need more than ``MAX_COLUMN_WIDTH`` wraps instead. Header words are never
    broken ("Communicatio/n"); rotated headers and merged cells keep their own layout."""
    merged = {cell for rng in ws.merged_cells.ranges for cell in _cells_of(rng)}
    need: dict[str, float] = {}
    long_cells: dict[str, list[Any]] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is None or cell.coordinate in merged:
                continue
            letter = cell.column_letter
            alignment = cell.alignment
            if alignment is not None and alignment.text_rotation:
                continue
            font_size = cell.font.sz if cell.font is not None and cell.font.sz else 11
            if font_size >= 12:
                continue  # a section title: it may run over the empty cells beside it
            if _is_header(cell) or (alignment is not None and alignment.wrap_text):
                # wrapped text only needs its longest word to fit (bold in a header)
                words = str(cell.value).split()
                factor = BOLD_FACTOR if _is_header(cell) else 1.0
                width = max((len(w) for w in words), default=0) * factor + 2
            else:
                width = _text_width(cell.value, cell.number_format) + 2
                if width > MAX_COLUMN_WIDTH and isinstance(cell.value, str):
                    long_cells.setdefault(letter, []).append(cell)
                    width = MAX_COLUMN_WIDTH
            need[letter] = max(need.get(letter, 0.0), width)
    for letter, width in need.items():
        current = ws.column_dimensions[letter].width
        if current is None or current < width:
            ws.column_dimensions[letter].width = round(width, 1)
    for cells in long_cells.values():
        for cell in cells:
            old = cell.alignment
            cell.alignment = Alignment(
                wrap_text=True,
                vertical=old.vertical or "top",
                horizontal=old.horizontal,
                text_rotation=old.text_rotation,
            )


def _cells_of(cell_range: Any) -> list[str]:
    return [f"{get_column_letter(c)}{r}" for r, c in cell_range.cells]


def _sheet_chars(ws: Worksheet) -> float:
    """The printed width of the used columns, in character widths."""
    return sum(
        (ws.column_dimensions[get_column_letter(c)].width or 8.43) + 0.7 for c in range(1, (ws.max_column or 1) + 1)
    )


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")  # a lone & starts a header/footer code


def finish_for_print(book: Workbook, project_name: str, exported_at: datetime, *, one_page: Sequence[str] = ()) -> None:
    """Print setup for every sheet of ``book``, whoever wrote it, applied once the book is built.

    Every sheet gets a page header (project · sheet · export date) and a footer ("Page x of y"),
    A4 landscape, its table's header rows repeated on every page, widths that fit the content,
    and fit-to-width only where the text stays readable (at least ``MIN_PRINT_SCALE`` %);
    a wider sheet prints at that scale across pages with its first column repeated. Sheets named
    in ``one_page`` print on a single page.
    """
    stamp = exported_at.strftime("%Y-%m-%d %H:%M")
    for ws in book.worksheets:
        headers = header_rows(ws)
        if ws.title not in one_page:
            fit_widths(ws, headers[0] if headers else 1)
            fit_row_heights(ws)
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = ws.PAPERSIZE_A4
        ws.print_options.gridLines = False
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.25
        ws.oddHeader.left.text = _escape_header(project_name)
        ws.oddHeader.center.text = _escape_header(ws.title)
        ws.oddHeader.right.text = stamp
        ws.oddFooter.center.text = "Page &P of &N"
        for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right, ws.oddFooter.center):
            part.size = 9
        if len(headers) == 1 and headers[0] <= 6:
            ws.print_title_rows = f"1:{headers[0]}"  # the sheet's title and its table header on every page
        chars = _sheet_chars(ws)
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if ws.title in one_page:
            setup.fitToWidth, setup.fitToHeight = 1, 1
        elif chars * MIN_PRINT_SCALE / 100 <= PRINTABLE_CHARS:
            setup.fitToWidth, setup.fitToHeight = 1, 0
        else:
            ws.sheet_properties.pageSetUpPr.fitToPage = False
            setup.scale = MIN_PRINT_SCALE
            ws.print_title_cols = "A:A"  # each page of columns still says whose row it is


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
