"""Fuzzing the candidate import: mutated bytes and mutated parts of valid XLSX, XLSB, XLS, ODS and CSV files.

Whatever the bytes, ``import_candidates`` returns a report or raises one of the project's
documented errors (``ImportProblemError``, ``ValidationError``); each example stays within a
time bound (hypothesis' deadline) and the process within the 1.5 GB memory bound. CI runs a
few dozen examples per test; a long campaign sets ``TEAMPLANNER_FUZZ_EXAMPLES`` (see README).
"""

from __future__ import annotations

import functools
import io
import os
import resource
import sys
import tempfile
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planner.errors import ImportProblemError, ValidationError
from planner.io.candidate_import import import_candidates
from planner.io.import_report import ImportReport
from planner.model.catalog import Catalog, default_catalog
from tests.spreadsheet_files import ods_cell, ods_row, ods_table, plain_rows, write_ods, write_xlsb, xlsb_sheet

pytestmark = pytest.mark.filterwarnings(  # hypothesis' failure explanation imports it; not our code
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)
EXAMPLES = int(os.environ.get("TEAMPLANNER_FUZZ_EXAMPLES", "25"))
MEMORY_LIMIT = 1_500_000_000
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=30),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    derandomize="TEAMPLANNER_FUZZ_EXAMPLES" not in os.environ,  # CI: the same examples every run
)
CATALOG = default_catalog()
ROWS = [
    ["Candidates, spring"],
    ["Name", "Machine Learning", "SQL", "Cost", "Email", "Internal", "Applied for"],
    ["Ana García", 4, "Developing", 185000, "ana@x", "yes", "Data Scientist"],
    ["Bo", 3.5, 5, "$90k", None, "no", "ML Engineer; Chef"],
    ["Total", 7.5, None, 275000, None, None, None],
]


def _xlsx() -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Candidates"
    for row in ROWS:
        ws.append(row)
    ws["B6"] = "=B3+1"
    ws.row_dimensions[4].hidden = True
    book.create_sheet("Notes").append(["Name", "ML"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods(folder: Path) -> bytes:
    rows = [*plain_rows(ROWS[:3]), ods_row(ods_cell("Cy"), ods_cell(0.8, percent=True), ods_cell(3, formula="of:=1+2"))]
    return write_ods(folder / "seed.ods", [ods_table("People", rows)], active="People").read_bytes()


CSV = (
    "Name,Machine Learning,SQL,Cost,Internal,Applied for\n"
    'Ana García,4,Developing,"$185,000",yes,Data Scientist\n'
    "Bo,3.5,5,90k,no,ML Engineer\n"
    "Maya,3,5,4,2\n"
).encode()


def _zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rezip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@st.composite
def mutated_bytes(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with a few bytes replaced, inserted or deleted, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete", "truncate", "repeat"]))
        if action == "replace":
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 64))]
        elif action == "truncate":
            del data[where:]
        else:
            data[where:where] = data[where : where + 32] * draw(st.integers(2, 50))
    return bytes(data)


XML_TOKENS = [
    b"<",
    b">",
    b"/>",
    b'"',
    b"&",
    b"&amp;",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    b' r="ZZZZZZ99999999"',
    b' t="e"',
    b' t="s"',
    b' hidden="1"',
    b"<f>1/0</f>",
    b'<c r="XFD1048576"><v>1</v></c>',
    b' table:number-rows-repeated="999999999"',
    b' table:number-columns-repeated="99999"',
    b'count="99999999999"',
    b"\xff\xfe",
    b"\x00",
]


@st.composite
def mutated_workbook(draw: st.DrawFn, seed: bytes) -> bytes:
    """A valid zip whose parts (sheet XML, shared strings, styles…) are mutated: reaches the parsers."""
    parts = _zip_parts(seed)
    name = draw(st.sampled_from(sorted(parts)))
    data = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        if draw(st.booleans()):
            data[where:where] = draw(st.sampled_from(XML_TOKENS))
        else:
            del data[where : where + draw(st.integers(1, 40))]
    parts[name] = bytes(data)
    return _rezip(parts)


