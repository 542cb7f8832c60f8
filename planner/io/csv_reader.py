"""Reading a CSV candidate list: the encoding from the evidence, the delimiter, the records.

The stdlib :mod:`csv` reader parses (its field size limit raised on purpose to the largest
file accepted, so one long cell is read rather than crashing). Decoding follows the bytes:
a BOM decides; a file that is UTF-8 except for a few lines stays UTF-8 and those lines are
read as Windows-1252 and reported by row; a file with no UTF-8 evidence goes to
charset-normalizer, and the encoding it detects is reported. A binary file (an image, a
PDF, a workbook renamed ``.csv``) is recognised and refused.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from planner.errors import ImportProblemError
from planner.io.file_limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS
from planner.io.read_budget import check_time

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"SQLite format 3": "an SQLite database",
    b"{\\rtf": "an RTF document",
}
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


@dataclass
class CsvData:
    """Every record as a list of texts (a blank line is an empty record), and per-record notes."""

    rows: list[list[str]]
    encoding: str
    notes: dict[int, str] = field(default_factory=dict)  # 0-based record -> why its text may be wrong
    file_note: str = ""


def refuse_binary(path: Path, data: bytes) -> None:
    """Raise when the bytes are not text a spreadsheet program would write."""
    head = data[:4096]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise ImportProblemError(f"{path}: this is {what}, not a CSV file or a workbook")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(head):
        return
    controls = sum(1 for byte in head if byte in _CONTROL)
    if b"\x00" in head or controls * 20 > len(head):
        raise ImportProblemError(f"{path}: this looks like a binary file, not a CSV file or a workbook")


def _looks_utf16(sample: bytes) -> bool:
    if len(sample) < 4 or sample.count(b"\x00") * 4 <= len(sample):
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) * 2 >= len(sample) // 2 and min(even, odd) * 10 < len(sample) // 2


def decode(path: Path, data: bytes) -> tuple[str, str, set[int], str]:
    """(text, encoding, 0-based line numbers whose bytes did not fit it, a note about the choice)."""
    if data.startswith(codecs.BOM_UTF8):
        return _with_replacements(data[3:], "utf-8", "")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _with_replacements(data, "utf-16", "")
    if _looks_utf16(data[:4096]):
        even, odd = data[:4096:2].count(0), data[1:4096:2].count(0)
        return _with_replacements(data, "utf-16-be" if even > odd else "utf-16-le", "")
    try:
        return data.decode("utf-8"), "utf-8", set(), ""
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    utf8_lines, bad = 0, set()
    for number, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            bad.add(number)
    if utf8_lines and utf8_lines >= len(bad):
        # UTF-8 with a few foreign lines (pasted from an old file): keep UTF-8, read those as cp1252.
        text = "".join(
            line.decode("cp1252", errors="replace") if n in bad else line.decode("utf-8")
            for n, line in enumerate(lines)
        )
        return text, "utf-8", bad, ""
    best = from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise ImportProblemError(f"{path}: cannot tell the text encoding: is it a CSV file?")
    encoding = best.encoding
    note = f"the file is not UTF-8: read as {encoding} (detected); check that names with accents look right"
    return _with_replacements(data, encoding, note)


def _with_replacements(data: bytes, encoding: str, note: str) -> tuple[str, str, set[int], str]:
    text = data.decode(encoding, errors="replace")
    bad = set()
    if "\ufffd" in text:
        bad = {n for n, line in enumerate(io.StringIO(text, newline="")) if "\ufffd" in line}
    return text, encoding, bad, note


def detect_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (> 1) of fields near the top."""
    lines = [line for line in text[:200_000].splitlines()[:60] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t", "|"):
        try:
            counts = [len(fields) for fields in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        widths = [n for n in counts if n > 1]
        if not widths:
            continue
        mode = max(set(widths), key=lambda n: (widths.count(n), n))
        score = (widths.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path, data: bytes) -> CsvData:
    """Every record of a CSV file; the encoding evidence is kept per record."""
    refuse_binary(path, data)
    text, encoding, bad_lines, note = decode(path, data)
    if "\x00" in text:
        raise ImportProblemError(f"{path}: the text holds NUL characters: this is not a CSV file")
    delimiter = detect_delimiter(text)
    csv.field_size_limit(MAX_FILE_BYTES)  # one cell may be as long as the largest file accepted
    rows: list[list[str]] = []
    notes: dict[int, str] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last_line = 0
    try:
        for record in reader:
            if not len(rows) % 4096:
                check_time()
            if len(rows) >= MAX_ROWS:
                raise ImportProblemError(
                    f"{path}: more than {MAX_ROWS:,} rows: too many for a candidate list; split the file"
                )
            if len(record) > MAX_COLUMNS:
                raise ImportProblemError(
                    f"{path}: row {len(rows) + 1} has {len(record):,} values: too many columns for a candidate list "
                    f"(up to {MAX_COLUMNS:,})"
                )
            if bad_lines and any(line in bad_lines for line in range(last_line, reader.line_num)):
                notes[len(rows)] = (
                    f"the bytes of this row are not {encoding} like the rest of the file"
                    + (": read as Windows-1252" if encoding == "utf-8" else ": unreadable characters replaced")
                    + "; check the names and accents"
                )
            last_line = reader.line_num
            rows.append(record)
    except csv.Error as exc:
        raise ImportProblemError(f"{path}: row {len(rows) + 1}: cannot read the CSV: {exc}") from exc
    return CsvData(rows, encoding, notes, note)
