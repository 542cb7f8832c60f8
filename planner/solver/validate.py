"""An independent plan validator: every claim a plan makes, rechecked from the problem.

It shares no code with the solver: it recomputes coverage, fits and costs from the
candidates' ratings and the catalog (a person's share of the budget comes from the model's
:func:`~planner.model.budget.budget_cost`, the rule both sides read). ``validate_plan`` returns every violation in words
(empty when the plan is valid). The solver runs it on every plan it returns; the tests use
it on hand-broken plans.
"""

from __future__ import annotations

import math

from planner.model.budget import budget_cost
from planner.model.candidates import Candidate
from planner.model.constraints import BudgetScope
from planner.model.fit import role_fit
from planner.model.hiring import find_kind, position_kinds, unhireable_reason
from planner.model.plan import Member, Plan, PlanStatus
from planner.model.project import Problem

FIT_TOLERANCE = 1e-6
MONEY_TOLERANCE = 0.01


def validate_plan(problem: Problem, plan: Plan) -> list[str]:
    """Every violation of the hard constraints or false claim in ``plan`` (empty when valid)."""
    out: list[str] = []
    if plan.status is PlanStatus.INFEASIBLE:
        if plan.team:
            out.append("an infeasible plan must not have a team")
        if not plan.message.strip():
            out.append("an infeasible plan needs a message naming the conflicting constraints")
        return out
    _check_members(problem, plan, out)
    _check_training(problem, plan, out)
    _check_positions(problem, plan, out)
    _check_team(problem, plan, out)
    _check_coverage(problem, plan, out)
    _check_objective(problem, plan, out)
    _check_hires(problem, plan, out)
    if plan.status is PlanStatus.OPTIMAL and plan.gap not in (None, 0, 0.0):
        out.append(f"an optimal plan has gap {plan.gap}")
    return out


def _check_members(problem: Problem, plan: Plan, out: list[str]) -> None:
    catalog = problem.catalog
    constraints = problem.constraints
    by_name = {c.name: c for c in problem.candidates}
    roles = {r.id: r for r in catalog.roles}
    requirements = {(r.task, r.skill): r for r in problem.requirements}
    seen: set[str] = set()
    for m in plan.team:
        who = f"member {m.candidate!r}"
        candidate = by_name.get(m.candidate)
        if candidate is None:
            out.append(f"{who} is not a candidate")
            continue
        if m.candidate in seen:
            out.append(f"{who} appears twice")
        seen.add(m.candidate)
        if m.candidate in constraints.exclude:
            out.append(f"{who} is excluded")
        role = roles.get(m.role)
        if role is None:
            out.append(f"{who} has unknown role {m.role!r}")
            continue
        cap = constraints.max_tasks_per_person
        if candidate.max_tasks is not None:
            cap = min(cap, candidate.max_tasks)
        if not 1 <= len(m.tasks) <= cap:
            out.append(f"{who} has {len(m.tasks)} tasks (allowed 1 to {cap})")
        if len(set(m.tasks)) != len(m.tasks):
            out.append(f"{who} lists a task twice")
        for t in m.tasks:
            if t not in problem.tasks:
                out.append(f"{who} works on {t!r}, which is not a chosen task")
            if not role.does(t):
                out.append(f"{who} works on {t!r}, which the role {m.role} does not do")
        fit = role_fit(candidate, role, catalog)
        if abs(fit - m.fit) > FIT_TOLERANCE:
            out.append(f"{who} claims fit {m.fit:.4f}, actual {fit:.4f}")
        if constraints.min_role_fit is not None and fit < constraints.min_role_fit - FIT_TOLERANCE:
            out.append(f"{who} fits {m.role} at {fit:.2f}, below the minimum {constraints.min_role_fit:.2f}")
        if not candidate.open_to(m.role):
            listed = ", ".join(candidate.roles)
            out.append(f"{who} is given {m.role}, not one of the roles they are open to ({listed})")
        if m.employee != candidate.is_employee:
            marked = "staff" if m.employee else "a hire"
            out.append(f"{who} is marked {marked}, but the candidate is {candidate.status.value}")
        fixed = constraints.must_hire.get(m.candidate)
        if fixed is not None and fixed != m.role:
            out.append(f"{who} must be hired as {fixed}, not {m.role}")
        if (m.cost or 0.0) != (candidate.cost or 0.0):
            out.append(f"{who} claims cost {m.cost}, candidate costs {candidate.cost}")
        expected = {
            (r.task, r.skill)
            for r in problem.requirements
            if r.task in m.tasks and _rating(candidate, m, r.skill) >= r.level
        }
        claimed = set()
        for c in m.covers:
            claimed.add((c.task, c.skill))
            req = requirements.get((c.task, c.skill))
            if req is None or req.level != c.level:
                out.append(f"{who} covers {c.task}/{c.skill} at level {c.level}, which is not a requirement")
            elif c.task not in m.tasks:
                out.append(f"{who} covers {c.task}/{c.skill} without working on {c.task}")
            elif _rating(candidate, m, c.skill) < c.level or _rating(candidate, m, c.skill) != c.rating:
                out.append(
                    f"{who} covers {c.task}/{c.skill} with rating {c.rating}, actual {_rating(candidate, m, c.skill)}"
                )
        if claimed != expected:
            out.append(f"{who} covers {sorted(claimed)}, expected {sorted(expected)}")


