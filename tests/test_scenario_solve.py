"""Solve all: one problem per setup, solved in order, stoppable, invalid setups reported.

Hand-checked: querying data needs Data Query Languages ≥ 3, branching Software
Engineering ≥ 3. Ana (both at 4) costs 100, Cy (SE 3) 50. Current (no budget) hires Ana;
"Lean" (budget 99) can only afford Cy and leaves Data Query Languages uncovered.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from planner.analyses.scenario_solve import ScenarioProgress, scenario_problems, solve_scenarios
from planner.analyses.scenarios import snapshot
from planner.model.catalog import Catalog
from planner.model.plan import PlanStatus
from planner.model.project import Project
from tests.tiny_project import ANA, CY, tiny_project


def make_project(catalog: Catalog) -> Project:
    project = tiny_project(catalog, (ANA, CY))
    lean = snapshot(project, "Lean")
    lean.constraints = dataclasses.replace(project.constraints, budget=99.0)
    broken = snapshot(project, "Broken")
    broken.constraints = dataclasses.replace(project.constraints, must_hire={"Zed": None})
    project.scenarios += [lean, broken]
    return project


def test_problems_per_setup_with_reasons(catalog: Catalog) -> None:
    problems = scenario_problems(make_project(catalog))
    assert [p.name for p in problems] == ["Current", "Lean", "Broken"]
    assert problems[0].problem is not None and problems[0].problem.constraints.budget is None
    assert problems[1].problem is not None and problems[1].problem.constraints.budget == 99.0
    assert problems[2].problem is None
    assert "must-hire 'Zed' is not among the candidates" in problems[2].error
    assert [p.name for p in scenario_problems(make_project(catalog), include_current=False)] == ["Lean", "Broken"]


def test_solves_every_setup_in_order(catalog: Catalog) -> None:
    reports: list[ScenarioProgress] = []
    results = solve_scenarios(scenario_problems(make_project(catalog)), on_progress=reports.append)
    assert [r.name for r in results] == ["Current", "Lean", "Broken"]
    current, lean, broken = results
    assert current.plan is not None and [m.candidate for m in current.plan.team] == ["Ana"]
    assert current.plan.status is PlanStatus.OPTIMAL and not current.plan.uncovered
    assert lean.plan is not None and [m.candidate for m in lean.plan.team] == ["Cy"]
    assert [r.key for r in lean.plan.uncovered] == [("data_engineering", "data_query_languages")]
    assert broken.plan is None and "Zed" in broken.error
    assert [r.text for r in reports] == [
        "Solving Current (1 of 3)…",
        "Solving Lean (2 of 3)…",
        "Solving Broken (3 of 3)…",
    ]


def test_stopping_ends_the_run_after_the_current_setup(catalog: Catalog) -> None:
    calls: list[Any] = []

    def fake_solve(problem: Any, *, time_limit: float, should_stop: Any) -> Any:
        calls.append(time_limit)
        return "plan"

    stop = iter([False, True])
    results = solve_scenarios(
        scenario_problems(make_project(catalog)), time_limit=2.0, should_stop=lambda: next(stop), solve=fake_solve
    )
    assert [r.name for r in results] == ["Current"]
    assert calls == [2.0]
