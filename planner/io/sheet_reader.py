"""Reading one sheet of a CSV, XLSX/XLSM/XLSB, XLS or ODS file into rows of raw cell values.

Workbooks are read by python-calamine (the Rust calamine reader, as pandas'
``engine="calamine"``); CSV by :mod:`planner.io.csv_reader`. Before calamine expands
anything, the fences of :mod:`planner.io.file_limits` are checked (file size, zip parts'
declared sizes and compression ratios, the sheet's extent: from the XML for XLSX and ODS,
from the records for XLSB and XLS, :mod:`planner.io.binary_extent`) and so is the memory
estimate of :mod:`planner.io.read_budget`; what calamine cannot tell is taken from the XML
by :mod:`planner.io.sheet_markup` (sheet states and the active sheet, hidden rows and
columns, formulas, error cells, percent formats).

The reader keeps the spreadsheet's geometry (row ``i`` of :attr:`SheetData.rows` is
spreadsheet row ``i + 1``, blank rows included), marks numbers shown as percentages
(:class:`PercentValue`) and error cells (:class:`ErrorValue`), and records formula cells
with the value their program last computed. It never writes to the file. A file it
cannot read raises :class:`ImportProblemError` naming the file and the reason.

Which sheet: the one a person would pick — visible before hidden, then a sheet whose
header row maps to skills (the more the better), then the active sheet, then the first.
:attr:`SheetData.sheet_reason` says why, and names the other sheets.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.errors import ImportProblemError
from planner.io.binary_extent import BinaryProblem, SheetExtent, XlsPasswordProtected, xls_extents, xlsb_extents
from planner.io.csv_reader import read_csv
from planner.io.file_limits import MAX_CELLS, ZIP_DAMAGE, check_extent, check_file_size, check_zip
from planner.io.rating_parse import PercentValue
from planner.io.read_budget import check_memory, check_time
from planner.io.sheet_markup import (
    ERROR_LITERALS,
    BookInfo,
    Markup,
    XmlProblem,
    ods_markup,
    ods_mimetype,
    scan_xlsx_sheet,
    shared_text_bytes,
    xlsx_book,
    xlsx_markup,
)

Row = Sequence[Any]
SCAN_ROWS = 30
WORKBOOK_FORMATS = ("xlsx", "xlsb", "xls", "ods")
_ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text document (.odt)",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
    "application/vnd.oasis.opendocument.graphics": "an OpenDocument drawing (.odg)",
}


class ErrorValue(str):
    """An error a spreadsheet shows in a cell (``#N/A``, ``#DIV/0!``…): never a value to import."""


@dataclass
class SheetData:
    """The raw cells of one sheet. ``formulas`` maps (0-based row, column) to the formula text;
    the matching cell in ``rows`` holds the formula's cached value (blank if never computed)."""

    rows: list[Row]
    sheet: str | None
    sheets: tuple[str, ...]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    file_format: str = "csv"
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    sheet_reason: str = ""
    row_notes: dict[int, str] = field(default_factory=dict)  # 0-based row -> doubt about its text
    file_notes: tuple[str, ...] = ()


HeaderScore = Callable[[Sequence[Row]], int]
"""How well a sheet's top rows read as a candidate header: 0 for none, more for more skills mapped."""


def file_format(path: Path) -> str:
    """``"xlsx"`` (also XLSM), ``"xlsb"``, ``"xls"``, ``"ods"`` or ``"csv"``, from the content."""
    check_file_size(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportProblemError(f"{path}: cannot open the file: {exc.strerror or exc}") from exc
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        names = check_zip(path).names
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "content.xml" in names or "mimetype" in names:
            kind = _odf_kind(path)
            if kind == "application/vnd.oasis.opendocument.spreadsheet" or (not kind and "content.xml" in names):
                return "ods"
            what = _ODF_KINDS.get(kind, f"an OpenDocument file of type {kind!r}")
            raise ImportProblemError(f"{path}: this is {what}, not a spreadsheet")
        if "word/document.xml" in names:
            raise ImportProblemError(f"{path}: this is a Word document, not a spreadsheet")
        if any(name.startswith("ppt/") for name in names):
            raise ImportProblemError(f"{path}: this is a PowerPoint presentation, not a spreadsheet")
        raise ImportProblemError(f"{path}: a zip file that is neither an Excel nor an ODS workbook")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"):
        raise ImportProblemError(f"{path}: not a valid {path.suffix} workbook (the file content is not a workbook)")
    return "csv"


def _odf_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            return str(ods_mimetype(archive))
    except (XmlProblem, *ZIP_DAMAGE) as exc:
        raise ImportProblemError(f"{path}: the file is damaged (not a valid workbook): {exc}") from exc


def read_sheet(path: Path, sheet: str | None, header_score: HeaderScore) -> SheetData:
    """Read ``sheet`` (or the sheet a person would pick, see the module docstring)."""
    path = Path(path)
    kind = file_format(path)
    if kind == "csv":
        if sheet is not None:
            raise ImportProblemError(f"{path}: a CSV file has no sheets (got sheet {sheet!r})")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportProblemError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
        parsed = read_csv(path, data)
        notes = (parsed.file_note,) if parsed.file_note else ()
        return SheetData(list(parsed.rows), None, (), row_notes=parsed.notes, file_notes=notes)
    return _Workbook(path, kind).read(sheet, header_score)


class _Workbook:
    """One workbook: calamine for the values, the markup look for the rest."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self.markups: dict[str, Markup] = {}
        self.info = self._book_info()
        self.extents = self._binary_extents()
        self.book = self._calamine(lambda: _open_calamine(path))
        metadata = self._calamine(lambda: list(self.book.sheets_metadata))
        worksheets = [m for m in metadata if str(m.typ).endswith("WorkSheet")]
        self.names: tuple[str, ...] = tuple(str(m.name) for m in worksheets)
        hidden = {m.name for m in worksheets if not str(m.visible).endswith(".Visible")}
        self.hidden = frozenset(hidden | (set(self.info.hidden) if self.info else set()))
        self.active = self.info.active if self.info else None

    def _calamine(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except BaseException as exc:  # calamine raises its own types, and a Rust panic is a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError, ImportProblemError)):
                raise
            reason = str(exc).strip() or type(exc).__name__
            raise ImportProblemError(f"{self.path}: cannot read the workbook: {reason}") from exc

    def _book_info(self) -> BookInfo | None:
        if self.kind not in ("xlsx", "ods"):
            return None
        try:
            with zipfile.ZipFile(self.path) as archive:
                if self.kind == "xlsx":
                    return xlsx_book(archive)
                info, self.markups = ods_markup(archive, str(self.path))
                return info
        except XmlProblem as exc:
            raise ImportProblemError(f"{self.path}: the workbook is damaged: {exc}") from exc
        except ZIP_DAMAGE as exc:
            raise ImportProblemError(f"{self.path}: the file is damaged (not a valid workbook): {exc}") from exc

    def _binary_extents(self) -> dict[str, SheetExtent]:
        """XLSB and XLS: every sheet's extent from its records; XLS is refused here when over a fence,
        because calamine reads every sheet of an XLS file as it opens it."""
        try:
            if self.kind == "xlsb":
                with zipfile.ZipFile(self.path) as archive:
                    return xlsb_extents(archive)
            if self.kind != "xls":
                return {}
            extents = xls_extents(self.path)
        except XlsPasswordProtected as exc:
            raise ImportProblemError(f"{self.path}: {exc}: save it without a password and import it again") from exc
        except (BinaryProblem, XmlProblem) as exc:
            raise ImportProblemError(f"{self.path}: the workbook is damaged: {exc}") from exc
        except ZIP_DAMAGE as exc:
            raise ImportProblemError(f"{self.path}: the file is damaged (not a valid workbook): {exc}") from exc
        for name, extent in extents.items():
            check_extent(f"{self.path}, sheet {name!r}", extent.rows, extent.columns)
        check_memory(
            f"{self.path}", sum(e.cells for e in extents.values()), sum(e.string_bytes for e in extents.values())
        )
        return extents

    def _markup(self, name: str) -> Markup:
        """Check the sheet's extent (XLSX) and take its markup; an empty one when there is none to take."""
        if name in self.markups:
            return self.markups[name]
        markup = Markup()
        part = self.info.parts.get(name) if self.info else None
        where = f"{self.path}, sheet {name!r}"
        if self.kind == "xlsx" and part is not None and self.info is not None:
            try:
                with zipfile.ZipFile(self.path) as archive:
                    shared = self.info.shared_strings in archive.namelist()
                    scan = scan_xlsx_sheet(archive, part, self.info.percent_styles, where, count_strings=shared)
                    text = shared_text_bytes(archive, self.info.shared_strings, part, scan.string_cells)
                    check_memory(where, MAX_CELLS if scan.cells is None else scan.cells, text)
                    if scan.needs_markup:
                        markup = xlsx_markup(archive, part, self.info.percent_styles, where)
            except XmlProblem as exc:
                raise ImportProblemError(f"{where}: the workbook is damaged: {exc}") from exc
            except ZIP_DAMAGE as exc:
                raise ImportProblemError(f"{where}: the file is damaged: {exc}") from exc
        extent = self.extents.get(name)
        if extent is not None:
            check_extent(where, extent.rows, extent.columns)
            check_memory(where, extent.cells, extent.string_bytes)
        self.markups[name] = markup
        return markup

    def rows(self, name: str) -> list[Row]:
        markup = self._markup(name)
        where = f"{self.path}, sheet {name!r}"
        sheet = self._calamine(lambda: self.book.get_sheet_by_name(name))
        check_extent(where, int(sheet.height), int(sheet.width))
        rows: list[Row] = self._calamine(lambda: sheet.to_python(skip_empty_area=False))
        for r, c in markup.percents:
            if r < len(rows) and c < len(rows[r]) and isinstance(rows[r][c], float):
                rows[r][c] = PercentValue(rows[r][c])  # type: ignore[index]
        for (r, c), text in markup.errors.items():
            if r < len(rows) and c < len(rows[r]):
                rows[r][c] = ErrorValue(text)  # type: ignore[index]
        for r, c in markup.formulas:
            if r < len(rows) and c < len(rows[r]) and rows[r][c] in ERROR_LITERALS:
                rows[r][c] = ErrorValue(rows[r][c])  # type: ignore[index]
        return rows

    def read(self, sheet: str | None, header_score: HeaderScore) -> SheetData:
        if not self.names:
            raise ImportProblemError(f"{self.path}: the workbook has no worksheets")
        if sheet is not None:
            chosen = self._named(sheet)
            rows = self.rows(chosen)
            reason = "the sheet you chose"
        else:
            chosen, rows, reason = self._choose(header_score)
        markup = self.markups.get(chosen, Markup())
        return SheetData(
            rows=rows,
            sheet=chosen,
            sheets=self.names,
            formulas=markup.formulas,
            file_format=self.kind,
            hidden_rows=frozenset(markup.hidden_rows),
            hidden_columns=frozenset(markup.hidden_columns),
            sheet_reason=reason,
        )

    def _named(self, sheet: str) -> str:
        if sheet in self.names:
            return sheet
        folded = {name.casefold(): name for name in self.names}
        if sheet.casefold() in folded:
            return folded[sheet.casefold()]
        raise ImportProblemError(f"{self.path}: no sheet named {sheet!r} (sheets: {', '.join(self.names)})")

    def _choose(self, header_score: HeaderScore) -> tuple[str, list[Row], str]:
        if len(self.names) == 1:
            return self.names[0], self.rows(self.names[0]), "the only sheet"
        scores: dict[str, int] = {}
        loaded: dict[str, list[Row]] = {}
        for name in self.names:
            check_time()
            rows = self.rows(name)
            scores[name] = header_score(rows[:SCAN_ROWS])
            if scores[name] and name not in self.hidden:
                loaded[name] = rows  # keep only what may be chosen: a big sheet is not held twice
            if len(loaded) > 1:
                best = max(loaded, key=lambda n: self._rank(n, scores[n]))
                loaded = {best: loaded[best]}

        def rank(name: str) -> tuple[bool, bool, int, bool, int]:
            return self._rank(name, scores[name])

        chosen = max(self.names, key=rank)
        rows = loaded.get(chosen) or self.rows(chosen)
        why = []
        if scores[chosen]:
            why.append("its header row reads as a candidate list")
        else:
            why.append("no sheet has a header row with a name and skill columns; the first visible one is shown")
        if chosen == self.active:
            why.append("it is the active sheet")
        if chosen in self.hidden:
            why.append("it is hidden, but no visible sheet has candidates")
        others = [f"{name!r} ({self._describe(name, scores[name])})" for name in self.names if name != chosen]
        return chosen, rows, "; ".join(why) + ". Other sheets: " + ", ".join(others)

    def _rank(self, name: str, score: int) -> tuple[bool, bool, int, bool, int]:
        return (name not in self.hidden, score > 0, score, name == self.active, -self.names.index(name))

    def _describe(self, name: str, score: int) -> str:
        parts = ["hidden"] if name in self.hidden else []
        parts.append("a candidate header too" if score else "no candidate header")
        if name == self.active:
            parts.append("active")
        return ", ".join(parts)


def _open_calamine(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path))
