"""Candidate import: formats, header detection, column mapping, ratings, costs, problems."""

from __future__ import annotations

import codecs
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planner.errors import ImportProblemError, ValidationError
from planner.io.candidate_import import import_candidates, parse_scale
from planner.io.header_mapping import HeaderDictionary
from planner.io.import_report import ColumnTarget, Severity, report_to_dict
from planner.io.rating_parse import RatingReader, ScaleKind, parse_cost
from planner.model.catalog import Catalog, default_catalog
from tests import spreadsheet_files
from tests.spreadsheet_files import ods_cell, ods_row, ods_table

HEADER = ["Name", "Machine Learning", "SQL", "Cost"]


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(
    path: Path,
    rows: list[list[object]],
    sheet: str = "Sheet1",
    extra_sheets: dict[str, list[list[object]]] | None = None,
) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for name, more in (extra_sheets or {}).items():
        other = book.create_sheet(name)
        for row in more:
            other.append(row)
    book.save(path)
    return path


def write_ods(path: Path, rows: list[list[object]], formulas: dict[tuple[int, int], str] | None = None) -> Path:
    """A small ODS (sheet "People"); ``None`` cells are empty, ``[]`` rows blank."""
    table_rows = [
        ods_row(*(ods_cell(value, formula=(formulas or {}).get((r, c))) for c, value in enumerate(row)))
        for r, row in enumerate(rows)
    ]
    return spreadsheet_files.write_ods(path, [ods_table("People", table_rows)])


def error_messages(report: object) -> list[str]:
    return [f"{p.row}|{p.column}|{p.message}" for p in report.errors]  # type: ignore[attr-defined]


# --- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-16-le", ","), ("cp1252", ";"), ("utf-8", "|")],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, catalog: Catalog, encoding: str, delimiter: str) -> None:
    lines = [
        delimiter.join(HEADER),
        delimiter.join(["Zoë Müller", "4", "3", "120000"]),
        delimiter.join(["Ana", "2", "", ""]),
    ]
    path = write_csv(tmp_path / "people.csv", "\r\n".join(lines) + "\r\n", encoding)
    report = import_candidates(path, catalog)
    assert report.errors == []
    people = report.candidates
    assert [p.name for p in people] == ["Zoë Müller", "Ana"]
    assert people[0].ratings == {"machine_learning": 4.0, "data_query_languages": 3.0}
    assert people[0].cost == 120000
    assert people[1].cost is None and people[1].ratings == {"machine_learning": 2.0}
    assert report.sheet is None and report.sheets == ()


def test_xlsx_title_rows_blank_rows_and_row_numbers(tmp_path: Path, catalog: Catalog) -> None:
    rows: list[list[object]] = [
        ["Applicants export, March"],
        [],
        ["Full name", "ML", "Maths", "SW Engineering", "SQL", "Deep learning (DL)", "Salary", "E-mail", "Comments"],
        ["Ana Garcia", 4, "Developing", 3.5, "80%", "expert", "$185,000", "ana@example.com", "strong"],
        [],
        ["Bo Li", 7, "abc", None, None, None, "185k", None, None],
    ]
    report = import_candidates(write_xlsx(tmp_path / "a.xlsx", rows, sheet="Applicants"), catalog)
    assert report.header_row == 3
    assert report.sheet == "Applicants"
    assert [r.row for r in report.rows] == [4, 6]
    ana = report.candidates[0]
    assert ana.ratings == {
        "machine_learning": 4,
        "mathematics": 3,
        "software_engineering": 3.5,
        "data_query_languages": 4,
        "deep_learning": 5,
    }
    assert (ana.cost, ana.email, ana.notes) == (185000, "ana@example.com", "strong")
    assert report.rows[1].candidate is None  # kept for the preview, not imported
    assert report.rows[1].values[:3] == ("Bo Li", "7", "abc")
    assert error_messages(report) == [
        "6|ML|7 is outside the 0-5 scale",
        "6|Maths|'abc' is not a rating: use a number on the 0-5 scale, a level word "
        "(None, Beginning, Developing, Accomplished) or a percentage",
    ]


def test_ods_is_read_with_formulas_and_blank_rows(tmp_path: Path, catalog: Catalog) -> None:
    rows: list[list[object]] = [["Team list"], [], HEADER, ["Ana", 4, 2, 100000], [], ["Bo", 3, 5, 90000]]
    path = write_ods(tmp_path / "people.ods", rows, formulas={(5, 1): "of:=1+2"})
    report = import_candidates(path, catalog)
    assert report.sheet == "People" and report.sheets == ("People",)
    assert report.header_row == 3
    assert [(r.row, r.candidate.name if r.candidate else None) for r in report.rows] == [(4, "Ana"), (6, "Bo")]
    assert report.candidates[1].ratings["machine_learning"] == 3
    [warning] = report.warnings
    assert (warning.row, warning.column, warning.value) == (6, "Machine Learning", "=1+2")
    assert "formula" in warning.message


