"""The calamine-based reader against openpyxl on workbooks laid out as Excel and LibreOffice write them
(shared strings, rich text, styles, formulas with cached values), not only as openpyxl writes them."""

# ruff: noqa: E501 - the XML parts are kept on one line each, as Excel writes them

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from planner.io.candidate_import import import_candidates
from planner.io.candidate_template import write_candidate_template
from planner.io.import_report import Severity
from planner.io.rating_parse import PercentValue
from planner.io.sheet_reader import ErrorValue, read_sheet
from planner.model.catalog import Catalog
from planner.model.samples import generate_pool

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Read me" sheetId="1" r:id="rId2"/><sheet name="Team &amp; co" sheetId="2" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
SHARED = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">
<si><t>Candidates, spring hiring</t></si>
<si><t>Name</t></si>
<si><t>ML</t></si>
<si><t>SQL</t></si>
<si><t>Salary</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Ana </t></r><r><t xml:space="preserve">García</t></r><rPh sb="0" eb="1"><t>ガ</t></rPh></si>
<si><t>Tom &amp; &lt;Jerry&gt;_x000D_</t></si>
<si><t>Started</t></si>
<si><t>Developing</t></si>
</sst>"""
SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<dimension ref="A1"/>
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c></row>
<row r="2" spans="1:5"/>
<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c><c r="D3" t="s"><v>4</v></c><c r="E3" t="s"><v>7</v></c></row>
<row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4" s="1"><v>0.8</v></c><c r="C4" t="s"><v>8</v></c><c r="D4"><v>185000</v></c><c r="E4" s="2"><v>45352</v></c></row>
<row r="6"><c r="A6" t="s"><v>6</v></c><c r="B6"><f>2+1</f><v>3</v></c><c r="C6"><f t="shared" ref="C6:C7" si="0">B6</f><v>3</v></c><c r="D6" t="e"><v>#N/A</v></c></row>
<row r="7"><c r="A7" t="inlineStr"><is><t>Bo &quot;Li&quot;</t></is></c><c><v>4.5</v></c><c r="C7"><f t="shared" si="0"/><v>4.5</v></c><c r="D7" t="str"><f>"9"&amp;"0000"</f><v>90000</v></c><c r="E7" t="b"><v>1</v></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>Cy</t></is></c><c r="B9"><f>1/0</f><v></v></c><c r="C9"/></row>
</sheetData>
</worksheet>"""
README_SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Nothing to import here</t></is></c></row></sheetData></worksheet>"""


def excel_like_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET)
        archive.writestr("xl/worksheets/sheet2.xml", README_SHEET)
    return path


def trimmed(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    out = []
    for row in rows:
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        out.append(tuple(values))
    while out and not out[-1]:
        out.pop()
    return out


def test_reader_reads_excel_layout(tmp_path: Path) -> None:
    data = read_sheet(excel_like_workbook(tmp_path / "excel.xlsx"), None, lambda rows: int(len(rows) > 2))
    assert data.sheets == ("Read me", "Team & co") and data.sheet == "Team & co"
    rows = trimmed([tuple(None if v == "" else v for v in row) for row in data.rows])
    assert rows[3] == ("Ana García", 0.8, "Developing", 185000, date(2024, 3, 1))
    assert rows[5] == ("Tom & <Jerry>\r", 3, 3, "#N/A")
    assert rows[6] == ('Bo "Li"', 4.5, 4.5, "90000", True)
    assert rows[8] == ("Cy",)
    assert rows[1] == () and rows[4] == () and rows[7] == ()
    assert data.formulas == {
        (5, 1): "=2+1",
        (5, 2): "=B6",
        (6, 2): "=(shared formula)",
        (6, 3): '="9"&"0000"',
        (8, 1): "=1/0",
    }
    assert isinstance(rows[3][1], PercentValue) and not isinstance(rows[5][1], PercentValue)
    assert isinstance(rows[5][3], ErrorValue)


def test_reader_agrees_with_openpyxl(tmp_path: Path) -> None:
    """calamine and openpyxl (cached values) read the same cells."""
    from openpyxl import load_workbook

    path = excel_like_workbook(tmp_path / "excel.xlsx")
    ours = read_sheet(path, "Team & co", lambda rows: 1)
    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book["Team & co"]
    sheet.reset_dimensions()  # the sheet declares A1 as its extent, as some generators do
    theirs = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    # openpyxl leaves Excel's escaped control characters (_x000D_) as they are; calamine decodes them
    theirs = [tuple(v.replace("_x000D_", "\r") if isinstance(v, str) else v for v in row) for row in theirs]
    theirs = [
        tuple(v.date() if isinstance(v, datetime) and v.hour == v.minute == v.second == 0 else v for v in row)
        for row in theirs
    ]
    mine = [tuple(None if v == "" else v for v in row) for row in ours.rows]
    assert trimmed(mine) == trimmed(theirs)


def test_import_of_excel_layout(tmp_path: Path, catalog: Catalog) -> None:
    report = import_candidates(excel_like_workbook(tmp_path / "excel.xlsx"), catalog)
    assert report.sheet == "Team & co" and report.header_row == 3
    ana, bo = report.candidates
    assert (ana.name, ana.ratings, ana.cost) == (
        "Ana García",
        {"machine_learning": 4, "data_query_languages": 3},
        185000,
    )
    assert (bo.name, bo.ratings, bo.cost) == ('Bo "Li"', {"machine_learning": 4.5, "data_query_languages": 4.5}, 90000)
    problems = {(p.row, p.column, p.severity): p for p in report.problems}
    assert problems[(6, "ML", Severity.WARNING)].value == "=2+1"  # a formula: its cached 3 is used, with a warning
    assert problems[(6, "Salary", Severity.ERROR)].value == "#N/A"  # so Tom's row is kept out
    assert report.rows[1].values[0].startswith("Tom & <Jerry>") and report.rows[1].candidate is None
    assert (7, "Salary", Severity.WARNING) in problems
    assert "without a computed value" in problems[(9, "ML", Severity.ERROR)].message
    assert report.rows[0].values[1] == "80%"
    assert any(p.column == "Started" and "ignored" in p.message for p in report.warnings)


def test_reader_round_trips_the_template(tmp_path: Path, catalog: Catalog) -> None:
    pool = generate_pool(catalog, 30, seed=5)
    write_candidate_template(catalog, tmp_path / "t.xlsx", candidates=pool)
    assert import_candidates(tmp_path / "t.xlsx", catalog).candidates == pool


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_libreoffice_saved_workbook(tmp_path: Path, catalog: Catalog, kind: str) -> None:
    """LibreOffice rewrites the template with shared strings and its own styles, and as ODS and XLS
    (it cannot write XLSB; calamine reads that format the same way)."""
    pool = generate_pool(catalog, 40, seed=9)
    source = tmp_path / "src" / "people.xlsx"
    source.parent.mkdir()
    write_candidate_template(catalog, source, candidates=pool)
    out = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()
    filters = {"xls": "xls:MS Excel 97"}
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            filters.get(kind, kind),
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / f"people.{kind}"
    assert import_candidates(saved, catalog).candidates == pool


def test_prefixed_sheet_xml(tmp_path: Path, catalog: Catalog) -> None:
    """Some generators write ``<x:worksheet>``…: calamine reads it, and the markup look still finds the formulas."""
    path = excel_like_workbook(tmp_path / "prefixed.xlsx")
    sheet = SHEET.replace('<worksheet xmlns="', '<x:worksheet xmlns:x="').replace("</worksheet>", "</x:worksheet>")
    sheet = re.sub(r"<(/?)(sheetData|row|c|v|f|is|t|dimension)\b", r"<\1x:\2", sheet)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    report = import_candidates(path, catalog)
    assert [c.name for c in report.candidates] == ["Ana García", 'Bo "Li"']
    assert any(p.value == "=2+1" for p in report.warnings)
