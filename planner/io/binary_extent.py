"""The extent of each sheet of an XLSB or XLS workbook, read from its records before calamine allocates.

calamine allocates a sheet as (highest row) × (highest column) of the cells it finds, and
for XLS first reserves room for what the sheet's DIMENSIONS record declares (XLSB declares
the same in BrtWsDim). A damaged or hostile file may declare one extent and hold cells far
outside it, so both are taken: the declared dimensions and the cells' own positions. The
caller checks them against the fences of :mod:`planner.io.file_limits` and the memory
budget of :mod:`planner.io.read_budget` before calamine reads anything.

* XLSB: BIFF12 records (a 1–2 byte type and a 1–4 byte size, both 7 bits a byte) in the
  zip's ``xl/workbook.bin`` (sheet names and parts), ``xl/worksheets/*.bin`` (BrtWsDim
  0x0094, row headers 0x0000, cells 0x0001–0x000B) and ``xl/sharedStrings.bin``
  (BrtSSTItem 0x0013: calamine copies a shared string into every cell that shows it, so
  their sizes count too).
* XLS (Excel 97–2003, BIFF8; BIFF5 too): the ``Workbook`` stream of the OLE container,
  opened with :mod:`olefile`; BOUNDSHEET (0x0085) records locate each sheet's substream,
  whose DIMENSIONS (0x0200) and cell records give the extent.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import olefile

from planner.io.read_budget import check_time
from planner.io.sheet_markup import relationships

_TIME_CHECK = 1 << 16  # records between deadline checks


class BinaryProblem(Exception):
    """A record stream that cannot be walked (the caller names the file)."""


@dataclass(frozen=True)
class SheetExtent:
    """Rows × columns calamine will allocate for a sheet, and the shared text its cells copy."""

    rows: int
    columns: int
    string_bytes: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


# --- XLSB ----------------------------------------------------------------------------------


def _biff12(data: bytes, where: str) -> Iterator[tuple[int, int, int]]:
    """(record type, body start, body end) of every BIFF12 record."""
    position, size, count = 0, len(data), 0
    try:
        while position < size:
            byte = data[position]
            kind = byte & 0x7F
            position += 1
            if byte & 0x80:
                byte = data[position]
                kind |= (byte & 0x7F) << 7
                position += 1
            length = shift = 0
            for _ in range(4):
                byte = data[position]
                position += 1
                length |= (byte & 0x7F) << shift
                shift += 7
                if not byte & 0x80:
                    break
            end = position + length
            if end > size:
                raise BinaryProblem(f"{where}: a record runs past the end of the part")
            yield kind, position, end
            position = end
            count += 1
            if not count % _TIME_CHECK:
                check_time()
    except IndexError as exc:
        raise BinaryProblem(f"{where}: the part ends inside a record header") from exc


def _wide_string(data: bytes, start: int, end: int) -> tuple[str, int]:
    """An XLWideString (a 4-byte character count, then UTF-16LE) and where it ends."""
    if start + 4 > end:
        raise BinaryProblem("a text field is cut short")
    (count,) = struct.unpack_from("<I", data, start)
    stop = start + 4 + 2 * count
    if count == 0xFFFFFFFF:  # the nullable form: no text
        return "", start + 4
    if stop > end:
        raise BinaryProblem("a text field runs past its record")
    return data[start + 4 : stop].decode("utf-16-le", errors="replace"), stop


def _xlsb_sheet_parts(archive: zipfile.ZipFile, read: _PartReader) -> dict[str, str]:
    """Sheet name -> its part, from ``xl/workbook.bin`` and its relationships."""
    targets = {rel.id: rel.part for rel in relationships(archive, "xl/_rels/workbook.bin.rels")}
    data = read("xl/workbook.bin")
    parts: dict[str, str] = {}
    for kind, start, end in _biff12(data, "xl/workbook.bin"):
        if kind == 0x0090:  # BrtEndBundleShs
            break
        if kind != 0x009C:  # BrtBundleSh: state, tab id, relationship id, name
            continue
        relation, after = _wide_string(data, start + 8, end)
        name, _ = _wide_string(data, after, end)
        if relation in targets:
            parts[name] = targets[relation]
    return parts


class _PartReader:
    """Reads zip parts whole (their sizes were checked by :func:`planner.io.file_limits.check_zip`)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def __call__(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except KeyError as exc:
            raise BinaryProblem(f"the part {name!r} is missing") from exc


def xlsb_extents(archive: zipfile.ZipFile) -> dict[str, SheetExtent]:
    """Every sheet's extent in an XLSB workbook, by sheet name."""
    read = _PartReader(archive)
    strings = _xlsb_string_sizes(archive)
    extents = {}
    for name, part in _xlsb_sheet_parts(archive, read).items():
        if part.startswith("xl/worksheets/"):
            extents[name] = _xlsb_sheet(read(part), part, strings)
    return extents


def _xlsb_string_sizes(archive: zipfile.ZipFile) -> list[int]:
    try:
        data = archive.read("xl/sharedStrings.bin")
    except KeyError:
        return []
    return [end - start for kind, start, end in _biff12(data, "xl/sharedStrings.bin") if kind == 0x0013]


def _xlsb_sheet(data: bytes, part: str, strings: list[int]) -> SheetExtent:
    """The extent as calamine reads it: it fills one buffer with each record's body and never
    shrinks it, so a record shorter than a cell's fields takes the rest from earlier records
    (``head`` keeps the buffer's first bytes the same way), and a row past 0x100000 ends the sheet."""
    rows = columns = declared_rows = declared_columns = text = 0
    row = 0
    head = bytearray(16)
    unpack = struct.unpack_from
    for kind, start, end in _biff12(data, part):
        size = min(end - start, 16)
        head[:size] = data[start : start + size]
        if kind <= 0x000B:
            if kind == 0x0000:  # BrtRowHdr: the row of the cells that follow
                (row,) = unpack("<I", head)
                if row > 0x100000:
                    break
                continue
            (column,) = unpack("<I", head)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
            if kind == 0x0007:  # BrtCellIsst: a shared string
                (index,) = unpack("<I", head, 8)
                text += strings[index] if index < len(strings) else 0
        elif kind == 0x0094:  # BrtWsDim: first row, last row, first column, last column
            _, last_row, _, last_column = unpack("<IIII", head)
            declared_rows, declared_columns = last_row + 1, last_column + 1
        elif kind == 0x0092:  # BrtEndSheetData
            break
    return SheetExtent(max(rows, declared_rows), max(columns, declared_columns), text)


# --- XLS -----------------------------------------------------------------------------------

_XLS_CELLS = frozenset({0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E})
_BOF, _EOF, _DIMENSIONS, _BOUNDSHEET, _FILEPASS, _MULRK = 0x0809, 0x000A, 0x0200, 0x0085, 0x002F, 0x00BD


class XlsPasswordProtected(BinaryProblem):
    """The workbook is encrypted: its records cannot be read without the password."""


def xls_extents(path: Path) -> dict[str, SheetExtent]:
    """Every sheet's extent in an XLS workbook, by sheet name."""
    stream = _workbook_stream(path)
    sheets: list[tuple[str, int]] = []
    position = 0
    for kind, start, end in _biff8(stream, 0):
        if kind == _FILEPASS and end - start >= 2 and stream[start : start + 2] != b"\x00\x00":
            raise XlsPasswordProtected("the workbook is password-protected")
        if kind == _BOUNDSHEET and end - start >= 8:  # calamine reads every sheet: charts and macros too
            (position,) = struct.unpack_from("<I", stream, start)
            sheets.append((_short_string(stream, start + 6, end), position))
        elif kind == _EOF:
            break
    return {name: _xls_sheet(stream, offset) for name, offset in sheets}


def _workbook_stream(path: Path) -> bytes:
    try:
        with olefile.OleFileIO(str(path)) as container:
            for name in ("Workbook", "Book"):
                if container.exists(name):
                    return bytes(container.openstream(name).read())
    except (OSError, ValueError, IndexError, struct.error) as exc:  # olefile's damaged-container errors
        raise BinaryProblem(f"the OLE container is damaged: {exc}") from exc
    raise BinaryProblem("no Workbook stream: not an Excel workbook")


def _biff8(stream: bytes, offset: int) -> Iterator[tuple[int, int, int]]:
    """(record type, body start, body end) of the BIFF records from ``offset``."""
    position, size, count = offset, len(stream), 0
    unpack = struct.unpack_from
    while position + 4 <= size:
        kind, length = unpack("<HH", stream, position)
        start = position + 4
        position = start + length
        if position > size:
            raise BinaryProblem("a record runs past the end of the workbook stream")
        yield kind, start, position
        count += 1
        if not count % _TIME_CHECK:
            check_time()


def _short_string(stream: bytes, start: int, end: int) -> str:
    """A sheet name: a character count, a flags byte (bit 0: two bytes a character), the characters."""
    if start + 2 > end:
        return ""
    count, flags = stream[start], stream[start + 1]
    body = stream[start + 2 : min(end, start + 2 + count * (2 if flags & 1 else 1))]
    return (body.decode("utf-16-le", errors="replace") if flags & 1 else body.decode("latin-1")).replace("\x00", "")


def _xls_sheet(stream: bytes, offset: int) -> SheetExtent:
    rows = columns = declared_rows = declared_columns = depth = 0
    unpack = struct.unpack_from
    for kind, start, end in _biff8(stream, offset):
        if kind == _BOF:
            depth += 1  # the sheet's own BOF, then those of embedded charts
            continue
        if depth > 1:
            depth -= kind == _EOF
            continue
        if kind == _EOF:
            break
        if kind in _XLS_CELLS and end - start >= 4:
            row, column = unpack("<HH", stream, start)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == _MULRK and end - start >= 6:  # a run of numbers: its last column ends the record
            (row,) = unpack("<H", stream, start)
            (column,) = unpack("<H", stream, end - 2)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == _DIMENSIONS:
            if end - start >= 14:  # BIFF8: first row, row after the last (4 bytes each), then columns
                _, declared_rows, _, declared_columns = unpack("<IIHH", stream, start)
            elif end - start >= 10:  # BIFF5
                _, declared_rows, _, declared_columns = unpack("<HHHH", stream, start)
    return SheetExtent(max(rows, declared_rows), max(columns, declared_columns))
