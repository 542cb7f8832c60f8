"""The solver against a brute-force oracle on small random instances (hypothesis).

Every constraint kind (team min/max, budget, must-hire with and without a fixed role,
exclude, redundancy, critical requirements (2 members), personal and project task caps,
minimum role fit, nice-to-haves) and
both objective orders are drawn; the solver's plan must be valid and have exactly the
oracle's lexicographic objective, or both must agree the constraints are infeasible.

Candidates are drawn as employees or applicants, open to every role or to a random list of
roles, and budgets cover the whole team or new spend only.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog, catalog_from_dict, default_catalog
from planner.model.constraints import BudgetScope, Constraints, ObjectiveOrder, TrainingPolicy
from planner.model.plan import PlanStatus
from planner.model.project import Problem
from planner.model.requirements import Requirement
from planner.solver import solve
from planner.solver.bounds import coverage_floor, fewest_members
from planner.solver.conflicts import conflict_message
from planner.solver.prepare import prepare
from planner.solver.validate import validate_plan
from tests.solver_oracle import oracle, plan_key

SMALL_CATALOG = catalog_from_dict(
    {
        "id": "small",
        "scale": {"min": 0, "max": 5},
        "skills": [{"id": s, "name": s.upper(), "charted": True} for s in ("a", "b", "c", "d")],
        "tasks": [
            {"id": t, "name": f"Task {t}", "subtasks": [{"id": "s", "name": "S", "skills": ["a"]}]}
            for t in ("t1", "t2", "t3")
        ],
        "kinds": [{"id": "k", "name": "K", "tasks": ["t1", "t2", "t3"]}],
        "roles": [
            {
                "id": "r1",
                "name": "Role one",
                "tasks": {"t1": {"involvement": "primary"}, "t2": {"involvement": "primary"}},
                "profile": {"a": {"level": 5}, "b": {"level": 3}},
                "market": {"annual_cost": 90, "recruiting_cost": 20, "weeks_to_fill": 6},
            },
            {
                "id": "r2",
                "name": "Role two",
                "tasks": {"t2": {"involvement": "primary"}, "t3": {"involvement": "secondary"}},
                "profile": {"b": {"level": 5}, "c": {"level": 4}},
                "market": {"annual_cost": 60, "recruiting_cost": 10, "weeks_to_fill": 10},
            },
            {
                "id": "r3",
                "name": "Role three",
                "tasks": {"t3": {"involvement": "primary"}},
                "profile": {"c": {"level": 3}, "d": {"level": 5}},
            },
        ],
        "hiring": {
            "open_skills": ["d"],
            "senior": {"uplift_levels": 1, "cost_factor": 1.5, "extra_weeks": 2},
            "variants": [{"id": "v1", "name": "Variant one", "base": "r1", "skills": {"c": 4}}],
        },
    }
)

REAL_TASKS = ("deployment", "ai_infrastructure")
REAL_SKILLS = ("machine_learning", "software_engineering", "algorithmic_coding", "data_query_languages")


class Case:
    """A drawn problem with a short repr (the catalog's repr would be huge)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem

    def __repr__(self) -> str:
        p = self.problem
        return f"Case(tasks={p.tasks}, requirements={p.requirements}, candidates={p.candidates}, {p.constraints})"


# Pool only: no open positions, no training (the option-on tests say options=True).
POOL_ONLY: dict[str, Any] = {"max_open_positions": 0, "training": TrainingPolicy(enabled=False)}


@st.composite
def problems(
    draw: Any, catalog: Catalog, task_pool: tuple[str, ...], skills: tuple[str, ...], most: int, options: bool = False
) -> Case:
    """A small random problem; pool only (no positions, no training) unless ``options``."""
    tasks = tuple(t for t in task_pool if draw(st.booleans()) or t == task_pool[0])
    requirements = []
    for task in tasks:
        for skill in skills:
            if draw(st.integers(0, 2)) == 0:
                requirements.append(Requirement(task, skill, draw(st.integers(1, 5)), draw(st.integers(0, 3)) > 0))
    n = draw(st.integers(1, most))
    names = [f"P{i}" for i in range(n)]
    candidates = []
    for name in names:
        ratings = {s: float(draw(st.integers(0, 5))) for s in catalog.skill_ids if draw(st.booleans())}
        cost = draw(st.sampled_from([None, 0.0, 50.0, 80.0, 100.0, 100.0, 150.0]))
        cap = draw(st.sampled_from([None, None, 1]))
        status = draw(st.sampled_from(list(CandidateStatus)))
        roles = tuple(r for r in catalog.role_ids if draw(st.booleans())) if draw(st.booleans()) else ()
        candidates.append(Candidate(name, ratings, cost, max_tasks=cap, status=status, roles=roles))
    must: dict[str, str | None] = {}
    exclude: set[str] = set()
    for name in names:
        pick = draw(st.integers(0, 14))
        if pick == 0:
            must[name] = None
        elif pick == 1:
            must[name] = draw(st.sampled_from(catalog.role_ids))
        elif pick == 2:
            exclude.add(name)
    constraints = Constraints(
        team_size_min=draw(st.sampled_from([None, None, None, 1, 2, 3])),
        team_size_max=draw(st.sampled_from([None, None, 1, 2, 3, 4])),
        budget=draw(st.sampled_from([None, None, None, 100.0, 180.0, 250.0, 400.0])),
        max_tasks_per_person=draw(st.integers(1, 2)),
        redundancy=draw(st.sampled_from([1, 1, 2])),
        must_hire=must,
        exclude=frozenset(exclude),
        objective_order=draw(st.sampled_from(list(ObjectiveOrder))),
        min_role_fit=draw(st.sampled_from([None, None, None, 0.6, 0.75])),
        critical=frozenset(r.key for r in requirements if draw(st.integers(0, 4)) == 0),
        budget_scope=draw(st.sampled_from(list(BudgetScope))),
        **POOL_ONLY,
    )
    if options:
        small_team = constraints.team_size_max is not None and constraints.team_size_max <= 2
        constraints = dataclasses.replace(
            constraints,
            max_open_positions=draw(st.sampled_from([0, 1, 1, 2, *([None] if small_team else [])])),
            training=TrainingPolicy(
                enabled=draw(st.integers(0, 3)) > 0,
                max_levels_per_skill=draw(st.integers(1, 2)),
                max_levels_per_person=draw(st.integers(1, 2)),
                cost_per_level=draw(st.sampled_from([0.0, 20.0, 60.0])),
                weeks_per_level=draw(st.sampled_from([1, 4])),
            ),
            needed_within_weeks=draw(st.sampled_from([None, None, 4, 8])),
        )
    return Case(Problem(catalog, tasks, tuple(requirements), tuple(candidates), constraints))


def check_against_oracle(problem: Problem) -> None:
    plan = solve(problem, deterministic=True, time_limit=30)
    expected = oracle(problem)
    if expected is None:
        assert plan.status is PlanStatus.INFEASIBLE, plan
        assert plan.message
        return
    assert plan.status is PlanStatus.OPTIMAL, plan.message
    assert validate_plan(problem, plan) == []
    assert plan_key(problem, plan) == expected


ORACLE_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ORACLE_SETTINGS
@given(problems(SMALL_CATALOG, ("t1", "t2", "t3"), ("a", "b", "c", "d"), most=5))
def test_small_catalog_matches_oracle(case: Case) -> None:
    check_against_oracle(case.problem)


@ORACLE_SETTINGS
@given(problems(default_catalog(), REAL_TASKS, REAL_SKILLS, most=5))
def test_playbook_catalog_matches_oracle(case: Case) -> None:
    check_against_oracle(case.problem)


@ORACLE_SETTINGS
@given(problems(SMALL_CATALOG, ("t1", "t2"), ("a", "b", "c", "d"), most=3, options=True))
def test_positions_and_training_match_oracle(case: Case) -> None:
    check_against_oracle(case.problem)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(default_catalog(), REAL_TASKS, REAL_SKILLS, most=2, options=True))
