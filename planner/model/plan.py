"""A staffing plan: who is hired, in which role, for which tasks, what is covered and what not.

Plans are what the solver returns, what the project file stores and what the exports
show. ``plan_to_dict`` is the documented result JSON (see README); ``plan_from_dict``
reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from planner.model.budget import budget_share
from planner.model.constraints import BudgetScope, Constraints, TrainingPolicy
from planner.model.requirements import Requirement


class PlanStatus(str, Enum):
    OPTIMAL = "optimal"  # proven best under the lexicographic objective
    FEASIBLE = "feasible"  # best found within the time limit; ``gap`` says how far from proven
    INFEASIBLE = "infeasible"  # the hard constraints contradict each other; ``message`` names them
    CANCELLED = "cancelled"  # stopped by the user; the best plan found so far


@dataclass(frozen=True)
class Objective:
    uncovered_must: int = 0
    uncovered_nice: int = 0
    headcount: int = 0
    cost: float = 0.0
    fit: float = 0.0  # sum of role-fit scores over the team (higher is better)

    @property
    def uncovered(self) -> int:
        return self.uncovered_must + self.uncovered_nice


@dataclass(frozen=True)
class Coverage:
    """A requirement a member covers, with the member's rating in that skill."""

    task: str
    skill: str
    level: int
    rating: float


@dataclass(frozen=True)
class TrainingAction:
    """One member raised in one skill, ``from_level`` → ``to_level``, at a cost and a duration."""

    skill: str
    from_level: float
    to_level: int
    cost: float
    weeks: int


@dataclass(frozen=True)
class Member:
    candidate: str
    role: str
    tasks: tuple[str, ...]
    cost: float | None
    covers: tuple[Coverage, ...] = ()
    fit: float = 0.0
    employee: bool = False  # current staff (already on the payroll) rather than a hire
    training: tuple[TrainingAction, ...] = ()

    @property
    def training_cost(self) -> float:
        return sum(t.cost for t in self.training)


@dataclass(frozen=True)
class OpenPosition:
    """A position to open on the market: a role (or its named variant), its tasks, what the hire must bring."""

    role: str
    tasks: tuple[str, ...]
    min_ratings: dict[str, int]
    annual_cost: float
    recruiting_cost: float
    weeks_to_fill: int
    covers: tuple[Requirement, ...] = ()
    variant: str = ""  # the Playbook variant's name ("Deep Learning Engineer"), or "" for the base role
    senior: bool = False  # the "senior" uplift: a level above the role's profile, at a higher cost

    @property
    def cost(self) -> float:
        """What the position costs in the plan's first year: annual cost plus recruiting."""
        return self.annual_cost + self.recruiting_cost


@dataclass(frozen=True)
class HireRecommendation:
    """Advice beyond the plan: a position that would close a gap the limits kept open."""

    role: str
    tasks: tuple[str, ...]
    min_ratings: dict[str, int]
    covers: tuple[Requirement, ...]
    variant: str = ""
    senior: bool = False
    annual_cost: float = 0.0
    recruiting_cost: float = 0.0
    weeks_to_fill: int = 0

    @property
    def cost(self) -> float:
        return self.annual_cost + self.recruiting_cost


@dataclass(frozen=True)
class Plan:
    status: PlanStatus
    solve_seconds: float
    objective: Objective
    settings: Constraints
    roles: dict[str, tuple[str, ...]]
    requirements: tuple[Requirement, ...]
    team: tuple[Member, ...] = ()
    uncovered: tuple[Requirement, ...] = ()
    coverage_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    hire_recommendations: tuple[HireRecommendation, ...] = ()
    gap: float | None = None  # relative gap of the stage still open when stopped, 0 when proven
    message: str = ""
    open_positions: tuple[OpenPosition, ...] = ()

    def member(self, name: str) -> Member | None:
        for member in self.team:
            if member.candidate == name:
                return member
        return None

    @property
    def people_cost(self) -> float:
        """What the members from the pool cost (their annual cost; training not included)."""
        return sum(m.cost or 0.0 for m in self.team)

    @property
    def positions_cost(self) -> float:
        return sum(p.cost for p in self.open_positions)

    @property
    def training_cost(self) -> float:
        return sum(m.training_cost for m in self.team)

    @property
    def total_cost(self) -> float:
        """People, open positions (annual plus recruiting) and training."""
        return self.people_cost + self.positions_cost + self.training_cost

    @property
    def budget_spend(self) -> float:
        """What counts against the budget: the total cost, less current staff's pay under a new-spend budget."""
        scope = self.settings.budget_scope
        return self.total_cost - self.people_cost + sum(budget_share(m.cost, m.employee, scope) for m in self.team)

    @property
    def headcount(self) -> int:
        """Members plus open positions (training adds nobody)."""
        return len(self.team) + len(self.open_positions)


