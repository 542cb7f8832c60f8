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
from planner.model.fit import profile_skills
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


class GrowthTable:
    """The catalog's role profiles laid out once, to work out many people's growth quickly.

    ``paths(person)`` equals :func:`growth_paths` (same fits as :func:`planner.model.fit.role_fit`,
    same order); the workbook's Growth sheet uses one table for a whole pool.
    """

    def __init__(self, catalog: Catalog, needed: frozenset[str] = frozenset()) -> None:
        self.catalog = catalog
        self.needed = needed
        self.skills = profile_skills(catalog)
        self.span = catalog.scale.max - catalog.scale.min
        order = {s: i for i, s in enumerate(catalog.skill_ids)}
        self.rank = {s: order.get(s, len(order)) for s in self.skills}
        self.roles = []
        for role in catalog.roles:
            levels = tuple(role.level(s) for s in self.skills)
            inferred = tuple(
                role.profile.get(s) is None or role.profile[s].source is Source.INFERRED for s in self.skills
            )
            self.roles.append((role, levels, inferred))

    def steps(self, candidate: Candidate, role: Role) -> tuple[GrowthStep, ...]:
        """The skills ``candidate`` would raise to reach ``role``'s profile, most important first."""
        entry = next(e for e in self.roles if e[0].id == role.id)
        return self._steps([candidate.rating(s) for s in self.skills], entry[1], entry[2])

    def _steps(
        self, ratings: list[float], levels: tuple[int, ...], inferred: tuple[bool, ...]
    ) -> tuple[GrowthStep, ...]:
        steps = [
            GrowthStep(skill, current, target, flag, skill in self.needed)
            for skill, current, target, flag in zip(self.skills, ratings, levels, inferred, strict=True)
            if current < target
        ]
        steps.sort(key=lambda s: (not s.needed, -s.gap, self.rank[s.skill]))
        return tuple(steps)

    def best_role(self, candidate: Candidate) -> tuple[Role, float] | None:
        """The best-fitting role and its fit (the first of :meth:`paths`), without the steps."""
        ratings = [candidate.rating(s) for s in self.skills]
        best: tuple[Role, float] | None = None
        for role, levels, _ in self.roles:
            fit = self._fit(ratings, levels)
            if best is None or fit > best[1]:
                best = (role, fit)
        return best

    def paths(self, candidate: Candidate) -> tuple[GrowthPath, ...]:
        """Every role ranked by fit (best first, ties in catalog order), each with its growth steps."""
        ratings = [candidate.rating(s) for s in self.skills]
        out = []
        for role, levels, inferred in self.roles:
            fit = self._fit(ratings, levels)
            out.append(GrowthPath(role.id, fit, self._steps(ratings, levels, inferred), candidate.open_to(role.id)))
        out.sort(key=lambda path: -path.fit)  # stable: ties stay in catalog order, as ranked_roles
        return tuple(out)

    def _fit(self, ratings: list[float], levels: tuple[int, ...]) -> float:
        """:func:`planner.model.fit.role_fit`, term for term (so the two agree to the last bit)."""
        if not self.skills:
            return 1.0
        distance = sum(abs(r - level) for r, level in zip(ratings, levels, strict=True)) / len(self.skills)
        return max(0.0, 1.0 - distance / self.span)


def growth_steps(
    candidate: Candidate, role: Role, catalog: Catalog, needed: frozenset[str] = frozenset()
) -> tuple[GrowthStep, ...]:
    """The skills ``candidate`` would raise to reach ``role``'s profile, most important first."""
    return GrowthTable(catalog, needed).steps(candidate, role)


def growth_paths(
    candidate: Candidate, catalog: Catalog, needed: frozenset[str] = frozenset()
) -> tuple[GrowthPath, ...]:
    """Every role ranked by fit (best first), each with its growth steps."""
    return GrowthTable(catalog, needed).paths(candidate)