def test_playbook_positions_and_training_match_oracle(case: Case) -> None:
    check_against_oracle(case.problem)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(SMALL_CATALOG, ("t1", "t2", "t3"), ("a", "b", "c", "d"), most=4), st.integers(0, 3))
def test_minimize_changes_matches_oracle(case: Case, drop: int) -> None:
    problem = case.problem
    first = solve(problem, deterministic=True)
    if first.status is PlanStatus.INFEASIBLE:
        return
    # A small edit: one candidate leaves the pool (unless a must-hire).
    names = [c.name for c in problem.candidates if c.name not in problem.constraints.must_hire]
    if names:
        gone = names[drop % len(names)]
        problem = Problem(
            problem.catalog,
            problem.tasks,
            problem.requirements,
            tuple(c for c in problem.candidates if c.name != gone),
            problem.constraints,
        )
    previous = {m.candidate: m.role for m in first.team if any(c.name == m.candidate for c in problem.candidates)}
    previous = {n: r for n, r in previous.items() if n not in problem.constraints.exclude}
    plan = solve(problem, deterministic=True, previous=first, minimize_changes=True)
    expected = oracle(problem, previous)
    if expected is None:
        assert plan.status is PlanStatus.INFEASIBLE
        return
    assert plan.status is PlanStatus.OPTIMAL
    assert validate_plan(problem, plan) == []
    assert plan_key(problem, plan, previous) == expected


