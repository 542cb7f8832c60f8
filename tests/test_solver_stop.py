"""A stopped or timed-out solve: the best true team, reported at once, never "optimal" when cut."""

from __future__ import annotations

import random
import sys
from typing import Any

import pytest

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints, TrainingPolicy
from planner.model.plan import Plan, PlanStatus
from planner.model.project import Problem, new_project
from planner.model.samples import generate_pool
from planner.solver import SolveProgress, solve
from planner.solver.greedy import greedy_selection
from planner.solver.incumbent import true_key
from planner.solver.model import Selection, TeamModel
from planner.solver.plan_build import build_plan
from planner.solver.prepare import prepare
from planner.solver.reduce import reduce_options
from planner.solver.validate import validate_plan

solve_module = sys.modules["planner.solver.solve"]


def pool_problem(catalog: Catalog, size: int, seed: int = 3, **settings: Any) -> Problem:
    # Pool only: these tests are about stopping and reporting, not about positions or training.
    constraints = Constraints(team_size_max=8, max_open_positions=0, training=TrainingPolicy(enabled=False), **settings)
    return new_project("ml", candidates=generate_pool(catalog, size, seed), constraints=constraints).problem()


def plan_rank(plan: Plan) -> tuple[float, ...]:
    o = plan.objective
    return (o.uncovered_must, o.uncovered_nice, o.headcount, o.cost)


def stopped_too_early(catalog: Catalog) -> Problem:
    """150 candidates with uniform 0-5 ratings and distinct costs, redundancy 2, a tight budget."""
    rng = random.Random(10)
    size = rng.choice([150, 300])
    costs = rng.sample(range(40_000, 240_000), size)
    pool = [
        Candidate(f"U{i:03d}", {s.id: float(rng.randint(0, 5)) for s in catalog.skills}, float(costs[i]))
        for i in range(size)
    ]
    constraints = Constraints(
        team_size_max=8, redundancy=2, budget=300_000, max_open_positions=0, training=TrainingPolicy(enabled=False)
    )
    return new_project("ml", candidates=pool, constraints=constraints).problem()


def test_a_stop_keeps_the_greedy_team_when_the_search_has_only_found_worse(catalog: Catalog) -> None:
    """Found on the code before this test: the second report was a 6-person team, the greedy start had 5.

    Independent uniform ratings and distinct costs, redundancy 2 and a tight budget: the
    search's first teams were truly worse than the greedy start, and a stop after two reports
    returned one of them.
    """
    problem = stopped_too_early(catalog)
    prep = prepare(problem)
    greedy = build_plan(prep, greedy_selection(prep), status=PlanStatus.FEASIBLE, elapsed=0, gap=None, message="")
    seen: list[SolveProgress] = []
    plan = solve(problem, on_progress=seen.append, should_stop=lambda: len(seen) >= 2, time_limit=30)
    assert plan.status in (PlanStatus.CANCELLED, PlanStatus.OPTIMAL)
    assert plan_rank(plan) <= plan_rank(greedy)
    assert all(plan_rank(plan) <= plan_rank(p.plan) for p in seen if p.plan is not None)


def test_the_first_report_is_the_greedy_team_before_any_reduction(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = pool_problem(catalog, 400)
    seen: list[SolveProgress] = []
    reports_at_reduction: list[int] = []
    real = solve_module.reduce_options

    def watched(*args: Any, **kwargs: Any) -> Any:
        reports_at_reduction.append(len(seen))
        return real(*args, **kwargs)

    monkeypatch.setattr(solve_module, "reduce_options", watched)
    plan = solve(problem, on_progress=seen.append)
    prep = prepare(problem)
    greedy = build_plan(prep, greedy_selection(prep), status=PlanStatus.FEASIBLE, elapsed=0, gap=None, message="")
    assert reports_at_reduction[0] == 1
    assert seen[0].plan is not None and seen[0].plan.team == greedy.team
    assert plan.status is PlanStatus.OPTIMAL


def test_reports_only_get_better_and_the_result_is_the_best(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 1500, redundancy=2, budget=700_000)
    seen: list[SolveProgress] = []
    plan = solve(problem, on_progress=seen.append)
    ranks = [plan_rank(p.plan) for p in seen if p.plan is not None]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks)
    assert plan_rank(plan) <= ranks[-1]