def _check_team(problem: Problem, plan: Plan, out: list[str]) -> None:
    constraints = problem.constraints
    names = {m.candidate for m in plan.team}
    size = len(plan.team) + len(plan.open_positions)
    for name in constraints.must_hire:
        if name not in names:
            out.append(f"must-hire {name!r} is not on the team")
    if constraints.team_size_min is not None and size < constraints.team_size_min:
        out.append(f"team of {size} is below team size min {constraints.team_size_min}")
    if constraints.team_size_max is not None and size > constraints.team_size_max:
        out.append(f"team of {size} is above team size max {constraints.team_size_max}")
    total = _budget_total(problem, plan)
    if constraints.budget is not None and total > constraints.budget + MONEY_TOLERANCE:
        what = "team costs" if constraints.budget_scope is BudgetScope.ALL else "new spend is"
        out.append(f"{what} {total:,.2f}, over the budget {constraints.budget:,.2f}")
    staffed = {t for m in plan.team for t in m.tasks} | {t for p in plan.open_positions for t in p.tasks}
    for t in problem.tasks:
        if t not in staffed:
            name = problem.catalog.task(t).name if t in problem.catalog.task_ids else t
            if t not in plan.message and name not in plan.message:
                out.append(f"nobody works on task {t!r} and the message does not say so")


def _check_coverage(problem: Problem, plan: Plan, out: list[str]) -> None:
    by_name = {c.name: c for c in problem.candidates}
    counts = {r.key: 0 for r in problem.requirements}
    for m in plan.team:
        candidate = by_name.get(m.candidate)
        if candidate is None:
            continue
        for r in problem.requirements:
            if r.task in m.tasks and _rating(candidate, m, r.skill) >= r.level:
                counts[r.key] += 1
    catalog = problem.catalog
    for p in plan.open_positions:
        kind = find_kind(catalog, p.role, p.variant, p.senior)
        for r in problem.requirements:
            if kind is not None and r.task in p.tasks and kind.ceiling.get(r.skill, 0) >= r.level:
                counts[r.key] += 1
    if dict(plan.coverage_counts) != counts:
        wrong = sorted(
            k for k in set(counts) | set(plan.coverage_counts) if plan.coverage_counts.get(k) != counts.get(k)
        )
        out.append(f"coverage counts are wrong for {wrong}")
    needed = problem.constraints.members_needed
    expected = {r for r in problem.requirements if counts[r.key] < needed(r.task, r.skill)}
    claimed = set(plan.uncovered)
    for r in claimed - expected:
        out.append(f"{r.task}/{r.skill} is claimed uncovered but {counts.get(r.key, 0)} members cover it")
    for r in expected - claimed:
        out.append(
            f"{r.task}/{r.skill} is covered by {counts[r.key]} of {needed(r.task, r.skill)} needed "
            "but not listed uncovered"
        )
    if set(plan.requirements) != set(problem.requirements):
        out.append("the plan's requirements differ from the problem's")


