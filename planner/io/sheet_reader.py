"""Reading one sheet of a CSV, XLSX/XLSM or ODS file into rows of raw cell values.

The reader keeps the spreadsheet's geometry (row ``i`` of :attr:`SheetData.rows` is
spreadsheet row ``i + 1``, blank rows included), records every formula cell with the
value its program last computed, and marks numbers shown as percentages
(:class:`PercentValue`). It never writes to the file. Files it cannot read raise
:class:`ImportProblemError`.

XLSX is read by :mod:`planner.io.xlsx_reader` (one streamed pass giving values, formulas
and their cached results); layouts it does not handle go to openpyxl in read-only mode
(the engine pandas uses): one pass over cached values and, only when the sheet's XML
holds formulas, a second pass to find which cells they are. ODS is read with odfpy
directly (not through pandas, which drops blank rows and formulas). CSV encoding (UTF-8
with or without BOM, UTF-16, cp1252) and delimiter (comma, semicolon, tab, pipe) are
detected.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.errors import ImportProblemError
from planner.io.rating_parse import PercentValue
from planner.io.xlsx_reader import ParsedRow, UnsupportedLayout, iter_rows, open_book

Row = tuple[Any, ...]
SCAN_ROWS = 30
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")


@dataclass
class SheetData:
    """The raw cells of one sheet. ``formulas`` maps (0-based row, column) to the formula text;
    the matching cell in ``rows`` holds the formula's cached value (``None`` if never computed)."""

    rows: list[Row]
    sheet: str | None
    sheets: tuple[str, ...]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    file_format: str = "csv"


