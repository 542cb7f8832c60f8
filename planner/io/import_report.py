"""What a candidate import found: the column mapping, every row, and every problem.

An :class:`ImportReport` is the single result of reading a candidate spreadsheet. Rows
with errors stay in the report (``candidate`` is ``None``) so the GUI preview can show
them and the user can fix the file; :func:`report_to_dict` is the documented
``import --json`` format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from planner.io.rating_parse import PercentValue, RatingScale
from planner.io.role_titles import TitleMatch
from planner.model.candidates import Candidate
from planner.wording import count_text


class Severity(str, Enum):
    """An error keeps the row out of the import; a warning imports it but asks for a look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class ImportProblem:
    """One problem, located as the spreadsheet shows it (1-based row, column header)."""

    row: int | None
    column: str | None
    value: str
    severity: Severity
    message: str
    advice: str = ""  # what to do, surface-neutrally: a key of planner.wording.ADVICE


TARGET_KINDS = (
    "skill",
    "name",
    "first_name",
    "last_name",
    "cost",
    "email",
    "notes",
    "max_tasks",
    "status",
    "roles",
    "ignored",
)


@dataclass(frozen=True)
class ColumnTarget:
    """What a column holds: a skill (with its id), a candidate field, or nothing (``ignored``)."""

    kind: str
    skill: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in TARGET_KINDS:
            raise ValueError(f"unknown column target {self.kind!r} (choose from {', '.join(TARGET_KINDS)})")
        if (self.kind == "skill") != (self.skill is not None):
            raise ValueError("a skill target needs a skill id, and only a skill target has one")

    @property
    def label(self) -> str:
        """``skill:machine_learning``, ``name``, ``ignored``… (the JSON form)."""
        return f"skill:{self.skill}" if self.kind == "skill" else self.kind


IGNORED = ColumnTarget("ignored")


@dataclass(frozen=True)
class ColumnMapping:
    """A column of the sheet (0-based ``index``; header text as written) and its target."""

    header: str
    index: int
    target: ColumnTarget


@dataclass  # not frozen: a frozen dataclass costs microseconds per row on a 100,000-row import
class ImportedRow:
    """A data row (its cells as read) and its candidate, ``None`` when it was not imported."""

    row: int
    cells: Sequence[Any]
    candidate: Candidate | None

    @cached_property
    def values(self) -> tuple[str, ...]:
        """The cells as the preview shows them (numbers without a spurious ``.0``, percentages with ``%``)."""
        return tuple(cell_text(value) for value in self.cells)


@dataclass(frozen=True)
class ImportReport:
    source: str
    sheet: str | None
    sheets: tuple[str, ...]
    header_row: int
    columns: tuple[ColumnMapping, ...]
    rows: tuple[ImportedRow, ...]
    problems: tuple[ImportProblem, ...]
    scale: RatingScale
    sheet_reason: str = ""
    sub_header_row: int | None = None  # a second header row (ATS exports: "Score" / "Comment" under a skill)
    role_titles: tuple[TitleMatch, ...] = ()  # each job title read from the roles column and the roles it opens

    @property
    def candidates(self) -> list[Candidate]:
        """The candidates of the rows that can be imported, in sheet order."""
        return [row.candidate for row in self.rows if row.candidate is not None]

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def summary(self) -> str:
        """One line for a status bar or the command line."""
        where = f"sheet {self.sheet!r}" if self.sheet else "the file"
        imported = sum(1 for row in self.rows if row.candidate is not None)
        rejected = sum(1 for row in self.rows if row.candidate is None)
        return (
            f"{where}, header row {self.header_row}: {count_text(imported, 'candidate')} ready, "
            f"{count_text(rejected, 'row')} not imported, {count_text(len(self.errors), 'error')}, "
            f"{count_text(len(self.warnings), 'warning')}"
        )

    def problems_in_row(self, row: int) -> list[ImportProblem]:
        """The problems of one spreadsheet row (for the preview)."""
        return [p for p in self.problems if p.row == row]


def cell_text(value: object) -> str:
    """A cell as text (numbers without a spurious ``.0``, percent cells as ``80%``, blank for ``None``)."""
    if value is None:
        return ""
    if isinstance(value, PercentValue):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _column_labels(columns: tuple[ColumnMapping, ...]) -> dict[str, str]:
    """Header -> target; a blank or repeated header is named by its column number instead."""
    out: dict[str, str] = {}
    for mapping in columns:
        key = mapping.header
        if not key or key in out:
            key = f"{mapping.header or '(no header)'} [column {mapping.index + 1}]"
        out[key] = mapping.target.label
    return out


def report_to_dict(report: ImportReport) -> dict[str, Any]:
    """The ``import --json`` document (stable keys, documented in the README)."""
    return {
        "source": report.source,
        "sheet": report.sheet,
        "sheets": list(report.sheets),
        "sheet_reason": report.sheet_reason,
        "header_row": report.header_row,
        "sub_header_row": report.sub_header_row,
        "scale": report.scale.label,
        "columns": _column_labels(report.columns),
        "candidates": [
            {
                "row": row.row,
                "name": row.candidate.name,
                "skills": {skill: _number(value) for skill, value in row.candidate.ratings.items()},
                "cost": _number(row.candidate.cost),
                "email": row.candidate.email,
                "notes": row.candidate.notes,
                "status": row.candidate.status.value,
                "roles": list(row.candidate.roles),
                **({"max_tasks": row.candidate.max_tasks} if row.candidate.max_tasks is not None else {}),
            }
            for row in report.rows
            if row.candidate is not None
        ],
        "role_titles": {match.title: list(match.roles) for match in report.role_titles},
        "problems": [
            {
                "row": p.row,
                "column": p.column,
                "value": p.value,
                "severity": p.severity.value,
                "message": p.message,
            }
            for p in report.problems
        ],
        "summary": {
            "rows": len(report.rows),
            "imported": sum(1 for row in report.rows if row.candidate is not None),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
        },
    }
