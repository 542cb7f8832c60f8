"""The candidate template: columns, validation, instructions, and an exact round trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from planner.io.candidate_import import import_candidates
from planner.io.candidate_template import write_candidate_template
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog, default_catalog
from planner.model.samples import generate_pool


def test_blank_template(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "template.xlsx"
    write_candidate_template(catalog, path)
    book = load_workbook(path)
    assert book.sheetnames == ["Candidates", "Instructions"]
    ws = book["Candidates"]
    headers = [c.value for c in ws[1]]
    fields = ["Name", "Email", "Annual cost", "Notes", "Max tasks", "Status", "Applied for"]
    assert headers == [*fields, *[s.name for s in catalog.skills]]
    assert ws.freeze_panes == "B2"
    lists = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert set(lists) == {"F2", "G2", "H2"}
    assert lists["H2"].formula1 == '"0,1,2,3,4,5"' and str(lists["H2"].sqref).startswith("H2:S")
    assert lists["F2"].formula1 == '"Employee,Applicant"'
    assert lists["G2"].formula1 == '"' + ",".join(r.name for r in catalog.roles) + '"'
    assert not lists["G2"].showErrorMessage  # several roles may be typed: "Data Analyst; Data Scientist"
    instructions = [c for row in book["Instructions"].iter_rows(values_only=True) for c in row if c]
    assert "Accomplished" in instructions and "Deep Learning" in instructions
    assert any("Name is required" in str(text) for text in instructions)
    report = import_candidates(path, catalog)  # the blank template imports cleanly, with no rows
    assert report.problems == () and report.rows == ()
    kinds = {m.target.kind for m in report.columns}
    assert kinds == {"name", "email", "cost", "notes", "max_tasks", "status", "roles", "skill"}


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
    status=st.sampled_from(list(CandidateStatus)),
    # Role names that the Playbook's terminology ties to that one role only read back exactly.
    roles=st.sampled_from([(), ("machine_learning_researcher",)]),
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


def test_status_and_applied_for_round_trip_through_import(tmp_path: Path, catalog: Catalog) -> None:
    people = [
        Candidate("Ana Staff", {"research": 4.0}, 100.0, status=CandidateStatus.EMPLOYEE),
        Candidate("Bo Researcher", {"research": 5.0}, 90.0, roles=("machine_learning_researcher",)),
        Candidate("Cy Analyst", {"data_science": 4.0}, 80.0, roles=("data_analyst", "machine_learning_researcher")),
    ]
    path = tmp_path / "people.xlsx"
    write_candidate_template(catalog, path, candidates=people)
    ws = load_workbook(path)["Candidates"]
    assert [ws.cell(r, 6).value for r in (2, 3, 4)] == ["Employee", "Applicant", "Applicant"]
    assert ws.cell(4, 7).value == "Data Analyst; Machine Learning Researcher"
    imported = {c.name: c for c in import_candidates(path, catalog).candidates}
    assert imported["Ana Staff"] == people[0]
    assert imported["Bo Researcher"] == people[1]
    # "Data Analyst" is also one of the Data Scientist's titles in the Playbook, but it is the
    # Data Analyst role's own name: the template's role names come back as exactly those roles.
    assert imported["Cy Analyst"] == people[2]


def test_every_role_name_round_trips_through_the_template(tmp_path: Path, catalog: Catalog) -> None:
    people = [
        Candidate(f"Person {i}", {"research": 3.0}, 50.0, roles=(role.id,)) for i, role in enumerate(catalog.roles)
    ]
    people.append(Candidate("All Roles", {"research": 3.0}, 50.0, roles=tuple(catalog.role_ids)))
    path = tmp_path / "people.xlsx"
    write_candidate_template(catalog, path, candidates=people)
    report = import_candidates(path, catalog)
    assert report.warnings == [] and report.candidates == people