def _requirement_dict(req: Requirement) -> dict[str, Any]:
    out: dict[str, Any] = {"task": req.task, "skill": req.skill, "level": req.level}
    if not req.must_have:
        out["must_have"] = False
    return out


def _requirement(data: dict[str, Any]) -> Requirement:
    return Requirement(str(data["task"]), str(data["skill"]), int(data["level"]), bool(data.get("must_have", True)))


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The result JSON documented in the README (stable keys)."""
    s = plan.settings
    return {
        "status": plan.status.value,
        "message": plan.message,
        "solve_seconds": round(plan.solve_seconds, 3),
        "gap": plan.gap,
        "objective": {
            "uncovered": plan.objective.uncovered,
            "uncovered_must": plan.objective.uncovered_must,
            "uncovered_nice": plan.objective.uncovered_nice,
            "headcount": plan.objective.headcount,
            "cost": _number(plan.objective.cost),
            "fit": round(plan.objective.fit, 4),
        },
        "settings": {
            "max_tasks_per_person": s.max_tasks_per_person,
            "team_size_min": s.team_size_min,
            "team_size_max": s.team_size_max,
            "budget": _number(s.budget),
            "redundancy": s.redundancy,
            "objective_order": s.objective_order.value,
            "must_hire": dict(sorted(s.must_hire.items())),
            "exclude": sorted(s.exclude),
            "time_limit": s.time_limit,
            "min_role_fit": s.min_role_fit,
            "critical": [{"task": t, "skill": k} for t, k in sorted(s.critical)],
            "max_open_positions": s.max_open_positions,
            "needed_within_weeks": s.needed_within_weeks,
            "training": {
                "enabled": s.training.enabled,
                "max_levels_per_skill": s.training.max_levels_per_skill,
                "max_levels_per_person": s.training.max_levels_per_person,
                "cost_per_level": _number(s.training.cost_per_level),
                "weeks_per_level": s.training.weeks_per_level,
            },
            "budget_scope": s.budget_scope.value,
        },
        "roles": {role: list(tasks) for role, tasks in plan.roles.items()},
        "requirements": [_requirement_dict(r) for r in plan.requirements],
        "team": [
            {
                "candidate": m.candidate,
                "role": m.role,
                "tasks": list(m.tasks),
                "cost": _number(m.cost),
                "employee": m.employee,
                "fit": round(m.fit, 4),
                "covers": [
                    {"task": c.task, "skill": c.skill, "level": c.level, "rating": _number(c.rating)} for c in m.covers
                ],
                **({"training": [_training_dict(t) for t in m.training]} if m.training else {}),
            }
            for m in plan.team
        ],
        "open_positions": [_position_dict(p) for p in plan.open_positions],
        "training": [{"candidate": m.candidate, **_training_dict(t)} for m in plan.team for t in m.training],
        "cost_split": {
            "people": _number(plan.people_cost),
            "positions": _number(plan.positions_cost),
            "training": _number(plan.training_cost),
            "total": _number(plan.total_cost),
        },
        "uncovered": [_requirement_dict(r) for r in plan.uncovered],
        "coverage": [{"task": t, "skill": k, "members": n} for (t, k), n in plan.coverage_counts.items()],
        "hire_recommendations": [
            {
                "role": h.role,
                "tasks": list(h.tasks),
                "min_ratings": dict(h.min_ratings),
                "covers": [_requirement_dict(r) for r in h.covers],
                "variant": h.variant,
                "senior": h.senior,
                "annual_cost": _number(h.annual_cost),
                "recruiting_cost": _number(h.recruiting_cost),
                "weeks_to_fill": h.weeks_to_fill,
            }
            for h in plan.hire_recommendations
        ],
    }


def _training_dict(t: TrainingAction) -> dict[str, Any]:
    return {
        "skill": t.skill,
        "from_level": _number(t.from_level),
        "to_level": t.to_level,
        "cost": _number(t.cost),
        "weeks": t.weeks,
    }


def _training(data: dict[str, Any]) -> TrainingAction:
    return TrainingAction(
        str(data["skill"]), float(data["from_level"]), int(data["to_level"]), float(data["cost"]), int(data["weeks"])
    )


def _position_dict(p: OpenPosition) -> dict[str, Any]:
    return {
        "role": p.role,
        "variant": p.variant,
        "senior": p.senior,
        "tasks": list(p.tasks),
        "min_ratings": dict(p.min_ratings),
        "annual_cost": _number(p.annual_cost),
        "recruiting_cost": _number(p.recruiting_cost),
        "weeks_to_fill": p.weeks_to_fill,
        "covers": [_requirement_dict(r) for r in p.covers],
    }


def _position(data: dict[str, Any]) -> OpenPosition:
    return OpenPosition(
        role=str(data["role"]),
        tasks=tuple(data["tasks"]),
        min_ratings={str(k): int(v) for k, v in data.get("min_ratings", {}).items()},
        annual_cost=float(data["annual_cost"]),
        recruiting_cost=float(data["recruiting_cost"]),
        weeks_to_fill=int(data["weeks_to_fill"]),
        covers=tuple(_requirement(r) for r in data.get("covers", [])),
        variant=str(data.get("variant", "")),
        senior=bool(data.get("senior", False)),
    )


def _policy(data: dict[str, Any] | None) -> TrainingPolicy:
    if data is None:
        return TrainingPolicy()
    return TrainingPolicy(
        enabled=bool(data.get("enabled", True)),
        max_levels_per_skill=int(data.get("max_levels_per_skill", 1)),
        max_levels_per_person=int(data.get("max_levels_per_person", 2)),
        cost_per_level=float(data.get("cost_per_level", 5_000.0)),
        weeks_per_level=int(data.get("weeks_per_level", 8)),
    )


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """Read a plan written by :func:`plan_to_dict`; raises KeyError/ValueError/TypeError if malformed."""
    from planner.model.constraints import ObjectiveOrder

    s = data["settings"]
    settings = Constraints(
        team_size_min=s.get("team_size_min"),
        team_size_max=s.get("team_size_max"),
        budget=s.get("budget"),
        max_tasks_per_person=int(s.get("max_tasks_per_person", 2)),
        redundancy=int(s.get("redundancy", 1)),
        must_hire={str(k): v for k, v in s.get("must_hire", {}).items()},
        exclude=frozenset(s.get("exclude", [])),
        objective_order=ObjectiveOrder(s.get("objective_order", "size_first")),
        time_limit=float(s.get("time_limit", 30.0)),
        min_role_fit=s.get("min_role_fit"),
        critical=frozenset((str(c["task"]), str(c["skill"])) for c in s.get("critical", [])),
        max_open_positions=s.get("max_open_positions"),
        needed_within_weeks=s.get("needed_within_weeks"),
        training=_policy(s.get("training")),
        budget_scope=BudgetScope(s.get("budget_scope", "all")),
    )
    o = data["objective"]
    return Plan(
        status=PlanStatus(data["status"]),
        message=str(data.get("message", "")),
        solve_seconds=float(data.get("solve_seconds", 0.0)),
        gap=data.get("gap"),
        objective=Objective(
            uncovered_must=int(o.get("uncovered_must", o.get("uncovered", 0))),
            uncovered_nice=int(o.get("uncovered_nice", 0)),
            headcount=int(o["headcount"]),
            cost=float(o["cost"]),
            fit=float(o.get("fit", 0.0)),
        ),
        settings=settings,
        roles={str(k): tuple(v) for k, v in data.get("roles", {}).items()},
        requirements=tuple(_requirement(r) for r in data.get("requirements", [])),
        team=tuple(
            Member(
                candidate=str(m["candidate"]),
                role=str(m["role"]),
                tasks=tuple(m["tasks"]),
                cost=None if m.get("cost") is None else float(m["cost"]),
                fit=float(m.get("fit", 0.0)),
                employee=bool(m.get("employee", False)),
                covers=tuple(
                    Coverage(str(c["task"]), str(c["skill"]), int(c["level"]), float(c["rating"]))
                    for c in m.get("covers", [])
                ),
                training=tuple(_training(t) for t in m.get("training", [])),
            )
            for m in data.get("team", [])
        ),
        open_positions=tuple(_position(p) for p in data.get("open_positions", [])),
        uncovered=tuple(_requirement(r) for r in data.get("uncovered", [])),
        coverage_counts={(str(c["task"]), str(c["skill"])): int(c["members"]) for c in data.get("coverage", [])},
        hire_recommendations=tuple(
            HireRecommendation(
                role=str(h["role"]),
                tasks=tuple(h["tasks"]),
                min_ratings={str(k): int(v) for k, v in h["min_ratings"].items()},
                covers=tuple(_requirement(r) for r in h.get("covers", [])),
                variant=str(h.get("variant", "")),
                senior=bool(h.get("senior", False)),
                annual_cost=float(h.get("annual_cost", 0.0)),
                recruiting_cost=float(h.get("recruiting_cost", 0.0)),
                weeks_to_fill=int(h.get("weeks_to_fill", 0)),
            )
            for h in data.get("hire_recommendations", [])
        ),
    )
