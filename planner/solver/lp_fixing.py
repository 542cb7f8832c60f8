"""Reduced-cost fixing before the fit stage: drop hires that cannot fit in the optimal cost.

Once the cost stage has proved the optimal cost C, the fit stage only looks at teams that
cost at most C. Solve the LP relaxation of "minimise cost" over the fit model (GLOP):
its value L is a lower bound, and for a variable at zero with reduced cost d, any team
using it costs at least L + d (LP duality). Variables with L + d > C can never be used,
so they are fixed to zero. Exact, cheap (one LP), and it removes most expensive options,
which is what makes the fit stage's proof fast.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.linear_solver import pywraplp

from planner.solver.model import TeamModel

EPSILON = 1e-6
MARGIN = 0.5  # costs are whole model units: only fix when the bound clears the limit by half a unit


def fix_by_reduced_cost(model: TeamModel, fixed: dict[str, int]) -> int:
    """Fix to 0 the pattern counts no team of cost <= fixed["cost"] can use; how many."""
    if "cost" not in fixed or not model.use_cost or model.training is not None:
        return 0  # the LP below does not state training, so its bound would not be valid
    prep = model.prep
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:  # pragma: no cover - GLOP ships with OR-Tools
        return 0
    take = [[lp.NumVar(0.0, float(kind.capacity), "") for _ in kind.patterns] for kind in model.types]
    count = [lp.Sum(row) for row in take]
    coverers: dict[int, list[pywraplp.Variable]] = defaultdict(list)
    on_task: dict[int, list[pywraplp.Variable]] = defaultdict(list)
    supply: dict[int, int] = defaultdict(int)
    for k, kind in enumerate(model.types):
        lp.Add(count[k] == 1 if kind.must else count[k] <= kind.capacity)
        for j, (_, tasks) in enumerate(kind.patterns):
            for t in tasks:
                on_task[t].append(take[k][j])
        for q in kind.covers:
            supply[q] += kind.capacity
            for j, (_, tasks) in enumerate(kind.patterns):
                if prep.req_task[q] in tasks:
                    coverers[q].append(take[k][j])
    need = prep.need
    short = []
    for q in range(len(prep.requirements)):
        always = prep.req_task[q] < 0 or supply[q] < need[q] or not coverers[q]
        var = lp.NumVar(1.0 if always else 0.0, 1.0, "")
        if not always:
            lp.Add(lp.Sum(coverers[q]) + need[q] * var >= need[q])
        short.append(var)
    unstaffed = []
    for t in range(len(prep.tasks)):
        var = lp.NumVar(0.0 if on_task[t] else 1.0, 1.0, "")
        if on_task[t]:
            lp.Add(lp.Sum(on_task[t]) + var >= 1)
        unstaffed.append(var)
    for t, k, reqs in model.task_cuts:
        lp.Add(lp.Sum(on_task[t]) + k * lp.Sum([short[q] for q in reqs]) >= k)
    nice = [short[q] for q, r in enumerate(prep.requirements) if not r.must_have]
    must = [short[q] for q, r in enumerate(prep.requirements) if r.must_have]
    w_task = len(nice) + 1
    w_must = w_task * (len(unstaffed) + 1)
    if "coverage" in fixed:
        lp.Add(w_must * lp.Sum(must) + w_task * lp.Sum(unstaffed) + lp.Sum(nice) <= fixed["coverage"])
    headcount = lp.Sum(count)
    constraints = prep.problem.constraints
    if "team size" in fixed:
        lp.Add(headcount <= fixed["team size"])
    if constraints.team_size_max is not None:
        lp.Add(headcount <= constraints.team_size_max)
    if constraints.team_size_min:
        lp.Add(headcount >= constraints.team_size_min)
    cost = lp.Sum([kind.cost[0] * count[k] for k, kind in enumerate(model.types)])
    lp.Minimize(cost)
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return 0
    bound = lp.Objective().Value()
    limit = fixed["cost"]
    fixed_count = 0
    for k, row in enumerate(take):
        for j, var in enumerate(row):
            if var.solution_value() <= EPSILON and bound + var.reduced_cost() > limit + MARGIN + 1e-9 * abs(limit):
                model.model.add(model.take[k][j] == 0)
                fixed_count += 1
    return fixed_count
