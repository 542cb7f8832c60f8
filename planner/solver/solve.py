"""``solve``: conflict check, exact reduction, then CP-SAT stage by stage.

Stages come in groups (:func:`planner.solver.model.stage_plan`): coverage and team size
(or cost) on a model reduced with only coverage in mind, then cost, then changes and fit;
each group gets its own reduction and model. Each stage minimises its expression with
every earlier stage fixed at its optimum, hinted with the best team so far. Progress is
reported from a solution callback; ``should_stop`` is polled in that callback, by a small
watcher thread (so a long proof without new solutions still stops promptly; it is joined
before the stage returns) and between stages. A time limit or a stop keeps the best team
so far, with the open stage's gap.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.model.plan import HireRecommendation, Objective, Plan, PlanStatus
from planner.model.project import Problem
from planner.solver.conflicts import conflict_message
from planner.solver.greedy import greedy_selection
from planner.solver.hires import overrun_text, recommend_hires
from planner.solver.lp_fixing import fix_by_reduced_cost
from planner.solver.model import Selection, Stage, TeamModel, stage_plan
from planner.solver.options_text import options_text
from planner.solver.plan_build import build_plan, infeasible_plan, unstaffed_tasks
from planner.solver.prepare import Prepared, prepare
from planner.solver.reduce import Reduction, member_bound, reduce_options
from planner.solver.validate import validate_plan

STOP_POLL_SECONDS = 0.05
MIN_STAGE_SECONDS = 0.05
# CP-SAT search. Measured on the benchmark pools (benchmarks/RESULTS.md): one worker with
# the full LP relaxation and cuts (linearization level 2, CP-SAT's "max_lp") proves every
# stage faster than CP-SAT's default two-worker setup (default LP search plus a heuristic,
# which rarely proves these covering problems) and than 3-8 worker portfolios sharing the
# two cores. A single worker with a fixed seed is also reproducible, so the deterministic
# mode costs nothing.
LINEARIZATION_LEVEL = 2


@dataclass(frozen=True)
class SolveProgress:
    """A better plan was found. ``bound`` is the proven bound of the current stage's value."""

    stage: str
    objective: Objective
    bound: float | None
    elapsed: float
    plan: Plan | None


