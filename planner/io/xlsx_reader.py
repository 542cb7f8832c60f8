"""A fast, read-only XLSX sheet reader for candidate import: values, formulas and cached results in one pass.

openpyxl builds a Python object per cell and cannot report a formula and its cached value
in the same pass; on a 100,000-row sheet that costs two slow passes. This reader scans
the sheet XML (streamed from the zip in chunks cut at row boundaries) with compiled
regular expressions, resolves shared strings, and converts values the way openpyxl does
(dates by number format, booleans, errors). It understands the workbook layout Excel,
LibreOffice, Google Sheets and openpyxl write; anything unusual (namespace-prefixed sheet
XML, missing parts) raises :class:`UnsupportedLayout` and the caller falls back to
openpyxl.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.etree import ElementTree

from planner.io.rating_parse import PercentValue

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(rb'\b([rts])="([^"]*)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>([^<]*)</v>")
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>([^<]*)</f>)")
_TEXT = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_PREFIXED = re.compile(rb"<\w+:(?:worksheet|sheetData|row)\b")
_CHUNK = 1 << 22


class UnsupportedLayout(Exception):
    """The workbook is laid out in a way this reader does not handle: use openpyxl instead."""


@dataclass(frozen=True)
class XlsxBook:
    """What is needed to read any sheet: sheet parts, shared strings, date and percent styles."""

    sheets: dict[str, str]  # visible order: name -> zip member
    shared: list[str]
    date_styles: frozenset[int]
    percent_styles: frozenset[int]


@dataclass
class ParsedRow:
    """One sheet row: 0-based values (percent-styled numbers as :class:`PercentValue`), formula texts by column."""

    values: list[Any]
    formulas: dict[int, str]


def open_book(archive: zipfile.ZipFile) -> XlsxBook:
    """Read the workbook parts (sheet list, shared strings, styles)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError) as exc:
        raise UnsupportedLayout(str(exc)) from exc
    targets = {}
    for rel in rels.iter(f"{PKG_REL_NS}Relationship"):
        if rel.get("Type", "").endswith("/worksheet"):
            target = rel.get("Target", "")
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id", "")] = member
    sheets = {}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        part = targets.get(sheet.get(f"{REL_NS}id", ""))
        if part is not None:  # chart sheets have no cells
            sheets[sheet.get("name", "")] = part
    if not sheets:
        raise UnsupportedLayout("no worksheet found")
    dates, percents = _styles(archive)
    return XlsxBook(sheets, _shared_strings(archive), dates, percents)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        handle = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings = []
    with handle:
        for _, element in ElementTree.iterparse(handle):
            if element.tag != f"{MAIN_NS}si":
                continue
            parts = []
            for child in element:
                if child.tag == f"{MAIN_NS}t":
                    parts.append(child.text or "")
                elif child.tag == f"{MAIN_NS}r":
                    parts.extend(t.text or "" for t in child.iter(f"{MAIN_NS}t"))
            strings.append(_unescape_ooxml("".join(parts)))
            element.clear()
    return strings


def _styles(archive: zipfile.ZipFile) -> tuple[frozenset[int], frozenset[int]]:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return frozenset(), frozenset()
    except ElementTree.ParseError as exc:
        raise UnsupportedLayout(str(exc)) from exc
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    for fmt in root.iter(f"{MAIN_NS}numFmt"):
        codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    dates, percents = set(), set()
    cell_xfs = root.find(f"{MAIN_NS}cellXfs")
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
        code = codes.get(int(xf.get("numFmtId", "0")), "")
        if is_date_format(code):
            dates.add(index)
        elif "%" in code:
            percents.add(index)
    return frozenset(dates), frozenset(percents)


def _unescape_ooxml(text: str) -> str:
    """Excel escapes control characters as ``_x000D_``."""
    if "_x" not in text:
        return text
    return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text)


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    if "&" in text:
        text = html.unescape(text)
    return _unescape_ooxml(text)


_COLUMN_CACHE: dict[bytes, int] = {}


def _column(ref: bytes) -> int:
    """0-based column of a cell reference such as ``b"AB12"``."""
    letters = ref.rstrip(b"0123456789")
    index = _COLUMN_CACHE.get(letters)
    if index is None:
        index = 0
        for char in letters.upper():
            index = index * 26 + char - 64
        index -= 1
        _COLUMN_CACHE[letters] = index
    return index


def iter_rows(
    archive: zipfile.ZipFile, member: str, book: XlsxBook, limit: int | None = None
) -> Iterator[tuple[int, ParsedRow]]:
    """Yield (0-based row index, row) for every non-empty row, in order, up to row ``limit``."""
    with archive.open(member) as handle:
        head = handle.read(1 << 16)
        if _PREFIXED.search(head):
            raise UnsupportedLayout("namespace-prefixed sheet XML")
        buffer = head
        next_row = 0
        done = False
        while not done:
            chunk = handle.read(_CHUNK)
            if chunk:
                buffer += chunk
                cut = buffer.rfind(b"</row>")
                if cut == -1:
                    continue
                cut += len(b"</row>")
                part, buffer = buffer[:cut], buffer[cut:]
            else:
                part, buffer, done = buffer, b"", True
            for match in _ROW.finditer(part):
                number = _ROW_NUMBER.search(match.group(1))
                index = int(number.group(1)) - 1 if number else next_row
                next_row = index + 1
                if limit is not None and index >= limit:
                    return
                body = match.group(2)
                if body:
                    yield index, _parse_cells(body, book)


def _parse_cells(body: bytes, book: XlsxBook) -> ParsedRow:
    values: list[Any] = []
    formulas: dict[int, str] = {}
    shared = book.shared
    for match in _CELL.finditer(body):
        kind = b"n"
        style = 0
        column = len(values)
        for name, value in _ATTR.findall(match.group(1)):
            if name == b"r":
                column = _column(value)
            elif name == b"t":
                kind = value
            else:
                style = int(value)
        inner = match.group(2)
        if column > len(values):
            values.extend([None] * (column - len(values)))
        if not inner:
            values.append(None)
            continue
        if b"<f" in inner:
            formula = _FORMULA.search(inner)
            if formula is not None:
                formulas[column] = "=" + _text(formula.group(1)) if formula.group(1) else "=(shared formula)"
        cell: Any = None
        if kind == b"inlineStr":
            if b"<rPh" in inner:
                inner = _PHONETIC.sub(b"", inner)
            cell = _text(b"".join(_TEXT.findall(inner)))
        else:
            found = _VALUE.search(inner)
            raw = found.group(1) if found is not None else b""
            if raw:
                if kind == b"n":
                    cell = float(raw) if (b"." in raw or b"E" in raw or b"e" in raw) else int(raw)
                    if style in book.date_styles:
                        cell = _from_excel(cell)
                    elif style in book.percent_styles:
                        cell = PercentValue(cell)
                elif kind == b"s":
                    cell = shared[int(raw)]
                elif kind == b"b":
                    cell = raw.strip() == b"1"
                elif kind == b"d":
                    cell = datetime.fromisoformat(raw.decode())
                else:  # "str" (a formula's text result) and "e" (an error such as #N/A)
                    cell = _text(raw)
        values.append(cell)
    return ParsedRow(values, formulas)


def _from_excel(serial: float) -> Any:
    from openpyxl.utils.datetime import from_excel

    try:
        return from_excel(serial)
    except (ValueError, OverflowError):
        return serial
