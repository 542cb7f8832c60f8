"""Candidates: a person with skill ratings on the catalog's scale, a cost and notes.

A candidate is current staff (an employee) or an applicant, and may be open to only some
catalog roles (the roles they applied for); an empty ``roles`` means open to every role.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum

from planner.errors import ValidationError
from planner.model.catalog import Catalog


class CandidateStatus(str, Enum):
    """Whether a person already works here (salary already paid, no recruiting) or applied."""

    EMPLOYEE = "employee"
    APPLICANT = "applicant"


@dataclass(frozen=True)
class Candidate:
    """One person who could join the team. ``ratings`` maps skill ids to 0–5 ratings.

    A skill missing from ``ratings`` counts as 0. ``cost`` is the annual cost, ``None``
    when unknown. ``max_tasks`` lowers the project's tasks-per-person cap for this person.
    ``roles`` lists the catalog role ids the person is open to (empty: every role).
    """

    name: str
    ratings: dict[str, float] = field(default_factory=dict)
    cost: float | None = None
    email: str = ""
    notes: str = ""
    max_tasks: int | None = None
    status: CandidateStatus = CandidateStatus.APPLICANT
    roles: tuple[str, ...] = ()

    @property
    def is_employee(self) -> bool:
        return self.status is CandidateStatus.EMPLOYEE

    def open_to(self, role_id: str) -> bool:
        """Whether the person may be given ``role_id`` (everyone is open to every role unless listed)."""
        return not self.roles or role_id in self.roles

    def rating(self, skill_id: str) -> float:
        return self.ratings.get(skill_id, 0.0)


def candidate_problems(candidate: Candidate, catalog: Catalog, known: frozenset[str] | None = None) -> list[str]:
    """Every reason this candidate cannot be used as it is (empty when fine)."""
    problems = []
    label = f"candidate {candidate.name!r}" if candidate.name.strip() else "a candidate"
    if not candidate.name.strip():
        problems.append("a candidate has no name")
    known = known if known is not None else frozenset(catalog.skill_ids)
    for skill_id, value in candidate.ratings.items():
        if skill_id not in known:
            problems.append(f"{label}: unknown skill {skill_id!r}")
        elif not isinstance(value, (int, float)) or math.isnan(value):
            problems.append(f"{label}: rating for {skill_id} is not a number")
        elif not catalog.scale.min <= value <= catalog.scale.max:
            problems.append(
                f"{label}: rating {value:g} for {skill_id} is outside {catalog.scale.min}–{catalog.scale.max}"
            )
    if candidate.cost is not None and (math.isnan(candidate.cost) or candidate.cost < 0):
        problems.append(f"{label}: cost must be zero or more")
    if candidate.max_tasks is not None and candidate.max_tasks < 1:
        problems.append(f"{label}: max tasks must be at least 1")
    role_ids = set(catalog.role_ids)
    for role_id in candidate.roles:
        if role_id not in role_ids:
            problems.append(f"{label}: unknown role {role_id!r}")
    return problems


def validate_candidates(candidates: list[Candidate] | tuple[Candidate, ...], catalog: Catalog) -> None:
    """Raise :class:`ValidationError` listing every problem, including duplicate names."""
    problems: list[str] = []
    seen: set[str] = set()
    known = frozenset(catalog.skill_ids)
    for candidate in candidates:
        problems.extend(candidate_problems(candidate, catalog, known))
        if candidate.name in seen:
            problems.append(f"candidate name {candidate.name!r} appears more than once")
        seen.add(candidate.name)
    if problems:
        raise ValidationError("; ".join(problems))


def unique_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base (2)``, ``base (3)``… whichever is not taken yet."""
    if base not in taken:
        return base
    n = 2
    while f"{base} ({n})" in taken:
        n += 1
    return f"{base} ({n})"
