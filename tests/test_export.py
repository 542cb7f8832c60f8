"""The plan workbook and the team CSV, read back and checked cell by cell."""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from planner.io.candidate_import import import_candidates
from planner.io.plan_workbook import SHEETS, export_plan_workbook
from planner.io.team_csv import export_team_csv
from planner.io.xlsx_style import MIN_PRINT_SCALE, ExportError, finish_for_print, write_table
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.plan import Coverage, HireRecommendation, Member, Objective, Plan, PlanStatus
from planner.model.project import Project, new_project

STAMP = datetime(2026, 3, 1, 9, 30)


def hand_made_plan(project: Project, assignments: dict[str, tuple[str, tuple[str, ...]]], **extra: object) -> Plan:
    """A plan as the solver would return it: covers, counts and uncovered worked out by hand."""
    requirements = project.requirements()
    people = {c.name: c for c in project.candidates}
    team = []
    for name, (role, tasks) in assignments.items():
        person = people[name]
        covers = tuple(
            Coverage(r.task, r.skill, r.level, person.rating(r.skill))
            for r in requirements
            if r.task in tasks and person.rating(r.skill) >= r.level
        )
        team.append(Member(name, role, tasks, person.cost, covers, fit=0.75))
    counts = {r.key: sum(1 for m in team for c in m.covers if (c.task, c.skill) == r.key) for r in requirements}
    uncovered = tuple(r for r in requirements if counts[r.key] == 0)
    plan_args: dict[str, object] = {
        "status": PlanStatus.OPTIMAL,
        "solve_seconds": 1.25,
        "objective": Objective(uncovered_must=len(uncovered), headcount=len(team), cost=sum(m.cost or 0 for m in team)),
        "settings": project.constraints,
        "roles": {m.candidate: m.tasks for m in team},
        "requirements": requirements,
        "team": tuple(team),
        "uncovered": uncovered,
        "coverage_counts": counts,
    }
    plan_args.update(extra)
    return Plan(**plan_args)  # type: ignore[arg-type]


@pytest.fixture
def project(catalog: Catalog) -> Project:
    people = [
        Candidate(
            "Ana Garcia",
            {
                "machine_learning": 5,
                "deep_learning": 4,
                "mathematics": 4,
                "research": 4,
                "algorithmic_coding": 3,
                "data_science": 4,
                "business_acumen": 3,
                "accelerator_languages": 3,
            },
            180_000,
            "ana@example.com",
        ),
        Candidate(
            "Bo Li",
            {
                "machine_learning": 4,
                "deep_learning": 3,
                "mathematics": 4,
                "algorithmic_coding": 4,
                "data_science": 3,
                "business_acumen": 3,
                "research": 2,
            },
            150_000,
            "bo@example.com",
        ),
        Candidate('=HYPERLINK("http://x")', {"software_engineering": 5}, 90_000, "@evil", "+1 note"),
        Candidate("Cy Ortiz", {"communication": 5}, None),
    ]
    project = new_project(
        "ml",
        name="Vision start-up",
        tasks=["modeling"],
        candidates=people,
        constraints=Constraints(budget=500_000, team_size_max=3, redundancy=1),
    )
    project.requirement_overrides[("modeling", "software_engineering")] = 3  # nobody on the team has it
    return project


@pytest.fixture
def plan(project: Project) -> Plan:
    hire = HireRecommendation("software_engineer", ("modeling",), {"software_engineering": 3}, ())
    return hand_made_plan(
        project,
        {"Ana Garcia": ("machine_learning_researcher", ("modeling",)), "Bo Li": ("data_scientist", ("modeling",))},
        hire_recommendations=(hire,),
    )