@pytest.mark.parametrize("reports", [1, 2, 3])
def test_a_truly_worse_model_solution_never_replaces_the_best_team(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch, reports: int
) -> None:
    """CP-SAT's solutions decode to a one-person team, worse than the greedy start: it is ignored."""
    problem = pool_problem(catalog, 300)
    real = TeamModel.selection_from

    def worse(self: TeamModel, value: list[int]) -> Selection:
        team = real(self, value)
        return Selection(team.members[:1])

    monkeypatch.setattr(TeamModel, "selection_from", worse)
    seen: list[SolveProgress] = []
    plan = solve(problem, on_progress=seen.append, should_stop=lambda: len(seen) >= reports, time_limit=30)
    assert validate_plan(problem, plan) == []
    assert seen[0].plan is not None
    assert plan_rank(plan) <= plan_rank(seen[0].plan)
    assert plan.objective.headcount > 1


def test_hints_give_the_shortfall_the_hinted_team_truly_has(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 200, redundancy=2, budget=300_000)
    prep = prepare(problem)
    reduction = reduce_options(prep, set(), use_cost=True, use_fit=False)
    model = TeamModel(prep, reduction.kept, use_cost=True, use_fit=False, limit=reduction.bound)
    selection = greedy_selection(prep)
    model.hint(selection)
    hints = dict(zip(model.model.proto.solution_hint.vars, model.model.proto.solution_hint.values, strict=True))
    plan = build_plan(prep, selection, status=PlanStatus.FEASIBLE, elapsed=0, gap=None, message="")
    uncovered = {r.key for r in plan.uncovered}
    assert uncovered  # the budget leaves gaps, so the hint has shortfalls to state
    for q, requirement in enumerate(prep.requirements):
        assert hints[model.short[q].index] == (requirement.key in uncovered)
    staffed = {t for m in plan.team for t in m.tasks}
    for t, task in enumerate(prep.tasks):
        assert hints[model.unstaffed[t].index] == (task not in staffed)


def test_no_time_at_all_gives_the_greedy_team_not_optimal(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 100)
    plan = solve(problem, time_limit=0)
    prep = prepare(problem)
    greedy = build_plan(prep, greedy_selection(prep), status=PlanStatus.FEASIBLE, elapsed=0, gap=None, message="")
    assert plan.status is PlanStatus.FEASIBLE
    assert "time limit" in plan.message and "not proven optimal" in plan.message
    assert plan.team == greedy.team


def test_a_deadline_passing_in_the_reduction_ends_the_solve_there(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock jumps past the limit while the first reduction runs: no stage starts, no "optimal"."""
    problem = pool_problem(catalog, 400)
    clock = [0.0]
    monkeypatch.setattr(solve_module.time, "perf_counter", lambda: clock[0])
    real = solve_module.reduce_options
    calls: list[int] = []

    def late(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        clock[0] += 100.0
        return real(*args, **kwargs)

    monkeypatch.setattr(solve_module, "reduce_options", late)
    seen: list[SolveProgress] = []
    plan = solve(problem, time_limit=60, on_progress=seen.append)
    assert len(calls) == 1
    assert plan.status is PlanStatus.FEASIBLE and "60 s time limit" in plan.message
    assert seen and seen[-1].plan is not None and plan.team == seen[-1].plan.team


@pytest.mark.parametrize("cut_at", [1, 2, 3])
def test_a_stage_cut_by_the_deadline_is_never_reported_optimal(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch, cut_at: int
) -> None:
    """The clock jumps past the limit as the n-th stage starts: that stage and the rest stay open."""
    problem = pool_problem(catalog, 300)
    clock = [0.0]
    monkeypatch.setattr(solve_module.time, "perf_counter", lambda: clock[0])
    real = solve_module._Run._stage
    started: list[str] = []

    def stage(self: Any, model: TeamModel, stage: Any) -> Any:
        started.append(stage.name)
        if len(started) == cut_at:
            clock[0] += 100.0
        return real(self, model, stage)

    monkeypatch.setattr(solve_module._Run, "_stage", stage)
    plan = solve(problem, time_limit=60)
    assert plan.status is PlanStatus.FEASIBLE
    assert f"{started[-1]} still open" in plan.message
    assert len(started) == cut_at


def test_true_key_orders_teams_like_the_plan_objective(catalog: Catalog) -> None:
    problem = pool_problem(catalog, 200, redundancy=2)
    prep = prepare(problem)
    full = greedy_selection(prep)
    smaller = Selection(full.members[:-1])
    assert true_key(prep, full) is not None and true_key(prep, smaller) is not None
    plans = [build_plan(prep, s, status=PlanStatus.FEASIBLE, elapsed=0, gap=None, message="") for s in (full, smaller)]
    keys = [true_key(prep, s) for s in (full, smaller)]
    assert (keys[0] < keys[1]) == (plan_rank(plans[0]) < plan_rank(plans[1]))  # type: ignore[operator]
    assert [k[0] for k in keys if k] == [p.objective.uncovered_must for p in plans]
