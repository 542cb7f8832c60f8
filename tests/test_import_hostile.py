"""Damaged and hostile spreadsheets: each gives a one-line ImportProblemError naming the file, never a
traceback, and files that would expand without limit are refused before they are expanded."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.errors import ImportProblemError
from planner.io.candidate_import import import_candidates
from planner.model.catalog import Catalog, default_catalog
from tests.spreadsheet_files import ods_cell, ods_row, ods_table, plain_rows, write_ods

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


def good_xlsx(path: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "Candidates"
    ws.append(["Name", "Machine Learning", "SQL"])
    ws.append(["Ana", 4, 3])
    ws.append(["Bo", 3, 5])
    book.save(path)
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def with_sheet(path: Path, sheet_xml: bytes) -> Path:
    members = parts(good_xlsx(path))
    members[SHEET] = sheet_xml
    return rewrite(path, members)


def refused(path: Path, catalog: Catalog, *words: str) -> str:
    with pytest.raises(ImportProblemError) as caught:
        import_candidates(path, catalog)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    for word in words:
        assert word in message
    return message


def sheet_xml(body: str, head: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'{head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>ML</t></is></c><c r="C1" t="inlineStr"><is><t>SQL</t></is></c></row>'
)


# --- crashes -------------------------------------------------------------------------------


def test_corrupt_deflate_stream(tmp_path: Path, catalog: Catalog) -> None:
    path = good_xlsx(tmp_path / "corrupt.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    data[start + 2 : start + info.compress_size - 2] = b"\xff" * (info.compress_size - 4)
    path.write_bytes(bytes(data))
    refused(path, catalog, "damaged")


def test_member_name_not_utf8(tmp_path: Path, catalog: Catalog) -> None:
    path = good_xlsx(tmp_path / "names.xlsx")
    members = parts(path)
    members["xl/media/imagé.png"] = b"x"
    rewrite(path, members)
    path.write_bytes(path.read_bytes().replace("imagé".encode(), b"imag\xff\xfe"))
    refused(path, catalog, "damaged")


@pytest.mark.parametrize(
    ("mimetype", "suffix", "what"),
    [
        ("application/vnd.oasis.opendocument.text", ".odt", "text document"),
        ("application/vnd.oasis.opendocument.presentation", ".odp", "presentation"),
        ("application/vnd.oasis.opendocument.text", ".ods", "text document"),  # renamed
    ],
)
def test_odf_documents_that_are_not_spreadsheets(
    tmp_path: Path, catalog: Catalog, mimetype: str, suffix: str, what: str
) -> None:
    path = write_ods(tmp_path / f"doc{suffix}", [], mimetype=mimetype)
    refused(path, catalog, what, "not a spreadsheet")


def test_cell_far_past_the_last_column(tmp_path: Path, catalog: Catalog) -> None:
    body = HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c><c r="ZZZZZZ2"><v>1</v></c></row>'
    refused(with_sheet(tmp_path / "far.xlsx", sheet_xml(body)), catalog, "beyond Excel's last row or column")


def test_cell_far_past_the_last_row(tmp_path: Path, catalog: Catalog) -> None:
    body = HEADER_ROW + '<row r="2"><c r="A99999999"><v>1</v></c></row>'
    refused(with_sheet(tmp_path / "deep.xlsx", sheet_xml(body)), catalog, "beyond Excel's last row")


def test_two_cells_far_apart_within_excel_limits(tmp_path: Path, catalog: Catalog) -> None:
    """Row 99,999 and column ZZ: each within a candidate list's limits, together 70 million cells."""
    body = HEADER_ROW + '<row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="ZZ99999"><v>1</v></c></row>'
    refused(with_sheet(tmp_path / "apart.xlsx", sheet_xml(body)), catalog, "too many cells")


def test_cells_without_references_cannot_hide_a_huge_row(tmp_path: Path, catalog: Catalog) -> None:
    body = HEADER_ROW + '<row r="2">' + "<c><v>1</v></c>" * 20_000 + "</row>"
    refused(with_sheet(tmp_path / "wide.xlsx", sheet_xml(body)), catalog, "columns")


@pytest.mark.parametrize(
    "damage",
    [
        HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c>',  # truncated
        HEADER_ROW + '<row r="2"><c r="A2"><v>1</v></row>',  # malformed
    ],
)
def test_malformed_or_truncated_sheet_xml(tmp_path: Path, catalog: Catalog, damage: str) -> None:
    xml = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{damage}"
    )
    refused(with_sheet(tmp_path / "bad.xlsx", xml.encode()), catalog)


