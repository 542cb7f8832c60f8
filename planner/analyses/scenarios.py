"""What-if scenarios: named variants of a project's tasks, requirements and constraints.

A scenario shares the project's candidates and catalog and overrides everything a manager
asks "what if" about: the chosen tasks and subtasks, requirement levels, nice-to-haves
and constraints (budget, team size, who is excluded…). :func:`compare_scenarios` lines up
their plans side by side with the differences from the current setup.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from planner.errors import ValidationError
from planner.model.constraints import BudgetScope
from planner.model.money import format_money
from planner.model.plan import Plan
from planner.model.project import Project
from planner.model.requirements import Requirement
from planner.model.scenario import CURRENT, Scenario
from planner.wording import count_text, team_size_text


def snapshot(setup: Project | Scenario, name: str) -> Scenario:
    """A scenario called ``name`` holding the settings of a project or another scenario.

    The starting point for a what-if ("New from current") and an independent copy of a
    scenario alike; the plan is shared, since plans are immutable.
    """
    return Scenario(
        name=name,
        subtasks=dict(setup.subtasks),
        requirement_overrides=dict(setup.requirement_overrides),
        nice_to_have=set(setup.nice_to_have),
        constraints=setup.constraints,
        plan=setup.plan,
    )


def copy_scenario(scenario: Scenario, name: str) -> Scenario:
    """An independent copy of ``scenario`` called ``name``."""
    return snapshot(scenario, name)


def find_scenario(project: Project, name: str) -> Scenario:
    for scenario in project.scenarios:
        if scenario.name == name:
            return scenario
    known = ", ".join(repr(s.name) for s in project.scenarios) or "none"
    raise ValidationError(f"no scenario named {name!r} (scenarios: {known})")


def apply_scenario(project: Project, scenario: Scenario) -> Project:
    """A copy of ``project`` with the scenario's settings (candidates and catalog shared)."""
    variant = copy.copy(project)
    variant.subtasks = dict(scenario.subtasks)
    variant.requirement_overrides = dict(scenario.requirement_overrides)
    variant.nice_to_have = set(scenario.nice_to_have)
    variant.constraints = scenario.constraints
    variant.plan = scenario.plan
    variant.scenarios = []
    return variant


@dataclass(frozen=True)
class ScenarioSummary:
    """One column of the comparison view."""

    name: str
    plan: Plan | None
    team: tuple[str, ...]
    headcount: int | None
    cost: float | None
    uncovered: tuple[Requirement, ...]
    hires: tuple[str, ...]  # role ids of the recommended positions
    joined: tuple[str, ...]  # members not in the current plan's team
    left: tuple[str, ...]  # current members not in this team
    cost_change: float | None  # against the current plan
    changes: tuple[str, ...]  # settings that differ from the current setup, in words


@dataclass(frozen=True)
class Comparison:
    scenarios: tuple[ScenarioSummary, ...]


def describe_changes(project: Project, scenario: Scenario) -> tuple[str, ...]:
    """The settings in which ``scenario`` differs from the project's current setup, in words."""
    catalog = project.catalog
    out: list[str] = []
    dropped = [t for t in project.subtasks if t not in scenario.subtasks]
    added = [t for t in scenario.subtasks if t not in project.subtasks]
    out += [f"without {catalog.task(t).name}" for t in dropped]
    out += [f"with {catalog.task(t).name}" for t in added]
    for task_id in scenario.subtasks:
        if task_id in project.subtasks and set(scenario.subtasks[task_id]) != set(project.subtasks[task_id]):
            out.append(f"{catalog.task(task_id).name}: {len(scenario.subtasks[task_id])} subtasks")
    if scenario.requirement_overrides != project.requirement_overrides or scenario.nice_to_have != project.nice_to_have:
        out.append("requirement levels changed")
    a, b = project.constraints, scenario.constraints
    if (a.team_size_min, a.team_size_max) != (b.team_size_min, b.team_size_max):
        before, after = (
            team_size_text(a.team_size_min, a.team_size_max),
            team_size_text(b.team_size_min, b.team_size_max),
        )
        out.append(f"{after} (was {before.removeprefix('team size ')})")
    if a.budget != b.budget:
        out.append(f"budget {_money(b.budget, project)} (was {_money(a.budget, project)})")
    labels = {
        "max_tasks_per_person": "tasks per person",
        "redundancy": "redundancy",
        "min_role_fit": "minimum role fit",
    }
    for attr, label in labels.items():
        before, after = getattr(a, attr), getattr(b, attr)
        if before != after:
            out.append(f"{label} {_value(after)} (was {_value(before)})")
    for name in sorted(b.exclude - a.exclude):
        out.append(f"without {name}")
    for name in sorted(a.exclude - b.exclude):
        out.append(f"{name} available")
    for name in sorted(set(b.must_hire) - set(a.must_hire)):
        out.append(f"must hire {name}")
    if a.budget_scope != b.budget_scope:
        covered = "new spend only" if b.budget_scope is BudgetScope.NEW else "the whole team"
        out.append(f"budget covers {covered}")
    if a.objective_order != b.objective_order:
        out.append("cost before team size" if b.objective_order.value == "cost_first" else "team size before cost")
    if a.max_open_positions != b.max_open_positions:
        out.append(f"{_positions(b.max_open_positions)} (was {_positions(a.max_open_positions)})")
    if a.training.enabled != b.training.enabled:
        out.append("training allowed" if b.training.enabled else "no training")
    elif a.training != b.training:
        out.append("training settings changed")
    if a.needed_within_weeks != b.needed_within_weeks:
        out.append(f"{_deadline(b.needed_within_weeks)} (was {_deadline(a.needed_within_weeks)})")
    return tuple(out)


def _money(amount: float | None, project: Project) -> str:
    return "none" if amount is None else format_money(amount, project.currency)


def _positions(limit: int | None) -> str:
    if limit is None:
        return "open positions up to the team-size limit"
    return "staff from the pool only" if limit == 0 else f"at most {count_text(limit, 'open position')}"


def _deadline(weeks: int | None) -> str:
    return "no deadline" if weeks is None else f"needed within {count_text(weeks, 'week')}"


def _value(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return str(value)


def compare_scenarios(project: Project) -> Comparison:
    """The current setup and every scenario side by side, differences against the current plan."""
    base_plan = project.plan
    base_team = {m.candidate for m in base_plan.team} if base_plan else set()
    rows = [_summary(CURRENT, base_plan, base_team, base_plan, ())]
    for scenario in project.scenarios:
        rows.append(_summary(scenario.name, scenario.plan, base_team, base_plan, describe_changes(project, scenario)))
    return Comparison(tuple(rows))


def _summary(
    name: str, plan: Plan | None, base_team: set[str], base_plan: Plan | None, changes: tuple[str, ...]
) -> ScenarioSummary:
    if plan is None or plan.status.value == "infeasible":
        return ScenarioSummary(name, plan, (), None, None, (), (), (), (), None, changes)
    team = tuple(m.candidate for m in plan.team)
    cost = plan.total_cost
    base_cost = base_plan.total_cost if base_plan and base_plan.status.value != "infeasible" else None
    return ScenarioSummary(
        name=name,
        plan=plan,
        team=team,
        headcount=plan.headcount,  # members and open positions
        cost=cost,
        uncovered=plan.uncovered,
        hires=tuple(h.role for h in plan.hire_recommendations),
        joined=tuple(n for n in team if base_plan is not None and n not in base_team),
        left=tuple(sorted(base_team - set(team))),
        cost_change=None if base_cost is None else cost - base_cost,
        changes=changes,
    )
