"""The candidate template: columns, validation, instructions, and an exact round trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from planner.io.candidate_import import import_candidates
from planner.io.candidate_template import write_candidate_template
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, default_catalog
from planner.model.samples import generate_pool


def test_blank_template(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "template.xlsx"
    write_candidate_template(catalog, path)
    book = load_workbook(path)
    assert book.sheetnames == ["Candidates", "Instructions"]
    ws = book["Candidates"]
    headers = [c.value for c in ws[1]]
    assert headers == ["Name", "Email", "Annual cost", "Notes", "Max tasks", *[s.name for s in catalog.skills]]
    assert ws.freeze_panes == "B2"
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"0,1,2,3,4,5"'
    assert str(lists[0].sqref).startswith("F2:Q")
    instructions = [c for row in book["Instructions"].iter_rows(values_only=True) for c in row if c]
    assert "Accomplished" in instructions and "Deep Learning" in instructions
    assert any("Name is required" in str(text) for text in instructions)
    report = import_candidates(path, catalog)  # the blank template imports cleanly, with no rows
    assert report.problems == () and report.rows == ()
    assert {m.target.kind for m in report.columns} == {"name", "email", "cost", "notes", "max_tasks", "skill"}


def test_filled_template_round_trips_a_sample_pool(tmp_path: Path, catalog: Catalog) -> None:
    pool = generate_pool(catalog, 60, seed=11)
    path = tmp_path / "pool.xlsx"
    write_candidate_template(catalog, path, candidates=pool)
    report = import_candidates(path, catalog)
    assert report.problems == ()
    assert report.candidates == pool
    assert [r.row for r in report.rows] == list(range(2, 62))


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), max_size=12)
_name = st.lists(_text.filter(bool), min_size=1, max_size=3).map(" ".join)
_rating = st.one_of(st.integers(0, 5).map(float), st.floats(0, 5, allow_nan=False).map(lambda v: round(v, 2)))
_candidate = st.builds(
    Candidate,
    name=_name,
    ratings=st.dictionaries(st.sampled_from(default_catalog().skill_ids), _rating, max_size=6),
    cost=st.one_of(st.none(), st.integers(0, 2_000_000).map(float), st.floats(0, 1e7).map(lambda v: round(v, 2))),
    email=_text,
    notes=_text,
    max_tasks=st.one_of(st.none(), st.integers(1, 5)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(_candidate, max_size=6, unique_by=lambda c: c.name.casefold()))
@example(people=[Candidate("'=a", {"research": 0.0}, 0.0, "=b", "-c", 1), Candidate("@d", {}, None)])
def test_template_round_trip_property(people: list[Candidate]) -> None:
    catalog = default_catalog()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.xlsx"
        write_candidate_template(catalog, path, candidates=people)
        report = import_candidates(path, catalog)
    assert report.errors == []
    assert report.candidates == people