def check(tmp_path: Path, name: str, data: bytes, catalog: Catalog = CATALOG) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        report = import_candidates(path, catalog, warn_blank_cost=True)
    except (ImportProblemError, ValidationError) as exc:
        message = str(exc)
        assert message and str(path) in message
    else:
        assert isinstance(report, ImportReport)
        report.summary()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    assert peak < MEMORY_LIMIT


def _xlsb(folder: Path) -> bytes:
    sheet = xlsb_sheet([[v if not isinstance(v, str) or not v.startswith("=") else None for v in r] for r in ROWS])
    return write_xlsb(folder / "seed.xlsb", {"Notes": xlsb_sheet([["hello"]]), "Candidates": sheet}).read_bytes()


def _xls(folder: Path) -> bytes:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Candidates")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(folder / "seed.xls"))
    return (folder / "seed.xls").read_bytes()


@functools.cache
def seed(kind: str) -> bytes:
    if kind == "xlsx":
        return _xlsx()
    if kind in ("ods", "xlsb", "xls"):
        with tempfile.TemporaryDirectory() as folder:
            return {"ods": _ods, "xlsb": _xlsb, "xls": _xls}[kind](Path(folder))
    return CSV


def test_seeds_import(tmp_path: Path) -> None:
    """The unmutated seeds are good files: the fuzzing starts from real candidate lists."""
    for kind in ("xlsx", "xlsb", "xls", "ods", "csv"):
        data = seed(kind)
        path = tmp_path / f"seed.{kind}"
        path.write_bytes(data)
        assert import_candidates(path, CATALOG).candidates, kind


@FUZZ
@given(data=st.data())
def test_fuzz_xlsx_bytes(tmp_path: Path, data: st.DataObject) -> None:
    check(tmp_path, "f.xlsx", data.draw(mutated_bytes(seed("xlsx"))))


@FUZZ
@given(data=st.data())
def test_fuzz_xlsx_parts(tmp_path: Path, data: st.DataObject) -> None:
    check(tmp_path, "f.xlsx", data.draw(mutated_workbook(seed("xlsx"))))


@FUZZ
@given(data=st.data())
def test_fuzz_ods_bytes_and_parts(tmp_path: Path, data: st.DataObject) -> None:
    strategy = mutated_workbook(seed("ods")) if data.draw(st.booleans()) else mutated_bytes(seed("ods"))
    check(tmp_path, "f.ods", data.draw(strategy))


@st.composite
def replaced_bytes(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with a few bytes overwritten in place: an OLE container stays one, its records do not."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data) - 1))
        value = draw(st.binary(min_size=1, max_size=4))
        data[where : where + len(value)] = value
    return bytes(data[: len(seed)])


@st.composite
def mutated_records(draw: st.DrawFn, seed: bytes) -> bytes:
    """An XLSB whose binary parts (workbook, sheets) have bytes overwritten, inserted or cut."""
    parts = _zip_parts(seed)
    name = draw(st.sampled_from(sorted(n for n in parts if n.endswith(".bin"))))
    parts[name] = draw(mutated_bytes(parts[name]) if draw(st.booleans()) else replaced_bytes(parts[name]))
    return _rezip(parts)


@FUZZ
@given(data=st.data())
def test_fuzz_xlsb(tmp_path: Path, data: st.DataObject) -> None:
    strategy = mutated_records(seed("xlsb")) if data.draw(st.booleans()) else mutated_bytes(seed("xlsb"))
    check(tmp_path, "f.xlsb", data.draw(strategy))


@FUZZ
@given(data=st.data())
def test_fuzz_xls(tmp_path: Path, data: st.DataObject) -> None:
    strategy = replaced_bytes(seed("xls")) if data.draw(st.booleans()) else mutated_bytes(seed("xls"))
    check(tmp_path, "f.xls", data.draw(strategy))


@FUZZ
@given(data=st.data())
def test_fuzz_csv(tmp_path: Path, data: st.DataObject) -> None:
    check(tmp_path, "f.csv", data.draw(mutated_bytes(seed("csv"))))


@FUZZ
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "shift_jis", "latin-1"]),
)
def test_fuzz_csv_text(tmp_path: Path, text: str, encoding: str) -> None:
    check(tmp_path, "t.csv", ("Name,ML,SQL\n" + text).encode(encoding, errors="replace"))
