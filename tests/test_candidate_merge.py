"""Re-importing people who are already in the project: matched by e-mail, then by name."""

from __future__ import annotations

from planner.model.candidate_merge import DuplicateChoice, match_candidates, merge_import
from planner.model.candidates import Candidate

ANA = Candidate("Ana Chen", {"machine_learning": 3}, cost=100_000, email="ana@example.com")
BO = Candidate("Bo Li", {"research": 2}, cost=90_000)
CY = Candidate("Cy Diaz", {}, email="cy@example.com")


def test_people_are_matched_by_email_first_then_by_name() -> None:
    incoming = [
        Candidate("Ana C.", {"machine_learning": 5}, email=" ANA@example.com "),  # same e-mail, new spelling
        Candidate("bo  li", {"research": 4, "mathematics": 3}),  # same name, other case and spacing
        Candidate("Cy Diaz", {}, email="another.cy@example.com"),  # same name, another e-mail: another person
        Candidate("Dee New", {"data_science": 4}),
    ]
    matches = match_candidates([ANA, BO, CY], incoming)
    assert [(m.incoming.name, m.existing.name, m.by) for m in matches.matches] == [
        ("Ana C.", "Ana Chen", "email"),
        ("bo  li", "Bo Li", "name"),
    ]
    assert [c.name for c in matches.new] == ["Cy Diaz", "Dee New"]
    assert (matches.count_by("email"), matches.count_by("name")) == (1, 1)


def test_one_person_in_the_project_matches_one_imported_row_only() -> None:
    matches = match_candidates([BO], [Candidate("Bo Li"), Candidate("Bo Li")])
    assert len(matches.matches) == 1 and [c.name for c in matches.new] == ["Bo Li"]


def test_skip_update_and_add_anyway() -> None:
    existing = [ANA, BO]
    incoming = [Candidate("Bo Li", {"research": 4, "mathematics": 3}, email="bo@example.com"), Candidate("Dee New")]
    matches = match_candidates(existing, incoming)

    skipped = merge_import(existing, matches, DuplicateChoice.SKIP)
    assert [c.name for c in skipped.candidates] == ["Ana Chen", "Bo Li", "Dee New"]
    assert (len(skipped.added), len(skipped.updated), skipped.skipped) == (1, 0, 1)
    assert skipped.candidates[1] == BO

    updated = merge_import(existing, matches, DuplicateChoice.UPDATE)
    bo = updated.candidates[1]
    assert bo.ratings == {"research": 4, "mathematics": 3} and bo.cost == 90_000 and bo.email == "bo@example.com"
    assert (len(updated.added), len(updated.updated), updated.skipped) == (1, 1, 0)

    doubled = merge_import(existing, matches, DuplicateChoice.ADD)
    assert [c.name for c in doubled.candidates] == ["Ana Chen", "Bo Li", "Bo Li (2)", "Dee New"]  # sheet order
    assert (len(doubled.added), len(doubled.updated), doubled.skipped) == (2, 0, 0)


def test_updating_with_the_same_ratings_changes_nothing() -> None:
    matches = match_candidates([ANA], [Candidate("Ana Chen", {"machine_learning": 3})])
    merged = merge_import([ANA], matches, DuplicateChoice.UPDATE)
    assert merged.updated == () and merged.candidates == (ANA,)
