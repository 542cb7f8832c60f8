"""Where a person can grow: for each Playbook role, the skills to raise from → to.

The Playbook is written for individuals too: it tells each reader which track fits them and
what to learn next. For a person and a role, a *growth step* is a profile skill whose rating
is below the role's profile level. Steps come in the order that matters most: first the
skills this project needs (any requirement names them), biggest gap first, then the other
profile skills, biggest gap first (ties in catalog order). A step whose target is a profile
value the catalog infers (rather than reads off a Playbook chart) is marked as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, Role, Source
from planner.model.fit import profile_skills, ranked_roles
from planner.model.requirements import Requirement


@dataclass(frozen=True)
class GrowthStep:
    """Raise ``skill`` from ``current`` to the role's profile level ``target``."""

    skill: str
    current: float
    target: int
    inferred: bool  # the target is an inferred profile value, not read off a Playbook chart
    needed: bool  # the project requires this skill

    @property
    def gap(self) -> float:
        return self.target - self.current


@dataclass(frozen=True)
class GrowthPath:
    """One role for one person: how well they fit it now, and the steps towards its profile."""

    role: str
    fit: float
    steps: tuple[GrowthStep, ...]
    open_to: bool  # the person is open to this role (they list it, or list no roles)


def needed_skills(requirements: Iterable[Requirement]) -> frozenset[str]:
    """The skills a project needs: every skill a requirement names."""
    return frozenset(r.skill for r in requirements if r.level > 0)


def growth_steps(
    candidate: Candidate, role: Role, catalog: Catalog, needed: frozenset[str] = frozenset()
) -> tuple[GrowthStep, ...]:
    """The skills ``candidate`` would raise to reach ``role``'s profile, most important first."""
    order = {s: i for i, s in enumerate(catalog.skill_ids)}
    steps = []
    for skill in profile_skills(catalog):
        target = role.level(skill)
        current = candidate.rating(skill)
        if current < target:
            value = role.profile.get(skill)
            inferred = value is None or value.source is Source.INFERRED
            steps.append(GrowthStep(skill, current, target, inferred, skill in needed))
    steps.sort(key=lambda s: (not s.needed, -s.gap, order.get(s.skill, len(order))))
    return tuple(steps)


def growth_paths(
    candidate: Candidate, catalog: Catalog, needed: frozenset[str] = frozenset()
) -> tuple[GrowthPath, ...]:
    """Every role ranked by fit (best first), each with its growth steps."""
    return tuple(
        GrowthPath(role.id, fit, growth_steps(candidate, role, catalog, needed), candidate.open_to(role.id))
        for role, fit in ranked_roles(candidate, catalog)
    )