def file_format(path: Path) -> str:
    """``"xlsx"``, ``"ods"`` or ``"csv"``, from the content (the extension only breaks ties)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportProblemError(f"{path}: cannot open the file: {exc.strerror or exc}") from exc
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblemError(f"{path}: this is an old Excel 97–2003 (.xls) file: save it as .xlsx or .csv first")
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "content.xml" in names and "xl/workbook.xml" not in names:
                    return "ods"
                if "xl/workbook.xml" in names:
                    return "xlsx"
        except zipfile.BadZipFile as exc:
            raise ImportProblemError(f"{path}: the file is damaged (not a valid workbook): {exc}") from exc
        raise ImportProblemError(f"{path}: a zip file that is neither an Excel (.xlsx) nor an ODS workbook")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".ods"):
        raise ImportProblemError(f"{path}: not a valid {path.suffix} workbook (the file content is not a workbook)")
    return "csv"


def read_sheet(path: Path, sheet: str | None, looks_like_header: Callable[[Sequence[Row]], bool]) -> SheetData:
    """Read ``sheet`` (or the first sheet whose top rows ``looks_like_header`` accepts)."""
    kind = file_format(path)
    if kind == "xlsx":
        return _read_xlsx(path, sheet, looks_like_header)
    if kind == "ods":
        return _read_ods(path, sheet, looks_like_header)
    if sheet is not None:
        raise ImportProblemError(f"{path}: a CSV file has no sheets (got sheet {sheet!r})")
    return SheetData(read_csv_rows(path), None, ())


def _choose(
    path: Path,
    names: Sequence[str],
    sheet: str | None,
    top_rows: Callable[[str], list[Row]],
    looks_like_header: Callable[[Sequence[Row]], bool],
) -> str:
    if not names:
        raise ImportProblemError(f"{path}: the workbook has no worksheets")
    if sheet is not None:
        if sheet in names:
            return sheet
        folded = {name.casefold(): name for name in names}
        if sheet.casefold() in folded:
            return folded[sheet.casefold()]
        raise ImportProblemError(f"{path}: no sheet named {sheet!r} (sheets: {', '.join(names)})")
    for name in names:
        if looks_like_header(top_rows(name)):
            return name
    return names[0]


# --- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None, looks_like_header: Callable[[Sequence[Row]], bool]) -> SheetData:
    """The fast reader first; openpyxl for layouts it does not handle (or files it finds damaged)."""
    try:
        return _read_xlsx_fast(path, sheet, looks_like_header)
    except (UnsupportedLayout, ValueError, IndexError, KeyError, UnicodeDecodeError, zipfile.BadZipFile, EOFError):
        return _read_xlsx_openpyxl(path, sheet, looks_like_header)


def _read_xlsx_fast(path: Path, sheet: str | None, looks_like_header: Callable[[Sequence[Row]], bool]) -> SheetData:
    with zipfile.ZipFile(path) as archive:
        book = open_book(archive)
        names = list(book.sheets)

        def top_rows(name: str) -> list[Row]:
            return _collect(iter_rows(archive, book.sheets[name], book, limit=SCAN_ROWS))[0]

        chosen = _choose(path, names, sheet, top_rows, looks_like_header)
        rows, formulas = _collect(iter_rows(archive, book.sheets[chosen], book))
    return SheetData(rows, chosen, tuple(names), formulas, "xlsx")


def _collect(parsed: Iterator[tuple[int, ParsedRow]]) -> tuple[list[Row], dict[tuple[int, int], str]]:
    """Rows in sheet geometry (missing rows become empty tuples) and formulas by (row, column)."""
    rows: list[Row] = []
    formulas: dict[tuple[int, int], str] = {}
    for index, row in parsed:
        if index < len(rows):
            continue  # rows out of order: keep the first
        rows.extend([()] * (index - len(rows)))
        rows.append(tuple(row.values))
        for column, text in row.formulas.items():
            formulas[(index, column)] = text
    return rows, formulas


def _read_xlsx_openpyxl(path: Path, sheet: str | None, looks_like_header: Callable[[Sequence[Row]], bool]) -> SheetData:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # openpyxl warns about extensions it skips: irrelevant for values
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ImportProblemError(f"{path}: cannot read the workbook: {exc}") from exc
    try:
        names = [ws.title for ws in book.worksheets]

        def top_rows(name: str) -> list[Row]:
            ws = book[name]
            ws.reset_dimensions()
            return list(ws.iter_rows(max_row=SCAN_ROWS, values_only=True))

        chosen = _choose(path, names, sheet, top_rows, looks_like_header)
        ws = book[chosen]
        ws.reset_dimensions()
        rows: list[Row] = [tuple(_openpyxl_value(cell) for cell in row) for row in ws.iter_rows()]
        has_formulas = _xml_has_formulas(book, ws)
    finally:
        book.close()
    formulas = _xlsx_formulas(path, chosen, rows) if has_formulas else {}
    return SheetData(rows, chosen, tuple(names), formulas, "xlsx")


def _openpyxl_value(cell: Any) -> Any:
    value = cell.value
    if value.__class__ in (int, float) and "%" in (cell.number_format or ""):
        return PercentValue(value)
    return value


def _xml_has_formulas(book: Any, ws: Any) -> bool:
    """True when the sheet's XML holds an ``<f>`` element (cheap byte scan, no parsing)."""
    member = getattr(ws, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if member is None or archive is None:
        return True  # cannot tell: take the slow, safe path
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(1 << 20):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _xlsx_formulas(path: Path, sheet: str, cached_rows: list[Row]) -> dict[tuple[int, int], str]:
    """Second pass without ``data_only``: where a cell reads ``=…`` and its cached value differs, it is a formula."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=False)
    formulas: dict[tuple[int, int], str] = {}
    try:
        ws = book[sheet]
        ws.reset_dimensions()
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            cached = cached_rows[r] if r < len(cached_rows) else ()
            for c, value in enumerate(row):
                if isinstance(value, str) and value.startswith("="):
                    old = cached[c] if c < len(cached) else None
                    if old != value:  # a text cell reading "=…" has the same value in both passes
                        formulas[(r, c)] = value
    finally:
        book.close()
    return formulas


# --- ODS -------------------------------------------------------------------------------------


def _read_ods(path: Path, sheet: str | None, looks_like_header: Callable[[Sequence[Row]], bool]) -> SheetData:
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import Table

    try:
        document = load(str(path))
    except Exception as exc:  # odfpy raises many types for damaged files
        raise ImportProblemError(f"{path}: cannot read the ODS workbook: {exc}") from exc
    tables = {table.getAttrNS(TABLENS, "name"): table for table in document.spreadsheet.getElementsByType(Table)}
    names = list(tables)
    chosen = _choose(path, names, sheet, lambda name: _ods_rows(tables[name], SCAN_ROWS)[0], looks_like_header)
    rows, formulas = _ods_rows(tables[chosen], None)
    return SheetData(rows, chosen, tuple(names), formulas, "ods")


def _ods_rows(table: Any, limit: int | None) -> tuple[list[Row], dict[tuple[int, int], str]]:
    from odf.namespaces import TABLENS

    rows: list[Row] = []
    formulas: dict[tuple[int, int], str] = {}
    pending_blank = 0
    for element in _ods_row_elements(table):
        repeat = int(element.getAttrNS(TABLENS, "number-rows-repeated") or 1)
        cells, row_formulas = _ods_cells(element)
        if not any(value is not None for value in cells):
            pending_blank += repeat  # trailing blank rows (often a million) are never materialised
            continue
        rows.extend([()] * pending_blank)
        pending_blank = 0
        for _ in range(min(repeat, 10_000)):
            for column, text in row_formulas.items():
                formulas[(len(rows), column)] = text
            rows.append(cells)
        if limit is not None and len(rows) >= limit:
            break
    return rows, formulas


def _ods_row_elements(table: Any) -> list[Any]:
    """Rows directly in the table or inside row groups / header rows."""
    out = []
    for child in table.childNodes:
        local = getattr(child, "qname", ("", ""))[1]
        if local == "table-row":
            out.append(child)
        elif local in ("table-rows", "table-header-rows", "table-row-group"):
            out.extend(_ods_row_elements(child))
    return out


def _ods_cells(row: Any) -> tuple[Row, dict[int, str]]:
    from odf.namespaces import OFFICENS, TABLENS

    values: list[Any] = []
    formulas: dict[int, str] = {}
    for cell in row.childNodes:
        local = getattr(cell, "qname", ("", ""))[1]
        if local not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
        value_type = cell.getAttrNS(OFFICENS, "value-type")
        value: Any = None
        if value_type in ("float", "percentage", "currency"):
            value = float(cell.getAttrNS(OFFICENS, "value"))
            if value_type == "percentage":
                value = PercentValue(value)
            elif value.is_integer():
                value = int(value)
        elif value_type == "boolean":
            value = cell.getAttrNS(OFFICENS, "boolean-value") == "true"
        elif value_type in ("date", "time"):
            value = cell.getAttrNS(OFFICENS, "date-value") or cell.getAttrNS(OFFICENS, "time-value")
        elif value_type:
            value = _ods_text(cell)
        formula = cell.getAttrNS(TABLENS, "formula")
        if formula:
            formulas[len(values)] = formula
        if value is None and not formula:
            values.extend([None] * min(repeat, 1024))
        else:
            values.extend([value] * min(repeat, 1024))
    while values and values[-1] is None:
        values.pop()
    return tuple(values), formulas


def _ods_text(cell: Any) -> str:
    from odf import teletype

    paragraphs = [
        teletype.extractText(child) for child in cell.childNodes if getattr(child, "qname", ("", ""))[1] == "p"
    ]
    return "\n".join(paragraphs)


# --- CSV -------------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding used: BOMs first, then UTF-16 without BOM, UTF-8, cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4096]
    if sample and sample.count(b"\x00") * 4 > len(sample):
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        encoding = "utf-16-be" if even_zeros > odd_zeros else "utf-16-le"
        return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def detect_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (> 1) of fields near the top."""
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t", "|"):
        counts = [len(fields) for fields in csv.reader(lines, delimiter=delimiter)]
        widths = [n for n in counts if n > 1]
        if not widths:
            continue
        mode = max(set(widths), key=lambda n: (widths.count(n), n))
        score = (widths.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(path: Path) -> list[Row]:
    """Every record of a CSV file as a tuple of texts (a blank line is an empty row)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblemError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    head = data[:4096]
    if b"\x00" in head and head.count(b"\x00") * 4 <= len(head):  # a few NULs: neither text nor UTF-16
        raise ImportProblemError(f"{path}: this looks like a binary file, not a CSV or a workbook")
    text, _encoding = decode_text(data)
    delimiter = detect_delimiter(text)
    try:
        return [tuple(record) for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportProblemError(f"{path}: cannot read the CSV: {exc}") from exc