def test_malformed_shared_strings(tmp_path: Path, catalog: Catalog) -> None:
    path = good_xlsx(tmp_path / "sst.xlsx")
    members = parts(path)
    members["xl/sharedStrings.xml"] = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    members[SHEET] = sheet_xml(HEADER_ROW.replace('t="inlineStr"><is><t>Name</t></is>', 't="s"><v>0</v>', 1))
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    refused(rewrite(path, members), catalog)


def test_shared_strings_declaring_billions_of_strings(tmp_path: Path, catalog: Catalog) -> None:
    path = good_xlsx(tmp_path / "count.xlsx")
    members = parts(path)
    members["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" '
        b'uniqueCount="4000000000"><si><t>Name</t></si></sst>'
    )
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    refused(rewrite(path, members), catalog, "shared strings")


def test_entity_expansion_attack(tmp_path: Path, catalog: Catalog) -> None:
    laughs = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    body = HEADER_ROW.replace("<t>Name</t>", "<t>&d;</t>")
    refused(with_sheet(tmp_path / "laughs.xlsx", sheet_xml(body, laughs)), catalog)


def test_read_error_inside_the_zip(tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """A seek or read error on a damaged archive (or a failing disk) is a message, not an OSError."""
    path = good_xlsx(tmp_path / "io.xlsx")
    real_open = zipfile.ZipFile.open

    def failing_open(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        if str(getattr(name, "filename", name)).startswith("xl/worksheets/"):
            raise OSError(22, "Invalid argument")
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", failing_open)
    refused(path, catalog, "Invalid argument")


def test_damaged_zip_directory(tmp_path: Path, catalog: Catalog) -> None:
    """The central directory claims more bytes than the file has."""
    path = good_xlsx(tmp_path / "seek.xlsx")
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 12, 0xFFFFFF)  # central directory size: larger than the file
    path.write_bytes(bytes(data))
    refused(path, catalog)


def test_csv_cell_over_the_csv_modules_default_limit(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Name,ML,Notes\nAna,4," + "x" * 200_000 + "\n", encoding="utf-8")
    report = import_candidates(path, catalog)
    assert [c.name for c in report.candidates] == ["Ana"] and len(report.candidates[0].notes) == 200_000


# --- memory and time: refused before expanding ------------------------------------------------


def test_shared_strings_bomb(tmp_path: Path, catalog: Catalog) -> None:
    path = good_xlsx(tmp_path / "bomb.xlsx")
    members = parts(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open("xl/sharedStrings.xml", "w") as handle:
            handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>" + b"a" * 1000 + b"</t></si>"
            for _ in range(30_000):
                handle.write(chunk)
            handle.write(b"</sst>")
    assert path.stat().st_size < 1_000_000
    refused(path, catalog, "compression ratio")


def test_sheet_of_too_many_rows(tmp_path: Path, catalog: Catalog) -> None:
    row = '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Ana</t></is></c><c r="B{n}"><v>3</v></c></row>'
    body = HEADER_ROW + "".join(row.format(n=n) for n in range(2, 300_002))
    refused(with_sheet(tmp_path / "rows.xlsx", sheet_xml(body)), catalog, "too many for a candidate list")


def test_single_row_far_wide(tmp_path: Path, catalog: Catalog) -> None:
    body = HEADER_ROW + '<row r="2"><c r="A2"><v>1</v></c><c r="XFD2"><v>1</v></c></row>'
    refused(with_sheet(tmp_path / "wide.xlsx", sheet_xml(body)), catalog, "16,384 columns: too many")


def test_ods_repeated_rows(tmp_path: Path, catalog: Catalog) -> None:
    rows = [*plain_rows([["Name", "ML", "SQL"]]), ods_row(ods_cell("Ana"), ods_cell(3, repeat=500), repeat=1_000_000)]
    path = write_ods(tmp_path / "repeat.ods", [ods_table("People", rows)])
    assert path.stat().st_size < 2_000
    refused(path, catalog, "too many")


def test_binary_file_renamed_csv(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    refused(path, catalog, "PNG image")
    random_bytes = tmp_path / "noise.csv"
    random_bytes.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(5000)))
    refused(random_bytes, catalog, "binary")
