"""What calamine cannot tell about a workbook: sheet states, the active sheet, hidden rows and
columns, formulas, error cells and percent formats; and the size fence before it reads a sheet.

calamine (:mod:`planner.io.sheet_reader`) reads the values. This module takes a second, cheap
look at the XML, only where it is needed:

* the small workbook parts (sheet list, active tab, number formats) are size-checked and
  parsed with defusedxml (no DTDs, no entity expansion);
* each XLSX sheet is first streamed as bytes to bound its extent (the highest row and column
  any cell claims: calamine allocates rows × columns, so a single cell at ``ZZZZZZ1`` must be
  refused before it reads) and to see whether it holds hidden rows or columns, formulas,
  error cells or percent-formatted cells; only then is it parsed (streamed, with defusedxml)
  to find which cells they are;
* an ODS ``content.xml`` is always parsed that way (repeated rows and columns are how an
  889-byte ODS claims a million rows, so the extent needs the parse).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from planner.io.file_limits import MAX_CELLS, MAX_COLUMNS, ZIP_DAMAGE, check_extent
from planner.io.read_budget import check_time

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
CONFIG = "{urn:oasis:names:tc:opendocument:xmlns:config:1.0}"
SMALL_PART = 20_000_000  # workbook.xml, rels, styles, settings: never this big in a real file
ERROR_LITERALS = frozenset(
    {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)
_CHUNK = 1 << 22
_EVENTS_PER_TIME_CHECK = 1 << 14
_LOOSE_TEXT_BOUND = 200_000_000  # shared text bytes a bound may claim before a closer look is worth it
# Every pattern starts with a literal, so the scan runs at memory speed between cell references.
_WIDE_REF = re.compile(rb' r="([A-Za-z]{3,})\d')  # column AAA (703) or beyond
_TWO_LETTER_REF = re.compile(rb' r="([A-Za-z]{2})\d')
_PAST_Z_REF = re.compile(rb' r="[A-Za-z]{2}')
_BARE_CELL = re.compile(rb"<c[>/]")  # a cell without attributes: no reference to place it by
_FAR_ROW_REF = re.compile(rb' r="[A-Za-z]{1,3}(\d{6,})"')  # row 100,000 or beyond
_FIVE_DIGIT_REF = re.compile(rb' r="[A-Za-z]{1,3}\d{5}"')
_FOUR_DIGIT_REF = re.compile(rb' r="[A-Za-z]{1,3}\d{4}"')
_SST_COUNT = re.compile(rb"\b(?:count|uniqueCount)=\"(\d+)\"")


class XmlProblem(Exception):
    """A part that cannot be parsed (the caller names the file)."""


@dataclass
class Markup:
    """Cells and lines a sheet marks, 0-based (row, column) as calamine returns them."""

    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    percents: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True)
class BookInfo:
    """Sheet names in workbook order with their states, the active sheet and (XLSX) sheet parts."""

    names: tuple[str, ...]
    hidden: frozenset[str]
    active: str | None
    parts: dict[str, str] = field(default_factory=dict)
    percent_styles: frozenset[int] = frozenset()
    shared_strings: str = ""  # XLSX: the shared strings part


def column_index(letters: str) -> int:
    """0-based index of a column name such as ``"AB"`` (any name over four letters is past Excel's last)."""
    if len(letters) > 4:
        return 26**4
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def _small_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > SMALL_PART:
        raise XmlProblem(f"the part {name!r} is {info.file_size / 1e6:,.0f} MB: not a real workbook part")
    return archive.read(name)


def _parse(data: bytes) -> Any:
    try:
        return fromstring(data)
    except (DefusedXmlException, SyntaxError, ValueError) as exc:  # ParseError is a SyntaxError
        raise XmlProblem(str(exc) or type(exc).__name__) from exc


# --- XLSX --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relationship:
    """One relationship of the workbook part: its id, type and the zip part it points to."""

    id: str
    kind: str
    part: str


def relationships(archive: zipfile.ZipFile, rels_part: str) -> list[Relationship]:
    """The relationships of the workbook (``xl/_rels/workbook.xml.rels`` or ``….bin.rels``)."""
    data = _small_part(archive, rels_part)
    out = []
    for rel in _parse(data).iter(f"{PKG_REL}Relationship") if data else ():
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append(Relationship(rel.get("Id", ""), rel.get("Type", ""), part))
    return out


def xlsx_book(archive: zipfile.ZipFile) -> BookInfo:
    """Sheet list, states, active tab and percent styles of an XLSX/XLSM workbook."""
    workbook = _small_part(archive, "xl/workbook.xml")
    if workbook is None:
        raise XmlProblem("the workbook part xl/workbook.xml is missing")
    root = _parse(workbook)
    targets: dict[str, str] = {}
    shared = "xl/sharedStrings.xml"
    for rel in relationships(archive, "xl/_rels/workbook.xml.rels"):
        if rel.kind.endswith("/worksheet"):
            targets[rel.id] = rel.part
        elif rel.kind.endswith("/sharedStrings"):
            shared = rel.part
    names, hidden, parts = [], set(), {}
    for sheet in root.iter(f"{MAIN}sheet"):
        name = sheet.get("name", "")
        names.append(name)
        if sheet.get("state", "visible") != "visible":
            hidden.add(name)
        part = targets.get(sheet.get(f"{REL}id", ""))
        if part is not None:
            parts[name] = part
    active = None
    view = root.find(f"{MAIN}bookViews/{MAIN}workbookView")
    tab = view.get("activeTab", "0") if view is not None else "0"
    if tab.isdigit() and int(tab) < len(names):
        active = names[int(tab)]
    _check_shared_strings(archive, shared)
    return BookInfo(tuple(names), frozenset(hidden), active, parts, _percent_styles(archive), shared)


def _check_shared_strings(archive: zipfile.ZipFile, member: str) -> None:
    """calamine reserves room for the declared string count: it must fit the part's size."""
    try:
        info = archive.getinfo(member)
        with archive.open(info) as handle:
            head = handle.read(4096)
    except KeyError:
        return
    start = max(head.find(b"<sst"), head.find(b":sst"))
    tag = head[start : head.find(b">", start)] if start >= 0 else b""
    for match in _SST_COUNT.finditer(tag):
        if int(match.group(1)) > info.file_size // 7 + 16:  # "<si><t/></si>" is 13 bytes
            raise XmlProblem(
                f"the shared strings part declares {int(match.group(1)):,} strings in {info.file_size:,} bytes: damaged"
            )


def _percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    data = _small_part(archive, "xl/styles.xml")
    if data is None:
        return frozenset()
    root = _parse(data)
    codes = {9: "0%", 10: "0.00%"}
    for fmt in root.iter(f"{MAIN}numFmt"):
        number = fmt.get("numFmtId", "")
        if number.isdigit():
            codes[int(number)] = fmt.get("formatCode", "")
    out = set()
    cell_xfs = root.find(f"{MAIN}cellXfs")
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else ()):
        number = xf.get("numFmtId", "0")
        code = codes.get(int(number), "") if number.isdigit() else ""
        if "%" in code.replace("\\%", "").replace('"%"', ""):
            out.add(index)
    return frozenset(out)