def solve(
    problem: Problem,
    *,
    time_limit: float | None = None,
    on_progress: Callable[[SolveProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    deterministic: bool = False,
    previous: Plan | None = None,
    minimize_changes: bool = False,
) -> Plan:
    """The best team for ``problem`` under the lexicographic objective (see the README).

    ``time_limit`` (seconds, default the project's) covers the whole solve. ``on_progress``
    gets every improving team, ``should_stop`` (polled from a helper thread too) ends the
    solve with status cancelled and the best team so far. The search runs one CP-SAT
    worker with a fixed seed, so it is reproducible; ``deterministic`` is accepted for
    callers that require it and changes nothing else. ``previous`` hints the search;
    with ``minimize_changes`` a stage after cost minimises changes to that team.
    Never raises for user-caused problems: contradicting constraints give an infeasible
    plan with a message. Every returned plan has passed :func:`planner.solver.validate.validate_plan`.
    """
    start = time.perf_counter()
    limit = problem.constraints.time_limit if time_limit is None else time_limit
    prep = prepare(problem)
    conflict = conflict_message(prep)
    if conflict:
        return _checked(problem, infeasible_plan(problem, conflict, time.perf_counter() - start))
    previous_roles = _previous_roles(prep, previous)
    run = _Run(prep, start, limit, on_progress, should_stop, deterministic)
    status, gap, best = run.solve(previous_roles, minimize_changes, previous)
    plan = build_plan(prep, best, status=status, elapsed=0.0, gap=gap, message="")
    gaps = plan.uncovered or unstaffed_tasks(problem, plan.team, plan.open_positions)
    hires = recommend_hires(problem, plan.team, plan.open_positions) if gaps else ()
    elapsed = time.perf_counter() - start
    message = _message(prep, status, gap, run.open_stage, plan, limit, hires)
    plan = build_plan(prep, best, status=status, elapsed=elapsed, gap=gap, message=message, hires=hires)
    return _checked(problem, plan)


def _checked(problem: Problem, plan: Plan) -> Plan:
    problems = validate_plan(problem, plan)
    if problems:
        raise RuntimeError("solver produced an invalid plan: " + "; ".join(problems))
    return plan


class _Run:
    """State shared by the stages of one solve: clock, stop flag, progress reporting."""

    def __init__(
        self,
        prep: Prepared,
        start: float,
        limit: float,
        on_progress: Callable[[SolveProgress], None] | None,
        should_stop: Callable[[], bool] | None,
        deterministic: bool,
    ) -> None:
        self.prep = prep
        self.start = start
        self.limit = limit
        self.on_progress = on_progress
        self.should_stop = should_stop
        self.deterministic = deterministic
        self.cancelled = threading.Event()
        self.open_stage = ""
        self.reductions: list[Reduction] = []

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def stopping(self) -> bool:
        if self.cancelled.is_set():
            return True
        if self.should_stop is not None and self.should_stop():
            self.cancelled.set()
        return self.cancelled.is_set()

    def solve(
        self, previous_roles: dict[int, str], minimize_changes: bool, previous: Plan | None
    ) -> tuple[PlanStatus, float | None, Selection]:
        """Every stage group in turn; returns the final status, the open stage's gap and the team."""
        prep = self.prep
        protected = set(previous_roles) if minimize_changes else set()
        fixed: dict[str, int] = {}
        best: Selection | None = None
        base_limit = member_bound(prep)
        for group in stage_plan(prep, minimize_changes):
            limit = base_limit
            if "team size" in fixed:
                limit = min(limit, fixed["team size"] - len(prep.must))
            reduction = reduce_options(
                prep,
                protected,
                use_cost=group.use_cost,
                use_fit=group.use_fit,
                limit=limit,
                strict_cost=group.after_cost,
            )
            self.reductions.append(reduction)
            model = TeamModel(
                prep,
                reduction.kept,
                use_cost=group.use_cost,
                use_fit=group.use_fit,
                limit=reduction.bound,
                previous=previous_roles if minimize_changes else None,
            )
            if best is None:
                best = greedy_selection(prep, [prep.option(c, s) for c, s in reduction.kept])
                if previous is not None:
                    hinted = _previous_selection(prep, reduction.kept, previous_roles, previous)
                    if _feasible(prep, hinted):
                        best = hinted
            stages = model.stages()
            for name, value in fixed.items():
                model.model.add(stages[name].expr <= value)
            if group.after_cost:
                fix_by_reduced_cost(model, fixed)
            for name in group.names:
                outcome = self._stage(model, stages[name], best)
                best = outcome.best
                if outcome.value is None:
                    return outcome.status, outcome.gap, best
                fixed[name] = outcome.value
                model.model.add(stages[name].expr <= outcome.value)
        self.open_stage = ""
        assert best is not None
        return PlanStatus.OPTIMAL, 0.0, best

    def _stage(self, model: TeamModel, stage: Stage, best: Selection) -> _Outcome:
        """Minimise one stage; ``value`` is None when the stage was not proven."""
        self.open_stage = stage.name
        if self.stopping():
            return _Outcome(PlanStatus.CANCELLED, None, None, best)
        model.model.minimize(stage.expr)
        model.hint(best)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_time_in_seconds = max(MIN_STAGE_SECONDS, self.limit - self.elapsed())
        params.num_workers = 1
        params.linearization_level = LINEARIZATION_LEVEL
        params.random_seed = 0
        callback = _Callback(self, model, stage)
        watcher = threading.Thread(target=self._watch, args=(solver, callback), daemon=True)
        watcher.start()
        try:
            code = solver.solve(model.model, callback)
        finally:
            callback.finished.set()
            watcher.join()
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = model.selection_from(list(solver.response_proto.solution))
        if code == cp_model.OPTIMAL:
            return _Outcome(PlanStatus.OPTIMAL, round(solver.objective_value), 0.0, best)
        status = PlanStatus.CANCELLED if self.cancelled.is_set() else PlanStatus.FEASIBLE
        if code == cp_model.FEASIBLE:
            value, bound = solver.objective_value, solver.best_objective_bound
            return _Outcome(status, None, max(0.0, value - bound) / max(1.0, abs(value)), best)
        if code == cp_model.UNKNOWN:
            return _Outcome(status, None, None, best)
        raise RuntimeError(f"CP-SAT returned {solver.status_name(code)} in stage {stage.name}")

    def _watch(self, solver: cp_model.CpSolver, callback: _Callback) -> None:
        while not callback.finished.wait(STOP_POLL_SECONDS):
            if self.stopping():
                solver.stop_search()
                return


@dataclass(frozen=True)
class _Outcome:
    status: PlanStatus
    value: int | None
    gap: float | None
    best: Selection


class _Callback(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution and stops the search when asked."""

    def __init__(self, run: _Run, model: TeamModel, stage: Stage) -> None:
        super().__init__()
        self.run = run
        self.team_model = model
        self.stage = stage
        self.finished = threading.Event()

    def on_solution_callback(self) -> None:
        run = self.run
        if run.stopping():
            self.stop_search()
        if run.on_progress is None:
            return
        selection = self.team_model.selection_from(list(self.response_proto.solution))
        plan = build_plan(run.prep, selection, status=PlanStatus.FEASIBLE, elapsed=run.elapsed(), gap=None, message="")
        bound = self.best_objective_bound * self.stage.scale
        run.on_progress(SolveProgress(self.stage.name, plan.objective, bound, run.elapsed(), plan))


def _previous_roles(prep: Prepared, previous: Plan | None) -> dict[int, str]:
    if previous is None:
        return {}
    index = {c.name: i for i, c in enumerate(prep.problem.candidates)}
    eligible = set(prep.eligible)
    return {
        index[m.candidate]: m.role for m in previous.team if m.candidate in index and index[m.candidate] in eligible
    }


def _previous_selection(
    prep: Prepared, kept: tuple[tuple[int, int], ...], roles: dict[int, str], previous: Plan
) -> Selection:
    """The previous team in option terms (only options still kept)."""
    tasks_of = {m.candidate: m.tasks for m in previous.team}
    task_index = {t: i for i, t in enumerate(prep.tasks)}
    members = []
    for c, s in kept:
        option = prep.option(c, s)
        if roles.get(option.candidate) == option.shape.role:
            names = tasks_of[prep.problem.candidates[option.candidate].name]
            tasks = tuple(
                sorted(task_index[t] for t in names if t in task_index and task_index[t] in option.shape.tasks)
            )
            if tasks and len(tasks) <= option.cap:
                members.append((option, tasks))
    return Selection(tuple(members))


def _feasible(prep: Prepared, selection: Selection) -> bool:
    """Whether a hinted team meets every hard constraint (so it can serve as the fallback)."""
    constraints = prep.problem.constraints
    hired = {o.candidate for o, _ in selection.members}
    size = len(selection.members)
    cost = sum(o.cost for o, _ in selection.members)
    return (
        set(prep.must) <= hired
        and size >= (constraints.team_size_min or 0)
        and (constraints.team_size_max is None or size <= constraints.team_size_max)
        and (prep.budget is None or cost <= prep.budget)
    )


def _message(
    prep: Prepared,
    status: PlanStatus,
    gap: float | None,
    stage: str,
    plan: Plan,
    limit: float,
    hires: tuple[HireRecommendation, ...] = (),
) -> str:
    catalog = prep.problem.catalog
    objective = plan.objective
    size = f"{objective.headcount} {'person' if objective.headcount == 1 else 'people'}"
    if status is PlanStatus.OPTIMAL:
        head = f"Optimal team of {size}"
    elif status is PlanStatus.CANCELLED:
        head = f"Stopped: best team so far, {size}"
    else:
        head = f"Best team found within the {limit:g} s time limit, {size}"
    if status is not PlanStatus.OPTIMAL:
        head += f" (not proven optimal; {stage} still open" + (f", gap {gap:.0%})" if gap is not None else ")")
    if not prep.requirements:
        cover = "no skill requirements"
    elif plan.uncovered:
        must = objective.uncovered_must
        cover = f"{objective.uncovered} of {len(prep.requirements)} requirements not covered ({must} must-have)"
    else:
        cover = f"covers all {len(prep.requirements)} requirements"
    sentence = f"{head}; {cover}."
    missing = unstaffed_tasks(prep.problem, plan.team, plan.open_positions)
    if missing:
        names = ", ".join(catalog.task(t).name for t in missing)
        sentence += f" Nobody could be assigned to: {names}."
    sentence += options_text(prep, plan)
    if hires:
        sentence += " See the hire recommendations."
        overrun = overrun_text(prep.problem, plan.headcount, plan.total_cost, len(plan.open_positions), hires)
        if overrun:
            sentence += " " + overrun
    return sentence
