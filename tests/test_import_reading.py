"""The right sheet, rows and columns are read, and nothing odd is read silently: sheet choice, hidden
rows and columns, totals rows, error values, loose headers, CSV overflow rows, encodings, two-row
headers, and the status and roles columns."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.io.candidate_import import import_candidates
from planner.io.import_report import ImportReport, Severity, report_to_dict
from planner.model.candidates import CandidateStatus
from planner.model.catalog import Catalog, default_catalog
from tests.spreadsheet_files import ods_cell, ods_row, ods_table, plain_rows, write_ods

HEADER = ["Name", "Machine Learning", "SQL", "Cost"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


def problems(report: ImportReport, severity: Severity | None = None) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message) for p in report.problems if severity is None or p.severity is severity]


def names(report: ImportReport) -> list[str]:
    return [c.name for c in report.candidates]


# --- which sheet ------------------------------------------------------------------------------


def test_candidates_sheet_beats_an_earlier_instructions_sheet(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    guide = book.active
    guide.title = "Instructions"
    guide.append(["How to fill in this workbook"])
    guide.append(["Name", "Machine Learning", "SQL"])  # describes the columns, like a header
    guide.append(["the full name", "0 to 5", "0 to 5"])
    people = book.create_sheet("Candidates")
    people.append([*HEADER, "Deep Learning", "Research"])
    people.append(["Ana", 4, 3, 100000, 2, 1])
    people.append(["Bo", 3, 5, 90000, 1, 4])
    book.save(tmp_path / "book.xlsx")
    report = import_candidates(tmp_path / "book.xlsx", catalog)
    assert report.sheet == "Candidates" and names(report) == ["Ana", "Bo"]
    assert report.sheets == ("Instructions", "Candidates")
    assert "'Instructions'" in report.sheet_reason and "header" in report.sheet_reason
    assert report_to_dict(report)["sheet_reason"] == report.sheet_reason


def workbook(path: Path, sheets: dict[str, list[list[object]]], *, active: int = 0, hidden: str = "") -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title == hidden:
            ws.sheet_state = "hidden"
    book.active = active
    book.save(path)
    return path


def test_visible_active_sheet_beats_a_hidden_one(tmp_path: Path, catalog: Catalog) -> None:
    sheets = {"Old list": [HEADER, ["Zed", 1, 1, 1]], "Candidates": [HEADER, ["Ana", 4, 3, 100000]]}
    report = import_candidates(workbook(tmp_path / "b.xlsx", sheets, active=1, hidden="Old list"), catalog)
    assert report.sheet == "Candidates" and names(report) == ["Ana"]
    assert "'Old list' (hidden" in report.sheet_reason and "active" in report.sheet_reason


def test_active_sheet_wins_between_equal_sheets(tmp_path: Path, catalog: Catalog) -> None:
    sheets = {"March": [HEADER, ["Ana", 4, 3, 100000]], "April": [HEADER, ["Bo", 3, 5, 90000]]}
    report = import_candidates(workbook(tmp_path / "b.xlsx", sheets, active=1), catalog)
    assert report.sheet == "April" and "it is the active sheet" in report.sheet_reason


def test_ods_sheet_choice_uses_visibility_and_the_active_sheet(tmp_path: Path, catalog: Catalog) -> None:
    table = plain_rows([HEADER, ["Ana", 4, 3, 1]])
    path = write_ods(
        tmp_path / "b.ods",
        [
            ods_table("Hidden", plain_rows([HEADER, ["Zed", 1, 1, 1]]), hidden=True),
            ods_table("One", table),
            ods_table("Two", plain_rows([HEADER, ["Bo", 3, 5, 1]])),
        ],
        active="Two",
    )
    report = import_candidates(path, catalog)
    assert report.sheet == "Two" and names(report) == ["Bo"]


# --- hidden rows and columns ---------------------------------------------------------------------


def test_hidden_and_filtered_rows_are_reported(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    ws.append(["Ana", 4, 3, 100000])
    ws.append(["Bo", 3, 5, 90000])
    ws.append(["Cy", 2, 2, 80000])
    ws.auto_filter.ref = "A1:D4"
    ws.row_dimensions[3].hidden = True  # filtered out
    ws.row_dimensions[4].hidden = True  # hidden by hand
    book.save(tmp_path / "f.xlsx")
    report = import_candidates(tmp_path / "f.xlsx", catalog)
    hidden = [(row, message) for row, _, message in problems(report, Severity.WARNING) if "hidden" in message]
    assert [row for row, _ in hidden] == [3, 4]
    assert "by a filter or by hand" in hidden[0][1]


def test_hidden_ods_rows_are_reported(tmp_path: Path, catalog: Catalog) -> None:
    rows = [
        *plain_rows([HEADER, ["Ana", 4, 3, 1]]),
        ods_row(ods_cell("Bo"), ods_cell(3), ods_cell(5), ods_cell(1), hidden=True),
    ]
    report = import_candidates(write_ods(tmp_path / "h.ods", [ods_table("P", rows)]), catalog)
    assert [row for row, _, message in problems(report) if "hidden" in message] == [3]


def test_visible_column_beats_a_hidden_one_of_the_same_meaning(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    ws.append(["Name", "ML", "SQL", "Machine Learning"])
    ws.append(["Ana", 1, 3, 5])
    ws.column_dimensions["B"].hidden = True
    book.save(tmp_path / "c.xlsx")
    report = import_candidates(tmp_path / "c.xlsx", catalog)
    assert report.candidates[0].ratings["machine_learning"] == 5
    duplicate = "already read from column 'Machine Learning'"
    assert any(column == "ML" and duplicate in m for _, column, m in problems(report))


def test_hidden_column_read_alone_is_reported(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    ws.append(["Ana", 1, 3, 5])
    ws.column_dimensions["C"].hidden = True
    book.save(tmp_path / "c.xlsx")
    report = import_candidates(tmp_path / "c.xlsx", catalog)
    assert any(column == "SQL" and "hidden" in m for _, column, m in problems(report, Severity.WARNING))


# --- rows that are not candidates ---------------------------------------------------------------


def test_totals_row_is_not_a_candidate(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    ws.append(["Ana", 4, 3, 100000])
    ws.append(["Bo", 3, 5, 90000])
    ws.append(["Total", "=SUBTOTAL(109,B2:B3)", None, "=SUBTOTAL(109,D2:D3)"])
    book.save(tmp_path / "t.xlsx")
    report = import_candidates(tmp_path / "t.xlsx", catalog)
    assert names(report) == ["Ana", "Bo"]
    assert (4, "Name", "a totals row, not a candidate: not imported") in problems(report, Severity.ERROR)


def test_error_values_and_non_text_names(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    ws.append(["Ana", 4, 3, 100000])
    ws.append(["#N/A", 3, 5, 90000])
    ws["A3"].data_type = "e"  # an error value, as a failed lookup leaves it
    ws.append([True, 3, 5, 90000])
    ws.append([42, 3, 5, 90000])
    ws.append([date(2024, 1, 2), 3, 5, 90000])
    book.save(tmp_path / "e.xlsx")
    report = import_candidates(tmp_path / "e.xlsx", catalog)
    assert names(report) == ["Ana"]
    errors = {row: message for row, _, message in problems(report, Severity.ERROR)}
    assert errors[3] == "the cell shows the error #N/A"
    assert "true/false" in errors[4] and "a number" in errors[5] and "a date" in errors[6]


# --- headers -------------------------------------------------------------------------------------


def test_loose_header_matches_are_warnings_naming_the_column(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "loose.csv"
    path.write_text("Name,Engineering Level,Rate,Machine Learning\nAna,3,650,4\n", encoding="utf-8")
    report = import_candidates(path, catalog)
    warnings = {column: message for _, column, message in problems(report, Severity.WARNING)}
    assert "the skill Software Engineering" in warnings["Engineering Level"]
    assert "loose" in warnings["Engineering Level"]
    assert "the cost" in warnings["Rate"] and "loose" in warnings["Rate"]
    assert "Machine Learning" not in warnings  # an exact match needs no word


def test_two_row_ats_header(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    ws.append(["Candidate", "Machine Learning", None, "SQL", None, "Email"])
    ws.append([None, "Score", "Comment", "Score", "Comment", None])
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    ws.append(["Ana", 4, "strong", 3, "ok", "ana@x"])
    ws.append(["Bo", 2, "junior", 5, "great", "bo@x"])
    book.save(tmp_path / "ats.xlsx")
    report = import_candidates(tmp_path / "ats.xlsx", catalog)
    assert report.errors == []
    assert report.sub_header_row == 2
    assert [c.ratings for c in report.candidates] == [
        {"machine_learning": 4, "data_query_languages": 3},
        {"machine_learning": 2, "data_query_languages": 5},
    ]
    assert [c.email for c in report.candidates] == ["ana@x", "bo@x"]
    [note] = [m for row, _, m in problems(report) if row == 2]
    assert "2 comment columns" in note


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_row_with_more_values_than_headers_is_an_error(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "shift.csv"
    path.write_text("Name,ML,SQL,Cost\nAna,4,3,100000\nMaya,3,5,4,2\nBo,3,5,90000,,\n", encoding="utf-8")
    report = import_candidates(path, catalog)
    assert names(report) == ["Ana", "Bo"]  # trailing empty values are harmless
    [(row, _, message)] = problems(report, Severity.ERROR)
    assert row == 3 and "5 values but the header has 4 columns" in message


def test_one_windows_1252_line_does_not_garble_a_utf8_file(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "mixed.csv"
    lines = ["Name,ML", "José Núñez,4", "Zoë Ångström,3"]
    data = ("\n".join(lines) + "\n").encode("utf-8") + "Renée,2\n".encode("cp1252")
    path.write_bytes(data)
    report = import_candidates(path, catalog)
    assert names(report) == ["José Núñez", "Zoë Ångström", "Renée"]
    [(row, _, message)] = problems(report, Severity.WARNING)
    assert row == 4 and "Windows-1252" in message


def test_shift_jis_file_is_decoded_and_the_encoding_reported(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "sjis.csv"
    text = "名前,ML,SQL\n山田太郎,4,3\n佐藤花子,3,5\n鈴木一郎,2,2\n高橋美咲,5,4\n田中健太,1,3\n"
    path.write_bytes(text.encode("shift_jis"))
    report = import_candidates(path, catalog, column_overrides={"名前": _target("name")})
    assert names(report) == ["山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太"]
    notes = [m for row, _, m in problems(report, Severity.WARNING) if row is None]
    assert any("not UTF-8" in m and ("shift_jis" in m or "cp932" in m) for m in notes)


def _target(kind: str) -> object:
    from planner.io.import_report import ColumnTarget

    return ColumnTarget(kind)


# --- status and roles --------------------------------------------------------------------------


def test_status_column(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "status.csv"
    path.write_text(
        "Name,ML,Internal\nAna,4,yes\nBo,3,no\nCy,2,external\nDi,2,Employee\nEd,1,LinkedIn\n", encoding="utf-8"
    )
    report = import_candidates(path, catalog)
    assert [c.status for c in report.candidates] == [
        CandidateStatus.EMPLOYEE,
        CandidateStatus.APPLICANT,
        CandidateStatus.APPLICANT,
        CandidateStatus.EMPLOYEE,
        CandidateStatus.APPLICANT,
    ]
    [(row, column, message)] = problems(report, Severity.WARNING)
    assert (row, column) == (6, "Internal") and "'LinkedIn'" in message
    assert report_to_dict(report)["columns"]["Internal"] == "status"


def test_employee_column_is_the_status_unless_it_holds_the_names(tmp_path: Path, catalog: Catalog) -> None:
    with_names = tmp_path / "a.csv"
    with_names.write_text("Name,ML,Employee\nAna,4,yes\n", encoding="utf-8")
    assert import_candidates(with_names, catalog).candidates[0].status is CandidateStatus.EMPLOYEE
    only = tmp_path / "b.csv"
    only.write_text("Employee,ML,SQL\nAna,4,3\n", encoding="utf-8")
    assert names(import_candidates(only, catalog)) == ["Ana"]


def test_roles_column(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "roles.csv"
    path.write_text(
        'Name,ML,Applied for\nAna,4,Senior Machine Learning Researcher\nBo,3,"Data Engineer; Business Analyst"\n'
        "Cy,2,Chef\nDi,2,\n",
        encoding="utf-8",
    )
    report = import_candidates(path, catalog)
    roles = {c.name: c.roles for c in report.candidates}
    assert roles["Ana"] == ("machine_learning_researcher",)
    assert roles["Bo"] == ("data_analyst", "software_engineer")
    assert roles["Cy"] == () and roles["Di"] == ()
    [(row, column, message)] = problems(report, Severity.WARNING)
    assert (row, column) == (4, "Applied for") and "'Chef'" in message and "every role" in message
    data = json.loads(json.dumps(report_to_dict(report)))
    assert data["columns"]["Applied for"] == "roles"
    assert data["candidates"][1]["roles"] == ["data_analyst", "software_engineer"]
    assert data["role_titles"]["Chef"] == []


def test_a_title_that_fits_several_roles_opens_all(catalog: Catalog) -> None:
    from planner.io.role_titles import RoleTitles

    titles = RoleTitles(catalog)
    opened = titles.roles_for("Research Scientist")
    assert set(opened) == {"data_scientist", "data_analyst", "machine_learning_engineer", "machine_learning_researcher"}
    match = titles.match_all(["Research Scientist"])[0]
    assert titles.describe(match).startswith("Research Scientist → Data Scientist, Data Analyst")


def test_a_title_that_is_a_role_name_opens_only_that_role(tmp_path: Path, catalog: Catalog) -> None:
    """Role names that are also in the Data Scientist's Playbook titles (Data Analyst, Machine Learning Engineer)."""
    path = tmp_path / "roles.csv"
    path.write_text(
        "Name,ML,Applied for\nAna,4,Data Analyst\nBo,3,Senior Machine Learning Engineer\n"
        "Cy,2,software engineer\nDi,2,Research Scientist\n",
        encoding="utf-8",
    )
    report = import_candidates(path, catalog)
    roles = {c.name: c.roles for c in report.candidates}
    assert roles["Ana"] == ("data_analyst",)
    assert roles["Bo"] == ("machine_learning_engineer",)
    assert roles["Cy"] == ("software_engineer",)
    assert len(roles["Di"]) > 1  # a title that is only terminology still opens every role it names
    assert report_to_dict(report)["role_titles"]["Data Analyst"] == ["data_analyst"]
