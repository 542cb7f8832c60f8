"""Solver benchmark: our solver vs a naive CP-SAT model, the same model in SCIP, and greedy.

Run from the project root::

    python benchmarks/solver_benchmark.py            # all sizes, writes benchmarks/RESULTS.md
    python benchmarks/solver_benchmark.py --sizes 50 1000 --limit 30

Role-shaped pools come from ``planner.model.samples.generate_pool`` (clusters around the
Playbook's six role profiles, plus noise and specialities); *uniform* pools are generated here
(:func:`uniform_pool`: independent uniform 0-5 ratings in every skill, distinct costs), the
hard shape for the reductions, in five variants (:data:`VARIANTS`). The project is the default
ML project (all five tasks, 23 requirements), team max 8, two tasks per person. Every run
happens in its own subprocess so its peak memory (max RSS) is its own. Never run inside pytest.

    python benchmarks/solver_benchmark.py --uniform-only                 # the uniform rows only
    python benchmarks/solver_benchmark.py --uniform-only --uniform-sizes 1000 --variants default
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ortools.linear_solver import pywraplp  # noqa: E402
from ortools.sat.python import cp_model  # noqa: E402

from planner.model.candidates import Candidate  # noqa: E402
from planner.model.constraints import Constraints, ObjectiveOrder, TrainingPolicy  # noqa: E402
from planner.model.fit import role_fit  # noqa: E402
from planner.model.plan import PlanStatus  # noqa: E402
from planner.model.project import Problem, new_project  # noqa: E402
from planner.model.samples import generate_pool  # noqa: E402
from planner.solver import SolveProgress, solve  # noqa: E402
from planner.solver.greedy import greedy_selection  # noqa: E402
from planner.solver.plan_build import build_plan  # noqa: E402
from planner.solver.prepare import prepare  # noqa: E402
from planner.solver.validate import validate_plan  # noqa: E402

SIZES = (50, 200, 1000, 5000, 20000)
METHODS = ("ours", "naive_cpsat", "scip_mip", "greedy")
LABELS = {
    "ours": "(a) ours",
    "ours_options": "(a+) ours, positions + training",
    "naive_cpsat": "(b) naive CP-SAT",
    "scip_mip": "(c) SCIP MIP",
    "greedy": "(d) greedy",
}


UNIFORM_SIZES = (1000, 5000, 20000)
# Uniform-pool variants: (redundancy, objective order, budget at 90 % of the default team's cost).
VARIANTS = {
    "default": (1, ObjectiveOrder.SIZE_FIRST, False),
    "redundancy 2": (2, ObjectiveOrder.SIZE_FIRST, False),
    "cost first": (1, ObjectiveOrder.COST_FIRST, False),
    "budget 90%": (1, ObjectiveOrder.SIZE_FIRST, True),
    "redundancy 2 + budget 90%": (2, ObjectiveOrder.SIZE_FIRST, True),
}
BUDGET_SHARE = 0.9
UNIFORM_COSTS = (40_000, 240_000)  # distinct integer costs drawn from this range


@dataclass
class Result:
    method: str
    size: int
    first: float | None  # seconds to the first complete plan
    proof: float | None  # seconds to a proven optimum (None: not proven)
    objective: str  # uncovered / headcount / cost / fit
    gap: float | None
    peak_mb: float
    note: str = ""
    variant: str = ""  # uniform pools: the variant; "" for the role-shaped pools
    cost: float = 0.0  # the plan's total cost (the uniform budget variants take 90 % of the default's)
    total: float = 0.0  # wall time of the whole run (seconds)
    status: str = ""


POOL_ONLY = {"max_open_positions": 0, "training": TrainingPolicy(enabled=False)}
OPTIONS_METHOD = "ours_options"  # (a) with open positions and training switched on (issue 10)
OPTIONS_SIZES = (1000, 5000, 20000)
OPTIONS_MARK = "<!-- positions and training -->"


def benchmark_problem(size: int, seed: int, options: bool = False) -> Problem:
    """The benchmark pool; pool only (today's rows) unless ``options`` (positions and training on)."""
    pool = generate_pool(prepare_catalog(), size, seed)
    constraints = Constraints(team_size_max=8) if options else Constraints(team_size_max=8, **POOL_ONLY)  # type: ignore[arg-type]
    return new_project("ml", candidates=pool, constraints=constraints).problem()


def uniform_pool(size: int, seed: int) -> list[Candidate]:
    """``size`` candidates with independent uniform 0-5 ratings in every skill and distinct costs."""
    catalog = prepare_catalog()
    rng = random.Random(seed)
    costs = rng.sample(range(*UNIFORM_COSTS), size)
    return [
        Candidate(f"U{i:05d}", {skill.id: float(rng.randint(0, 5)) for skill in catalog.skills}, float(costs[i]))
        for i in range(size)
    ]


def uniform_problem(size: int, seed: int, variant: str, budget: float | None, options: bool = False) -> Problem:
    """A uniform pool in ``variant``; pool only unless ``options`` (positions and training on)."""
    redundancy, order, _ = VARIANTS[variant]
    constraints = Constraints(
        team_size_max=8,
        redundancy=redundancy,
        objective_order=order,
        budget=budget,
        **({} if options else POOL_ONLY),  # type: ignore[arg-type]
    )
    return new_project("ml", candidates=uniform_pool(size, seed), constraints=constraints).problem()


def prepare_catalog() -> Any:
    from planner.model.catalog import default_catalog

    return default_catalog()


def describe(uncovered: int, headcount: int, cost: float, fit: float) -> str:
    return f"{uncovered} / {headcount} / {cost / 1000:,.0f}k / {fit:.2f}"


# --- (a) ours ---------------------------------------------------------------------------------


def run_ours(problem: Problem, limit: float) -> Result:
    start = time.perf_counter()
    first: list[float] = []

    def progress(p: SolveProgress) -> None:
        if not first:
            first.append(p.elapsed)

    plan = solve(problem, time_limit=limit, on_progress=progress)
    total = time.perf_counter() - start
    assert validate_plan(problem, plan) == []
    o = plan.objective
    return Result(
        "ours",
        len(problem.candidates),
        first[0] if first else total,
        total if plan.status is PlanStatus.OPTIMAL else None,
        describe(o.uncovered, o.headcount, o.cost, o.fit),
        plan.gap,
        0.0,
        cost=o.cost,
        total=total,
        status=plan.status.value,
    )


# --- (b)/(c) the straightforward model ---------------------------------------------------------


class NaiveModel:
    """Booleans per candidate x role and candidate x task, one weighted-sum objective."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        catalog = problem.catalog
        self.roles = [r for r in catalog.roles if any(r.does(t) for t in problem.tasks)]
        self.cost = [round((c.cost or 0) / 1000) for c in problem.candidates]
        self.fit = [[round(100 * role_fit(c, r, catalog)) for r in self.roles] for c in problem.candidates]
        k = problem.constraints.max_tasks_per_person
        team_max = problem.constraints.team_size_max or len(problem.candidates)
        fit_room = 100 * team_max + 1
        cost_room = sum(sorted(self.cost)[-team_max:]) + 1
        if problem.constraints.objective_order is ObjectiveOrder.COST_FIRST:
            self.w_size = fit_room
            self.w_cost = self.w_size * (team_max + 1)
            self.w_uncovered = self.w_cost * cost_room
        else:
            self.w_cost = fit_room
            self.w_size = self.w_cost * cost_room
            self.w_uncovered = self.w_size * (team_max + 1)
        self.k = k
        self.team_max = team_max

    def build(self, add_bool: Any, add_constraint: Any, set_objective: Any) -> tuple[Any, Any]:
        p = self.problem
        x = [[add_bool(f"x{i}_{j}") for j in range(len(self.roles))] for i in range(len(p.candidates))]
        y = [[add_bool(f"y{i}_{t}") for t in p.tasks] for i in range(len(p.candidates))]
        u = [add_bool(f"u{q}") for q in range(len(p.requirements))]
        for i in range(len(p.candidates)):
            hired = sum(x[i])
            add_constraint(hired <= 1)
            for ti, t in enumerate(p.tasks):
                add_constraint(y[i][ti] <= sum(x[i][j] for j, r in enumerate(self.roles) if r.does(t)))
            add_constraint(sum(y[i]) <= self.k * hired)
            add_constraint(sum(y[i]) >= hired)
        for q, req in enumerate(p.requirements):
            ti = p.tasks.index(req.task)
            qualified = [y[i][ti] for i, c in enumerate(p.candidates) if c.rating(req.skill) >= req.level]
            add_constraint(sum(qualified) + p.constraints.redundancy * u[q] >= p.constraints.redundancy)
        add_constraint(sum(sum(row) for row in x) <= self.team_max)
        budget = p.constraints.budget
        if budget is not None:
            cents = [round((c.cost or 0) * 100) for c in p.candidates]
            add_constraint(sum(cents[i] * sum(x[i]) for i in range(len(p.candidates))) <= round(budget * 100))
        objective = (
            self.w_uncovered * sum(u)
            + self.w_size * sum(sum(row) for row in x)
            + self.w_cost * sum(self.cost[i] * sum(x[i]) for i in range(len(p.candidates)))
            - sum(self.fit[i][j] * x[i][j] for i in range(len(p.candidates)) for j in range(len(self.roles)))
        )
        set_objective(objective)
        return x, u

    def describe(self, hired: list[tuple[int, int]], uncovered: int) -> str:
        p = self.problem
        cost = sum(p.candidates[i].cost or 0 for i, _ in hired)
        fit = sum(role_fit(p.candidates[i], self.roles[j], p.catalog) for i, j in hired)
        return describe(uncovered, len(hired), cost, fit)


def run_naive_cpsat(problem: Problem, limit: float) -> Result:
    start = time.perf_counter()
    naive = NaiveModel(problem)
    model = cp_model.CpModel()
    x, u = naive.build(model.new_bool_var, model.add, model.minimize)

    class First(cp_model.CpSolverSolutionCallback):
        def __init__(self) -> None:
            super().__init__()
            self.first: float | None = None

        def on_solution_callback(self) -> None:
            if self.first is None:
                self.first = time.perf_counter() - start

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    callback = First()
    status = solver.solve(model, callback)
    total = time.perf_counter() - start
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Result("naive_cpsat", len(problem.candidates), None, None, "no plan", None, 0.0)
    hired = [(i, j) for i, row in enumerate(x) for j, v in enumerate(row) if solver.boolean_value(v)]
    uncovered = sum(solver.boolean_value(v) for v in u)
    value, bound = solver.objective_value, solver.best_objective_bound
    return Result(
        "naive_cpsat",
        len(problem.candidates),
        callback.first,
        total if status == cp_model.OPTIMAL else None,
        naive.describe(hired, uncovered),
        abs(value - bound) / max(1.0, abs(value)),
        0.0,
    )


def run_scip(problem: Problem, limit: float) -> Result:
    start = time.perf_counter()
    naive = NaiveModel(problem)
    solver = pywraplp.Solver.CreateSolver("SCIP")
    if solver is None:
        return Result("scip_mip", len(problem.candidates), None, None, "SCIP not available", None, 0.0)
    x, u = naive.build(lambda name: solver.BoolVar(name), solver.Add, solver.Minimize)
    solver.SetTimeLimit(int(limit * 1000))
    status = solver.Solve()
    total = time.perf_counter() - start
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return Result("scip_mip", len(problem.candidates), None, None, "no plan", None, 0.0)
    hired = [(i, j) for i, row in enumerate(x) for j, v in enumerate(row) if v.solution_value() > 0.5]
    uncovered = sum(1 for v in u if v.solution_value() > 0.5)
    value, bound = solver.Objective().Value(), solver.Objective().BestBound()
    return Result(
        "scip_mip",
        len(problem.candidates),
        None,
        total if status == pywraplp.Solver.OPTIMAL else None,
        naive.describe(hired, uncovered),
        abs(value - bound) / max(1.0, abs(value)),
        0.0,
        "first plan not reported by SCIP through ortools.linear_solver",
    )


# --- (d) greedy --------------------------------------------------------------------------------


def run_greedy(problem: Problem, limit: float) -> Result:
    start = time.perf_counter()
    prep = prepare(problem)
    selection = greedy_selection(prep)
    plan = build_plan(prep, selection, status=PlanStatus.FEASIBLE, elapsed=0.0, gap=None, message="")
    total = time.perf_counter() - start
    o = plan.objective
    return Result(
        "greedy", len(problem.candidates), total, None, describe(o.uncovered, o.headcount, o.cost, o.fit), None, 0.0
    )


RUNNERS = {
    "ours": run_ours,
    "naive_cpsat": run_naive_cpsat,
    "scip_mip": run_scip,
    "greedy": run_greedy,
    OPTIONS_METHOD: run_ours,
}


def run_one(method: str, size: int, seed: int, limit: float, variant: str = "", budget: float | None = None) -> Result:
    """One run in this process (the parent starts a fresh process per run)."""
    options = method == OPTIONS_METHOD
    problem = (
        uniform_problem(size, seed, variant, budget, options) if variant else benchmark_problem(size, seed, options)
    )
    result = RUNNERS[method](problem, limit)
    result.method = method
    result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.variant = variant
    return result


def run_isolated(
    method: str, size: int, seed: int, limit: float, variant: str = "", budget: float | None = None
) -> Result:
    command = [sys.executable, __file__, "--one", method, str(size), "--seed", str(seed), "--limit", str(limit)]
    if variant:
        command += ["--variant", variant]
    if budget is not None:
        command += ["--budget", repr(budget)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT, timeout=limit * 4 + 600)
    return Result(**json.loads(out.stdout.strip().splitlines()[-1]))


def load_average() -> str:
    try:
        return ", ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def uniform_runs(
    sizes: list[int],
    variants: list[str],
    seed: int,
    ours_limit: float,
    limit: float,
    baselines_up_to: int,
    options: bool = False,
) -> list[tuple[Result, str]]:
    """Every uniform row (with the 1-minute load average when it started), budgets from the default rows.

    With ``options`` each variant also runs (a+): the same pool with open positions and training on.
    """
    rows: list[tuple[Result, str]] = []
    for size in sizes:
        default_cost: float | None = None
        for variant in variants:
            budget = None
            if VARIANTS[variant][2]:
                if default_cost is None:
                    default_cost = run_isolated("ours", size, seed, ours_limit, "default").cost
                budget = float(round(BUDGET_SHARE * default_cost))
            for method in ("ours", OPTIONS_METHOD, "naive_cpsat", "scip_mip"):
                if method == OPTIONS_METHOD and not options:
                    continue
                if method not in ("ours", OPTIONS_METHOD) and size > baselines_up_to:
                    continue
                load = load_average()
                own = method in ("ours", OPTIONS_METHOD)
                result = run_isolated(method, size, seed, ours_limit if own else limit, variant, budget)
                if budget is not None:
                    result.note = (result.note + f" budget {budget:,.0f}").strip()
                if method == "ours" and variant == "default":
                    default_cost = result.cost
                rows.append((result, load))
                print(uniform_table([(result, load)]).splitlines()[-1], flush=True)
    return rows


def uniform_table(rows: list[tuple[Result, str]]) -> str:
    lines = [
        "| size | variant | method | first plan (s) | proof (s) | total (s) | uncovered / size / cost / fit | gap "
        "| peak MB | load at start | note |",
        "|---:|---|---|---:|---:|---:|---|---:|---:|---|---|",
    ]
    for r, load in rows:
        gap = "—" if r.gap is None else f"{r.gap:.1%}"
        total = cell(r.total) if r.total else "—"
        lines.append(
            f"| {r.size:,} | {r.variant} | {LABELS[r.method]} | {cell(r.first)} | {cell(r.proof)} | {total} | "
            f"{r.objective} | {gap} | {r.peak_mb:,.0f} | {load} | {r.note} |"
        )
    return "\n".join(lines)


def uniform_targets(rows: list[tuple[Result, str]]) -> list[str]:
    """Issue 9's targets for (a) on the uniform pools, checked against this run."""
    goal = {1000: 2.0, 5000: 10.0, 20000: 30.0}
    lines = ["### Targets (issue 9)", ""]
    for r, _ in rows:
        if r.method not in ("ours", OPTIONS_METHOD) or r.size not in goal:
            continue
        proof_ok = r.proof is not None and r.proof <= goal[r.size]
        first_ok = r.first is not None and r.first <= 2.0
        memory_ok = r.peak_mb < 1024
        verdict = "met" if proof_ok and first_ok and memory_ok else "**missed**"
        label = "" if r.method == "ours" else " (a+, positions and training on)"
        lines.append(
            f"- {r.size:,} {r.variant}{label}: proof {cell(r.proof)} s (≤ {goal[r.size]:g} s), "
            f"first plan {cell(r.first)} s (≤ 2 s), {r.peak_mb:,.0f} MB: {verdict}."
        )
    return [*lines, ""]


UNIFORM_HEADING = "## Uniform pools"


def uniform_report(rows: list[tuple[Result, str]], command: str, seed: int, ours_limit: float, limit: float) -> str:
    return "\n".join(
        [
            UNIFORM_HEADING,
            "",
            f"Command: `{command.strip()}` (seed {seed}; time limit {ours_limit:g} s for (a), {limit:g} s for (b) "
            'and (c)). Each row ran alone in a fresh process; "load at start" is the machine\'s 1, 5 and 15 minute '
            "load average when it started (2 cores, shared with other work: a load above 2 slows every number).",
            "",
            "Pools from `uniform_pool` in the benchmark: independent uniform 0–5 ratings in every skill, distinct "
            f"costs drawn from {UNIFORM_COSTS[0]:,}–{UNIFORM_COSTS[1]:,}; default ML project, team max 8. The budget "
            f'variants use {BUDGET_SHARE:.0%} of the cost of (a)\'s default team at the same size. "total" is the '
            "wall time of the whole run (the time limit covers it).",
            "",
            uniform_table(rows),
            "",
            *uniform_targets(rows),
        ]
    )


def splice_uniform(path: Path, section: str) -> None:
    """Replace (or append) the uniform section of an existing RESULTS.md, keeping the rest."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Solver benchmark\n"
    start = text.find(UNIFORM_HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        ends = [text.find(mark, start + len(UNIFORM_HEADING)) for mark in ("\n## ", "\n" + OPTIONS_MARK)]
        end = min((e for e in ends if e >= 0), default=-1)
        text = text[:start] + section + "\n" + (text[end + 1 :] if end >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


# --- report ----------------------------------------------------------------------------------


def cell(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(results: list[Result]) -> str:
    lines = [
        "| size | method | first plan (s) | proof (s) | uncovered / size / cost / fit | gap | peak MB | note |",
        "|---:|---|---:|---:|---|---:|---:|---|",
    ]
    for r in results:
        gap = "—" if r.gap is None else f"{r.gap:.1%}"
        lines.append(
            f"| {r.size:,} | {LABELS[r.method]} | {cell(r.first)} | {cell(r.proof)} | {r.objective} | {gap} | "
            f"{r.peak_mb:,.0f} | {r.note} |"
        )
    return "\n".join(lines)


def targets(results: list[Result], limit: float) -> list[str]:
    """The issue's targets for (a), checked against this run."""
    ours = {r.size: r for r in results if r.method == "ours"}
    lines = ["## Targets (issue 3)", ""]

    def check(ok: bool) -> str:
        return "met" if ok else "**missed**"

    base = ours.get(1000)
    if base is not None and base.proof is not None:
        lines.append(f"- 1,000 proved optimal in ≤ 2 s: {base.proof:.2f} s, {check(base.proof <= 2)}.")
        for method in ("naive_cpsat", "scip_mip"):
            other = next((r for r in results if r.method == method and r.size == 1000), None)
            if other is None:
                continue
            if other.proof is None:
                ratio = limit / base.proof
                text = f"no proof within its {limit:g} s limit, so more than {ratio:.0f}x"
            else:
                ratio = other.proof / base.proof
                text = f"{ratio:.0f}x"
            lines.append(f"- ≥ 10x faster to proof than {LABELS[method]} at 1,000: {text}, {check(ratio >= 10)}.")
    if 5000 in ours:
        r = ours[5000]
        lines.append(f"- 5,000 proved in ≤ 10 s: {cell(r.proof)} s, {check(r.proof is not None and r.proof <= 10)}.")
    if 20000 in ours:
        r = ours[20000]
        ok = r.first is not None and r.first <= 2 and r.proof is not None and r.proof <= 60
        times = f"{cell(r.first)} s and {cell(r.proof)} s"
        lines.append(f"- 20,000 first plan ≤ 2 s and proof ≤ 60 s: {times}, {check(ok)}.")
    peak = max((r.peak_mb for r in ours.values()), default=0.0)
    lines.append(f"- Peak memory ≤ 1 GB: at most {peak:,.0f} MB, {check(peak <= 1024)}.")
    return [*lines, ""]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import ortools

    return (
        f"{cpu}, {os.cpu_count()} logical cores, Python {platform.python_version()}, "
        f"OR-Tools {ortools.__version__}, {platform.system()} {platform.release()}"
    )


def _target_line(result: Result, target: float) -> str:
    met = result.proof is not None and result.proof <= target
    proof = f"proven in {cell(result.proof)} s" if result.proof is not None else "not proven"
    verdict = "met" if met else "NOT met"
    return f"- {result.size:,}: (a+) {proof} (target {target:g} s: {verdict}), peak {result.peak_mb:,.0f} MB"


def options_section(args: argparse.Namespace) -> int:
    """Run (a) with positions and training on, beside (a) pool only, and rewrite that section of the report."""
    rows = []
    load = load_average()
    for size in OPTIONS_SIZES:
        for method in ("ours", OPTIONS_METHOD):
            result = run_isolated(method, size, args.seed, args.ours_limit)
            rows.append(result)
            print(table([result]).splitlines()[-1], flush=True)
    targets_s = {1000: 2.0, 5000: 10.0, 20000: 30.0}
    lines = [
        OPTIONS_MARK,
        "## Open positions and training on (issue 10)",
        "",
        f"Machine: {machine()}. Same pools (seed {args.seed}), team max 8; *(a) ours* is pool only, *(a+)* lets "
        "the solver open positions (every catalog role, variant and senior option, up to the team-size limit) "
        "and train members (1 level per skill, 2 per person). Targets: proven optimal within 2 s / 10 s / 30 s "
        f"at 1,000 / 5,000 / 20,000, peak memory under 1 GB. Load average (1, 5, 15 min) at the start: {load} "
        "(2 cores: above 2, other work slows every number).",
        "",
        table(rows),
        "",
        *(_target_line(r, targets_s[r.size]) for r in rows if r.method == OPTIONS_METHOD),
        "",
        OPTIONS_MARK,
    ]
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if OPTIONS_MARK in text:
        head, _, rest = text.partition(OPTIONS_MARK)
        _, _, tail = rest.partition(OPTIONS_MARK)
        text = head + "\n".join(lines) + tail
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=60.0, help="time limit per run of (b) and (c), seconds")
    parser.add_argument("--ours-limit", type=float, default=120.0)
    parser.add_argument("--baselines-up-to", type=int, default=5000, help="skip (b) and (c) above this size")
    parser.add_argument(
        "--extra-seeds", type=int, nargs="*", default=[2, 3, 11], help="more pools (1,000+) for (a) only: the spread"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--uniform-sizes", type=int, nargs="*", default=list(UNIFORM_SIZES))
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--uniform-only", action="store_true", help="run the uniform rows and update their section")
    parser.add_argument(
        "--uniform-options", action="store_true", help="uniform rows also with positions and training on (a+)"
    )
    parser.add_argument("--one", nargs=2, metavar=("METHOD", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="", help=argparse.SUPPRESS)
    parser.add_argument("--budget", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--options-only",
        action="store_true",
        help="only the rows with open positions and training on; replaces that section of --out",
    )
    args = parser.parse_args(argv)
    if args.one:
        method, size = args.one[0], int(args.one[1])
        limit = args.limit if (method not in ("ours", OPTIONS_METHOD) or args.variant) else args.ours_limit
        print(json.dumps(asdict(run_one(method, size, args.seed, limit, args.variant, args.budget))))
        return 0
    if args.options_only:
        return options_section(args)
    command = "python benchmarks/solver_benchmark.py " + " ".join(argv if argv is not None else sys.argv[1:])
    uniform = uniform_runs(
        args.uniform_sizes,
        args.variants,
        args.seed,
        args.ours_limit,
        args.limit,
        min(args.baselines_up_to, 1000),
        args.uniform_options,
    )
    section = uniform_report(uniform, command, args.seed, args.ours_limit, args.limit)
    if args.uniform_only:
        splice_uniform(args.out, section)
        print(f"\nupdated {UNIFORM_HEADING!r} in {args.out}")
        return 0
    results: list[Result] = []
    for size in args.sizes:
        for method in METHODS:
            if method in ("naive_cpsat", "scip_mip") and size > args.baselines_up_to:
                results.append(
                    Result(method, size, None, None, "skipped", None, 0.0, f"skipped above {args.baselines_up_to:,}")
                )
                continue
            limit = args.ours_limit if method == "ours" else args.limit
            result = run_isolated(method, size, args.seed, limit)
            results.append(result)
            print(table([result]).splitlines()[-1], flush=True)
    spread: list[tuple[int, Result]] = []
    for seed in args.extra_seeds:
        for size in (s for s in args.sizes if s >= 1000):
            result = run_isolated("ours", size, seed, args.ours_limit)
            spread.append((seed, result))
            print(f"seed {seed}: " + table([result]).splitlines()[-1], flush=True)
    report = "\n".join(
        [
            "# Solver benchmark",
            "",
            f"Machine: {machine()}.",
            "",
            f"Command: `{command.strip()}` (seed {args.seed}; time limit {args.limit:g} s for (b) and (c), "
            f"{args.ours_limit:g} s for (a)).",
            "",
            "Default ML project (all five tasks, 23 requirements), team max 8, 2 tasks per person, pools from "
            "`planner.model.samples.generate_pool` (role-profile clusters plus noise). Objective column: uncovered "
            "requirements / headcount / total cost / sum of role fits. (b) and (c) minimise one weighted sum "
            "(uncovered, then size, then cost in thousands, then fit in hundredths); (a) solves the lexicographic "
            "stages exactly. Peak MB is the run's process max RSS (Python, model and solver).",
            "",
            table(results),
            "",
            *targets(results, args.limit),
            "## Other pools (our solver only)",
            "",
            "The same sizes with other seeds, to show the spread of (a)'s times:",
            "",
            "| seed | size | first plan (s) | proof (s) | uncovered / size / cost / fit | peak MB |",
            "|---:|---:|---:|---:|---|---:|",
            *(
                f"| {seed} | {r.size:,} | {cell(r.first)} | {cell(r.proof)} | {r.objective} | {r.peak_mb:,.0f} |"
                for seed, r in spread
            ),
            "",
            section,
        ]
    )
    args.out.write_text(report, encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
