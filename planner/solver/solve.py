"""``solve``: conflict check, exact reduction, then CP-SAT stage by stage.

A greedy team comes first (reported at once, before any reduction). Stages come in groups
(:func:`planner.solver.model.stage_plan`): coverage and team size (or cost) on a model
reduced with only coverage in mind, then cost, then changes and fit; each group gets its
own reduction (with the member bound the best team so far proves,
:mod:`planner.solver.bounds`) and model; a group whose answer the size floor already
gives needs neither. Before the cost stage (and, under a budget, the coverage stage) a
short probe on the LP's most promising options looks for a better team, and the LP's
reduced costs then switch off what cannot beat it (:mod:`planner.solver.lp_fixing`).
Each stage minimises its expression with every earlier stage fixed at its optimum,
hinted with the best team so far. Every team seen —
greedy, previous plan, each solution callback, each stage's result — is scored by its
true objective (:mod:`planner.solver.incumbent`); only true improvements are reported and
the best one is returned. ``should_stop`` and the one deadline of the whole solve are
polled in the callback, by a small watcher thread (so a long proof without new solutions
still stops promptly; it is joined before the stage returns), inside the reduction and
between steps. A time limit or a stop returns the best team with the open stage's gap,
never "optimal".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from planner.model.constraints import ObjectiveOrder
from planner.model.plan import HireRecommendation, Objective, Plan, PlanStatus
from planner.model.project import Problem
from planner.solver.bounds import affordable, affordable_rows, coverage_floor, fewest_members, member_bound, team_caps
from planner.solver.conflicts import conflict_message
from planner.solver.greedy import greedy_selection
from planner.solver.hires import overrun_text, recommend_hires
from planner.solver.incumbent import Incumbent
from planner.solver.lp_fixing import StageRelaxation, fix_by_reduced_cost
from planner.solver.model import Selection, Stage, TeamModel, coverage_value, stage_plan
from planner.solver.options_text import options_text
from planner.solver.plan_build import build_plan, infeasible_plan, unstaffed_tasks
from planner.solver.prepare import Prepared, prepare
from planner.solver.reduce import Reduction, ReductionAborted, option_structures, reduce_options
from planner.solver.validate import validate_plan

STOP_POLL_SECONDS = 0.05
CHEAPER_START_ROUNDS = 3
# The probe before the cost stage: the LP's options plus this many of the smallest reduced
# cost, searched for at most this long (a heuristic; the proof follows on the whole model).
PROBE_OPTIONS = 200
PROBE_SECONDS = 1.0
# Of the time limit, kept back for building and checking the plan and the hire recommendations.
FINISH_RESERVE_SHARE = 0.03
FINISH_RESERVE_SECONDS = 1.0
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

    ``time_limit`` (seconds, default the project's) covers the whole solve: preparing,
    reductions, every stage and building the plan share one deadline. ``on_progress`` gets
    every team that is truly better than the previous report (the greedy start first,
    before any reduction), ``should_stop`` (polled from a helper thread too) ends the
    solve with status cancelled; a stopped or timed-out solve returns the best true team
    seen (:mod:`planner.solver.incumbent`) and never says optimal. The search runs one
    CP-SAT worker with a fixed seed, so it is reproducible; ``deterministic`` is accepted
    for callers that require it and changes nothing else. ``previous`` hints the search;
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
    run = _Run(prep, start, limit, on_progress, should_stop, previous_roles if minimize_changes else None)
    status, gap = run.solve(previous_roles, minimize_changes, previous)
    best = run.incumbent.best
    assert best is not None  # the greedy team is always feasible once the conflict check passed
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


class _Interrupted(Exception):
    """The deadline passed or a stop was asked for outside CP-SAT (reduction, model building)."""


class _Run:
    """State shared by the stages of one solve: deadline, stop flag, best team, progress."""

    def __init__(
        self,
        prep: Prepared,
        start: float,
        limit: float,
        on_progress: Callable[[SolveProgress], None] | None,
        should_stop: Callable[[], bool] | None,
        changes_from: dict[int, str] | None,
    ) -> None:
        self.prep = prep
        self.start = start
        self.limit = limit
        # Building, checking the plan and the hire recommendations come after the last stage.
        self.deadline = start + limit - min(FINISH_RESERVE_SECONDS, FINISH_RESERVE_SHARE * limit)
        self.on_progress = on_progress
        self.should_stop = should_stop
        self.cancelled = threading.Event()
        self.open_stage = "coverage"
        self.bound: float | None = None
        self.reductions: list[Reduction] = []
        self.incumbent = Incumbent(prep, changes_from, self._report)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def remaining(self) -> float:
        return self.deadline - time.perf_counter()

    def stopping(self) -> bool:
        if self.cancelled.is_set():
            return True
        if self.should_stop is not None and self.should_stop():
            self.cancelled.set()
        return self.cancelled.is_set()

    def interrupted(self) -> bool:
        return self.stopping() or self.remaining() <= 0

    def check(self) -> None:
        if self.interrupted():
            raise _Interrupted

    def _report(self, selection: Selection) -> None:
        if self.on_progress is None:
            return
        plan = build_plan(
            self.prep, selection, status=PlanStatus.FEASIBLE, elapsed=self.elapsed(), gap=None, message=""
        )
        self.on_progress(SolveProgress(self.open_stage, plan.objective, self.bound, self.elapsed(), plan))

    def unfinished(self) -> PlanStatus:
        return PlanStatus.CANCELLED if self.cancelled.is_set() else PlanStatus.FEASIBLE

    def solve(
        self, previous_roles: dict[int, str], minimize_changes: bool, previous: Plan | None
    ) -> tuple[PlanStatus, float | None]:
        """Every stage group in turn; the final status and the open stage's gap (best team: ``incumbent``)."""
        prep = self.prep
        self.incumbent.offer(greedy_selection(prep))
        if previous is not None:
            self.incumbent.offer(_previous_selection(prep, previous_roles, previous))
        protected = set(previous_roles) if minimize_changes else set()
        fixed: dict[str, int] = {}
        floor = coverage_floor(prep)
        try:
            if prep.budget is not None:
                # Under a budget the plain greedy spends it on a few dear people; a team of k
                # can only hold people the budget leaves room for next to k - 1 cheapest others.
                for size in range(len(prep.must) + 2, len(prep.must) + member_bound(prep) + 1):
                    self.check()
                    self.incumbent.offer(greedy_selection(prep, affordable_rows(prep, prep.budget, size)))
            self.check()
            structures = option_structures(prep, protected)
            size_floor: int | None = None
            for group in stage_plan(prep, minimize_changes):
                self.check()
                settled = self._settled_by_floors(floor, fixed) if group.names[0] == "coverage" else None
                if settled is not None:
                    size_floor = settled
                    continue
                exact_size = "team size" in fixed
                size_cap, cost_cap = team_caps(prep, self.incumbent.key, fixed, floor)
                if group.use_cost and cost_cap is not None:
                    self._cheaper_starts(size_cap if exact_size else None, size_floor)
                    size_cap, cost_cap = team_caps(prep, self.incumbent.key, fixed, floor)
                limit = member_bound(prep, size_cap=size_cap, cost_cap=cost_cap)
                reduction = reduce_options(
                    prep,
                    protected,
                    use_cost=group.use_cost,
                    use_fit=group.use_fit,
                    limit=limit,
                    strict_cost=group.after_cost,
                    should_abort=self.interrupted,
                    structures=structures,
                    usable=affordable(prep, cost_cap, size_cap if exact_size else None, size_floor),
                )
                self.reductions.append(reduction)
                self.check()
                model = TeamModel(
                    prep,
                    reduction.kept,
                    use_cost=group.use_cost,
                    use_fit=group.use_fit,
                    limit=reduction.bound,
                    previous=previous_roles if minimize_changes else None,
                )
                kept = np.zeros_like(prep.allowed)
                for c, s in reduction.kept:
                    kept[c, s] = True
                self.incumbent.offer(greedy_selection(prep, kept))
                stages = model.stages()
                for name, value in fixed.items():
                    model.model.add(stages[name].expr <= value)
                self.check()
                if group.after_cost:
                    fix_by_reduced_cost(model, fixed)
                elif "cost" in group.names:
                    self._narrow_for_cost(model, stages["cost"], fixed, floor)
                elif group.use_cost and "coverage" not in fixed and (self.incumbent.key or ())[:3] != floor:
                    self._narrow_for_coverage(model, stages, floor)
                for name in group.names:
                    if name == "coverage" and self.incumbent.key is not None and self.incumbent.key[:3] == floor:
                        # The best team so far already has the coverage nobody can beat.
                        fixed[name] = model.coverage_value(*floor)
                        model.model.add(stages[name].expr <= fixed[name])
                        continue
                    outcome = self._stage(model, stages[name])
                    if outcome.value is None:
                        return outcome.status, outcome.gap
                    fixed[name] = outcome.value
                    model.model.add(stages[name].expr <= outcome.value)
                if group.size_floor:
                    outcome = self._stage(model, stages["team size"])
                    if outcome.value is None:
                        return outcome.status, outcome.gap
                    size_floor = outcome.value
        except (_Interrupted, ReductionAborted):
            return self.unfinished(), None
        self.open_stage = ""
        return PlanStatus.OPTIMAL, 0.0

    def _narrow_for_cost(
        self, model: TeamModel, stage: Stage, fixed: dict[str, int], floor: tuple[int, int, int]
    ) -> None:
        """Before the cost stage: probe the LP's most promising options, then fix what cannot beat the best cost."""
        relaxation = StageRelaxation.of(model, fixed)
        if relaxation is None:
            return
        self._probe(model, stage, relaxation)
        key = self._settled_key(model, fixed)
        _, cost_cap = team_caps(self.prep, key, fixed, floor)
        if cost_cap is not None:
            relaxation.fix_above(cost_cap)

    def _settled_by_floors(self, floor: tuple[int, int, int], fixed: dict[str, int]) -> int | None:
        """The smallest size, if the best team has the unavoidable coverage with the fewest people such a team can have.

        Then the first stage group needs no model: coverage is fixed, and the size too (size
        first) or kept as the size floor (cost first).
        """
        key = self.incumbent.key
        if key is None or key[:3] != floor:
            return None
        size, _ = self._size_and_cost(key)
        if size != fewest_members(self.prep):
            return None
        fixed["coverage"] = coverage_value(self.prep, *floor)
        if self.prep.problem.constraints.objective_order is ObjectiveOrder.SIZE_FIRST:
            fixed["team size"] = size
        return size

    def _size_and_cost(self, key: tuple[int, ...]) -> tuple[int, int]:
        """Team size and cost from a true key (their order there follows the objective order)."""
        cost_first = self.prep.problem.constraints.objective_order is ObjectiveOrder.COST_FIRST
        return (key[4], key[3]) if cost_first else (key[3], key[4])

    def _settled_key(self, model: TeamModel, fixed: dict[str, int]) -> tuple[int, ...] | None:
        """The best team's key if it has every proven stage's value: then its later values bound the optimum's."""
        key = self.incumbent.key
        if key is None:
            return None
        size, cost = self._size_and_cost(key)
        values = {"coverage": model.coverage_value(*key[:3]), "team size": size, "cost": cost}
        return None if any(fixed.get(name, value) != value for name, value in values.items()) else key

    def _narrow_for_coverage(self, model: TeamModel, stages: dict[str, Stage], floor: tuple[int, int, int]) -> None:
        """Under a budget, before the coverage stage: probe the options cheapest for the coverage nobody can beat.

        A team found with that coverage within the budget settles the stage (the floor is a
        lower bound). When even the LP cannot reach it within the budget there is nothing to probe.
        """
        target = model.coverage_value(*floor)
        relaxation = StageRelaxation.of(model, {"coverage": target})
        if relaxation is not None:
            self._probe(model, stages["cost"], relaxation, stages["coverage"].expr <= target)

    def _cheaper_starts(self, size: int | None, size_floor: int | None) -> None:
        """Greedy teams among the people the best cost so far leaves room for (a tighter cap)."""
        for _ in range(CHEAPER_START_ROUNDS):
            key = self.incumbent.key
            assert key is not None
            cost = key[3] if self.prep.problem.constraints.objective_order is ObjectiveOrder.COST_FIRST else key[4]
            self.check()
            rows = affordable_rows(self.prep, cost, size, size_floor)
            better = [self.incumbent.offer(greedy_selection(self.prep, rows, per_cost=p)) for p in (False, True)]
            if not any(better):
                return

    def _stage(self, model: TeamModel, stage: Stage) -> _Outcome:
        """Minimise one stage; ``value`` is None when the stage was not proven."""
        code, solver = self._search(model, stage, model.model, self.remaining(), proves=True)
        # A stage counts as proven only if CP-SAT proved it and nobody stopped the search.
        if code == cp_model.OPTIMAL and not self.cancelled.is_set():
            return _Outcome(PlanStatus.OPTIMAL, round(solver.objective_value), 0.0)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            value, bound = solver.objective_value, solver.best_objective_bound
            return _Outcome(self.unfinished(), None, max(0.0, value - bound) / max(1.0, abs(value)))
        if code == cp_model.UNKNOWN:
            return _Outcome(self.unfinished(), None, None)
        raise RuntimeError(f"CP-SAT returned {solver.status_name(code)} in stage {stage.name}")

    def _probe(
        self,
        model: TeamModel,
        stage: Stage,
        relaxation: StageRelaxation,
        *extra: cp_model.BoundedLinearExpression | bool,
    ) -> None:
        """A short search among the options the LP finds promising: a better team to start from, nothing proven."""
        assert self.incumbent.best is not None
        keep = relaxation.promising(PROBE_OPTIONS) | set(model.pattern_counts(self.incumbent.best))
        trial = model.model.clone()
        for constraint in extra:
            trial.add(constraint)
        for k, row in enumerate(model.take):
            for j, var in enumerate(row):
                if (k, j) not in keep:
                    trial.add(var == 0)
        self._search(model, stage, trial, min(self.remaining(), PROBE_SECONDS), proves=False)

    def _search(
        self, model: TeamModel, stage: Stage, cp: cp_model.CpModel, seconds: float, *, proves: bool
    ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
        """One CP-SAT search of ``stage`` on ``cp`` (``model``'s or a restricted clone); its teams are offered.

        Only a search that ``proves`` reports its bound with the progress (a restricted
        clone's bound says nothing about the stage).
        """
        self.open_stage = stage.name
        if proves:
            self.bound = None
        self.check()
        cp.minimize(stage.expr)
        assert self.incumbent.best is not None
        model.hint(self.incumbent.best, cp)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_time_in_seconds = seconds
        params.num_workers = 1
        params.linearization_level = LINEARIZATION_LEVEL
        params.random_seed = 0
        callback = _Callback(self, model, stage, proves)
        watcher = threading.Thread(target=self._watch, args=(solver, callback), daemon=True)
        watcher.start()
        try:
            code = solver.solve(cp, callback)
        finally:
            callback.finished.set()
            watcher.join()
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.incumbent.offer(model.selection_from(list(solver.response_proto.solution)))
        return code, solver

    def _watch(self, solver: cp_model.CpSolver, callback: _Callback) -> None:
        while not callback.finished.wait(STOP_POLL_SECONDS):
            if self.interrupted():
                solver.stop_search()
                return


@dataclass(frozen=True)
class _Outcome:
    status: PlanStatus
    value: int | None
    gap: float | None


class _Callback(cp_model.CpSolverSolutionCallback):
    """Offers each solution to the incumbent (which reports true improvements); stops when asked."""

    def __init__(self, run: _Run, model: TeamModel, stage: Stage, reports_bound: bool) -> None:
        super().__init__()
        self.run = run
        self.reports_bound = reports_bound
        self.team_model = model
        self.stage = stage
        self.finished = threading.Event()

    def on_solution_callback(self) -> None:
        run = self.run
        if run.interrupted():
            self.stop_search()
        if self.reports_bound:
            run.bound = self.best_objective_bound * self.stage.scale
        run.incumbent.offer(self.team_model.selection_from(list(self.response_proto.solution)))


def _previous_roles(prep: Prepared, previous: Plan | None) -> dict[int, str]:
    if previous is None:
        return {}
    index = {c.name: i for i, c in enumerate(prep.problem.candidates)}
    eligible = set(prep.eligible)
    return {
        index[m.candidate]: m.role for m in previous.team if m.candidate in index and index[m.candidate] in eligible
    }


def _previous_selection(prep: Prepared, roles: dict[int, str], previous: Plan) -> Selection:
    """The previous team in option terms (members whose role is still allowed, with their chosen tasks)."""
    tasks_of = {m.candidate: m.tasks for m in previous.team}
    task_index = {t: i for i, t in enumerate(prep.tasks)}
    members = []
    for c, role in sorted(roles.items()):
        for s, shape in enumerate(prep.shapes):
            if shape.role != role or not prep.allowed[c, s]:
                continue
            option = prep.option(c, s)
            names = tasks_of[prep.problem.candidates[c].name]
            tasks = tuple(sorted(task_index[t] for t in names if t in task_index and task_index[t] in shape.tasks))
            if tasks and len(tasks) <= option.cap:
                members.append((option, tasks))
    return Selection(tuple(members))


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
