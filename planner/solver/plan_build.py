"""Turn a solution (options and their tasks) into a :class:`~planner.model.plan.Plan`.

Everything a plan claims is recomputed here from the candidates' ratings, so the plan is
right even if the model had a bug — and the validator then checks it independently.
"""

from __future__ import annotations

from planner.model.budget import budget_share
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.fit import role_fit
from planner.model.hiring import PositionKind
from planner.model.plan import (
    Coverage,
    HireRecommendation,
    Member,
    Objective,
    OpenPosition,
    Plan,
    PlanStatus,
    TrainingAction,
)
from planner.model.project import Problem
from planner.model.requirements import Requirement, min_ratings
from planner.solver.model import Selection
from planner.solver.prepare import Prepared
from planner.solver.training import levels_between


def plan_roles(problem: Problem) -> dict[str, tuple[str, ...]]:
    """Each catalog role with the chosen tasks it may take (roles with none are left out)."""
    out = {}
    for role in problem.catalog.roles:
        tasks = tuple(t for t in problem.tasks if role.does(t))
        if tasks:
            out[role.id] = tasks
    return out


def build_members(
    problem: Problem,
    team: list[tuple[Candidate, str, tuple[str, ...]]],
    training: dict[str, dict[str, int]] | None = None,
) -> tuple[Member, ...]:
    """Members (with covers, fit and training) for (candidate, role id, task ids) triples.

    ``training`` maps a candidate's name to the level each skill is trained to; a training
    is kept only where it makes the member meet a requirement on their tasks.
    """
    catalog: Catalog = problem.catalog
    policy = problem.constraints.training
    members = []
    for candidate, role_id, tasks in team:
        name = candidate.name
        actions = []
        for skill, level in sorted((training or {}).get(name, {}).items()):
            rating = candidate.rating(skill)
            if any(r.skill == skill and r.task in tasks and rating < r.level <= level for r in problem.requirements):
                levels = levels_between(rating, level)
                actions.append(
                    TrainingAction(
                        skill, rating, level, levels * policy.cost_per_level, levels * policy.weeks_per_level
                    )
                )
        trained = {a.skill: float(a.to_level) for a in actions}

        def rating_of(skill: str, candidate: Candidate = candidate, trained: dict[str, float] = trained) -> float:
            return max(candidate.rating(skill), trained.get(skill, 0.0))

        covers = tuple(
            Coverage(r.task, r.skill, r.level, rating_of(r.skill))
            for r in problem.requirements
            if r.task in tasks and rating_of(r.skill) >= r.level
        )
        members.append(
            Member(
                candidate=name,
                role=role_id,
                tasks=tasks,
                cost=candidate.cost,
                covers=covers,
                fit=role_fit(candidate, catalog.role(role_id), catalog),
                training=tuple(actions),
                employee=candidate.is_employee,
            )
        )
    return tuple(members)


def build_positions(
    problem: Problem, team: tuple[Member, ...], spec: list[tuple[PositionKind, tuple[str, ...]]]
) -> tuple[OpenPosition, ...]:
    """Open positions for (kind, task ids) pairs; each covers the requirements its ceiling reaches.

    A position's minimum ratings are what it must bring: the highest level among the
    requirements it covers in each skill.
    """
    out = []
    for kind, tasks in sorted(spec, key=lambda p: (p[0].role, p[0].variant_name, p[0].senior, p[1])):
        covers = tuple(r for r in problem.requirements if r.task in tasks and kind.brings(r))
        ratings = min_ratings(covers)
        out.append(
            OpenPosition(
                role=kind.role,
                tasks=tasks,
                min_ratings=ratings,
                annual_cost=kind.annual_cost,
                recruiting_cost=kind.recruiting_cost,
                weeks_to_fill=kind.weeks_to_fill,
                covers=covers,
                variant=kind.variant_name,
                senior=kind.senior,
            )
        )
    return tuple(out)


def coverage_of(
    problem: Problem, team: tuple[Member, ...], positions: tuple[OpenPosition, ...] = ()
) -> tuple[dict[tuple[str, str], int], tuple[Requirement, ...]]:
    """How many members and open positions cover each requirement, and those short of redundancy."""
    counts = {r.key: 0 for r in problem.requirements}
    for member in team:
        for cover in member.covers:
            counts[(cover.task, cover.skill)] += 1
    for position in positions:
        for req in position.covers:
            counts[req.key] += 1
    needed = problem.constraints.members_needed
    uncovered = tuple(r for r in problem.requirements if counts[r.key] < needed(r.task, r.skill))
    return counts, uncovered


def unstaffed_tasks(
    problem: Problem, team: tuple[Member, ...], positions: tuple[OpenPosition, ...] = ()
) -> tuple[str, ...]:
    """The chosen tasks nobody works on (neither a member nor an open position)."""
    staffed = {t for m in team for t in m.tasks} | {t for p in positions for t in p.tasks}
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
    position_spec = []
    for option, task_indices in selection.members:
        tasks = tuple(prep.tasks[t] for t in task_indices)
        if prep.is_position(option.candidate):
            position_spec.append((prep.position_kind(option.candidate), tasks))
        else:
            team_spec.append((problem.candidates[option.candidate], option.shape.role, tasks))
    team_spec.sort(key=lambda m: m[0].name)
    training: dict[str, dict[str, int]] = {}
    for candidate, skill, level in selection.training:
        training.setdefault(problem.candidates[candidate].name, {})[skill] = level
    team = build_members(problem, team_spec, training)
    positions = build_positions(problem, team, position_spec)
    counts, uncovered = coverage_of(problem, team, positions)
    # The objective's cost is what the budget counts: members' shares (scope), positions and training.
    scope = problem.constraints.budget_scope
    total = sum(budget_share(m.cost, m.employee, scope) + m.training_cost for m in team) + sum(
        p.cost for p in positions
    )
    objective = Objective(
        uncovered_must=sum(1 for r in uncovered if r.must_have),
        uncovered_nice=sum(1 for r in uncovered if not r.must_have),
        headcount=len(team) + len(positions),
        cost=float(total),
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
        open_positions=positions,
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
