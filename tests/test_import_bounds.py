"""XLS and XLSB extents checked before calamine allocates, and the 30 s / 1.5 GB read bound enforced
while reading (a deadline injected with a fake clock: no test waits or times anything)."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xlwt
from openpyxl import Workbook

from planner.errors import ImportProblemError
from planner.io import sheet_reader
from planner.io.candidate_import import import_candidates
from planner.io.read_budget import READ_BYTES, check_memory, memory_estimate, reading
from planner.model.catalog import Catalog, default_catalog
from tests.spreadsheet_files import ods_table, plain_rows, write_ods, write_xlsb, xlsb_sheet

ROWS: list[list[object]] = [["Name", "Machine Learning", "SQL"], ["Ana", 4, 3], ["Bo", 2.5, 5]]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


def write_xls(path: Path, sheets: dict[str, list[tuple[int, int, object]]]) -> Path:
    """An XLS (BIFF8) workbook; each sheet is a list of (row, column, value), 0-based."""
    book = xlwt.Workbook()
    for name, cells in sheets.items():
        sheet = book.add_sheet(name)
        for row, column, value in cells:
            sheet.write(row, column, value)
    book.save(str(path))
    return path


def grid(rows: list[list[object]]) -> list[tuple[int, int, object]]:
    return [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row)]


def patch_xls_dimensions(path: Path, rows: int, columns: int) -> None:
    """Rewrite every DIMENSIONS record (0x0200, BIFF8: 14 bytes) to declare ``rows`` × ``columns``."""
    data = bytearray(path.read_bytes())
    head = struct.pack("<HH", 0x0200, 14)
    at = data.find(head)
    assert at >= 0
    while at >= 0:
        data[at + 4 : at + 18] = struct.pack("<IIHHH", 0, rows, 0, columns, 0)
        at = data.find(head, at + 18)
    path.write_bytes(bytes(data))


class _NoSheetLoads:
    """A calamine workbook whose sheets must not be loaded (the extent check comes first)."""

    def __init__(self, book: Any) -> None:
        self.sheets_metadata = book.sheets_metadata

    def get_sheet_by_name(self, name: str) -> None:
        raise AssertionError(f"calamine loaded the sheet {name!r}")


@pytest.fixture
def before_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if calamine opens an XLS (it reads every sheet as it opens) or loads any sheet."""
    real = sheet_reader._open_calamine

    def guarded(path: Path) -> _NoSheetLoads:
        if path.suffix == ".xls":
            raise AssertionError("calamine opened the XLS file")
        return _NoSheetLoads(real(path))

    monkeypatch.setattr(sheet_reader, "_open_calamine", guarded)


def names(path: Path, catalog: Catalog) -> list[str]:
    return [c.name for c in import_candidates(path, catalog).candidates]


# --- XLSB ----------------------------------------------------------------------------------


def test_a_normal_xlsb_imports(tmp_path: Path, catalog: Catalog) -> None:
    path = write_xlsb(tmp_path / "people.xlsb", {"Notes": xlsb_sheet([["hello"]]), "People": xlsb_sheet(ROWS)})
    report = import_candidates(path, catalog)
    assert report.sheet == "People"
    assert [(c.name, c.ratings["data_query_languages"]) for c in report.candidates] == [("Ana", 3.0), ("Bo", 5.0)]


@pytest.mark.parametrize(
    ("dimension", "said"),
    [
        ((299_999, 2), "300,000 rows: too many for a candidate list"),
        ((2, 4_999), "5,000 columns: too many for a candidate list"),
        ((9_999, 699), "10,000 rows × 700 columns: too many cells"),
        ((2_000_000, 2), "beyond Excel's last row or column"),
    ],
)
def test_an_xlsb_declaring_a_huge_sheet_is_refused(
    tmp_path: Path, catalog: Catalog, before_calamine: None, dimension: tuple[int, int], said: str
) -> None:
    path = write_xlsb(tmp_path / "big.xlsb", {"People": xlsb_sheet(ROWS, dimension=dimension)})
    with pytest.raises(ImportProblemError, match="sheet 'People'") as caught:
        import_candidates(path, catalog)
    assert said in str(caught.value)


def test_an_xlsb_cell_far_outside_its_declared_dimension_is_refused(
    tmp_path: Path, catalog: Catalog, before_calamine: None
) -> None:
    """BrtWsDim says 3 × 3, but one cell sits at column 16,000,000: calamine would allocate to it."""
    part = bytearray(xlsb_sheet(ROWS))
    cell = struct.pack("<II", 2, 0)  # the last cell's column and style: column C of row 3
    at = part.rfind(cell)
    part[at : at + 4] = struct.pack("<I", 16_000_000)
    path = write_xlsb(tmp_path / "far.xlsb", {"People": bytes(part)})
    with pytest.raises(ImportProblemError, match="beyond Excel's last row or column"):
        import_candidates(path, catalog)


