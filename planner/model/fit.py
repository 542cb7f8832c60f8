"""Role fit: how closely a candidate's ratings match each Playbook role profile.

Fit is ``1 - mean |rating - profile level| / scale range`` over the skills that describe
roles (the charted skills plus any skill a role profile rates above zero). 1.0 is a
perfect match, 0.0 the farthest possible. It is a preference in the solver, never a rule,
unless the manager sets a minimum fit.
"""

from __future__ import annotations

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, Role


def profile_skills(catalog: Catalog) -> tuple[str, ...]:
    """The skills role fit is measured on, in catalog order."""
    rated = {skill for role in catalog.roles for skill, value in role.profile.items() if value.level > 0}
    return tuple(s.id for s in catalog.skills if s.charted or s.id in rated)


def role_fit(candidate: Candidate, role: Role, catalog: Catalog) -> float:
    """Fit of ``candidate`` to ``role`` in [0, 1]."""
    skills = profile_skills(catalog)
    if not skills:
        return 1.0
    span = catalog.scale.max - catalog.scale.min
    distance = sum(abs(candidate.rating(s) - role.level(s)) for s in skills) / len(skills)
    return max(0.0, 1.0 - distance / span)


def ranked_roles(candidate: Candidate, catalog: Catalog) -> list[tuple[Role, float]]:
    """Every role with its fit for ``candidate``, best first (ties in catalog order)."""
    fits = [(role, role_fit(candidate, role, catalog)) for role in catalog.roles]
    return sorted(fits, key=lambda pair: -pair[1])