def test_sheet_choice_and_unknown_sheet(tmp_path: Path, catalog: Catalog) -> None:
    path = write_xlsx(
        tmp_path / "two.xlsx",
        [["Notes about hiring"]],
        sheet="Readme",
        extra_sheets={"People": [HEADER, ["Ana", 4, 4, 1]], "Other": [HEADER, ["Bo", 1, 1, 1]]},
    )
    report = import_candidates(path, catalog)
    assert report.sheet == "People"  # the first sheet with a header
    assert report.sheets == ("Readme", "People", "Other")
    assert [c.name for c in import_candidates(path, catalog, sheet="Other").candidates] == ["Bo"]
    with pytest.raises(ImportProblemError, match=r"no sheet named 'Nope'.*Readme, People, Other"):
        import_candidates(path, catalog, sheet="Nope")


def test_unreadable_files_raise_clear_errors(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ImportProblemError, match="cannot open"):
        import_candidates(tmp_path / "missing.csv", catalog)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Name,ML\nAna,3\n")
    with pytest.raises(ImportProblemError, match=r"not a valid \.xlsx"):
        import_candidates(fake, catalog)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(ImportProblemError, match=r"\.xls"):
        import_candidates(old, catalog)
    empty = write_csv(tmp_path / "empty.csv", "\n\n")
    with pytest.raises(ImportProblemError, match="empty"):
        import_candidates(empty, catalog)
    no_header = write_csv(tmp_path / "nohead.csv", "a,b,c\n1,2,3\n")
    with pytest.raises(ImportProblemError, match="no header row"):
        import_candidates(no_header, catalog)


def test_source_file_is_not_modified(tmp_path: Path, catalog: Catalog) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ["Ana", 9, 1, 1]])
    before = path.read_bytes()
    import_candidates(path, catalog)
    assert path.read_bytes() == before


# --- headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("ML", "skill:machine_learning"),
        ("machine_learning", "skill:machine_learning"),
        ("Maths", "skill:mathematics"),
        ("SW Engineering", "skill:software_engineering"),
        ("SQL", "skill:data_query_languages"),
        ("Deep learning (DL)", "skill:deep_learning"),
        ("  deep-LEARNING  ", "skill:deep_learning"),
        ("CUDA rating", "skill:accelerator_languages"),
        ("Stats level", "skill:data_science"),
        ("Full name", "name"),
        ("Candidate", "name"),
        ("Annual cost (USD)", "cost"),
        ("Salary", "cost"),
        ("E-mail", "email"),
        ("Comments", "notes"),
        ("Max tasks", "max_tasks"),
        ("Shoe size", "ignored"),
    ],
)
def test_header_mapping(catalog: Catalog, header: str, target: str) -> None:
    assert HeaderDictionary.for_catalog(catalog).target(header).label == target


def test_first_and_last_name_columns(tmp_path: Path, catalog: Catalog) -> None:
    path = write_csv(tmp_path / "n.csv", "First name,Last name,ML,Python\nAna,Garcia,3,yes\n")
    report = import_candidates(path, catalog)
    assert [c.name for c in report.candidates] == ["Ana Garcia"]
    ignored = [p for p in report.warnings if p.column == "Python"]
    assert ignored and "ignored" in ignored[0].message and ignored[0].row == 1


def test_repeated_skill_column_is_reported_and_ignored(tmp_path: Path, catalog: Catalog) -> None:
    report = import_candidates(write_csv(tmp_path / "r.csv", "Name,ML,Machine Learning\nAna,3,5\n"), catalog)
    assert report.candidates[0].ratings == {"machine_learning": 3}
    assert any("already read from column 'ML'" in p.message for p in report.warnings)


def test_column_overrides_and_header_row(tmp_path: Path, catalog: Catalog) -> None:
    path = write_csv(tmp_path / "o.csv", "Candidates 2026\nWho,Python,Stats\nAna,4,2\n")
    report = import_candidates(
        path,
        catalog,
        header_row=2,
        column_overrides={"Who": ColumnTarget("name"), "Python": ColumnTarget("skill", "algorithmic_coding")},
    )
    assert report.header_row == 2
    assert report.candidates[0].ratings == {"algorithmic_coding": 4, "data_science": 2}
    with pytest.raises(ValidationError, match="unknown skill"):
        import_candidates(path, catalog, header_row=2, column_overrides={"Who": ColumnTarget("skill", "nope")})
    with pytest.raises(ImportProblemError, match="row 9"):
        import_candidates(path, catalog, header_row=9)


