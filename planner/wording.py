"""Plans, requirements and hires in a manager's words, shared by the app and the command line.

``plan_status_text``: "Proven optimal", "Best found in 30 s, within 4% of optimal",
"Stopped: best plan so far", "Infeasible: <why>", plus how many requirements these
candidates cannot cover. The other helpers word counts (``count_text``: real plurals and
thousands separators, "1 person", "2,000 candidates"), durations, gaps, levels, constraints
(``constraint_texts``: "team size up to 6", the same in the app, the command line and the
workbook), requirements and hire recommendations.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from enum import Enum
from typing import Any

from planner.analyses.growth import GrowthPath, GrowthStep
from planner.model.candidates import CandidateStatus
from planner.model.catalog import Catalog
from planner.model.constraints import BudgetScope, Constraints, ObjectiveOrder
from planner.model.money import USD, Currency, format_money
from planner.model.plan import HireRecommendation, OpenPosition, Plan, PlanStatus, TrainingAction
from planner.model.requirements import Requirement


class Surface(Enum):
    """Where a message is shown: advice differs (the command line has flags, the app has controls)."""

    APP = "app"
    CLI = "cli"


# What to do about a problem, per surface; problems and errors carry only the key.
ADVICE: dict[str, dict[Surface, str]] = {
    "rating scale": {
        Surface.APP: "If the sheet uses another scale, choose it under Rating scale above the preview.",
        Surface.CLI: "If the sheet uses another scale, pass it, e.g. --scale 1-10.",
    },
    "header row": {
        Surface.APP: "Choose the header row and map the columns above the preview.",
        Surface.CLI: "Put the column titles (Name and skills such as Machine Learning) in one row, or import it "
        "in the app, where the header row and columns can be chosen.",
    },
    "not a project": {
        Surface.APP: "To bring in candidates from a spreadsheet, use File ▸ Import candidates (Ctrl+I).",
        Surface.CLI: "To read candidates from a spreadsheet, use the import command: main.py import FILE.",
    },
    "damaged project": {
        Surface.APP: "Open the backup saved beside it (the same name ending in .bak), if there is one.",
        Surface.CLI: "Try the backup saved beside it (the same name ending in .bak), if there is one.",
    },
    "newer project": {
        Surface.APP: "Open it with the newer Team Planner that saved it, or update this one.",
        Surface.CLI: "Use the newer Team Planner that saved it, or update this one.",
    },
}


def build_buy_notice(constraints: Constraints, surface: Surface) -> str:
    """What a plan of a project saved before open positions and training were options says about them.

    Names what ``constraints`` (the plan's) now allow and how to get a pool-only plan on
    ``surface``; "" when they allow neither.
    """
    positions = constraints.max_open_positions != 0
    training = constraints.training.enabled
    if not positions and not training:
        return ""
    allowed = "they are" if positions and training else "open positions are" if positions else "training is"
    if surface is Surface.CLI:
        flags = " ".join(f for f, on in (("--max-open-positions 0", positions), ("--no-training", training)) if on)
        how = f"pass {flags}"
    else:
        steps = [s for s, on in (("set Open positions to 0", positions), ("switch training off", training)) if on]
        how = f"{' and '.join(steps)} in Constraints"
    return (
        "This project was saved before Team Planner considered open positions and training; "
        f"{allowed} now allowed: {how} for a pool-only plan."
    )


def advice_text(key: str, surface: Surface) -> str:
    """The advice for ``key`` on ``surface`` ("" for no advice)."""
    return ADVICE.get(key, {}).get(surface, "")


SOURCE_KEY = re.compile(r"\bS-[a-z0-9]+(?:-[a-z0-9]+)*\b(?:,\s*|;\s*)?")


def without_source_keys(text: str) -> str:
    """Catalog text without its internal source keys: ``mostly prototyping code (S-workera-page)``
    reads ``mostly prototyping code``; ``(S-workera-page, Deep Learning variant)`` keeps the variant."""
    cleaned = SOURCE_KEY.sub("", text)
    cleaned = re.sub(r"\(\s*\)", "", cleaned)  # a bracket that held only a key
    return re.sub(r"\s{2,}", " ", cleaned).strip()


def with_advice(text: str, key: str, surface: Surface) -> str:
    """``text`` followed by the advice ``key`` gives on ``surface`` (if any), as one more sentence."""
    advice = advice_text(key, surface)
    return f"{text.rstrip('. ')}. {advice}" if advice else text


IRREGULAR_PLURALS = {"person": "people", "is": "are", "has": "have", "was": "were"}


def number_text(value: float) -> str:
    """``1,359``; a fraction keeps up to two decimals (``2.5``)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def plural(count: float, noun: str, plural_form: str | None = None) -> str:
    """``noun`` in the form that goes with ``count``: ``person``/``people``, ``gap``/``gaps``."""
    if count == 1:
        return noun
    if plural_form is not None:
        return plural_form
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count_text(count: float, noun: str, plural_form: str | None = None) -> str:
    """``1 person``, ``2,000 candidates``, ``0 errors``: the one way every surface counts things."""
    return f"{number_text(count)} {plural(count, noun, plural_form)}"


def team_size_text(low: int | None, high: int | None) -> str:
    """``team size up to 6``, ``team size at least 2``, ``team size 2–6``, ``any team size``."""
    if low and high is not None:
        return f"team size {low}–{high}" if low != high else f"team size exactly {high}"
    if low:
        return f"team size at least {low}"
    if high is not None:
        return f"team size up to {high}"
    return "any team size"


def constraint_texts(constraints: Constraints, money: Callable[[float], str] = number_text) -> list[str]:
    """The limits of a solve as short phrases, worded the same in the app, the CLI and the workbook.

    ``team size up to 6``, ``budget 900,000``, ``at most 2 tasks per person``,
    ``each requirement covered by at least 1 person``, …, ``smallest team first``.
    """
    c = constraints
    parts: list[str] = []
    if c.team_size_min or c.team_size_max is not None:
        parts.append(team_size_text(c.team_size_min, c.team_size_max))
    if c.budget is not None:
        scope = " (new spend only)" if c.budget_scope is BudgetScope.NEW else ""
        parts.append(f"budget {money(c.budget)}{scope}")
    parts.append(f"at most {count_text(c.max_tasks_per_person, 'task')} per person")
    parts.append(f"each requirement covered by at least {count_text(c.redundancy, 'person')}")
    if c.must_hire:
        parts.append("must hire: " + ", ".join(sorted(c.must_hire)))
    if c.exclude:
        parts.append("excluded: " + ", ".join(sorted(c.exclude)))
    if c.min_role_fit is not None:
        parts.append(f"minimum role fit {c.min_role_fit:.0%}")
    parts.append("smallest team first" if c.objective_order is ObjectiveOrder.SIZE_FIRST else "lowest cost first")
    return parts


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
    return f"{count_text(count, 'requirement')} cannot be covered by these candidates"


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


def position_title(catalog: Catalog, position: OpenPosition | HireRecommendation) -> str:
    """``Senior Deep Learning Engineer (Machine Learning Engineer)``: the job title for the ad."""
    role = _name(catalog.role, position.role)
    title = position.variant or role
    if position.senior:
        title = f"Senior {title}"
    return f"{title} ({role})" if position.variant else title


def other_titles(catalog: Catalog, role_id: str) -> tuple[str, ...]:
    """The other job titles the Playbook says companies use for the role (its aliases)."""
    try:
        role = catalog.role(role_id)
    except KeyError:
        return ()
    return tuple(a for a in role.aliases if a.lower() != role.name.lower())


def min_ratings_text(catalog: Catalog, ratings: dict[str, int]) -> str:
    """``Machine Learning ≥ 4, Accelerator Languages ≥ 3`` in catalog skill order."""
    order = {s: i for i, s in enumerate(catalog.skill_ids)}
    skills = sorted(ratings.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    return ", ".join(f"{_name(catalog.skill, s)} ≥ {level}" for s, level in skills)


def position_lines(catalog: Catalog, position: OpenPosition, currency: Currency = USD) -> list[str]:
    """An open position in a few lines: title and tasks, what the hire must bring, costs, other titles."""
    tasks = " + ".join(_name(catalog.task, t) for t in position.tasks)
    lines = [f"{position_title(catalog, position)} for {tasks}"]
    ratings = min_ratings_text(catalog, position.min_ratings)
    if ratings:
        lines.append(f"    must bring: {ratings}")
    annual = format_money(position.annual_cost, currency)
    recruiting = format_money(position.recruiting_cost, currency)
    lines.append(f"    {annual} a year + {recruiting} recruiting, about {position.weeks_to_fill} weeks to fill")
    titles = other_titles(catalog, position.role)
    if titles:
        lines.append(f"    also advertised as: {', '.join(titles)}")
    return lines


def training_text(catalog: Catalog, action: TrainingAction, currency: Currency = USD) -> str:
    """``train Accelerator Languages 2 → 3 (Developing): $5,000, 8 weeks``."""
    skill = _name(catalog.skill, action.skill)
    return (
        f"train {skill} {action.from_level:g} → {level_text(catalog, action.to_level)}: "
        f"{format_money(action.cost, currency)}, {action.weeks} weeks"
    )


def cost_split_text(plan: Plan, currency: Currency = USD) -> str:
    """``Cost: people $420,000 + open positions $158,724 + training $5,000 = $583,724``."""
    return (
        f"Cost: people {format_money(plan.people_cost, currency)} + open positions "
        f"{format_money(plan.positions_cost, currency)} + training {format_money(plan.training_cost, currency)}"
        f" = {format_money(plan.total_cost, currency)}"
    )


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
    """``2 current staff, 3 hires, 1 open position`` for the team of ``plan`` ("" for an empty team)."""
    staff = sum(1 for m in plan.team if m.employee)
    hires = len(plan.team) - staff
    parts = [f"{number_text(staff)} current staff"] if staff else []
    if hires:
        parts.append(count_text(hires, "hire"))
    if plan.open_positions:
        parts.append(count_text(len(plan.open_positions), "open position"))
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