def _budget_total(problem: Problem, plan: Plan) -> float:
    """What the plan adds to the budget, from the candidates and the market data (not the plan's claims).

    Members count by the budget scope; open positions (annual plus recruiting) and training
    are new spend and always count.
    """
    by_name = {c.name: c for c in problem.candidates}
    people = sum(budget_cost(by_name[m.candidate], problem.constraints) for m in plan.team if m.candidate in by_name)
    training = sum(t.cost for m in plan.team for t in m.training)
    positions = 0.0
    for p in plan.open_positions:
        kind = find_kind(problem.catalog, p.role, p.variant, p.senior)
        positions += kind.cost if kind is not None else p.annual_cost + p.recruiting_cost
    return people + training + positions


def _check_objective(problem: Problem, plan: Plan, out: list[str]) -> None:
    o = plan.objective
    must = sum(1 for r in plan.uncovered if r.must_have)
    nice = sum(1 for r in plan.uncovered if not r.must_have)
    if (o.uncovered_must, o.uncovered_nice) != (must, nice):
        out.append(f"objective claims {o.uncovered_must}+{o.uncovered_nice} uncovered, plan lists {must}+{nice}")
    people = len(plan.team) + len(plan.open_positions)
    if o.headcount != people:
        out.append(f"objective headcount {o.headcount} but the team has {people} (members and positions)")
    total = _budget_total(problem, plan)
    if abs(o.cost - total) > MONEY_TOLERANCE:
        out.append(f"objective cost {o.cost} but the team costs {total} (members, positions, training)")
    fit = sum(m.fit for m in plan.team)
    if abs(o.fit - fit) > FIT_TOLERANCE * (1 + len(plan.team)):
        out.append(f"objective fit {o.fit} but the members' fits add up to {fit}")


def _check_hires(problem: Problem, plan: Plan, out: list[str]) -> None:
    catalog = problem.catalog
    roles = {r.id: r for r in catalog.roles}
    counts = dict(plan.coverage_counts)
    staffed = {t for m in plan.team for t in m.tasks} | {t for p in plan.open_positions for t in p.tasks}
    for h in plan.hire_recommendations:
        role = roles.get(h.role)
        if role is None:
            out.append(f"hire recommendation with unknown role {h.role!r}")
            continue
        if not 1 <= len(h.tasks) <= problem.constraints.max_tasks_per_person:
            out.append(f"hire recommendation {h.role} has {len(h.tasks)} tasks")
        for t in h.tasks:
            if not role.does(t) or t not in problem.tasks:
                out.append(f"hire recommendation {h.role} cannot work on {t!r}")
            staffed.add(t)
        for r in h.covers:
            if r.task not in h.tasks or h.min_ratings.get(r.skill, 0) < r.level:
                out.append(f"hire recommendation {h.role} claims {r.task}/{r.skill} without the task or rating")
            else:
                counts[r.key] = counts.get(r.key, 0) + 1
    doable = {t for kind in position_kinds(catalog) for t in catalog.role(kind.role).tasks}
    for r in problem.requirements:
        if (
            r.task in doable
            and r.task in problem.tasks
            and counts.get(r.key, 0) < problem.constraints.members_needed(r.task, r.skill)
            and not unhireable_reason(catalog, r)
        ):
            out.append(f"{r.task}/{r.skill} stays uncovered even with the hire recommendations")
    for t in problem.tasks:
        if t in doable and t not in staffed:
            out.append(f"task {t!r} has nobody even with the hire recommendations")


def _rating(candidate: Candidate, member: Member, skill: str) -> float:
    """The member's rating in ``skill`` once the plan's training is done."""
    rating = candidate.rating(skill)
    for t in member.training:
        if t.skill == skill:
            rating = max(rating, t.to_level)
    return rating