def test_values_under_a_blank_header_are_reported(tmp_path: Path, catalog: Catalog) -> None:
    report = import_candidates(write_csv(tmp_path / "b.csv", "Name,ML,\nAna,3,secret\n"), catalog)
    assert any("column C has values but no header" in p.message for p in report.warnings)


# --- ratings and scales ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("0", 0),
        ("5", 5),
        ("3.5", 3.5),
        ("3,5", 3.5),
        ("None", 0),
        ("Beginning", 1),
        ("beginner", 1),
        ("Novice", 1),
        ("Developing", 3),
        ("Intermediate", 3),
        ("Advanced", 4),
        ("Accomplished", 5),
        ("Expert", 5),
        ("80%", 4),
        ("0%", 0),
        ("100 %", 5),
    ],
)
def test_rating_cells_on_the_default_scale(tmp_path: Path, catalog: Catalog, cell: str, expected: float) -> None:
    report = import_candidates(write_csv(tmp_path / "r.csv", f"Name;ML\nAna;{cell}\n"), catalog)
    assert report.errors == []
    assert report.candidates[0].ratings["machine_learning"] == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["6", "-1", "5.01", "120%", "great", "3 stars", "#N/A", "TRUE"])
def test_bad_ratings_are_cell_errors_never_clipped(tmp_path: Path, catalog: Catalog, cell: str) -> None:
    report = import_candidates(write_csv(tmp_path / "r.csv", f"Name,ML,SQL\nAna,{cell},3\nBo,2,2\n"), catalog)
    [error] = report.errors
    assert (error.row, error.column, error.value, error.severity) == (2, "ML", cell, Severity.ERROR)
    assert [c.name for c in report.candidates] == ["Bo"]
    assert report.rows[0].candidate is None


def test_stated_scales(tmp_path: Path, catalog: Catalog) -> None:
    path = write_csv(tmp_path / "s.csv", "Name,ML,SQL\nAna,1,10\nBo,5.5,11\n")
    report = import_candidates(path, catalog, scale=parse_scale("1-10"))
    assert report.candidates[0].ratings == {"machine_learning": 0, "data_query_languages": 5}
    assert [(p.row, p.column, p.value) for p in report.errors] == [(3, "SQL", "11")]
    assert report.scale.kind is ScaleKind.LINEAR

    path = write_csv(tmp_path / "w.csv", "Name,ML,SQL,DS\nAna,1,150,300\nBo,0,100,201\n")
    report = import_candidates(path, catalog, scale=parse_scale("workera"))
    assert report.candidates[0].ratings == {"machine_learning": 1, "data_query_languages": 3.4949, "data_science": 5}
    assert [(p.row, p.value) for p in report.errors] == [(3, "0")]

    path = write_csv(tmp_path / "p.csv", "Name,ML\nAna,60\n")
    assert import_candidates(path, catalog, scale=parse_scale("percent")).candidates[0].ratings == {
        "machine_learning": 3
    }


def test_percent_formatted_xlsx_cells(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Name", "ML"])
    ws.append(["Ana", 0.8])
    ws["B2"].number_format = "0%"
    book.save(tmp_path / "p.xlsx")
    assert import_candidates(tmp_path / "p.xlsx", catalog).candidates[0].ratings == {"machine_learning": 4}


def test_parse_scale_words_and_errors() -> None:
    assert parse_scale("1–10").high == 10
    assert parse_scale("0 to 100").low == 0
    assert parse_scale("Percent").kind is ScaleKind.PERCENT
    assert parse_scale("WORKERA").kind is ScaleKind.WORKERA
    for bad in ("ten", "10-1", "", "1-"):
        with pytest.raises(ValidationError, match="scale"):
            parse_scale(bad)


# --- costs, duplicates, formulas ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("185000", 185000),
        ("$185,000", 185000),
        ("185k", 185000),
        ("€ 90.000", 90000),
        ("1.234,56", 1234.56),
        ("1,234.56", 1234.56),
        ("USD 120000", 120000),
        ("1.2M", 1200000),
        ("185.5k", 185500),
        ("", None),
    ],
)
def test_costs(tmp_path: Path, catalog: Catalog, cell: str, expected: float | None) -> None:
    report = import_candidates(write_csv(tmp_path / "c.csv", f'Name;ML;Cost\nAna;3;"{cell}"\n'), catalog)
    assert report.errors == []
    assert report.candidates[0].cost == expected


