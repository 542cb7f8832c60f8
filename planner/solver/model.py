"""The CP-SAT model: interchangeable candidates aggregated into types, no symmetry.

Candidates whose kept options look the same to the current stage (same requirements met,
same task cap, same possible roles; plus same cost and fits when the stage cares) form a
*type*. The model counts how many people of each type take each *pattern* (a role's task
set): ``take[type, pattern]`` is an integer, so the solver never explores which of several
identical people to pick. When a type's members differ only in cost (the cost stage), the
i-th member of the type costs the i-th lowest cost: hiring n of them costs the n cheapest,
a convex cost the LP sees directly. ``short[q]`` is 1 when requirement q has fewer than R
qualified members on its task; ``unstaffed[t]`` is 1 when nobody works on task t.

Patterns: for the coverage, size and cost stages only maximal task sets matter (a task
more never hurts them); for the fit stage every task subset of every role is a pattern,
because secondary tasks cost fit points.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations, pairwise

from ortools.sat.python import cp_model

from planner.model.constraints import ObjectiveOrder
from planner.solver.prepare import FIT_SCALE, Option, Prepared
from planner.solver.training import TrainingVars


@dataclass(frozen=True)
class Selection:
    """A solution in option terms: each used option with the task indices it works on."""

    members: tuple[tuple[Option, tuple[int, ...]], ...]
    training: tuple[tuple[int, str, int], ...] = ()  # (candidate, skill id, level trained to)


@dataclass(frozen=True)
class Stage:
    """One lexicographic stage: a name and the expression it minimises."""

    name: str
    expr: cp_model.LinearExpr
    scale: float  # stage value x scale = the value reported in progress (money, fit)


@dataclass
class _Type:
    members: list[int]  # candidate indices, cheapest first
    capacity: int  # how many of them the model may hire
    patterns: list[tuple[int, tuple[int, ...]]]  # (shape index, task indices)
    must: bool
    previous_role: str | None
    covers: frozenset[int]  # requirement indices met (on their own task)
    cost: list[int]  # per member (same order)
    fit: dict[int, int]  # shape index -> fit score (fit stage only)
    trainable: dict[int, int]  # requirement index -> training levels needed (see planner.solver.training)


class TeamModel:
    """CP-SAT model of one problem for one group of stages."""

    def __init__(
        self,
        prep: Prepared,
        kept: tuple[tuple[int, int], ...],
        *,
        use_cost: bool,
        use_fit: bool,
        limit: int,
        previous: dict[int, str] | None = None,
    ) -> None:
        self.prep = prep
        self.use_cost = use_cost
        self.use_fit = use_fit
        self.previous = previous
        self.model = cp_model.CpModel()
        self.types = _build_types(prep, kept, use_cost, use_fit, limit, previous or {})
        m = self.model
        self.take: list[list[cp_model.IntVar]] = []
        self.count: list[cp_model.LinearExpr] = []
        cost_terms: list[cp_model.LinearExpr] = []
        self.nth: list[list[cp_model.IntVar]] = []
        for k, kind in enumerate(self.types):
            take = [m.new_int_var(0, kind.capacity, f"z{k}_{j}") for j in range(len(kind.patterns))]
            count = cp_model.LinearExpr.sum(take)
            self.take.append(take)
            self.count.append(count)
            if kind.must:
                m.add(count == 1)
            elif len(take) > 1:
                m.add(count <= kind.capacity)
            nth: list[cp_model.IntVar] = []
            if use_cost and len(set(kind.cost[: kind.capacity])) > 1:
                nth = [m.new_bool_var(f"b{k}_{i}") for i in range(kind.capacity)]
                for a, b in pairwise(nth):
                    m.add_implication(b, a)
                m.add(sum(nth) == count)
                cost_terms.append(cp_model.LinearExpr.weighted_sum(nth, kind.cost[: kind.capacity]))
            elif use_cost and kind.cost[0]:
                cost_terms.append(cp_model.LinearExpr.term(count, kind.cost[0]))
            self.nth.append(nth)
        self.headcount = cp_model.LinearExpr.sum(self.count)
        self.training: TrainingVars | None = None
        if prep.train_levels is not None:
            self.training = TrainingVars(
                m,
                prep.requirements,
                prep.req_task,
                [(kind.capacity, kind.patterns, kind.trainable) for kind in self.types],
                self.take,
                prep.training,
            )
            if use_cost and prep.train_cost:
                cost_terms.append(self.training.levels * prep.train_cost)
        self.total_cost = cp_model.LinearExpr.sum(cost_terms)

        need = prep.need
        coverers: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        supply: dict[int, int] = defaultdict(int)
        on_task: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for k, kind in enumerate(self.types):
            for j, (_, tasks) in enumerate(kind.patterns):
                for t in tasks:
                    on_task[t].append(self.take[k][j])
            for q in kind.covers:
                supply[q] += kind.capacity
                for j, (_, tasks) in enumerate(kind.patterns):
                    if prep.req_task[q] in tasks:
                        coverers[q].append(self.take[k][j])
        if self.training is not None:
            for q, variables in self.training.coverers.items():
                coverers[q].extend(variables)
            for q, n in self.training.supply.items():
                supply[q] += n
        self.short: list[cp_model.IntVar] = []
        for q in range(len(prep.requirements)):
            var = m.new_bool_var(f"u{q}")
            if prep.req_task[q] < 0 or supply[q] < need[q] or not coverers[q]:
                m.add(var == 1)
            else:
                m.add(sum(coverers[q]) + need[q] * var >= need[q])
            self.short.append(var)
        self.unstaffed: list[cp_model.IntVar] = []
        for t in range(len(prep.tasks)):
            var = m.new_bool_var(f"w{t}")
            if on_task[t]:
                m.add(sum(on_task[t]) + var >= 1)
            else:
                m.add(var == 1)
            self.unstaffed.append(var)
        self._task_cuts(on_task, supply)

        constraints = prep.problem.constraints
        if constraints.team_size_min:
            m.add(self.headcount >= constraints.team_size_min)
        if constraints.team_size_max is not None:
            m.add(self.headcount <= constraints.team_size_max)
        positions = [self.count[k] for k, kind in enumerate(self.types) if prep.is_position(kind.members[0])]
        if positions:
            m.add(cp_model.LinearExpr.sum(positions) <= prep.max_positions)
        if prep.budget is not None and use_cost:
            m.add(self.total_cost <= prep.budget)

    def _task_cuts(self, on_task: dict[int, list[cp_model.IntVar]], supply: dict[int, int]) -> None:
        """Per task: at least k people unless one of its requirements is short.

        k is the fewest people (from the model's types) who together meet every coverable
        requirement of the task R times: a tiny exact set cover. The cut is void when a
        requirement of the task is short, so it is valid; it lets the LP see that with K
        tasks per person the team needs at least sum(k)/K people.
        """
        prep = self.prep
        need = prep.need
        self.task_cuts: list[tuple[int, int, tuple[int, ...]]] = []  # (task, k, requirements)
        for t in range(len(prep.tasks)):
            reqs = [q for q, task in enumerate(prep.req_task) if task == t and supply[q] >= need[q]]
            if not reqs or not on_task[t]:
                continue
            masks: dict[frozenset[int], int] = defaultdict(int)
            for kind in self.types:
                if any(t in tasks for _, tasks in kind.patterns):
                    masks[(kind.covers | frozenset(kind.trainable)) & frozenset(reqs)] += kind.capacity
            most = max(need[q] for q in reqs)
            k = _min_cover(reqs, {mask: min(n, most) for mask, n in masks.items() if mask}, need)
            if k > 1:
                self.model.add(sum(on_task[t]) + k * sum(self.short[q] for q in reqs) >= k)
                self.task_cuts.append((t, k, tuple(reqs)))

    # --- stages -------------------------------------------------------------------------

    def stages(self) -> dict[str, Stage]:
        """Every stage expression this model can state, by name."""
        prep = self.prep
        nice = [self.short[q] for q, r in enumerate(prep.requirements) if not r.must_have]
        must = [self.short[q] for q, r in enumerate(prep.requirements) if r.must_have]
        w_must, w_task = coverage_weights(prep)
        coverage = cp_model.LinearExpr.weighted_sum(
            [*must, *self.unstaffed, *nice], [w_must] * len(must) + [w_task] * len(self.unstaffed) + [1] * len(nice)
        )
        out = {
            "coverage": Stage("coverage", coverage, 1.0),
            "team size": Stage("team size", self.headcount, 1.0),
        }
        if self.use_cost:
            out["cost"] = Stage("cost", self.total_cost, prep.cost_unit)
        if self.previous is not None:
            out["changes"] = Stage("changes", self._changes_expr(), 1.0)
        if self.use_fit:
            out["fit"] = Stage("fit", self._fit_expr(), -1.0 / (FIT_SCALE * self._fit_weight()))
        return out

    def coverage_value(self, must: int, unstaffed: int, nice: int) -> int:
        """The coverage stage's value for these counts."""
        return coverage_value(self.prep, must, unstaffed, nice)

    def _fit_weight(self) -> int:
        """Weight of one fit point: more than every secondary-task penalty together."""
        team_max = self.prep.problem.constraints.team_size_max
        people = sum(kind.capacity for kind in self.types)
        if team_max is not None:
            people = min(people, team_max)
        return people * self.prep.problem.constraints.max_tasks_per_person + 1

    def _fit_expr(self) -> cp_model.LinearExpr:
        """Minus fit (weighted) plus secondary tasks: best fit first, then primary tasks."""
        weight = self._fit_weight()
        variables, coefficients = [], []
        for k, kind in enumerate(self.types):
            for j, (s, tasks) in enumerate(kind.patterns):
                shape = self.prep.shapes[s]
                secondary = sum(1 for t in tasks if not shape.primary[shape.tasks.index(t)])
                variables.append(self.take[k][j])
                coefficients.append(secondary - weight * kind.fit[s])
        return cp_model.LinearExpr.weighted_sum(variables, coefficients)

    def _changes_expr(self) -> cp_model.LinearExpr:
        """People leaving or joining the previous team, plus members whose role changed."""
        terms: list[cp_model.LinearExpr] = []
        leaving = 0
        for k, kind in enumerate(self.types):
            if kind.previous_role is None:
                terms.append(self.count[k])
                continue
            leaving += 1
            same = [
                self.take[k][j]
                for j, (s, _) in enumerate(kind.patterns)
                if self.prep.shapes[s].role == kind.previous_role
            ]
            terms.append(-cp_model.LinearExpr.sum(same))
        return cp_model.LinearExpr.sum(terms) + leaving

    # --- solutions ----------------------------------------------------------------------

    def selection_from(self, value: list[int]) -> Selection:
        """Decode a solution vector (indexed by variable index) into members."""
        members = []
        on_pattern: dict[tuple[int, int], list[int]] = {}
        for k, kind in enumerate(self.types):
            people = iter(kind.members)
            for j, (s, tasks) in enumerate(kind.patterns):
                for _ in range(value[self.take[k][j].index]):
                    person = next(people)
                    on_pattern.setdefault((k, j), []).append(person)
                    members.append((self.prep.option(person, s), tasks))
        training = self.training.assign(value, on_pattern) if self.training is not None else ()
        return Selection(tuple(members), training)

    def pattern_counts(self, selection: Selection) -> defaultdict[tuple[int, int], int]:
        """How many of ``selection``'s members each (type, pattern) holds (people not in this model are skipped)."""
        type_of = {c: k for k, kind in enumerate(self.types) for c in kind.members[: kind.capacity]}
        counts: defaultdict[tuple[int, int], int] = defaultdict(int)
        for option, tasks in selection.members:
            k = type_of.get(option.candidate)
            if k is None:
                continue
            j = _pattern_for(self.types[k], self.prep.shapes.index(option.shape), tasks)
            if j is not None:
                counts[k, j] += 1
        return counts

    def hint(self, selection: Selection, model: cp_model.CpModel | None = None) -> None:
        """Hint the counts of ``selection`` (people not in this model are skipped), in ``model`` (a clone) or ours."""
        target = self.model if model is None else model
        target.clear_hints()  # type: ignore[no-untyped-call]
        counts = self.pattern_counts(selection)
        covered: dict[int, int] = defaultdict(int)
        staffed: set[int] = set()
        for k, kind in enumerate(self.types):
            total = 0
            for j, (_, tasks) in enumerate(kind.patterns):
                target.add_hint(self.take[k][j], counts[k, j])
                total += counts[k, j]
                if counts[k, j]:
                    staffed.update(tasks)
                    for q in kind.covers:
                        if self.prep.req_task[q] in tasks:
                            covered[q] += counts[k, j]
            for i, var in enumerate(self.nth[k]):
                target.add_hint(var, i < total)
        # The shortfall variables as the hinted team truly has them: a pessimistic fill
        # would make CP-SAT "improve" on the hint with teams that are truly worse.
        for q, var in enumerate(self.short):
            target.add_hint(var, covered[q] < self.prep.need[q])
        for t, var in enumerate(self.unstaffed):
            target.add_hint(var, t not in staffed)


def coverage_weights(prep: Prepared) -> tuple[int, int]:
    """Weights of an uncovered must-have and an unstaffed task (a nice-to-have weighs 1)."""
    w_task = sum(1 for r in prep.requirements if not r.must_have) + 1
    return w_task * (len(prep.tasks) + 1), w_task


def coverage_value(prep: Prepared, must: int, unstaffed: int, nice: int) -> int:
    """The coverage stage's value for these counts."""
    w_must, w_task = coverage_weights(prep)
    return w_must * must + w_task * unstaffed + nice


def _pattern_for(kind: _Type, shape: int, tasks: tuple[int, ...]) -> int | None:
    best = None
    for j, (s, pattern) in enumerate(kind.patterns):
        if set(tasks) <= set(pattern):
            if s == shape and pattern == tasks:
                return j
            if best is None:
                best = j
    return best


def _build_types(
    prep: Prepared,
    kept: tuple[tuple[int, int], ...],
    use_cost: bool,
    use_fit: bool,
    limit: int,
    previous: dict[int, str],
) -> list[_Type]:
    shapes_of: dict[int, list[int]] = defaultdict(list)
    for c, s in kept:
        shapes_of[c].append(s)
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    chosen = [q for q, t in enumerate(prep.req_task) if t >= 0]
    for c, shapes in shapes_of.items():
        trainable = prep.trainable(c)
        if c in prep.must or c in previous or any(d > 1 for d in trainable.values()):
            key: tuple[object, ...] = ("single", c)
        else:
            row = prep.meets[c]
            key = (
                tuple(q for q in chosen if row[q]),
                int(prep.cap[c]),
                tuple(shapes),
                prep.is_position(c),
                tuple(sorted(trainable.items())),
            )
            if use_fit:
                key += (int(prep.cost[c]), tuple(int(prep.fit[c, s]) for s in shapes))
        groups[key].append(c)
    types = []
    for key, members in sorted(groups.items(), key=lambda item: min(item[1])):
        members.sort(key=lambda c: (int(prep.cost[c]), c))
        first = members[0]
        shapes = shapes_of[first]
        cap = int(prep.cap[first])
        single = key[0] == "single"
        patterns = _patterns(prep, shapes, cap, every_subset=use_fit)
        row = prep.meets[first]
        types.append(
            _Type(
                members=members,
                capacity=1 if single else min(len(members), limit),
                patterns=patterns,
                must=first in prep.must,
                previous_role=previous.get(first) if single else None,
                covers=frozenset(q for q in chosen if row[q]),
                cost=[int(prep.cost[c]) for c in members],
                fit={s: int(prep.fit[first, s]) for s in shapes},
                trainable=prep.trainable(first),
            )
        )
    return [t for t in types if t.capacity > 0]


def _patterns(prep: Prepared, shapes: list[int], cap: int, every_subset: bool) -> list[tuple[int, tuple[int, ...]]]:
    out: list[tuple[int, tuple[int, ...]]] = []
    seen: set[tuple[int, ...]] = set()
    for s in shapes:
        tasks = prep.shapes[s].tasks
        sizes = range(1, min(cap, len(tasks)) + 1) if every_subset else [min(cap, len(tasks))]
        for size in sizes:
            for subset in combinations(tasks, size):
                if every_subset:
                    out.append((s, subset))
                elif subset not in seen:
                    seen.add(subset)
                    out.append((s, subset))
    if not every_subset:
        return [(s, p) for s, p in out if not any(set(p) < set(q) for _, q in out)]
    # A task set that could take one more primary task of the same role is dominated by
    # the larger set: more coverage, no extra secondary task.
    kept = []
    for s, pattern in out:
        shape = prep.shapes[s]
        extendable = len(pattern) < cap and any(
            t not in pattern and primary for t, primary in zip(shape.tasks, shape.primary, strict=True)
        )
        if not extendable:
            kept.append((s, pattern))
    return kept


def _min_cover(reqs: list[int], masks: dict[frozenset[int], int], need: tuple[int, ...]) -> int:
    """Fewest people (``masks[m]`` available with mask m) meeting each requirement q ``need[q]`` times."""
    model = cp_model.CpModel()
    items = list(masks.items())
    count = [model.new_int_var(0, n, f"n{i}") for i, (_, n) in enumerate(items)]
    for q in reqs:
        model.add(sum(c for c, (m, _) in zip(count, items, strict=True) if q in m) >= need[q])
    model.minimize(sum(count))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 2.0
    status = solver.solve(model)
    if status == cp_model.OPTIMAL:
        return round(solver.objective_value)
    if status == cp_model.FEASIBLE:
        return max(1, int(solver.best_objective_bound))
    return 1


@dataclass(frozen=True)
class StageGroup:
    """Stages solved on one model, and the criteria its reduction and types use."""

    names: tuple[str, ...]
    use_cost: bool
    use_fit: bool
    after_cost: bool  # cost is already fixed at its optimum: strict cost reduction applies
    # After the stages, find the smallest team on this model: a lower bound on the size of
    # every later team (cost first: the cost stage's filter needs it), not a fixed stage.
    size_floor: bool = False


def stage_plan(prep: Prepared, minimize_changes: bool) -> list[StageGroup]:
    """The stage groups in order: coverage (and size), then cost (and size), then changes and fit."""
    constraints = prep.problem.constraints
    tail = ("changes", "fit") if minimize_changes else ("fit",)
    with_budget = prep.budget is not None
    if constraints.objective_order is ObjectiveOrder.COST_FIRST:
        return [
            StageGroup(("coverage",), with_budget, False, False, size_floor=True),
            StageGroup(("cost", "team size"), True, False, False),
            StageGroup(tail, True, True, True),
        ]
    return [
        StageGroup(("coverage", "team size"), with_budget, False, False),
        StageGroup(("cost",), True, False, False),
        StageGroup(tail, True, True, True),
    ]
