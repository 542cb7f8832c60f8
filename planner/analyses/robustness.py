"""How robust a plan is: bus factor per requirement, and what happens if someone leaves.

A requirement's bus factor is the number of team members who cover it (assigned to its
task with a rating at or above its level, counting the level the plan trains them to) and
of the plan's open positions that cover it (labelled as the coverage matrix labels them,
"Open position 1: Data Scientist"). For each member, "if X leaves" lists the requirements
that would drop below the members they need, the tasks left with nobody, and who in the
pool could step in: a candidate not on the team (and not excluded) who can take a role
doing all of X's tasks and meets every level X's departure leaves uncovered, within the
budget if one is set. Replacements come cheapest first, then best role fit.

A replacement must be open to the role (when they list roles), and under a new-spend
budget only new spend counts against it.

After the pool, a departure lists the positions that could be opened instead, when the
constraints allow one more (``max_open_positions`` is not reached, a position is not
slower to fill than ``needed_within_weeks``): a catalog role (or its Playbook variant,
or the senior uplift; :mod:`planner.model.hiring`) doing all of X's tasks whose market
ceiling meets every level the departure leaves uncovered, within the budget if one is
set, cheapest first (only for a departure that uncovers a requirement or leaves a task with
nobody). A senior kind is left out when the same role and variant qualifies without the
uplift.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.analyses.coverage import position_label
from planner.model.budget import budget_cost, budget_share
from planner.model.candidates import Candidate
from planner.model.constraints import Constraints
from planner.model.fit import role_fit
from planner.model.hiring import PositionKind, position_kinds
from planner.model.plan import Member, OpenPosition, Plan
from planner.model.project import Problem
from planner.model.requirements import Requirement, min_ratings


@dataclass(frozen=True)
class BusFactor:
    requirement: Requirement
    members: tuple[str, ...]
    needed: int  # members the requirement needs (redundancy, or 2 if critical)

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def at_risk(self) -> bool:
        """Covered now, but one departure would uncover it."""
        return self.count == self.needed


@dataclass(frozen=True)
class Replacement:
    candidate: str
    role: str
    cost: float | None
    fit: float


@dataclass(frozen=True)
class DepartureImpact:
    member: str
    lost: tuple[Requirement, ...]  # requirements that become uncovered
    orphaned_tasks: tuple[str, ...]  # tasks left with no member
    replacements: tuple[Replacement, ...]
    positions: tuple[OpenPosition, ...] = ()  # after the pool: positions to open instead (tasks: the leaver's)


@dataclass(frozen=True)
class RobustnessReport:
    bus_factors: tuple[BusFactor, ...]
    departures: tuple[DepartureImpact, ...]

    @property
    def single_points(self) -> tuple[Requirement, ...]:
        """Covered requirements that one departure would uncover."""
        return tuple(b.requirement for b in self.bus_factors if b.count > 0 and b.at_risk)


def covering_members(problem: Problem, plan: Plan, requirement: Requirement) -> tuple[str, ...]:
    """Team members (at their trained level) and open positions who cover ``requirement``."""
    members = tuple(
        m.candidate
        for m in plan.team
        if requirement.task in m.tasks and _level(problem, m, requirement.skill) >= requirement.level
    )
    positions = tuple(
        position_label(problem, p, i)
        for i, p in enumerate(plan.open_positions, start=1)
        if any(r.key == requirement.key for r in p.covers)
    )
    return members + positions


def _level(problem: Problem, member: Member, skill: str) -> float:
    """A member's rating in ``skill``, at the level the plan trains them to."""
    trained = [float(t.to_level) for t in member.training if t.skill == skill]
    return max([float(problem.candidate(member.candidate).rating(skill)), *trained])


def robustness(problem: Problem, plan: Plan, *, max_replacements: int = 5) -> RobustnessReport:
    """Bus factors for every requirement and the impact of each member leaving."""
    needed = {r: problem.constraints.members_needed(r.task, r.skill) for r in problem.requirements}
    bus = tuple(BusFactor(r, covering_members(problem, plan, r), needed[r]) for r in problem.requirements)
    departures = tuple(_departure(problem, plan, member, bus, max_replacements) for member in plan.team)
    return RobustnessReport(bus, departures)