@st.composite
def twin_problems(draw: Any) -> Case:
    """Many near-identical candidates and a small team max: the reduction has work to do."""
    catalog = SMALL_CATALOG
    tasks = ("t1", "t2")
    requirements = tuple(
        Requirement(t, s, draw(st.integers(2, 4))) for t in tasks for s in ("a", "b") if draw(st.booleans())
    )
    templates = [{s: float(draw(st.integers(0, 5))) for s in ("a", "b", "c")} for _ in range(2)]
    candidates = []
    for i in range(draw(st.integers(3, 6))):
        ratings = dict(templates[draw(st.integers(0, 1))])
        if draw(st.integers(0, 3)) == 0:
            ratings["c"] = float(draw(st.integers(0, 5)))  # a different fit, same coverage
        # Twins that differ only in the roles they are open to (or in being staff) are not interchangeable.
        roles = draw(st.sampled_from([(), (), ("r1",), ("r2",), ("r1", "r2")]))
        status = draw(st.sampled_from([CandidateStatus.APPLICANT, CandidateStatus.APPLICANT, CandidateStatus.EMPLOYEE]))
        cost = draw(st.sampled_from([50.0, 80.0, 80.0, 100.0]))
        candidates.append(Candidate(f"T{i}", ratings, cost, status=status, roles=roles))
    constraints = Constraints(
        budget_scope=draw(st.sampled_from(list(BudgetScope))),
        team_size_max=draw(st.sampled_from([1, 2, 2, 3])),
        budget=draw(st.sampled_from([None, None, 160.0])),
        objective_order=draw(st.sampled_from(list(ObjectiveOrder))),
        must_hire={"T0": None} if draw(st.integers(0, 3)) == 0 else {},
        **POOL_ONLY,
    )
    return Case(Problem(catalog, tasks, requirements, tuple(candidates), constraints))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(twin_problems())
def test_interchangeable_candidates_match_oracle(case: Case) -> None:
    check_against_oracle(case.problem)


def twins_needing_three(costs: list[float], **settings: Any) -> Problem:
    """Requirement (t1, a, 3) needs three members (redundancy 3); only the twins can meet it.

    The member bound, the type capacities and the cost filter must all allow exactly three
    of them: any of those off by one leaves the requirement short or the team too dear.
    """
    requirements = (Requirement("t1", "a", 3), Requirement("t2", "b", 2, False))
    candidates = [Candidate(f"T{i}", {"a": 5.0, "b": 3.0}, cost) for i, cost in enumerate(costs)]
    candidates.append(Candidate("Other", {"a": 2.0, "b": 4.0}, 40.0))
    constraints = Constraints(redundancy=3, **{**POOL_ONLY, **settings})
    return Problem(SMALL_CATALOG, ("t1", "t2"), requirements, tuple(candidates), constraints)


@pytest.mark.parametrize(
    "costs, settings",
    [
        ([50.0, 50.0, 50.0, 50.0], {}),  # size cap from the greedy team (full coverage): exactly 3
        ([50.0, 50.0, 50.0, 60.0], {"budget": 150.0}),  # budget = the 3 cheapest exactly
        ([50.0, 50.0, 50.0, 60.0], {"budget": 149.99}),  # a cent short: only 2 fit, coverage gives way
        ([50.0, 55.0, 60.0, 65.0], {"budget": 165.0}),  # cheapest-3 = 165: the cost filter at its edge
        ([50.0, 55.0, 60.0, 65.0], {"objective_order": ObjectiveOrder.COST_FIRST}),
        ([50.0, 55.0, 60.0, 65.0], {"objective_order": ObjectiveOrder.COST_FIRST, "budget": 205.0}),
        ([50.0, 55.0, 60.0, 65.0], {"must_hire": {"T3": None}}),  # a dear must-hire shifts the cost cap
        ([50.0, 55.0, 60.0, 65.0], {"must_hire": {"Other": None}, "budget": 205.0}),
        ([50.0, 50.0, 50.0, 50.0], {"team_size_max": 3}),
        ([50.0, 50.0, 50.0, 50.0], {"team_size_min": 4}),
    ],
)
def test_bounds_at_their_edge_match_oracle(costs: list[float], settings: dict[str, Any]) -> None:
    check_against_oracle(twins_needing_three(costs, **settings))