def _chunks(handle: IO[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """The part in chunks, each also with the end of the previous one (so no short pattern is cut in two)."""
    tail = b""
    while chunk := handle.read(_CHUNK):
        yield tail + chunk, chunk
        tail = chunk[-40:]


@dataclass(frozen=True)
class SheetScan:
    """What the byte scan of a sheet found: whether it needs :func:`xlsx_markup`, its extent
    (``cells``: rows × columns, ``None`` when only the parse can tell) and its shared-string cells."""

    needs_markup: bool
    cells: int | None
    string_cells: int


def scan_xlsx_sheet(
    archive: zipfile.ZipFile, part: str, percent_styles: frozenset[int], where: str, *, count_strings: bool = True
) -> SheetScan:
    """Bound the sheet's extent (refusing it if too big) and see whether it needs :func:`xlsx_markup`;
    ``count_strings``: count the cells showing a shared string (no need when the workbook has none).

    calamine allocates (highest row) × (highest column) cells, so both come from the cell
    references: columns exactly (two- and three-letter references are rare enough to list);
    rows exactly from references of six or more digits, else by their digit count (a sheet
    whose references stay below row 100,000 is bounded by 99,999). When that bound is not
    tight enough, or cells carry no reference, the exact parse decides.
    """
    markers = [b'hidden="', b"<f", b't="e"']
    markers += [b' s="%d"' % index for index in sorted(percent_styles)[:50]]
    needs = len(percent_styles) > 50
    max_row = max_column = digits = 0
    cells = refs = rows = strings = 0
    bare = False
    try:
        with archive.open(part) as handle:
            for number, (chunk, raw) in enumerate(_chunks(handle)):
                check_time()
                if not number and b"<sheetData" not in chunk:
                    markers.append(b":f")  # prefixed elements: an <x:f> holds a formula
                needs = needs or any(marker in chunk for marker in markers)
                for match in _FAR_ROW_REF.finditer(chunk):
                    max_row = max(max_row, int(match.group(1)[:12]))
                if max_row == 0 and digits < 5:  # a search stops at the first hit: cheap once found
                    digits = max(
                        digits, 5 if _FIVE_DIGIT_REF.search(chunk) else 4 if _FOUR_DIGIT_REF.search(chunk) else 3
                    )
                if _PAST_Z_REF.search(chunk):  # one pass for the usual sheet, whose columns stop at Z
                    if _WIDE_REF.search(chunk):
                        wide = {m.group(1).upper() for m in _WIDE_REF.finditer(chunk)}
                        max_column = max(max_column, *(column_index(w.decode()) + 1 for w in wide))
                    if max_column < MAX_COLUMNS and _TWO_LETTER_REF.search(chunk):
                        pairs = set(_TWO_LETTER_REF.findall(chunk))
                        max_column = max(max_column, *(column_index(p.decode().upper()) + 1 for p in pairs))
                bare = bare or _BARE_CELL.search(chunk) is not None
                cells += raw.count(b"<c ")
                refs += raw.count(b' r="')
                rows += raw.count(b"<row")
                if count_strings:
                    strings += raw.count(b't="s"')
    except ZIP_DAMAGE as exc:
        raise XmlProblem(f"the sheet part {part!r} is damaged: {exc}") from exc
    except KeyError as exc:
        raise XmlProblem(f"the sheet part {part!r} is missing") from exc
    if bare or refs < cells + rows:
        return SheetScan(
            True, None, strings
        )  # cells without references (or prefixed XML): only the parse can place them
    columns = max(max_column, 26)
    height = max(max_row, rows) if max_row else max(rows, 10**digits - 1)
    if not max_row and height * columns > MAX_CELLS:
        return SheetScan(True, None, strings)  # the digit-count bound is too loose for this width: the parse measures
    check_extent(where, height, columns)
    return SheetScan(needs, height * columns, strings)


_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
_SHARED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bt="s"[^>]*>\s*<(?:\w+:)?v>\s*(\d{1,9})\s*<')


def shared_text_bytes(archive: zipfile.ZipFile, shared_part: str, sheet_part: str, string_cells: int) -> int:
    """An upper bound of the shared text calamine copies into the sheet's ``string_cells`` cells.

    calamine copies a shared string into every cell that shows it, so 200 cells showing one
    2 MB string take 400 MB. Cheap bounds first (the part's size, then the longest item);
    only when those are too loose is each cell's string looked up.
    """
    try:
        size = archive.getinfo(shared_part).file_size
    except KeyError:
        return 0
    if string_cells * size <= _LOOSE_TEXT_BOUND:
        return string_cells * size
    try:
        data = archive.read(shared_part)
        starts = [match.start() for match in _SHARED_ITEM.finditer(data)]
        check_time()
        sizes = [b - a for a, b in zip(starts, [*starts[1:], len(data)], strict=True)]
        if not sizes or string_cells * max(sizes) <= _LOOSE_TEXT_BOUND:
            return string_cells * max(sizes, default=0)
        total = 0
        with archive.open(sheet_part) as handle:
            for chunk, _ in _chunks(handle):
                check_time()
                for match in _SHARED_CELL.finditer(chunk):
                    index = int(match.group(1))
                    total += sizes[index] if index < len(sizes) else 0
        return total
    except ZIP_DAMAGE as exc:
        raise XmlProblem(f"the shared strings cannot be read: {exc}") from exc


def xlsx_markup(archive: zipfile.ZipFile, part: str, percent_styles: frozenset[int], where: str) -> Markup:
    """Hidden rows and columns, formulas, error cells and percent cells of one sheet (one streamed parse).

    Also places every cell exactly (cells without a reference follow the previous one) and
    refuses the sheet when its extent is over the fence.
    """
    markup = Markup()
    row_index, next_column, max_row, max_column = -1, 0, 0, 0
    try:
        with archive.open(part) as handle:
            for count, (event, element) in enumerate(iterparse(handle, events=("start", "end"))):
                if not count % _EVENTS_PER_TIME_CHECK:
                    check_time()
                tag = element.tag.rpartition("}")[2]
                if event == "start":
                    if tag == "row":
                        row_index = _whole(element.get("r"), row_index + 2) - 1
                        next_column = 0
                        if element.get("hidden") in ("1", "true"):
                            markup.hidden_rows.add(row_index)
                        if row_index >= max_row:
                            max_row = row_index + 1
                            check_extent(where, max_row, max_column)
                    continue
                if tag == "c":
                    ref = element.get("r")
                    place = _ref_place(ref) if ref else None
                    row, column = place if place is not None else (row_index, next_column)
                    next_column = column + 1
                    if row + 1 > max_row or column + 1 > max_column:
                        max_row, max_column = max(max_row, row + 1), max(max_column, column + 1)
                        check_extent(where, max_row, max_column)
                    _cell_markup(markup, element, (row, column), percent_styles)
                    element.clear()
                elif tag == "row":
                    element.clear()
                elif tag == "col" and element.get("hidden") in ("1", "true"):
                    low, high = _whole(element.get("min"), 1), _whole(element.get("max"), 1)
                    markup.hidden_columns.update(range(max(low, 1) - 1, min(high, MAX_COLUMNS)))
    except (DefusedXmlException, SyntaxError, *ZIP_DAMAGE) as exc:
        raise XmlProblem(f"the sheet part {part!r} cannot be read: {exc}") from exc
    except KeyError as exc:
        raise XmlProblem(f"the sheet part {part!r} is missing") from exc
    return markup


def _whole(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 9 else default


def _ref_place(ref: str) -> tuple[int, int] | None:
    """(row, column), 0-based, of a reference such as ``"AB12"``; ``None`` if it is not one."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not letters.isascii() or not letters.isalpha() or not digits:
        return None
    if len(digits) > 9:
        return 10**9, 0
    return int(digits) - 1, column_index(letters)


def _cell_markup(markup: Markup, cell: Any, place: tuple[int, int], percent_styles: frozenset[int]) -> None:
    kind = cell.get("t", "n")
    formula = value = None
    for child in cell:
        local = child.tag.rpartition("}")[2]
        if local == "f":
            formula = "=" + child.text if child.text else "=(shared formula)"
        elif local == "v":
            value = child.text
    if formula is not None:
        markup.formulas[place] = formula
    if kind == "e":
        markup.errors[place] = value or "#N/A"
    elif kind == "n" and value and _whole(cell.get("s"), 0) in percent_styles and cell.get("s"):
        markup.percents.add(place)


# --- ODS ---------------------------------------------------------------------------------


@dataclass
class _OdsTable:
    name: str
    markup: Markup = field(default_factory=Markup)
    row: int = 0
    column: int = 0
    columns_seen: int = 0
    row_has_content: bool = False
    max_row: int = 0
    max_column: int = 0


def ods_mimetype(archive: zipfile.ZipFile) -> str:
    """The declared OpenDocument type (``application/vnd.oasis.opendocument.spreadsheet`` for ODS)."""
    data = _small_part(archive, "mimetype")
    return data.decode("ascii", errors="replace").strip() if data else ""


def ods_markup(archive: zipfile.ZipFile, where: str) -> tuple[BookInfo, dict[str, Markup]]:
    """Parse ``content.xml`` once: every table's extent (refused if too big) and markup."""
    hidden_styles: set[str] = set()
    tables: list[_OdsTable] = []
    hidden_tables: set[str] = set()
    current: _OdsTable | None = None
    repeat_rows = 1
    try:
        with archive.open("content.xml") as handle:
            for count, (event, element) in enumerate(iterparse(handle, events=("start", "end"))):
                if not count % _EVENTS_PER_TIME_CHECK:
                    check_time()
                tag = element.tag
                if event == "start":
                    if tag == f"{TABLE}table":
                        current = _OdsTable(element.get(f"{TABLE}name", ""))
                        tables.append(current)
                        if element.get(f"{TABLE}style-name") in hidden_styles:
                            hidden_tables.add(current.name)
                    elif tag == f"{TABLE}table-row" and current is not None:
                        repeat_rows = _whole(element.get(f"{TABLE}number-rows-repeated"), 1)
                        current.column, current.row_has_content = 0, False
                        if element.get(f"{TABLE}visibility") in ("collapse", "filter"):
                            current.markup.hidden_rows.update(
                                range(current.row, current.row + min(repeat_rows, MAX_COLUMNS * 1000))
                            )
                    continue
                if current is None:
                    if tag == f"{STYLE}style":
                        for child in element:
                            if child.tag == f"{STYLE}table-properties" and child.get(f"{TABLE}display") == "false":
                                hidden_styles.add(element.get(f"{STYLE}name", ""))
                    continue
                if tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                    _ods_cell(current, element, where, repeat_rows)
                    element.clear()
                elif tag == f"{TABLE}table-row":
                    if current.row_has_content:
                        current.max_row = current.row + repeat_rows
                        check_extent(where, current.max_row, current.max_column)
                    current.row += repeat_rows
                    element.clear()
                elif tag == f"{TABLE}table-column":
                    repeat = _whole(element.get(f"{TABLE}number-columns-repeated"), 1)
                    if element.get(f"{TABLE}visibility") in ("collapse", "filter"):
                        first = current.columns_seen
                        current.markup.hidden_columns.update(range(first, min(first + repeat, MAX_COLUMNS)))
                    current.columns_seen += repeat
                elif tag == f"{TABLE}table":
                    current = None
    except (DefusedXmlException, SyntaxError, *ZIP_DAMAGE) as exc:
        raise XmlProblem(f"content.xml cannot be read: {exc}") from exc
    except KeyError as exc:
        raise XmlProblem("content.xml is missing: not a spreadsheet") from exc
    names = tuple(t.name for t in tables)
    return BookInfo(names, frozenset(hidden_tables), _ods_active(archive, names)), {t.name: t.markup for t in tables}


def _ods_cell(table: _OdsTable, cell: Any, where: str, repeat_rows: int) -> None:
    repeat = _whole(cell.get(f"{TABLE}number-columns-repeated"), 1)
    kind = cell.get(f"{OFFICE}value-type")
    formula = cell.get(f"{TABLE}formula")
    filled = bool(kind or formula or len(cell))
    if filled:
        table.row_has_content = True
        table.max_column = max(table.max_column, table.column + repeat)
        check_extent(where, max(table.max_row, table.row + repeat_rows), table.max_column)
        for column in range(table.column, table.column + repeat):
            place = (table.row, column)
            if formula:
                table.markup.formulas[place] = formula.removeprefix("of:")
            if kind == "percentage":
                table.markup.percents.add(place)
    table.column += repeat


def _ods_active(archive: zipfile.ZipFile, names: tuple[str, ...]) -> str | None:
    try:
        data = _small_part(archive, "settings.xml")
        root = _parse(data) if data else None
    except XmlProblem:
        return None  # the settings only tell which sheet was open: never a reason to refuse the file
    if root is None:
        return None
    for item in root.iter(f"{CONFIG}config-item"):
        if item.get(f"{CONFIG}name") == "ActiveTable" and item.text in names:
            return str(item.text)
    return None