def test_an_xlsb_cell_record_cut_short_is_placed_as_calamine_places_it(
    tmp_path: Path, catalog: Catalog, before_calamine: None
) -> None:
    """calamine reuses one buffer for every record: an empty number record takes its column from the
    record before it (here an unknown record starting with 16,000,000)."""
    end_of_data = b"\x92\x01\x00"  # BrtEndSheetData
    part = xlsb_sheet(ROWS)
    stale = b"\xff\x01\x04" + struct.pack("<I", 16_000_000) + b"\x05\x00"  # record 0xFF, then an empty BrtCellReal
    path = write_xlsb(tmp_path / "short.xlsb", {"People": part.replace(end_of_data, stale + end_of_data)})
    with pytest.raises(ImportProblemError, match="beyond Excel's last row or column"):
        import_candidates(path, catalog)


def test_a_truncated_xlsb_sheet_is_a_damaged_file(tmp_path: Path, catalog: Catalog) -> None:
    part = xlsb_sheet(ROWS)
    path = write_xlsb(tmp_path / "cut.xlsb", {"People": part[: len(part) - 20] + b"\x05\xff"})
    with pytest.raises(ImportProblemError, match="damaged"):
        import_candidates(path, catalog)


# --- XLS -----------------------------------------------------------------------------------


def test_a_normal_xls_imports(tmp_path: Path, catalog: Catalog) -> None:
    path = write_xls(tmp_path / "people.xls", {"People": grid(ROWS), "Notes": [(0, 0, "hello")]})
    assert names(path, catalog) == ["Ana", "Bo"]


def test_an_xls_declaring_a_huge_sheet_is_refused_before_calamine_opens_it(
    tmp_path: Path, catalog: Catalog, before_calamine: None
) -> None:
    path = write_xls(tmp_path / "big.xls", {"People": grid(ROWS)})
    patch_xls_dimensions(path, 4_000_000_000, 3)  # calamine would reserve 4 billion cells
    with pytest.raises(ImportProblemError, match=r"sheet 'People'.*beyond Excel's last row"):
        import_candidates(path, catalog)
    patch_xls_dimensions(path, 300_000, 3)
    with pytest.raises(ImportProblemError, match="300,000 rows: too many for a candidate list"):
        import_candidates(path, catalog)


def test_an_xls_cell_far_outside_its_declared_dimension_is_refused(
    tmp_path: Path, catalog: Catalog, before_calamine: None
) -> None:
    path = write_xls(tmp_path / "far.xls", {"People": [*grid(ROWS), (65_535, 255, 1.0)]})
    patch_xls_dimensions(path, 3, 3)  # the record lies; the cell at IV65536 makes 65,536 × 256 cells
    with pytest.raises(ImportProblemError, match="65,536 rows × 256 columns: too many cells"):
        import_candidates(path, catalog)


def test_xls_sheets_that_together_exceed_the_memory_budget_are_refused(
    tmp_path: Path, catalog: Catalog, before_calamine: None
) -> None:
    """calamine reads every sheet of an XLS as it opens the file: the sheets' cells are counted together."""
    far = (65_535, 90, 1.0)  # 65,536 × 91 cells: under the per-sheet fence
    path = write_xls(tmp_path / "wide.xls", {"People": [*grid(ROWS), far], "More": [far]})
    assert memory_estimate(2 * 65_536 * 91) > READ_BYTES
    with pytest.raises(ImportProblemError, match=r"GB of memory \(11,927,552 cells\)"):
        import_candidates(path, catalog)


# --- the time and memory bound ---------------------------------------------------------------


def ticking(step: float) -> Callable[[], float]:
    """A clock that moves ``step`` seconds each time it is read."""
    now = [0.0]

    def clock() -> float:
        now[0] += step
        return now[0]

    return clock


def _files(folder: Path, rows: int) -> dict[str, Path]:
    table: list[list[object]] = [ROWS[0], *([f"Person {i}", 3, 4] for i in range(rows))]
    csv = folder / "people.csv"
    csv.write_text("\n".join(",".join(map(str, row)) for row in table), encoding="utf-8")
    book = Workbook()
    for row in table:
        book.active.append(row)
    book.save(folder / "people.xlsx")
    return {
        "csv": csv,
        "xlsx": folder / "people.xlsx",
        "xlsb": write_xlsb(folder / "people.xlsb", {"People": xlsb_sheet(table)}),
        "xls": write_xls(folder / "people.xls", {"People": grid(table)}),
        "ods": write_ods(folder / "people.ods", [ods_table("People", plain_rows(table))]),
    }


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _files(tmp_path_factory.mktemp("big"), 40_000)


