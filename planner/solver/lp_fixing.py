"""Reduced-cost fixing: drop hires that cannot be part of a team within a limit C.

Solve the LP relaxation of "minimise cost" over a stage group's model with the stages
proven so far fixed and the budget kept (GLOP; training targets included, with the same
limits as the model): its value L is a lower bound, and for a variable at zero with
reduced cost d, any team using it costs at least L + d (LP duality). Variables with
L + d > C can never be used, so they are fixed to zero. Exact, cheap (one LP).

Uses: before the fit stage C is the proven optimal cost, which removes most expensive
options; before the cost stage C is the best team's cost so far (an
optimal team costs no more), and the options with the smallest reduced costs are where a
cheaper team is most likely found (:meth:`StageRelaxation.promising`, the solver's probe
before the proof); under a budget the LP of "cheapest team with the unavoidable coverage"
names the options to probe for such a team.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.linear_solver import pywraplp

from planner.solver.model import TeamModel, coverage_weights

EPSILON = 1e-6
MARGIN = 0.5  # costs are whole model units: only fix when the bound clears the limit by half a unit


def fix_by_reduced_cost(model: TeamModel, fixed: dict[str, int]) -> int:
    """Fix to 0 the pattern counts no team of cost <= fixed["cost"] can use; how many."""
    if "cost" not in fixed:
        return 0
    relaxation = StageRelaxation.of(model, fixed)
    return 0 if relaxation is None else relaxation.fix_above(fixed["cost"])


class StageRelaxation:
    """The solved LP relaxation of "minimise cost" over ``model`` with the stages in ``fixed`` held."""

    def __init__(self, model: TeamModel, bound: float, values: list[list[float]], reduced: list[list[float]]) -> None:
        self.model = model
        self.bound = bound  # L, a lower bound on every team's cost
        self.values = values  # LP value per type and pattern
        self.reduced = reduced  # reduced cost per type and pattern

    @classmethod
    def of(cls, model: TeamModel, fixed: dict[str, int]) -> StageRelaxation | None:
        """Solve the relaxation (the budget kept); None when the model has no cost or GLOP gives no optimum."""
        if not model.use_cost:
            return None
        prep = model.prep
        lp = pywraplp.Solver.CreateSolver("GLOP")
        if lp is None:  # pragma: no cover - GLOP ships with OR-Tools
            return None
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
        trained = _training_terms(lp, model, take, coverers, supply)
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
        w_must, w_task = coverage_weights(prep)
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
        cost = lp.Sum([kind.cost[0] * count[k] for k, kind in enumerate(model.types)]) + prep.train_cost * trained
        if prep.budget is not None:
            lp.Add(cost <= prep.budget)
        lp.Minimize(cost)
        if lp.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        values = [[var.solution_value() for var in row] for row in take]
        reduced = [[var.reduced_cost() for var in row] for row in take]
        return cls(model, lp.Objective().Value(), values, reduced)

    def fix_above(self, limit: int) -> int:
        """Fix to 0 the pattern counts no team costing at most ``limit`` can use; how many."""
        count = 0
        for k, row in enumerate(self.reduced):
            for j, reduced in enumerate(row):
                if self.values[k][j] <= EPSILON and self.bound + reduced > limit + MARGIN + 1e-9 * abs(limit):
                    self.model.model.add(self.model.take[k][j] == 0)
                    count += 1
        return count

    def promising(self, count: int) -> set[tuple[int, int]]:
        """The (type, pattern) pairs the LP uses, and the ``count`` unused ones of smallest reduced cost."""
        used = {(k, j) for k, row in enumerate(self.values) for j, v in enumerate(row) if v > EPSILON}
        rest = sorted(
            ((d, k, j) for k, row in enumerate(self.reduced) for j, d in enumerate(row) if (k, j) not in used),
        )
        return used | {(k, j) for _, k, j in rest[:count]}


def _training_terms(
    lp: pywraplp.Solver,
    model: TeamModel,
    take: list[list[pywraplp.Variable]],
    coverers: dict[int, list[pywraplp.Variable]],
    supply: dict[int, int],
) -> pywraplp.LinearExpr | float:
    """The model's training targets in the LP (:class:`planner.solver.training.TrainingVars`); the levels they take.

    The same limits as the model (one target per skill and member, levels per member), so
    the LP stays a relaxation of the model and its reduced costs stay valid.
    """
    training = model.training
    if training is None:
        return 0.0
    var: dict[int, pywraplp.Variable] = {}
    per_skill: dict[tuple[int, int, str], list[pywraplp.Variable]] = defaultdict(list)
    per_member: dict[tuple[int, int], list[tuple[pywraplp.Variable, int]]] = defaultdict(list)
    for target in training.targets:
        x = lp.NumVar(0.0, float(model.types[target.type_index].capacity), "")
        var[target.var.index] = x
        per_skill[target.type_index, target.pattern, target.skill].append(x)
        per_member[target.type_index, target.pattern].append((x, target.levels))
    for (k, j, _), row in per_skill.items():
        lp.Add(lp.Sum(row) <= take[k][j])
    per_person = model.prep.training.per_person
    for (k, j), terms in per_member.items():
        lp.Add(lp.Sum([d * x for x, d in terms]) <= per_person * take[k][j])
    for q, variables in training.coverers.items():
        coverers[q].extend(var[v.index] for v in variables)
    for q, n in training.supply.items():
        supply[q] += n
    return lp.Sum([d * x for terms in per_member.values() for x, d in terms])
