"""Turn a solution (options and their tasks) into a :class:`~planner.model.plan.Plan`.

Everything a plan claims is recomputed here from the candidates' ratings, so the plan is
right even if the model had a bug — and the validator then checks it independently.
"""

from __future__ import annotations

from planner.model.budget import budget_share
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.fit import role_fit
from planner.model.plan import Coverage, HireRecommendation, Member, Objective, Plan, PlanStatus
from planner.model.project import Problem
from planner.model.requirements import Requirement
from planner.solver.model import Selection
from planner.solver.prepare import Prepared


def plan_roles(problem: Problem) -> dict[str, tuple[str, ...]]:
    """Each catalog role with the chosen tasks it may take (roles with none are left out)."""
    out = {}
    for role in problem.catalog.roles:
        tasks = tuple(t for t in problem.tasks if role.does(t))
        if tasks:
            out[role.id] = tasks
    return out


def build_members(problem: Problem, team: list[tuple[Candidate, str, tuple[str, ...]]]) -> tuple[Member, ...]:
    """Members (with covers and fit) for (candidate, role id, task ids) triples."""
    catalog: Catalog = problem.catalog
    members = []
    for candidate, role_id, tasks in team:
        name = candidate.name
        covers = tuple(
            Coverage(r.task, r.skill, r.level, candidate.rating(r.skill))
            for r in problem.requirements
            if r.task in tasks and candidate.rating(r.skill) >= r.level
        )
        members.append(
            Member(
                candidate=name,
                role=role_id,
                tasks=tasks,
                cost=candidate.cost,
                covers=covers,
                fit=role_fit(candidate, catalog.role(role_id), catalog),
                employee=candidate.is_employee,
            )
        )
    return tuple(members)


def coverage_of(
    problem: Problem, team: tuple[Member, ...]
) -> tuple[dict[tuple[str, str], int], tuple[Requirement, ...]]:
    """How many members cover each requirement, and the requirements short of redundancy."""
    counts = {r.key: 0 for r in problem.requirements}
    for member in team:
        for cover in member.covers:
            counts[(cover.task, cover.skill)] += 1
    needed = problem.constraints.members_needed
    uncovered = tuple(r for r in problem.requirements if counts[r.key] < needed(r.task, r.skill))
    return counts, uncovered


def unstaffed_tasks(problem: Problem, team: tuple[Member, ...]) -> tuple[str, ...]:
    staffed = {t for m in team for t in m.tasks}
    return tuple(t for t in problem.tasks if t not in staffed)


def build_plan(
    prep: Prepared,
    selection: Selection,
    *,
    status: PlanStatus,
    elapsed: float,
    gap: float | None,
    message: str,
    hires: tuple[HireRecommendation, ...] = (),
) -> Plan:
    """The plan of ``selection`` with every claim computed from the data."""
    problem = prep.problem
    team_spec = []
    for option, task_indices in sorted(selection.members, key=lambda m: problem.candidates[m[0].candidate].name):
        team_spec.append(
            (problem.candidates[option.candidate], option.shape.role, tuple(prep.tasks[t] for t in task_indices))
        )
    team = build_members(problem, team_spec)
    counts, uncovered = coverage_of(problem, team)
    objective = Objective(
        uncovered_must=sum(1 for r in uncovered if r.must_have),
        uncovered_nice=sum(1 for r in uncovered if not r.must_have),
        headcount=len(team),
        cost=float(sum(budget_share(m.cost, m.employee, problem.constraints.budget_scope) for m in team)),
        fit=float(sum(m.fit for m in team)),
    )
    return Plan(
        status=status,
        solve_seconds=elapsed,
        objective=objective,
        settings=problem.constraints,
        roles=plan_roles(problem),
        requirements=problem.requirements,
        team=team,
        uncovered=uncovered,
        coverage_counts=counts,
        hire_recommendations=hires,
        gap=gap,
        message=message,
    )


def infeasible_plan(problem: Problem, message: str, elapsed: float) -> Plan:
    """The plan returned when the hard constraints contradict each other: no team."""
    counts = {r.key: 0 for r in problem.requirements}
    uncovered = tuple(problem.requirements)
    return Plan(
        status=PlanStatus.INFEASIBLE,
        solve_seconds=elapsed,
        objective=Objective(
            uncovered_must=sum(1 for r in uncovered if r.must_have),
            uncovered_nice=sum(1 for r in uncovered if not r.must_have),
        ),
        settings=problem.constraints,
        roles=plan_roles(problem),
        requirements=problem.requirements,
        uncovered=uncovered,
        coverage_counts=counts,
        message=message,
    )