@pytest.mark.parametrize("cell", ["-5000", "lots", "1,23,4"])
def test_bad_costs_are_errors(tmp_path: Path, catalog: Catalog, cell: str) -> None:
    report = import_candidates(write_csv(tmp_path / "c.csv", f'Name;ML;Cost\nAna;3;"{cell}"\n'), catalog)
    assert [(p.row, p.column, p.value) for p in report.errors] == [(2, "Cost", cell)]


def test_blank_cost_warns_only_when_asked(tmp_path: Path, catalog: Catalog) -> None:
    path = write_csv(tmp_path / "c.csv", "Name,ML,Cost\nAna,3,\n")
    assert import_candidates(path, catalog).problems == ()
    [warning] = import_candidates(path, catalog, warn_blank_cost=True).warnings
    assert (warning.row, warning.column) == (2, "Cost") and "unknown" in warning.message


def test_duplicates(tmp_path: Path, catalog: Catalog) -> None:
    text = "Name,ML,Email\nAna Garcia,3,a@x\nana  garcia,3,a@x\nAna Garcia,4,a@x\nBo,2,A@X\n"
    report = import_candidates(write_csv(tmp_path / "d.csv", text), catalog)
    assert [c.name for c in report.candidates] == ["Ana Garcia", "Bo"]
    found = [(p.row, p.severity, p.message) for p in report.problems]
    assert found == [
        (3, Severity.WARNING, "same candidate as row 2 (identical data): skipped"),
        (4, Severity.ERROR, "name already used in row 2 with different data: rename or remove one"),
        (5, Severity.WARNING, "same email as row 2"),
    ]


def test_missing_name_and_bad_max_tasks(tmp_path: Path, catalog: Catalog) -> None:
    report = import_candidates(write_csv(tmp_path / "m.csv", "Name,ML,Max tasks\n,3,\nBo,2,0\nCy,1,2\n"), catalog)
    assert [(p.row, p.column) for p in report.errors] == [(2, None), (3, "Max tasks")]
    assert report.candidates[0].max_tasks == 2