def _departure(problem: Problem, plan: Plan, member: Member, bus: tuple[BusFactor, ...], limit: int) -> DepartureImpact:
    lost = tuple(b.requirement for b in bus if b.at_risk and member.candidate in b.members)
    others_on = {t for m in plan.team if m.candidate != member.candidate for t in m.tasks}
    orphaned = tuple(t for t in member.tasks if t not in others_on)
    replacements = _replacements(problem, plan, member, lost, limit)
    positions = _positions(problem, plan, member, lost, limit) if lost or orphaned else ()
    return DepartureImpact(member.candidate, lost, orphaned, replacements, positions)


def _spare(problem: Problem, plan: Plan, member: Member) -> float | None:
    """What the budget leaves for a stand-in once ``member`` has gone (None: no budget)."""
    constraints = problem.constraints
    if constraints.budget is None:
        return None
    share = budget_share(member.cost, member.employee, constraints.budget_scope)
    return constraints.budget - (plan.budget_spend - share - member.training_cost)


def _positions(
    problem: Problem, plan: Plan, member: Member, lost: tuple[Requirement, ...], limit: int
) -> tuple[OpenPosition, ...]:
    """The positions that could be opened in ``member``'s place (see the module docstring)."""
    constraints = problem.constraints
    most = constraints.max_open_positions
    if most is not None and len(plan.open_positions) >= most:
        return ()
    if len(member.tasks) > constraints.max_tasks_per_person:
        return ()
    spare = _spare(problem, plan, member)
    deadline = constraints.needed_within_weeks
    catalog = problem.catalog
    doers = {r.id for r in catalog.roles if all(r.does(t) for t in member.tasks)}

    def fits(kind: PositionKind) -> bool:
        return (
            kind.role in doers
            and (deadline is None or kind.weeks_to_fill <= deadline)
            and (spare is None or kind.cost <= spare)
            and all(kind.brings(r) for r in lost)
        )

    kinds = [k for k in position_kinds(catalog) if fits(k)]
    plain = {(k.role, k.variant_name) for k in kinds if not k.senior}
    kinds = [k for k in kinds if not (k.senior and (k.role, k.variant_name) in plain)]
    kinds.sort(key=lambda k: (k.cost, k.weeks_to_fill, k.role, k.variant_name, k.senior))
    needs = min_ratings(lost)
    return tuple(
        OpenPosition(
            k.role,
            member.tasks,
            dict(needs),
            k.annual_cost,
            k.recruiting_cost,
            k.weeks_to_fill,
            covers=lost,
            variant=k.variant_name,
            senior=k.senior,
        )
        for k in kinds[:limit]
    )


def _replacements(
    problem: Problem, plan: Plan, member: Member, lost: tuple[Requirement, ...], limit: int
) -> tuple[Replacement, ...]:
    constraints = problem.constraints
    team = {m.candidate for m in plan.team}
    spare = _spare(problem, plan, member)
    roles = [r for r in problem.catalog.roles if all(r.does(t) for t in member.tasks)]
    found: list[Replacement] = []
    for candidate in problem.candidates:
        if candidate.name in team or candidate.name in constraints.exclude:
            continue
        if not _can_take(candidate, member, lost, spare, constraints):
            continue
        best = None
        for role in roles:
            if not candidate.open_to(role.id):
                continue
            fit = role_fit(candidate, role, problem.catalog)
            if constraints.min_role_fit is not None and fit < constraints.min_role_fit:
                continue
            if best is None or fit > best.fit:
                best = Replacement(candidate.name, role.id, candidate.cost, fit)
        if best is not None:
            found.append(best)
    found.sort(key=lambda r: (r.cost if r.cost is not None else float("inf"), -r.fit, r.candidate))
    return tuple(found[:limit])


def _can_take(
    candidate: Candidate, member: Member, lost: tuple[Requirement, ...], spare: float | None, constraints: Constraints
) -> bool:
    cap = constraints.max_tasks_per_person
    personal_cap = min(cap, candidate.max_tasks) if candidate.max_tasks is not None else cap
    if personal_cap < len(member.tasks):
        return False
    if spare is not None and budget_cost(candidate, constraints) > spare:
        return False
    return all(candidate.rating(r.skill) >= r.level for r in lost)
