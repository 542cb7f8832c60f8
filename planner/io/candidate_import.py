"""Candidate import: a CSV/XLSX/ODS sheet in, an :class:`ImportReport` out.

The sheet is read (``sheet_reader``), the header row found and its columns mapped
(``header_mapping``), then every data row is checked cell by cell (``rating_parse``).
Nothing is guessed silently: unreadable or out-of-scale ratings are errors for that cell,
unknown columns and formula cells are reported, and rows with errors stay in the report
without a candidate. Rows are numbered as the spreadsheet shows them (1-based, header
and blank rows counted).

Duplicates: names are compared ignoring case and spacing. A later row with the same name
and the same data is a warning (it is skipped: importing it twice would add nothing); a
later row with the same name and different data is an error (the project needs unique
names, and only the user knows which row is right). A repeated email is a warning.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import compress, repeat
from operator import is_not, itemgetter
from pathlib import Path
from typing import Any

from planner.errors import ImportProblemError, ValidationError
from planner.io.header_mapping import (
    HeaderDictionary,
    find_header_row,
    header_key,
    header_score,
    map_columns,
)
from planner.io.import_report import (
    ColumnMapping,
    ColumnTarget,
    ImportedRow,
    ImportProblem,
    ImportReport,
    Severity,
    cell_text,
)
from planner.io.rating_parse import PercentValue, RatingReader, RatingScale, parse_cost, parse_scale, parse_status
from planner.io.read_budget import check_time, reading
from planner.io.role_titles import RoleTitles
from planner.io.sheet_reader import ErrorValue, Row, SheetData, read_sheet
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog
from planner.wording import count_text

__all__ = ["import_candidates", "parse_scale"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
_FORMULA_STARTS = ("=", "+", "-", "@")
_TEXT_FIELDS = frozenset({"name", "first_name", "last_name", "email", "notes"})
_CSV_QUOTED = (*_FORMULA_STARTS, "\t", "\r")  # what an export prefixes with an apostrophe
TOTAL_WORDS = frozenset({"total", "totals", "grand total", "subtotal", "sum", "average", "mean", "count", "overall"})
SUB_HEADER_SCORES = frozenset({"score", "rating", "level", "value", "result", "grade", "points"})
_ROWS_PER_TIME_CHECK = 4096
SUB_HEADER_COMMENTS = frozenset({"comment", "comments", "note", "notes", "evidence", "remark", "remarks", "feedback"})


def import_candidates(
    path: Path,
    catalog: Catalog,
    *,
    sheet: str | None = None,
    scale: RatingScale | None = None,
    header_row: int | None = None,
    column_overrides: Mapping[str, ColumnTarget] | None = None,
    warn_blank_cost: bool = False,
) -> ImportReport:
    """Read and check a candidate spreadsheet; the file is never modified.

    ``header_row`` is 1-based as the spreadsheet shows it (found automatically when
    ``None``). ``column_overrides`` maps a header to the target the user chose.
    ``warn_blank_cost`` (pass ``True`` when the project has a budget) reports unknown costs.
    Raises :class:`ImportProblemError` when the file cannot be read at all, has no
    recognisable header, or is not read within the bound of :mod:`planner.io.read_budget`
    (30 s, 1.5 GB), and :class:`ValidationError` for a bad override.
    """
    path = Path(path)
    with reading(str(path)), _collector_paused():  # the 30 s bound (read_budget); a caller's deadline stays
        return _import(path, catalog, sheet, scale, header_row, column_overrides, warn_blank_cost)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during an import.

    Reading a sheet makes millions of objects (a cell value each, a list per row, a candidate
    per person) and no reference cycles, so the collector's passes over them find nothing and
    cost a third of the import's time. Reference counting still frees everything as usual; the
    collector resumes (if it was on) as soon as the import returns or fails.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _import(
    path: Path,
    catalog: Catalog,
    sheet: str | None,
    scale: RatingScale | None,
    header_row: int | None,
    column_overrides: Mapping[str, ColumnTarget] | None,
    warn_blank_cost: bool,
) -> ImportReport:
    dictionary = HeaderDictionary.for_catalog(catalog)

    def sheet_score(rows: Sequence[Row]) -> int:
        return max((header_score(row, dictionary) for row in rows), default=0)

    data = read_sheet(path, sheet, sheet_score)
    header_index = _header_index(path, data, dictionary, header_row)
    headers, sub_header, skip, problems = _two_row_header(data.rows, header_index, dictionary)
    try:
        columns, mapping_problems = map_columns(
            headers, catalog, dictionary, header_index + 1, column_overrides, hidden=data.hidden_columns, skip=skip
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    problems = mapping_problems + problems
    problems.extend(ImportProblem(None, None, "", WARNING, note) for note in data.file_notes)
    where = f"{path}" + (f", sheet {data.sheet!r}" if data.sheet else "")
    _check_columns(where, columns, problems, header_index + 1, warn_blank_cost)
    reader = RatingReader(catalog.scale, scale)
    titles = RoleTitles(catalog)
    builder = _RowBuilder(columns, data, reader, problems, warn_blank_cost, titles)
    first = header_index + (2 if sub_header else 1)
    rows = []
    for start in range(first, len(data.rows), _ROWS_PER_TIME_CHECK):
        check_time()
        stop = min(start + _ROWS_PER_TIME_CHECK, len(data.rows))
        rows += [builder.build(index) for index in range(start, stop) if _has_values(data.rows[index])]
    _warn_blank_header_data(columns, data.rows[first:], problems, header_index + 1)
    return ImportReport(
        source=str(path),
        sheet=data.sheet,
        sheets=data.sheets,
        header_row=header_index + 1,
        columns=tuple(columns),
        rows=tuple(rows),
        problems=tuple(problems),
        scale=reader.scale,
        sheet_reason=data.sheet_reason,
        sub_header_row=header_index + 2 if sub_header else None,
        role_titles=tuple(titles.match_all(builder.titles_seen)),
    )


def _two_row_header(
    rows: Sequence[Row], header_index: int, dictionary: HeaderDictionary
) -> tuple[list[object], bool, frozenset[int], list[ImportProblem]]:
    """The headers to map; for a skill over "Score" / "Comment" sub-columns, one header per sub-column.

    ATS exports put a merged skill name over two or more sub-columns; the merged cell's text
    is in its first column only. Score-like sub-columns take the skill, comment-like ones are
    skipped (and reported once).
    """
    top = list(rows[header_index])
    below = list(rows[header_index + 1]) if header_index + 1 < len(rows) else []
    words = [header_key(cell_text(v)) if isinstance(v, str) else "" for v in below]
    subs = sum(1 for w in words if w in SUB_HEADER_SCORES or w in SUB_HEADER_COMMENTS)
    if subs < 2 or header_score(below, dictionary) > 0:
        return top, False, frozenset(), []
    width = max(len(top), len(below))
    top += [None] * (width - len(top))
    headers: list[object] = []
    skip, comments = set(), []
    parent = ""
    for index in range(width):
        own = cell_text(top[index])
        word = words[index] if index < len(words) else ""
        if own:
            parent = own
        elif not word:
            parent = ""
        if word in SUB_HEADER_COMMENTS and parent:
            skip.add(index)
            comments.append(f"{parent} ({cell_text(below[index])})")
            headers.append(f"{parent} ({cell_text(below[index])})")
        elif word in SUB_HEADER_SCORES and parent:
            headers.append(f"{parent} ({cell_text(below[index])})")
        else:
            headers.append(own)
    problems = []
    if comments:
        problems.append(
            ImportProblem(
                header_index + 2,
                None,
                "",
                WARNING,
                f"two header rows: {count_text(len(comments), 'comment column')} under skills not imported "
                f"({', '.join(comments[:5])}{'…' if len(comments) > 5 else ''})",
            )
        )
    return headers, True, frozenset(skip), problems


def _has_values(row: Row) -> bool:
    if row and row[0].__class__ is str and row[0].strip():
        return True  # the usual case: the name in the first column
    for value in row:  # noqa: SIM110 - a plain loop is measurably faster than any() on 100,000 rows
        if value is not None and (value.__class__ is not str or value.strip()):
            return True
    return False


def _header_index(path: Path, data: SheetData, dictionary: HeaderDictionary, header_row: int | None) -> int:
    where = f"{path}" + (f", sheet {data.sheet!r}" if data.sheet else "")
    if not any(_has_values(row) for row in data.rows):
        raise ImportProblemError(f"{where}: the sheet is empty")
    if header_row is not None:
        if not 1 <= header_row <= len(data.rows) or not _has_values(data.rows[header_row - 1]):
            raise ImportProblemError(f"{where}: row {header_row} is blank or beyond the data: it cannot be the header")
        return header_row - 1
    found = find_header_row(data.rows, dictionary)
    if found is None:
        first = next(row for row in data.rows if _has_values(row))
        seen = ", ".join(repr(cell_text(v)) for v in first if cell_text(v))[:200]
        raise ImportProblemError(
            f"{where}: no header row found in the first rows: expected a 'Name' column (or first and last name) "
            f"and skill columns such as 'Machine Learning' or 'SQL'; the first row reads {seen}",
            advice="header row",
        )
    if header_score(data.rows[found], dictionary) == 0:  # pragma: no cover - find_header_row guarantees a score
        raise ImportProblemError(f"{where}: no header row found")
    return found


def _check_columns(
    where: str, columns: list[ColumnMapping], problems: list[ImportProblem], header_row: int, warn_cost: bool
) -> None:
    kinds = {c.target.kind for c in columns}
    if "name" not in kinds and not ({"first_name", "last_name"} & kinds):
        raise ImportProblemError(
            f"{where}, row {header_row}: no name column "
            "(expected 'Name', 'Full name', 'Candidate' or first and last name)"
        )
    if "skill" not in kinds:
        problems.append(
            ImportProblem(header_row, None, "", WARNING, "no column maps to a catalog skill: every rating will be 0")
        )
    if warn_cost and "cost" not in kinds:
        problems.append(
            ImportProblem(
                header_row, None, "", WARNING, "no cost column: every cost is unknown, the budget cannot be checked"
            )
        )


def _warn_blank_header_data(
    columns: list[ColumnMapping], rows: Sequence[Row], problems: list[ImportProblem], header_row: int
) -> None:
    """A column with values under a blank header is ignored, but never silently."""
    width = len(columns)
    for index in range(max((len(r) for r in rows), default=0)):
        if index < width and columns[index].header:
            continue
        if any(index < len(r) and cell_text(r[index]) for r in rows):
            problems.append(
                ImportProblem(
                    header_row, None, "", WARNING, f"column {_letter(index)} has values but no header: ignored"
                )
            )


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _RowBuilder:
    """Checks one data row at a time; remembers names and emails for duplicate detection."""

    def __init__(
        self,
        columns: list[ColumnMapping],
        data: SheetData,
        reader: RatingReader,
        problems: list[ImportProblem],
        warn_blank_cost: bool,
        titles: RoleTitles,
    ) -> None:
        self.columns = [c for c in columns if c.target.kind != "ignored"]
        self.skill_columns = [
            (c.index, c.target.skill or "", c.header) for c in self.columns if c.target.kind == "skill"
        ]
        self.field_columns = [c for c in self.columns if c.target.kind != "skill"]
        self.headers = [c.header for c in columns]
        self.width = len(columns)
        self.data = data
        self.reader = reader
        self.problems = problems
        self.warn_blank_cost = warn_blank_cost
        self.names: dict[str, tuple[int, Candidate]] = {}
        self.emails: dict[str, int] = {}
        self.formula_rows = {r for r, _ in data.formulas}
        self.all_text = data.file_format == "csv"  # CSV rows are lists of text already
        self.titles = titles
        self.titles_seen: list[str] = []
        self.name_columns = {c.index for c in self.columns if c.target.kind in ("name", "first_name", "last_name")}
        self.doubt_rows = set(data.hidden_rows) | set(data.row_notes)
        # Per field column: (mapping, index, kind, plain text?, values read before → result, for costs and statuses).
        self.field_plan: list[tuple[ColumnMapping, int, str, bool, dict[object, Any] | None]] = [
            (c, c.index, c.target.kind, c.target.kind in _TEXT_FIELDS, {} if c.target.kind in _CACHED_FIELDS else None)
            for c in self.field_columns
        ]
        # The fast path: a row whose skill cells are plain numbers or texts already seen is read with
        # C-speed lookups; anything else (a new value, a formula, a bool, a percent cell) takes the checks.
        indexes = [i for i, _, _ in self.skill_columns]
        self.skill_ids = [skill for _, skill, _ in self.skill_columns]
        self.skill_cells = itemgetter(*indexes) if len(indexes) > 1 else None
        self.skill_need = max(indexes, default=-1) + 1
        self.known: dict[object, float | _Blank] = {None: _BLANK, "": _BLANK}

    def build(self, index: int) -> ImportedRow:
        raw = self.data.rows[index]
        number = index + 1
        problems: list[ImportProblem] = []
        if index in self.doubt_rows or len(raw) > self.width:
            self._row_doubts(index, raw, problems)
        has_formulas = index in self.formula_rows
        ratings: dict[str, float] | None = None
        if self.skill_cells is not None and not has_formulas and len(raw) >= self.skill_need:
            cells = self.skill_cells(raw)
            if self.all_text or set(map(type, cells)) <= _PLAIN_TYPES:
                found: list[Any] = list(map(self.known.get, cells))
                if None not in found:  # every value seen before: C-speed lookups, blanks dropped
                    kept = map(is_not, found, repeat(_BLANK))
                    ratings = dict(compress(zip(self.skill_ids, found, strict=True), kept))
        if ratings is None:
            ratings = self._ratings(index, raw, has_formulas, problems)
        fields = self._fields(index, raw, has_formulas, problems)
        candidate = self._candidate(number, fields, ratings, problems)
        if problems:
            self.problems.extend(problems)
        return ImportedRow(number, raw, candidate)

    def _ratings(self, index: int, raw: Row, has_formulas: bool, problems: list[ImportProblem]) -> dict[str, float]:
        """Every skill cell of a row checked one by one (values seen for the first time, formulas, odd types)."""
        number = index + 1
        ratings: dict[str, float] = {}
        cache = self.reader.cache
        known = self.known
        for column_index, skill, header in self.skill_columns:
            value = raw[column_index] if column_index < len(raw) else None
            if has_formulas and (index, column_index) in self.data.formulas:
                value = self._formula(number, header, column_index, value, problems)
                if value is _UNUSABLE:
                    continue
            if value is None:
                continue
            plain = value.__class__ in _PLAIN_TYPES and not has_formulas
            original = value
            if value.__class__ is str:
                value = value.strip()
                if not value:
                    if plain:
                        known[original] = _BLANK
                    continue
            rating = cache.get(value) if value.__class__ is not bool and value.__class__ is not PercentValue else None
            if rating is None:
                rating = self.reader.read(value)
            if rating.__class__ is str:
                message = str(rating)
                advice = self.reader.advice_for(message)
                problems.append(ImportProblem(number, header, cell_text(value), ERROR, message, advice))
            else:
                ratings[skill] = float(rating)
                if plain and len(known) < 100_000:
                    known[original] = ratings[skill]
        return ratings

    def _fields(self, index: int, raw: Row, has_formulas: bool, problems: list[ImportProblem]) -> dict[str, Any]:
        """The name, cost, email, notes, status… cells of a row."""
        number = index + 1
        fields: dict[str, Any] = {}
        width = len(raw)
        for column, column_index, kind, text_field, parsed_before in self.field_plan:
            value = raw[column_index] if column_index < width else None
            if value.__class__ is str:
                value = value.strip()
            if has_formulas and (index, column_index) in self.data.formulas:
                value = self._formula(number, column.header, column_index, value, problems)
                if value is _UNUSABLE:
                    continue
            if value is None or value == "":
                continue
            if value.__class__ is str and text_field and (not self.all_text or value[0] != "'"):
                fields[kind] = value  # the common case: plain text, nothing to check
            elif parsed_before is not None and value.__class__ in _PLAIN_TYPES and value in parsed_before:
                fields[kind] = parsed_before[value]  # a cost or status read before without a problem
            elif value.__class__ is ErrorValue:
                problems.append(
                    ImportProblem(number, column.header, str(value), ERROR, f"the cell shows the error {value}")
                )
            elif text_field and column_index in self.name_columns and value.__class__ is not str:
                problems.append(ImportProblem(number, column.header, cell_text(value), ERROR, _not_a_name(value)))
            else:
                before = len(problems)
                fields[kind] = self._field(number, column, value, problems)
                if parsed_before is not None and len(problems) == before and len(parsed_before) < 100_000:
                    parsed_before[value] = fields[kind]
        return fields

    def _formula(self, number: int, header: str, column: int, cached: Any, problems: list[ImportProblem]) -> Any:
        formula = self.data.formulas[(number - 1, column)]
        if cached is None or cached == "":
            problems.append(
                ImportProblem(
                    number,
                    header,
                    formula,
                    ERROR,
                    "formula without a computed value (open and save the file in Excel or LibreOffice, "
                    "or type the value)",
                )
            )
            return _UNUSABLE
        problems.append(
            ImportProblem(
                number,
                header,
                formula,
                WARNING,
                f"formula: its last computed value {cell_text(cached)!r} was used; check it is current",
            )
        )
        return cached

    def _field(self, number: int, column: ColumnMapping, value: Any, problems: list[ImportProblem]) -> Any:
        kind = column.target.kind
        if kind == "cost":
            cost = parse_cost(value)
            if isinstance(cost, str):
                problems.append(ImportProblem(number, column.header, cell_text(value), ERROR, cost))
                return _UNUSABLE
            return cost
        if kind == "max_tasks":
            text = cell_text(value)
            if text.endswith(".0"):
                text = text[:-2]
            if not (text.isascii() and text.isdigit()) or int(text) < 1:
                problems.append(
                    ImportProblem(number, column.header, text, ERROR, "max tasks must be a whole number, 1 or more")
                )
                return _UNUSABLE
            return int(text)
        if kind == "status":
            status = parse_status(value)
            if not isinstance(status, CandidateStatus):
                problems.append(
                    ImportProblem(number, column.header, cell_text(value), WARNING, f"{status}: taken as an applicant")
                )
                return _UNUSABLE
            return status
        if kind == "roles":
            text = cell_text(value)
            self.titles_seen.append(text)
            roles, unknown = self.titles.read_cell(text)
            if unknown:
                problems.append(
                    ImportProblem(
                        number,
                        column.header,
                        text,
                        WARNING,
                        f"no catalog role fits {', '.join(map(repr, unknown))}"
                        + ("" if roles else ": the person is open to every role"),
                    )
                )
            return roles
        text = value if isinstance(value, str) else cell_text(value)
        if self.data.file_format == "csv" and text.startswith("'") and text[1:2] in _CSV_QUOTED:
            text = text[1:]  # the apostrophe a CSV export adds against formula injection
        return text

    def _candidate(
        self, number: int, fields: dict[str, Any], ratings: dict[str, float], problems: list[ImportProblem]
    ) -> Candidate | None:
        name = fields.get("name") or " ".join(p for p in (fields.get("first_name"), fields.get("last_name")) if p)
        name = " ".join(str(name).split())
        key = name.casefold()
        if not name and not (problems and any(p.severity is ERROR for p in problems)):
            problems.append(ImportProblem(number, None, "", ERROR, "no name: every candidate needs one"))
        elif key.rstrip(":") in TOTAL_WORDS:
            problems.append(
                ImportProblem(
                    number,
                    self._header_of("name") or self._header_of("first_name"),
                    name,
                    ERROR,
                    "a totals row, not a candidate: not imported",
                )
            )
        cost = fields.get("cost")
        if cost is None and self.warn_blank_cost and name:
            problems.append(ImportProblem(number, self._header_of("cost"), "", WARNING, "cost unknown (blank)"))
        if problems and any(p.severity is ERROR for p in problems):
            return None
        status = fields.get("status")
        if not isinstance(status, CandidateStatus):
            status = CandidateStatus.APPLICANT
        candidate = Candidate(  # positional: measurably faster on 100,000 rows
            name,
            ratings,
            None if cost is _UNUSABLE else cost,
            fields.get("email", ""),
            fields.get("notes", ""),
            fields.get("max_tasks"),
            status,
            fields.get("roles", ()),
        )
        if key in self.names:
            first_row, first = self.names[key]
            if replace(first, name=name) == candidate:
                problems.append(
                    ImportProblem(
                        number,
                        self._header_of("name"),
                        name,
                        WARNING,
                        f"same candidate as row {first_row} (identical data): skipped",
                    )
                )
            else:
                problems.append(
                    ImportProblem(
                        number,
                        self._header_of("name"),
                        name,
                        ERROR,
                        f"name already used in row {first_row} with different data: rename or remove one",
                    )
                )
            return None
        self.names[key] = (number, candidate)
        if candidate.email:
            email_key = candidate.email.casefold()
            if email_key in self.emails:
                problems.append(
                    ImportProblem(
                        number,
                        self._header_of("email"),
                        candidate.email,
                        WARNING,
                        f"same email as row {self.emails[email_key]}",
                    )
                )
            else:
                self.emails[email_key] = number
        return candidate

    def _row_doubts(self, index: int, raw: Row, problems: list[ImportProblem]) -> None:
        """Hidden rows, rows whose bytes did not fit the file's encoding, values beyond the header."""
        number = index + 1
        if index in self.data.hidden_rows:
            problems.append(
                ImportProblem(
                    number,
                    None,
                    "",
                    WARNING,
                    "the row is hidden in the workbook (by a filter or by hand): imported; check that it belongs",
                )
            )
        if index in self.data.row_notes:
            problems.append(ImportProblem(number, None, "", WARNING, self.data.row_notes[index]))
        if self.all_text and len(raw) > self.width and any(cell_text(v) for v in raw[self.width :]):
            problems.append(
                ImportProblem(
                    number,
                    None,
                    ", ".join(cell_text(v) for v in raw)[:200],
                    ERROR,
                    f"{len(raw)} values but the header has {self.width} columns: a value with an unquoted "
                    "separator (a decimal comma?) would shift every column after it; quote it or fix the row",
                )
            )

    def _header_of(self, kind: str) -> str | None:
        for column in self.columns:
            if column.target.kind == kind:
                return column.header
        return None


def _not_a_name(value: object) -> str:
    if isinstance(value, bool):
        what = "true/false"
    elif isinstance(value, (int, float)):
        what = "a number"
    elif value.__class__.__name__ in ("date", "datetime", "time", "timedelta"):
        what = "a date or time"
    else:
        what = f"a {type(value).__name__}"
    return f"the name cell holds {what}, not a name: not imported"


class _Blank:
    """A blank skill cell in the fast path's table of known values."""


_BLANK = _Blank()
_PLAIN_TYPES = frozenset({str, float, int, type(None)})
_CACHED_FIELDS = frozenset({"cost", "max_tasks", "status"})  # pure functions of the cell value


class _Unusable:
    """Marks a cell that was reported and must not be used."""


_UNUSABLE: Any = _Unusable()
