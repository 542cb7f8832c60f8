"""Importing people into a project that already has candidates: who is already there, and what to do.

``match_candidates`` pairs each imported person with someone already in the project, by e-mail
first (case and surrounding spaces ignored) and then by name (case and repeated spaces ignored);
each person in the project matches at most one imported row. ``merge_import`` then builds the
new candidate list for one of three choices about the matched people (``DuplicateChoice``):
skip them, update their ratings from the sheet, or add them anyway (as "Name (2)"). People
not matched are always added.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum

from planner.model.candidates import Candidate, unique_name


class DuplicateChoice(Enum):
    SKIP = "skip"
    UPDATE = "update"
    ADD = "add"


@dataclass(frozen=True)
class CandidateMatch:
    """An imported person who is already in the project, and how we know (``email`` or ``name``)."""

    incoming: Candidate
    existing: Candidate
    by: str


@dataclass(frozen=True)
class ImportMatches:
    new: tuple[Candidate, ...]
    matches: tuple[CandidateMatch, ...]
    incoming: tuple[Candidate, ...] = ()  # every imported row, in the sheet's order

    def count_by(self, key: str) -> int:
        return sum(1 for m in self.matches if m.by == key)


@dataclass(frozen=True)
class MergedImport:
    """The candidate list after the import, and how many people were added, updated or skipped."""

    candidates: tuple[Candidate, ...]
    added: tuple[Candidate, ...]
    updated: tuple[tuple[Candidate, Candidate], ...]  # (before, after)
    skipped: int


def _email_key(candidate: Candidate) -> str:
    return candidate.email.strip().casefold()


def _name_key(candidate: Candidate) -> str:
    return " ".join(candidate.name.split()).casefold()


def match_candidates(existing: list[Candidate], incoming: list[Candidate]) -> ImportMatches:
    """Split ``incoming`` into new people and people already in ``existing`` (see the module docstring)."""
    by_email = {_email_key(c): c for c in existing if _email_key(c)}
    by_name: dict[str, Candidate] = {}
    for candidate in existing:
        by_name.setdefault(_name_key(candidate), candidate)
    used: set[str] = set()
    new: list[Candidate] = []
    matches: list[CandidateMatch] = []
    for person in incoming:
        found, how = None, ""
        email = _email_key(person)
        if email and email in by_email and by_email[email].name not in used:
            found, how = by_email[email], "email"
        elif _name_key(person) in by_name and by_name[_name_key(person)].name not in used:
            candidate = by_name[_name_key(person)]
            # A different e-mail on both sides means two people who share a name.
            if not (email and _email_key(candidate) and _email_key(candidate) != email):
                found, how = candidate, "name"
        if found is None:
            new.append(person)
        else:
            used.add(found.name)
            matches.append(CandidateMatch(person, found, how))
    return ImportMatches(tuple(new), tuple(matches), tuple(incoming))


def updated_ratings(existing: Candidate, incoming: Candidate) -> Candidate:
    """``existing`` with the sheet's ratings (skills the sheet leaves out keep theirs) and, when it
    had none, the sheet's e-mail and cost."""
    return dataclasses.replace(
        existing,
        ratings={**existing.ratings, **incoming.ratings},
        email=existing.email or incoming.email,
        cost=existing.cost if existing.cost is not None else incoming.cost,
    )


def merge_import(existing: list[Candidate], matches: ImportMatches, choice: DuplicateChoice) -> MergedImport:
    """The candidate list once ``matches`` are imported with ``choice`` for the people already there."""
    taken = {c.name for c in existing}
    added: list[Candidate] = []
    to_add = list(matches.incoming) if choice is DuplicateChoice.ADD else list(matches.new)
    for person in to_add:
        name = unique_name(person.name, taken)
        taken.add(name)
        added.append(dataclasses.replace(person, name=name))
    updated: list[tuple[Candidate, Candidate]] = []
    if choice is DuplicateChoice.UPDATE:
        updated = [(m.existing, updated_ratings(m.existing, m.incoming)) for m in matches.matches]
        updated = [(before, after) for before, after in updated if before != after]
    replaced = {before.name: after for before, after in updated}
    result = [replaced.get(c.name, c) for c in existing] + added
    skipped = len(matches.matches) if choice is DuplicateChoice.SKIP else 0
    return MergedImport(tuple(result), tuple(added), tuple(updated), skipped)
