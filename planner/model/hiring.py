"""What the market can fill: the kinds of position a project can open and what each hire brings.

A *position kind* is a catalog role with market data (:class:`~planner.model.catalog.RoleMarket`),
optionally one of the Playbook's named variants of it (Deep Learning Engineer …) and
optionally the catalog's "senior" uplift. Its *ceiling* is the rating a hire can be expected
to bring in each skill, all from catalog data:

* the role's profile level in each skill;
* a variant's extension skills on top (the higher of the two);
* the catalog's ``open_skills`` (skills the profiles do not really rate, such as query,
  accelerator and visualization languages) at the top of the scale;
* senior: the uplift added to every profile skill the role has (level ≥ 1), capped at the
  top of the scale, at ``cost_factor`` times the cost and ``extra_weeks`` longer to fill.

A position covers a requirement only where its ceiling reaches the requirement's level.
:func:`market_catalog` gives a project's catalog its market data: the project's own
overrides, else the catalog's, else (a catalog saved before market data existed) the
bundled catalog's figures for the same role.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.model.catalog import Catalog, Hiring, Role, RoleMarket, RoleVariant, default_catalog
from planner.model.requirements import Requirement


@dataclass(frozen=True)
class PositionKind:
    """One way to open a position: role, variant (or None), senior or not, and what it brings."""

    role: str
    variant: RoleVariant | None
    senior: bool
    ceiling: dict[str, int]
    annual_cost: float
    recruiting_cost: float
    weeks_to_fill: int

    @property
    def cost(self) -> float:
        """First-year cost: annual plus recruiting."""
        return self.annual_cost + self.recruiting_cost

    @property
    def variant_name(self) -> str:
        return self.variant.name if self.variant is not None else ""

    def brings(self, requirement: Requirement) -> bool:
        return self.ceiling.get(requirement.skill, 0) >= requirement.level


def ceiling(catalog: Catalog, role: Role, variant: RoleVariant | None = None, senior: bool = False) -> dict[str, int]:
    """The rating a hire in ``role`` (variant, senior) can be expected to bring in every skill."""
    top = catalog.scale.max
    hiring = catalog.hiring
    out = {}
    for skill in catalog.skill_ids:
        level = role.level(skill)
        if senior and hiring.senior is not None and level >= 1:
            level = min(top, level + hiring.senior.uplift_levels)
        if variant is not None:
            level = max(level, variant.skills.get(skill, 0))
        if skill in hiring.open_skills:
            level = top
        out[skill] = level
    return out


def position_kinds(catalog: Catalog) -> tuple[PositionKind, ...]:
    """Every kind of position the catalog's market data allows (roles without market data: none)."""
    out = []
    senior = catalog.hiring.senior
    for role in catalog.roles:
        market = role.market
        if market is None:
            continue
        variants: list[RoleVariant | None] = [None, *(v for v in catalog.hiring.variants if v.base == role.id)]
        for variant in variants:
            out.append(
                PositionKind(
                    role.id,
                    variant,
                    False,
                    ceiling(catalog, role, variant),
                    market.annual_cost,
                    market.recruiting_cost,
                    market.weeks_to_fill,
                )
            )
            if senior is not None:
                out.append(
                    PositionKind(
                        role.id,
                        variant,
                        True,
                        ceiling(catalog, role, variant, senior=True),
                        round(market.annual_cost * senior.cost_factor, 2),
                        round(market.recruiting_cost * senior.cost_factor, 2),
                        market.weeks_to_fill + senior.extra_weeks,
                    )
                )
    return tuple(out)


def find_kind(catalog: Catalog, role: str, variant: str, senior: bool) -> PositionKind | None:
    """The kind with this role, variant name ("" for the base role) and seniority."""
    for kind in position_kinds(catalog):
        if kind.role == role and kind.variant_name == variant and kind.senior == senior:
            return kind
    return None


def unhireable_reason(catalog: Catalog, requirement: Requirement) -> str:
    """Why no position can cover ``requirement``, in words ("" when one can)."""
    kinds = [k for k in position_kinds(catalog) if catalog.role(k.role).does(requirement.task)]
    if any(k.brings(requirement) for k in kinds):
        return ""
    task = catalog.task(requirement.task).name if requirement.task in catalog.task_ids else requirement.task
    skill = catalog.skill(requirement.skill).name if requirement.skill in catalog.skill_ids else requirement.skill
    if not kinds:
        return f"no Playbook role with market data does {task}"
    return f"no Playbook role is typically hired with {skill} ≥ {requirement.level} for {task}"


def market_catalog(catalog: Catalog, overrides: dict[str, RoleMarket] | None = None) -> Catalog:
    """``catalog`` with every role's market data filled in (overrides first, then the bundled figures)."""
    overrides = overrides or {}
    bundled = default_catalog()
    bundled_roles = {r.id: r for r in bundled.roles}
    roles = []
    changed = False
    for role in catalog.roles:
        market = overrides.get(role.id) or role.market
        if market is None and role.id in bundled_roles:
            market = bundled_roles[role.id].market
        if market != role.market:
            role = replace(role, market=market)
            changed = True
        roles.append(role)
    hiring = catalog.hiring
    if hiring == Hiring() and bundled.hiring != Hiring():
        ids = set(catalog.role_ids)
        skills = set(catalog.skill_ids)
        hiring = replace(
            bundled.hiring,
            open_skills=tuple(s for s in bundled.hiring.open_skills if s in skills),
            variants=tuple(v for v in bundled.hiring.variants if v.base in ids and set(v.skills) <= skills),
        )
        changed = True
    return replace(catalog, roles=tuple(roles), hiring=hiring) if changed else catalog