def _check_training(problem: Problem, plan: Plan, out: list[str]) -> None:
    policy = problem.constraints.training
    deadline = problem.constraints.needed_within_weeks
    by_name = {c.name: c for c in problem.candidates}
    for m in plan.team:
        candidate = by_name.get(m.candidate)
        if candidate is None or not m.training:
            continue
        who = f"member {m.candidate!r}"
        if not policy.enabled:
            out.append(f"{who} is trained but training is switched off")
        skills = [t.skill for t in m.training]
        if len(set(skills)) != len(skills):
            out.append(f"{who} is trained twice in one skill")
        total = 0
        for t in m.training:
            what = f"{who}'s training in {t.skill}"
            rating = candidate.rating(t.skill)
            levels = math.ceil(t.to_level - rating - 1e-9)
            total += max(0, levels)
            if rating < 1:
                out.append(f"{what} has no foundation (rating {rating:g}, needs 1 or more)")
            if t.from_level != rating:
                out.append(f"{what} starts at {t.from_level:g}, but the rating is {rating:g}")
            if levels < 1 or levels > policy.max_levels_per_skill:
                out.append(f"{what} is {levels} levels (allowed 1 to {policy.max_levels_per_skill})")
            if abs(t.cost - levels * policy.cost_per_level) > MONEY_TOLERANCE:
                out.append(f"{what} claims cost {t.cost}, expected {levels * policy.cost_per_level}")
            if t.weeks != levels * policy.weeks_per_level:
                out.append(f"{what} claims {t.weeks} weeks, expected {levels * policy.weeks_per_level}")
            serves = any(
                r.skill == t.skill and r.task in m.tasks and rating < r.level <= t.to_level
                for r in problem.requirements
            )
            if not serves:
                out.append(f"{what} to {t.to_level} covers no requirement on the member's tasks")
        if total > policy.max_levels_per_person:
            out.append(f"{who} is trained {total} levels (allowed {policy.max_levels_per_person})")
        weeks = sum(t.weeks for t in m.training)
        if deadline is not None and weeks > deadline:
            out.append(f"{who}'s training takes {weeks} weeks, longer than the {deadline} weeks until needed")


def _check_positions(problem: Problem, plan: Plan, out: list[str]) -> None:
    constraints = problem.constraints
    catalog = problem.catalog
    most = constraints.max_open_positions
    if most is not None and len(plan.open_positions) > most:
        out.append(f"{len(plan.open_positions)} open positions, more than the limit of {most}")
    for p in plan.open_positions:
        label = f"open position {p.variant or p.role}{' (senior)' if p.senior else ''}"
        kind = find_kind(catalog, p.role, p.variant, p.senior)
        if kind is None:
            out.append(f"{label} is not a position the catalog's market data allows")
            continue
        if (
            abs(p.annual_cost - kind.annual_cost) > MONEY_TOLERANCE
            or abs(p.recruiting_cost - kind.recruiting_cost) > MONEY_TOLERANCE
        ):
            out.append(f"{label} claims costs {p.annual_cost}+{p.recruiting_cost}, market data says otherwise")
        if p.weeks_to_fill != kind.weeks_to_fill:
            out.append(f"{label} claims {p.weeks_to_fill} weeks to fill, market data says {kind.weeks_to_fill}")
        if constraints.needed_within_weeks is not None and p.weeks_to_fill > constraints.needed_within_weeks:
            out.append(f"{label} takes {p.weeks_to_fill} weeks to fill, longer than the deadline")
        role = catalog.role(p.role)
        if not 1 <= len(p.tasks) <= constraints.max_tasks_per_person or len(set(p.tasks)) != len(p.tasks):
            out.append(f"{label} has {len(p.tasks)} tasks (allowed 1 to {constraints.max_tasks_per_person})")
        for t in p.tasks:
            if t not in problem.tasks or not role.does(t):
                out.append(f"{label} works on {t!r}, which is not a chosen task of the role")
        expected = {r for r in problem.requirements if r.task in p.tasks and kind.ceiling.get(r.skill, 0) >= r.level}
        if set(p.covers) != expected:
            out.append(f"{label} covers {sorted(r.key for r in p.covers)}, expected {sorted(r.key for r in expected)}")
        ratings: dict[str, int] = {}
        for r in expected:
            ratings[r.skill] = max(ratings.get(r.skill, 0), r.level)
        if dict(p.min_ratings) != ratings:
            out.append(f"{label} asks for {p.min_ratings}, expected {ratings}")