def values(ws: object) -> list[list[object]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def column(rows: list[list[object]], header: str, header_row: int = 0) -> list[object]:
    index = rows[header_row].index(header)
    return [row[index] for row in rows[header_row + 1 :]]


def test_workbook_sheets_and_summary(tmp_path: Path, project: Project, plan: Plan) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path, exported_at=STAMP)
    book = load_workbook(path)
    sheets = (*SHEETS[:2], "Offers", *SHEETS[2:7], "Growth", *SHEETS[7:], "Hiring plan", "Development plan")
    assert tuple(book.sheetnames) == sheets
    facts = {row[0]: row[1] for row in values(book["Summary"])[2:20]}
    assert facts["Project"] == "Vision start-up"
    assert facts["Kind"] == "Machine learning project"
    assert facts["Tasks"] == "Modeling"
    assert facts["Status"] == "Proven optimal; 1 requirement cannot be covered by these candidates"
    assert facts["Headcount"] == 2
    assert facts["Total annual cost"] == 330_000
    assert facts["Exported"] == STAMP
    assert facts["Constraints"] == (
        "team size up to 3; budget $500,000; at most 2 tasks per person; "
        "each requirement covered by at least 1 person; smallest team first"
    )
    assert facts["Uncovered requirements"] == len(plan.uncovered) > 0
    assert book["Summary"]["B10"].number_format == '"$"#,##0'
    charts = book["Summary"]._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "BarChart"]


def test_team_sheet(tmp_path: Path, project: Project, plan: Plan) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path)
    ws = load_workbook(path)["Team"]
    rows = values(ws)
    assert column(rows, "Member")[:2] == ["Ana Garcia", "Bo Li"]
    assert column(rows, "Role")[:2] == ["Machine Learning Researcher", "Data Scientist"]
    assert column(rows, "Machine Learning")[:2] == [5, 4]
    assert "Modeling: Machine Learning 4" in column(rows, "Covers")[0]
    assert rows[3][0] == "Total" and rows[3][3] == 330_000
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(rows[0])).column_letter}3"
    assert ws["D2"].number_format == '"$"#,##0'
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True


def test_coverage_statuses_and_colours(tmp_path: Path, catalog: Catalog, project: Project, plan: Plan) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path)
    book = load_workbook(path)
    detail = values(book["Coverage detail"])
    status = {(row[0], row[1]): row[7] for row in detail[1:]}
    # both people cover ML at 4 on Modeling -> a spare; only Ana covers Research; nobody covers SWE
    assert status[("Modeling", "Machine Learning")] == "met"
    assert status[("Modeling", "Research")] == "thin"
    assert status[("Modeling", "Software Engineering")] == "missing"
    grid = book["Coverage"]
    header_row = next(r for r in range(1, 10) if grid.cell(r, 1).value == "Task")
    skills = [grid.cell(header_row, c).value for c in range(1, grid.max_column + 1)]
    ml = grid.cell(header_row + 1, skills.index("Machine Learning") + 1)
    swe = grid.cell(header_row + 1, skills.index("Software Engineering") + 1)
    assert ml.value == "5 / 4" and ml.fill.fgColor.rgb.endswith("C6EFCE")
    assert swe.value == "0 / 3" and swe.fill.fgColor.rgb.endswith("FFC7CE")
    gaps = values(book["Gaps & hires"])
    flat = [cell for row in gaps for cell in row if cell is not None]
    assert "Software Engineering" in flat and "Software Engineer" in flat and "Software Engineering ≥ 3" in flat
    requirements = values(book["Requirements"])
    assert len(requirements) - 1 == len(plan.requirements)


def test_candidates_sheet_marks_the_selected(tmp_path: Path, project: Project, plan: Plan) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path)
    rows = values(load_workbook(path)["Candidates"])
    selected = dict(zip(column(rows, "Name"), column(rows, "Selected"), strict=True))
    assert selected == {"Ana Garcia": "yes", "Bo Li": "yes", '=HYPERLINK("http://x")': "no", "Cy Ortiz": "no"}
    assert column(rows, "Annual cost")[3] is None