@pytest.mark.parametrize("kind", ["csv", "xlsx", "xlsb", "xls", "ods"])
def test_a_read_over_the_deadline_stops_with_the_documented_error(
    big_files: dict[str, Path], catalog: Catalog, kind: str
) -> None:
    """Each check moves the clock 3 s: a 40,000-row file passes the 30 s mark inside the row loop."""
    with reading(str(big_files[kind]), clock=ticking(3.0)), pytest.raises(ImportProblemError) as caught:
        import_candidates(big_files[kind], catalog)
    assert str(caught.value).startswith(f"{big_files[kind]}: reading took longer than 30 s")
    assert "split the file" in str(caught.value)


@pytest.mark.parametrize("kind", ["csv", "xlsx", "xlsb", "xls", "ods"])
def test_a_small_file_is_read_under_the_same_clock(tmp_path: Path, catalog: Catalog, kind: str) -> None:
    path = _files(tmp_path, 2)[kind]
    with reading(str(path), clock=ticking(3.0)):
        assert names(path, catalog) == ["Person 0", "Person 1"]


def test_the_memory_estimate_refuses_with_a_message() -> None:
    check_memory("people.xlsx", 1_000_000, 100_000_000)  # 128 MB + two copies of 100 MB of text: fine
    with pytest.raises(ImportProblemError, match=r"people.xlsx: reading would take about 2\.1 GB of memory"):
        check_memory("people.xlsx", 1_000_000, 1_000_000_000)


def shared_string_xlsx(path: Path, strings: list[str], cells: list[tuple[int, str, int]]) -> Path:
    """An XLSX whose sheet has a Name/ML header and ``cells`` (row, column letter, shared string index)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    by_row: dict[int, str] = {}
    for row, column, index in cells:
        by_row[row] = by_row.get(row, "") + f'<c r="{column}{row}" t="s"><v>{index}</v></c>'
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>ML</t></is></c>'
    body = "".join(f'<row r="{row}">{xml}</row>' for row, xml in sorted(by_row.items()))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{rels}"><Relationship Id="rId1" '
        f'Type="{kind}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{kind}"><sheets>'
        '<sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{rels}">'
        f'<Relationship Id="rId1" Type="{kind}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{kind}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet xmlns="{main}"><sheetData>{header}</row>'
        f"{body}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst xmlns="{main}" count="{len(cells)}" '
        f'uniqueCount="{len(strings)}">{items}</sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_a_long_shared_string_repeated_in_many_cells_is_refused_before_calamine_copies_it(
    tmp_path: Path, catalog: Catalog, before_calamine: None
) -> None:
    """A 7 KB file: one 2 MB string shown by 2,000 cells would take 4 GB in calamine and 4 GB more in Python."""
    cells = [(row, column, 0) for row in range(2, 202) for column in "BCDEFGHIJK"]
    path = shared_string_xlsx(tmp_path / "bomb.xlsx", ["a" * 2_000_000], cells)
    assert path.stat().st_size < 20_000
    with pytest.raises(ImportProblemError, match=r"sheet 'People': reading would take about 8\.0 GB of memory"):
        import_candidates(path, catalog)


def test_one_long_note_among_many_short_texts_is_read(tmp_path: Path, catalog: Catalog) -> None:
    """The cheap bounds (every cell as long as the longest text) are too loose here: each cell's text is counted."""
    strings = ["x" * 500_000, *(f"Person {i}" for i in range(2_000))]
    cells = [(2 + i, "A", 1 + i) for i in range(2_000)] + [(2, "C", 0)]
    report = import_candidates(shared_string_xlsx(tmp_path / "notes.xlsx", strings, cells), catalog)
    assert len(report.candidates) == 2_000


def test_the_garbage_collector_is_back_after_an_import(tmp_path: Path, catalog: Catalog) -> None:
    """The import pauses the cyclic collector for speed; it must resume, after a refusal too."""
    import gc

    path = _files(tmp_path, 2)["csv"]
    assert gc.isenabled()
    import_candidates(path, catalog)
    assert gc.isenabled()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(ImportProblemError):
        import_candidates(bad, catalog)
    assert gc.isenabled()
    gc.disable()
    try:
        import_candidates(path, catalog)
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()


def test_a_password_protected_xls_is_refused_with_what_to_do(
    tmp_path: Path, catalog: Catalog, before_calamine: None
) -> None:
    path = write_xls(tmp_path / "locked.xls", {"People": grid(ROWS)})
    data = bytearray(path.read_bytes())
    at = data.find(struct.pack("<HH", 0x0022, 2))  # the workbook's date-system record, in the globals
    data[at : at + 6] = struct.pack("<HHH", 0x002F, 2, 1)  # becomes FILEPASS: the records are encrypted
    path.write_bytes(bytes(data))
    with pytest.raises(ImportProblemError, match="password-protected: save it without a password"):
        import_candidates(path, catalog)
