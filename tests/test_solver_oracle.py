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

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog, catalog_from_dict, default_catalog
from planner.model.constraints import BudgetScope, Constraints, ObjectiveOrder
from planner.model.plan import PlanStatus
from planner.model.project import Problem
from planner.model.requirements import Requirement
from planner.solver import solve
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
            },
            {
                "id": "r2",
                "name": "Role two",
                "tasks": {"t2": {"involvement": "primary"}, "t3": {"involvement": "secondary"}},
                "profile": {"b": {"level": 5}, "c": {"level": 4}},
            },
            {
                "id": "r3",
                "name": "Role three",
                "tasks": {"t3": {"involvement": "primary"}},
                "profile": {"c": {"level": 3}, "d": {"level": 5}},
            },
        ],
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


@st.composite
def problems(draw: Any, catalog: Catalog, task_pool: tuple[str, ...], skills: tuple[str, ...], most: int) -> Case:
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
    )
    return Case(Problem(catalog, tasks, requirements, tuple(candidates), constraints))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(twin_problems())
def test_interchangeable_candidates_match_oracle(case: Case) -> None:
    check_against_oracle(case.problem)