def test_text_is_never_a_formula(tmp_path: Path, project: Project, plan: Plan) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path)
    ws = load_workbook(path)["Candidates"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ('=HYPERLINK("http://x")', "@evil", "+1 note"):
        assert cells[text].data_type == "s"
    assert cells['=HYPERLINK("http://x")'].quotePrefix
    # and the importer reads the exported candidate list back as text, not as a formula
    report = import_candidates(path, project.catalog, sheet="Candidates")
    assert '=HYPERLINK("http://x")' in [c.name for c in report.candidates]
    assert not [p for p in report.problems if "formula" in p.message]


def test_infeasible_and_time_limited_status(tmp_path: Path, project: Project, plan: Plan) -> None:
    from dataclasses import replace

    for status, gap, message, expected in [
        (PlanStatus.FEASIBLE, 0.125, "", "Best found in 1.2 s, within 12% of optimal"),
        (PlanStatus.INFEASIBLE, None, "budget too small for must-hires", "Infeasible: budget too small"),
    ]:
        path = tmp_path / f"{status.value}.xlsx"
        export_plan_workbook(project, replace(plan, status=status, gap=gap, message=message), path)
        assert expected in load_workbook(path)["Summary"]["B7"].value


def test_empty_plan_exports(tmp_path: Path, catalog: Catalog) -> None:
    project = new_project("ml", name="Empty", tasks=["modeling"])
    plan = hand_made_plan(project, {})
    export_plan_workbook(project, plan, tmp_path / "e.xlsx")
    book = load_workbook(tmp_path / "e.xlsx")
    assert values(book["Team"])[1][0] == "Total"
    assert all(row[7] == "missing" for row in values(book["Coverage detail"])[1:])


def test_export_is_atomic(tmp_path: Path, project: Project, plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"previous version")

    def broken_save(self: Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(ExportError, match="No space left"):
        export_plan_workbook(project, plan, path)
    assert path.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]
    with pytest.raises(ExportError, match="does not exist"):
        export_plan_workbook(project, plan, tmp_path / "nope" / "plan.xlsx")


def test_team_csv_reads_back_as_candidates(tmp_path: Path, project: Project, plan: Plan) -> None:
    path = tmp_path / "team.csv"
    project.candidates = [
        dataclasses.replace(c, status=CandidateStatus.EMPLOYEE) if c.name == "Bo Li" else c for c in project.candidates
    ]
    export_team_csv(project, plan, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:8] == ["Name", "Assigned role", "Tasks", "Annual cost", "Email", "Status", "Role fit", "Covers"]
    assert [r[5] for r in rows[1:]] == ["applicant", "employee"]
    assert [r[0] for r in rows[1:]] == ["Ana Garcia", "Bo Li"]
    assert rows[1][1] == "Machine Learning Researcher" and rows[1][3] == "180000"
    report = import_candidates(path, project.catalog)
    assert report.errors == []
    people = {c.name: c for c in project.candidates}
    assert [c for c in report.candidates] == [people["Ana Garcia"], people["Bo Li"]]


def test_team_csv_defuses_formulas(tmp_path: Path, project: Project) -> None:
    plan = hand_made_plan(project, {'=HYPERLINK("http://x")': ("software_engineer", ("modeling",))})
    path = tmp_path / "team.csv"
    export_team_csv(project, plan, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and rows[1][4] == "'@evil"
    assert import_candidates(path, project.catalog).candidates[0].name == '=HYPERLINK("http://x")'


def to_pdf(path: Path, out: Path) -> Path:
    """``path`` printed to PDF by LibreOffice, as a manager would print it."""
    profile = (out.parent / "lo-profile").as_uri()  # a private profile: no clash with a running LibreOffice
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.pdf"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_workbook(tmp_path: Path, project: Project, plan: Plan) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path)
    pdf = to_pdf(path, tmp_path / "pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= len(SHEETS)  # at least a page per sheet


def test_control_characters_do_not_break_the_export(tmp_path: Path, project: Project, plan: Plan) -> None:
    from dataclasses import replace

    project.candidates[3] = replace(project.candidates[3], notes="bell\x07 and tab\tok")
    export_plan_workbook(project, plan, tmp_path / "plan.xlsx")
    rows = values(load_workbook(tmp_path / "plan.xlsx")["Candidates"])
    assert column(rows, "Notes")[3] == "bell and tab\tok"


# --- on paper ---------------------------------------------------------------------------


PRINT_STAMP = datetime(2026, 3, 4, 9, 30)


def exported(tmp_path: Path, project: Project, plan: object) -> Workbook:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path, exported_at=PRINT_STAMP)  # type: ignore[arg-type]
    return load_workbook(path)


def test_every_sheet_prints_with_project_sheet_date_and_page_x_of_y(
    tmp_path: Path, project: Project, plan: object
) -> None:
    book = exported(tmp_path, project, plan)
    for ws in book.worksheets:
        assert ws.oddHeader.left.text == "Vision start-up", ws.title
        assert ws.oddHeader.center.text == ws.title.replace("&", "&&")
        assert ws.oddHeader.right.text == "2026-03-04 09:30"
        assert ws.oddFooter.center.text == "Page &P of &N"
        assert ws.page_setup.orientation == "landscape"
    # Table sheets repeat their header row on every printed page.
    for name in ("Team", "Coverage detail", "Requirements", "Candidates"):
        assert book[name].print_title_rows == "$1:$1", name


def test_the_summary_is_a_one_page_executive_summary(tmp_path: Path, project: Project, plan: object) -> None:
    ws = exported(tmp_path, project, plan)["Summary"]
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)
    assert ws.print_area is not None and "$N$" in ws.print_area  # the chart data (column P on) does not print
    texts = [str(c.value) for row in ws.iter_rows(max_col=5) for c in row if c.value is not None]
    assert texts[1] == "Proven optimal; 1 requirement cannot be covered by these candidates"  # the verdict, row 2
    assert {"Team", "Recommended hires", "Gaps: requirements nobody on the team covers"} <= set(texts)
    assert "Ana Garcia" in texts and "Bo Li" in texts  # the team, by name
    assert "Modeling · Software Engineering ≥ 3 (Developing)" in texts  # the gap in words
    assert any(t.startswith("Hire a Software Engineer for Modeling") for t in texts)


def test_candidate_columns_fit_their_content_and_long_text_wraps(
    tmp_path: Path, project: Project, plan: object
) -> None:
    ws = exported(tmp_path, project, plan)["Candidates"]
    headers = {ws.cell(row=1, column=c).value: get_column_letter(c) for c in range(1, ws.max_column + 1)}
    email = headers["Email"]
    longest = max(len(str(ws[f"{email}{r}"].value or "")) for r in range(2, ws.max_row + 1))
    assert ws.column_dimensions[email].width >= longest
    assert ws[f"{headers['Tasks']}2"].alignment.wrap_text and ws[f"{headers['Role']}2"].alignment.wrap_text
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_a_sheet_too_wide_to_read_at_one_page_wide_splits_across_pages_at_a_legible_scale() -> None:
    book = Workbook()
    narrow = book.active
    assert narrow is not None
    narrow.title = "Narrow"
    write_table(narrow, 1, ["Name", "Cost"], [["Ana", 1], ["Bo", 2]])
    wide = book.create_sheet("Added by another room")  # a sheet the plan builder knows nothing about
    write_table(wide, 1, [f"Column {i}" for i in range(40)], [[f"value number {i}" for i in range(40)]])
    finish_for_print(book, "P & Q", PRINT_STAMP)
    assert narrow.page_setup.fitToWidth == 1 and narrow.sheet_properties.pageSetUpPr.fitToPage
    assert not wide.sheet_properties.pageSetUpPr.fitToPage
    assert wide.page_setup.scale == MIN_PRINT_SCALE and wide.print_title_cols == "$A:$A"
    assert wide.oddHeader.center.text == "Added by another room" and wide.oddHeader.left.text == "P && Q"
    assert wide.column_dimensions["A"].width >= len("value number 0")  # widths fit what they hold


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs LibreOffice")
def test_printed_pages_say_which_sheet_they_belong_to(tmp_path: Path, project: Project, plan: object) -> None:
    path = tmp_path / "plan.xlsx"
    export_plan_workbook(project, plan, path, exported_at=PRINT_STAMP)  # type: ignore[arg-type]
    pdf = to_pdf(path, tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    assert "Summary" in pages[0].splitlines()[0] and "Page 1 of" in pages[0]
    assert "Team" in pages[1].splitlines()[0]  # the summary took exactly one page
    heads = [f" {page.splitlines()[0]} " for page in pages]
    assert all(any(f" {s} " in head for head in heads) for s in SHEETS)  # every sheet's pages say whose they are