def _with_cached_value(path: Path, formula: str, cached: str) -> None:
    """openpyxl writes formulas without a computed value; add one as Excel would."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(
        f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{cached}</v>".encode()
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_formula_cells_are_flagged(tmp_path: Path, catalog: Catalog) -> None:
    rows: list[list[object]] = [HEADER, ["Ana", "=1+2", 3, 1000], ["Bo", "=2+2", 1, 1000], ['=CONCAT("x")', 1, 1, 1]]
    path = write_xlsx(tmp_path / "f.xlsx", rows)
    _with_cached_value(path, "1+2", "3")
    report = import_candidates(path, catalog)
    by_row = {p.row: p for p in report.problems}
    assert by_row[2].severity is Severity.WARNING and "last computed value '3'" in by_row[2].message
    assert by_row[2].value == "=1+2"
    assert by_row[3].severity is Severity.ERROR and "without a computed value" in by_row[3].message
    assert by_row[4].severity is Severity.ERROR  # the name is a formula without a value
    assert [c.name for c in report.candidates] == ["Ana"]
    assert report.candidates[0].ratings["machine_learning"] == 3


def test_text_starting_with_equals_is_not_a_formula(tmp_path: Path, catalog: Catalog) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Name", "ML"])
    ws["A2"] = "=HYPERLINK(1)"
    ws["A2"].data_type = "s"
    ws["B2"] = 3
    book.save(tmp_path / "t.xlsx")
    report = import_candidates(tmp_path / "t.xlsx", catalog)
    assert report.problems == ()
    assert report.candidates[0].name == "=HYPERLINK(1)"


# --- report ----------------------------------------------------------------------------------


def test_report_json(tmp_path: Path, catalog: Catalog) -> None:
    path = write_csv(tmp_path / "j.csv", "Name,ML,Cost,Email,Notes,Hobby\nAna,3.5,185k,a@x,nice,chess\nBo,9,,,,\n")
    data = json.loads(json.dumps(report_to_dict(import_candidates(path, catalog))))
    assert data["source"] == str(path) and data["sheet"] is None and data["header_row"] == 1
    assert data["columns"] == {
        "Name": "name",
        "ML": "skill:machine_learning",
        "Cost": "cost",
        "Email": "email",
        "Notes": "notes",
        "Hobby": "ignored",
    }
    assert data["candidates"] == [
        {
            "row": 2,
            "name": "Ana",
            "skills": {"machine_learning": 3.5},
            "cost": 185000,
            "email": "a@x",
            "notes": "nice",
            "status": "applicant",
            "roles": [],
        }
    ]
    assert [(p["row"], p["column"], p["value"], p["severity"]) for p in data["problems"]] == [
        (1, "Hobby", "Hobby", "warning"),
        (3, "ML", "9", "error"),
    ]
    assert data["summary"] == {"rows": 2, "imported": 1, "errors": 1, "warnings": 1}


def test_utf16_without_bom_and_cp1252_detection(tmp_path: Path, catalog: Catalog) -> None:
    text = "Name\tML\r\nRenée\t3\r\n"
    report = import_candidates(write_csv(tmp_path / "u.csv", text, "utf-16-be"), catalog)
    assert report.candidates[0].name == "Renée"
    assert codecs.BOM_UTF16_BE not in (tmp_path / "u.csv").read_bytes()[:2]


# --- properties --------------------------------------------------------------------------------


@given(st.integers(0, 10**9))
def test_cost_formats_round_trip(amount: int) -> None:
    grouped = f"{amount:,}"
    for text in (str(amount), grouped, f"${grouped}", f"€ {grouped.replace(',', '.')}", f"{grouped} USD"):
        assert parse_cost(text) == amount, text


@given(st.floats(0, 5, allow_nan=False).map(lambda v: round(v, 2)))
def test_rating_texts_round_trip(value: float) -> None:
    reader = RatingReader(default_catalog().scale)
    assert reader.read(str(value)) == value
    assert reader.read(str(value).replace(".", ",")) == value
    assert reader.read(value) == value


@given(st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: not 0 <= v <= 5))
def test_ratings_outside_the_scale_are_never_clipped(value: float) -> None:
    result = RatingReader(default_catalog().scale).read(value)
    assert isinstance(result, str) and "outside" in result


@given(st.integers(1, 10), st.integers(11, 1000), st.data())
def test_linear_scales_map_onto_0_to_5(low: int, high: int, data: st.DataObject) -> None:
    value = data.draw(st.integers(low, high))
    rating = RatingReader(default_catalog().scale, parse_scale(f"{low}-{high}")).read(value)
    assert isinstance(rating, float)
    assert rating == pytest.approx((value - low) / (high - low) * 5, abs=1e-4)


def test_instructions_sheet_first_still_finds_the_candidates(tmp_path: Path, catalog: Catalog) -> None:
    """The template's Instructions sheet names skills in its rows; it must not pass for a header."""
    from openpyxl import load_workbook

    from planner.io.candidate_template import write_candidate_template

    path = tmp_path / "moved.xlsx"
    write_candidate_template(catalog, path, candidates=[])
    book = load_workbook(path)
    book.move_sheet("Instructions", offset=-1)
    book["Candidates"].append(["Ana", "", 1000, "", None, "", "", 4])  # …, max tasks, status, applied for, ML
    book.save(path)
    report = import_candidates(path, catalog)
    assert report.sheets == ("Instructions", "Candidates") and report.sheet == "Candidates"
    assert report.candidates[0].ratings == {"machine_learning": 4}


def test_xlsm_and_summary_line(tmp_path: Path, catalog: Catalog) -> None:
    path = write_xlsx(tmp_path / "macro.xlsx", [HEADER, ["Ana", 4, 4, 1], ["Bo", 9, 1, 1]], sheet="Staff")
    macro = path.rename(tmp_path / "macro.xlsm")
    report = import_candidates(macro, catalog)
    assert [c.name for c in report.candidates] == ["Ana"]
    assert report.summary() == (
        "sheet 'Staff', header row 1: 1 candidate ready, 1 row not imported, 1 error, 0 warnings"
    )


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=300), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_text_file_gives_a_report_or_a_clear_error(text: str, encoding: str) -> None:
    """Whatever the file holds, import never crashes: a report, or an ImportProblemError saying why."""
    catalog = default_catalog()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(("Name,ML,Cost\n" + text).encode(encoding, errors="replace"))
        try:
            report = import_candidates(path, catalog)
        except ImportProblemError as exc:
            assert str(exc)
            return
    assert all(p.severity in (Severity.ERROR, Severity.WARNING) for p in report.problems)
    assert all(row.candidate is None or row.candidate.name for row in report.rows)
