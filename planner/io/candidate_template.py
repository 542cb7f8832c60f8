"""A candidate template workbook: the columns the importer reads, a 0–5 drop-down on every
skill column, Employee/Applicant on the Status column, the catalog's role names on the
Applied-for column, and an Instructions sheet explaining the scale and the skills.

Optionally pre-filled with candidates (an "export candidates" that imports back exactly:
``import_candidates(write_candidate_template(catalog, path, candidates=c)).candidates == c``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planner.io.xlsx_style import (
    RATING_FORMAT,
    SECTION_FONT,
    TITLE_FONT,
    WRAP,
    currency_format,
    fit_row_heights,
    print_setup,
    put,
    save_atomically,
    set_widths,
    write_table,
)
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog
from planner.wording import status_word

FIELD_COLUMNS = ("Name", "Email", "Annual cost", "Notes", "Max tasks", "Status", "Applied for")
ROLE_SEPARATOR = "; "  # several roles in one Applied-for cell
BLANK_ROWS = 500  # validated rows below the last candidate


def write_candidate_template(
    catalog: Catalog, path: Path, *, candidates: Sequence[Candidate] = (), currency: str = "$"
) -> None:
    """Write the template (atomically); raises ``ExportError`` if it cannot."""
    save_atomically(build_candidate_template(catalog, candidates, currency=currency), Path(path))


def build_candidate_template(
    catalog: Catalog, candidates: Sequence[Candidate] = (), *, currency: str = "$"
) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Candidates"
    _candidates_sheet(sheet, catalog, candidates, currency)
    _instructions_sheet(book.create_sheet("Instructions"), catalog)
    return book


def _candidates_sheet(ws: Worksheet, catalog: Catalog, candidates: Sequence[Candidate], currency: str) -> None:
    headers = [*FIELD_COLUMNS, *[s.name for s in catalog.skills]]
    rows = [
        [
            c.name,
            c.email,
            c.cost,
            c.notes,
            c.max_tasks,
            status_word(c.status),
            applied_for_text(catalog, c.roles),
            *[c.ratings.get(s.id) for s in catalog.skills],
        ]
        for c in candidates
    ]
    first_skill = len(FIELD_COLUMNS) + 1
    formats = {2: currency_format(currency), **{first_skill - 1 + i: RATING_FORMAT for i in range(len(catalog.skills))}}
    write_table(ws, 1, headers, rows, formats=formats)
    last_row = len(rows) + 1 + BLANK_ROWS
    levels = ",".join(str(v) for v in range(catalog.scale.min, catalog.scale.max + 1))
    ratings = DataValidation(
        type="list",
        formula1=f'"{levels}"',
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle="Rating",
        error=f"Ratings go from {catalog.scale.min} to {catalog.scale.max} (decimals are fine).",
        promptTitle="Rating",
        prompt=_level_prompt(catalog),
        showInputMessage=True,
    )
    ratings.add(f"{get_column_letter(first_skill)}2:{get_column_letter(len(headers))}{last_row}")
    cost = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error="A cost is a number, zero or more.",
    )
    cost.add(f"C2:C{last_row}")
    tasks = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        error="Max tasks is a whole number, 1 or more (blank: no cap).",
    )
    tasks.add(f"E2:E{last_row}")
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(status_word(v) for v in CandidateStatus) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        error="Employee (current staff) or Applicant; yes/no and internal/external are read too.",
        promptTitle="Status",
        prompt="Employee: already works here. Applicant: someone to make an offer to (the default when blank).",
        showInputMessage=True,
    )
    status.add(f"F2:F{last_row}")
    applied = DataValidation(
        type="list",
        formula1='"' + ",".join(r.name for r in catalog.roles) + '"',
        allow_blank=True,
        showErrorMessage=False,  # several roles may be typed, separated by ";"
        promptTitle="Applied for",
        prompt="The role(s) the person applied for or is open to (several: separate with ;). Blank: any role.",
        showInputMessage=True,
    )
    applied.add(f"G2:G{last_row}")
    for validation in (ratings, cost, tasks, status, applied):
        ws.add_data_validation(validation)
    for row in range(len(rows) + 2, last_row + 1):  # the blank rows keep the formats too
        ws.cell(row=row, column=3).number_format = currency_format(currency)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(2, len(rows) + 1)}"
    ws.row_dimensions[1].height = 32
    set_widths(ws, [24, 28, 13, 30, 10, 12, 30, *[13] * len(catalog.skills)])
    print_setup(ws, "1:1")


def applied_for_text(catalog: Catalog, roles: tuple[str, ...]) -> str:
    """The Applied-for cell of a person: their roles by name ("" when open to every role)."""
    return ROLE_SEPARATOR.join(catalog.role(r).name if r in catalog.role_ids else r for r in roles)


def _level_prompt(catalog: Catalog) -> str:
    parts = []
    for level in catalog.scale.levels:
        parts.append(f"{level.value} {level.name}")
    return ", ".join(parts)[:250]  # Excel limits prompts to 255 characters


def _instructions_sheet(ws: Worksheet, catalog: Catalog) -> None:
    put(ws, 1, 1, "How to fill in the candidate template", font=TITLE_FONT)
    lines = [
        "One row per candidate on the Candidates sheet; keep the header row as it is.",
        "Name is required and must be unique. Email, annual cost, notes and max tasks are optional.",
        f"Ratings: {catalog.scale.min}–{catalog.scale.max} (decimals allowed, e.g. 3.5); leave a cell blank for no "
        "rating (counts as 0). Level words are read too: None, Beginning, Developing, Accomplished, "
        "and Beginner, Novice, Intermediate, Advanced, Expert.",
        "Annual cost: a number (185000); blank means unknown. Max tasks: a whole number that lowers "
        "the project's tasks-per-person cap for this person.",
        "Status: Employee (already works here: with a new-spend budget their pay is not counted) or Applicant "
        "(the default). Applied for: the role or roles (separated by ;) the person applied for or is open to; "
        "the solver gives them only one of those. A role's name opens that role; another job title is read with the "
        "Playbook's terminology, so it may open several roles (the import shows which); blank means open to every "
        "role.",
        "Extra columns are allowed: the import reports them as ignored.",
        "Save as .xlsx (or .csv/.ods) and import it with File ▸ Import candidates, or the command line: import FILE.",
    ]
    for row, text in enumerate(lines, start=3):
        put(ws, row, 1, f"• {text}").alignment = WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.row_dimensions[row].height = 15 * (1 + len(text) // 110)
    top = len(lines) + 4
    put(ws, top, 1, "Rating scale", font=SECTION_FONT)
    last = write_table(ws, top + 1, ["Rating", "Level"], [[lv.value, lv.name] for lv in catalog.scale.levels])
    top = last + 2
    put(ws, top, 1, "Skills (the column headers)", font=SECTION_FONT)
    write_table(
        ws,
        top + 1,
        ["Column", "What it means", "Also recognised as", "Id"],
        [[s.name, s.description, ", ".join(s.aliases), s.id] for s in catalog.skills],
        wrap_columns=(1, 2),
    )
    set_widths(ws, [26, 60, 40, 24])
    fit_row_heights(ws, first_row=top + 1)
    print_setup(ws)