@st.composite
def bound_problems(draw: Any) -> Case:
    """Near-twins, a redundancy that needs several of them and budgets near the cheapest teams."""
    need = draw(st.integers(1, 3))
    count = draw(st.integers(need, need + 2))
    costs = [float(draw(st.sampled_from([50, 55, 60, 80]))) for _ in range(count)]
    extra = draw(st.sampled_from([-5.0, -0.01, 0.0, 0.01, 5.0, 60.0]))
    budget = sum(sorted(costs)[:need]) + extra if draw(st.booleans()) else None
    candidates = [
        Candidate(f"T{i}", {"a": float(draw(st.integers(3, 5))), "b": float(draw(st.integers(0, 4)))}, cost)
        for i, cost in enumerate(costs)
    ]
    requirements = (Requirement("t1", "a", 3), Requirement("t2", "b", draw(st.integers(1, 4)), draw(st.booleans())))
    constraints = Constraints(
        redundancy=need,
        budget=budget if budget is None or budget >= 0 else None,
        objective_order=draw(st.sampled_from(list(ObjectiveOrder))),
        team_size_max=draw(st.sampled_from([None, need, need + 1])),
        must_hire={"T0": None} if draw(st.integers(0, 3)) == 0 else {},
        **POOL_ONLY,
    )
    return Case(Problem(SMALL_CATALOG, ("t1", "t2"), requirements, tuple(candidates), constraints))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bound_problems())
def test_bounds_near_their_edge_match_oracle(case: Case) -> None:
    check_against_oracle(case.problem)


@st.composite
def crowded_problems(draw: Any) -> Case:
    """Up to 9 candidates on one or two tasks (the oracle stays cheap) with few distinct profiles.

    Groups of identical structure then have several members, a small team max keeps the
    member bound at 1-3, and equal costs with different fits test the bulk pre-filter's
    strict (fit stage) and non-strict comparisons.
    """
    tasks = draw(st.sampled_from([("t1",), ("t2",), ("t1", "t2")]))
    requirements = tuple(
        Requirement(t, s, draw(st.integers(2, 4)), draw(st.booleans()))
        for t in tasks
        for s in ("a", "b")
        if draw(st.integers(0, 2))
    )
    profiles = [{s: float(draw(st.integers(1, 5))) for s in ("a", "b", "c", "d")} for _ in range(3)]
    candidates = []
    for i in range(draw(st.integers(3, 9 if len(tasks) == 1 else 6))):
        ratings = dict(profiles[draw(st.integers(0, 2))])
        if draw(st.booleans()):
            ratings["d"] = float(draw(st.integers(0, 5)))  # another fit, same coverage
        cost = float(draw(st.sampled_from([50, 50, 60, 70])))
        candidates.append(Candidate(f"C{i}", ratings, cost, max_tasks=draw(st.sampled_from([None, None, 1]))))
    constraints = Constraints(
        team_size_max=draw(st.sampled_from([1, 2, 3, None])),
        budget=draw(st.sampled_from([None, None, 100.0, 120.0])),
        redundancy=draw(st.sampled_from([1, 1, 2])),
        objective_order=draw(st.sampled_from(list(ObjectiveOrder))),
        **POOL_ONLY,
    )
    return Case(Problem(SMALL_CATALOG, tasks, requirements, tuple(candidates), constraints))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowded_problems())
def test_crowded_pools_match_oracle(case: Case) -> None:
    check_against_oracle(case.problem)


def check_size_floor(problem: Problem) -> None:
    """fewest_members never exceeds the size of an optimal team that has the unavoidable coverage."""
    expected = oracle(problem)
    prep = prepare(problem)
    if expected is None or conflict_message(prep) or expected[:3] != coverage_floor(prep):
        return
    size = expected[4] if problem.constraints.objective_order is ObjectiveOrder.COST_FIRST else expected[3]
    assert fewest_members(prep) <= size


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(SMALL_CATALOG, ("t1", "t2", "t3"), ("a", "b", "c", "d"), most=5))
def test_the_size_floor_is_a_lower_bound(case: Case) -> None:
    check_size_floor(case.problem)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(SMALL_CATALOG, ("t1", "t2"), ("a", "b", "c", "d"), most=3, options=True))
def test_the_size_floor_is_a_lower_bound_with_positions_and_training(case: Case) -> None:
    check_size_floor(case.problem)
