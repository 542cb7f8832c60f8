"""Plans, requirements and hires in a manager's words, shared by the app and the command line.

``plan_status_text``: "Proven optimal", "Best found in 30 s, within 4% of optimal",
"Stopped: best plan so far", "Infeasible: <why>", plus how many requirements these
candidates cannot cover. The other helpers word durations, gaps, levels, requirements and
hire recommendations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from planner.analyses.growth import GrowthPath, GrowthStep
from planner.model.candidates import CandidateStatus
from planner.model.catalog import Catalog
from planner.model.constraints import BudgetScope
from planner.model.plan import HireRecommendation, Plan, PlanStatus
from planner.model.requirements import Requirement


def format_seconds(seconds: float) -> str:
    """``0.4 s``, ``2.5 s``, ``30 s``, ``2 min 5 s``: short and never falsely precise."""
    seconds = max(0.0, seconds)
    if seconds < 10:
        text = f"{seconds:.1f}".rstrip("0").rstrip(".")
        return f"{text or '0'} s"
    whole = round(seconds)
    if whole < 120:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def format_gap(gap: float) -> str:
    """A relative gap as a whole percentage; a tiny non-zero gap shows as ``<1%``."""
    percent = gap * 100
    if 0 < percent < 0.5:
        return "<1%"
    return f"{round(percent)}%"


def uncovered_text(count: int) -> str:
    """``2 requirements cannot be covered by these candidates`` (empty for zero)."""
    if count <= 0:
        return ""
    noun = "requirement" if count == 1 else "requirements"
    return f"{count} {noun} cannot be covered by these candidates"


def plan_status_text(plan: Plan) -> str:
    """One line saying how good ``plan`` is and what it leaves uncovered."""
    if plan.status is PlanStatus.INFEASIBLE:
        reason = plan.message.strip() or "the constraints contradict each other"
        return f"Infeasible: {reason}"
    if plan.status is PlanStatus.OPTIMAL:
        text = "Proven optimal"
    elif plan.status is PlanStatus.CANCELLED:
        text = "Stopped: best plan so far"
    else:
        text = f"Best found in {format_seconds(plan.solve_seconds)}"
        if plan.gap is not None and plan.gap > 0:
            text += f", within {format_gap(plan.gap)} of optimal"
    uncovered = uncovered_text(len(plan.uncovered))
    return f"{text}; {uncovered}" if uncovered else text


def level_text(catalog: Catalog, level: float) -> str:
    """``4 (Developing)``."""
    return f"{level:g} ({catalog.scale.name_of(level)})"


def _name(getter: Callable[[str], Any], item_id: str) -> str:
    try:
        return str(getter(item_id).name)
    except KeyError:
        return item_id


def requirement_text(catalog: Catalog, requirement: Requirement) -> str:
    """``Modeling · Deep Learning ≥ 4 (Developing)``, marked when only nice to have."""
    text = (
        f"{_name(catalog.task, requirement.task)} · {_name(catalog.skill, requirement.skill)} "
        f"≥ {level_text(catalog, requirement.level)}"
    )
    return text if requirement.must_have else f"{text}, nice to have"


def hire_text(catalog: Catalog, hire: HireRecommendation) -> str:
    """``Hire a Machine Learning Engineer for Modeling + Deployment: Deep Learning ≥ 4, …``."""
    role = _name(catalog.role, hire.role)
    article = "an" if role[:1].lower() in "aeiou" else "a"
    tasks = " + ".join(_name(catalog.task, t) for t in hire.tasks)
    order = {s: i for i, s in enumerate(catalog.skill_ids)}
    skills = sorted(hire.min_ratings.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    ratings = ", ".join(f"{_name(catalog.skill, s)} ≥ {level}" for s, level in skills)
    text = f"Hire {article} {role}"
    if tasks:
        text += f" for {tasks}"
    return f"{text}: {ratings}" if ratings else text


def staff_or_hire(employee: bool) -> str:
    """How a member reads everywhere: ``current staff`` (already on the payroll) or ``hire``."""
    return "current staff" if employee else "hire"


def status_word(status: CandidateStatus) -> str:
    """``Employee`` or ``Applicant``, as the candidate table, the template and the workbook show it."""
    return "Employee" if status is CandidateStatus.EMPLOYEE else "Applicant"


def open_to_text(catalog: Catalog, roles: tuple[str, ...]) -> str:
    """The roles a person is open to, by name (``any role`` when they list none)."""
    if not roles:
        return "any role"
    return ", ".join(catalog.role(r).name if r in catalog.role_ids else r for r in roles)


def budget_scope_text(scope: BudgetScope) -> str:
    """What a budget covers, in words."""
    if scope is BudgetScope.NEW:
        return "new spend only (applicants; current staff's pay not counted)"
    return "the whole team"


def staff_counts_text(plan: Plan) -> str:
    """``2 current staff, 3 hires`` for the members of ``plan`` ("" for an empty team)."""
    staff = sum(1 for m in plan.team if m.employee)
    hires = len(plan.team) - staff
    parts = [f"{staff} current staff"] if staff else []
    if hires:
        parts.append(f"{hires} {'hire' if hires == 1 else 'hires'}")
    return ", ".join(parts)


AT_PROFILE = "already at or above the role's profile in every skill"


def growth_step_text(catalog: Catalog, step: GrowthStep) -> str:
    """``Software Engineering 2 → 4`` (with ``(inferred)`` when the target is an inferred profile value)."""
    name = catalog.skill(step.skill).name if step.skill in catalog.skill_ids else step.skill
    return f"{name} {step.current:g} → {step.target}" + (" (inferred)" if step.inferred else "")


def growth_steps_text(catalog: Catalog, steps: tuple[GrowthStep, ...]) -> str:
    """The steps joined (``Software Engineering 2 → 4, Deep Learning 1 → 3``), or a note when there are none.

    When every target is inferred, that is said once at the end instead of after each step.
    """
    if not steps:
        return AT_PROFILE
    if all(s.inferred for s in steps):
        plain = (dataclasses.replace(s, inferred=False) for s in steps)
        return ", ".join(growth_step_text(catalog, s) for s in plain) + " (inferred profile)"
    return ", ".join(growth_step_text(catalog, s) for s in steps)


def growth_text(catalog: Catalog, path: GrowthPath) -> str:
    """``To grow into Machine Learning Engineer: Software Engineering 2 → 4, Deep Learning 1 → 3``."""
    name = catalog.role(path.role).name if path.role in catalog.role_ids else path.role
    if not path.steps:
        return f"{name}: {AT_PROFILE}"
    return f"To grow into {name}: {growth_steps_text(catalog, path.steps)}"
