"""Solve the current setup and every what-if scenario in one run ("Solve all").

:func:`scenario_problems` turns the project into one immutable :class:`Problem` per setup
(Current first), on the caller's thread, so the solves can run on another thread while the
project stays editable. :func:`solve_scenarios` then solves them in order, with the usual
``on_progress``/``should_stop`` callables: stopping ends the run after the setup being
solved (which keeps its best plan so far); the setups not reached get no result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.analyses.scenarios import apply_scenario
from planner.errors import PlannerError
from planner.model.plan import Plan
from planner.model.project import Problem, Project
from planner.model.scenario import CURRENT

SolveFunction = Callable[..., Plan]


@dataclass(frozen=True)
class ScenarioProblem:
    """One setup to solve; ``problem`` is None (with the reason in ``error``) when it cannot be solved."""

    name: str
    problem: Problem | None
    error: str = ""


@dataclass(frozen=True)
class ScenarioProgress:
    """Reported before each setup's solve."""

    index: int  # 0-based position of the setup being solved
    total: int
    name: str

    @property
    def text(self) -> str:
        return f"Solving {self.name} ({self.index + 1} of {self.total})…"


@dataclass(frozen=True)
class ScenarioResult:
    name: str
    plan: Plan | None  # None when the setup could not be solved (see ``error``)
    error: str = ""


def scenario_problems(project: Project, *, include_current: bool = True) -> tuple[ScenarioProblem, ...]:
    """The solver's input for Current (if asked) and each scenario, in the project's order."""
    setups: list[tuple[str, Project]] = [(CURRENT, project)] if include_current else []
    setups += [(scenario.name, apply_scenario(project, scenario)) for scenario in project.scenarios]
    out = []
    for name, setup in setups:
        try:
            out.append(ScenarioProblem(name, setup.problem()))
        except PlannerError as exc:
            out.append(ScenarioProblem(name, None, str(exc)))
    return tuple(out)


def solve_scenarios(
    problems: tuple[ScenarioProblem, ...],
    *,
    time_limit: float | None = None,
    on_progress: Callable[[ScenarioProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    solve: SolveFunction | None = None,
) -> tuple[ScenarioResult, ...]:
    """Solve each setup in turn (``time_limit`` each, else the setup's own); see the module docstring."""
    if solve is None:
        from planner.solver import solve as default_solve

        solve = default_solve
    results: list[ScenarioResult] = []
    for index, item in enumerate(problems):
        if should_stop is not None and should_stop():
            break
        if on_progress is not None:
            on_progress(ScenarioProgress(index, len(problems), item.name))
        if item.problem is None:
            results.append(ScenarioResult(item.name, None, item.error))
            continue
        limit = time_limit if time_limit is not None else item.problem.constraints.time_limit
        plan = solve(item.problem, time_limit=limit, should_stop=should_stop)
        results.append(ScenarioResult(item.name, plan))
    return tuple(results)
