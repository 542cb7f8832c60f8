"""A greedy team: the solver's first hint and fallback, and the benchmark's baseline (d).

Must-hires first, then repeatedly the option that closes the most coverage shortfall
(cheapest, then best fit, on ties) while team max and the budget still leave room to reach
team min; then the cheapest people up to team min. Always feasible when the conflict
check found nothing, never optimal by design.
"""

from __future__ import annotations

from collections import defaultdict

from planner.solver.model import Selection
from planner.solver.prepare import Option, Prepared


def _best_tasks(option: Option, short: dict[int, int], staffed: set[int]) -> tuple[int, tuple[int, ...]]:
    """The up-to-cap tasks with the most shortfall closed, and that gain."""
    gains = []
    for t, met in zip(option.shape.tasks, option.covers, strict=True):
        gain = sum(1 for q in met if short.get(q, 0) > 0) * 2 + (0 if t in staffed else 1)
        gains.append((gain, not option.shape.primary[option.shape.tasks.index(t)], t))
    gains.sort(key=lambda g: (-g[0], g[1], g[2]))
    chosen = [g for g in gains[: option.cap] if g[0] > 0] or gains[:1]
    return sum(g[0] for g in chosen), tuple(sorted(g[2] for g in chosen))


def greedy_selection(prep: Prepared, options: list[Option]) -> Selection:
    """A feasible (not optimal) team over ``options``."""
    constraints = prep.problem.constraints
    options = [o for o in options if not prep.is_position(o.candidate)]  # the pool only: always within limits
    by_candidate: dict[int, list[Option]] = defaultdict(list)
    for option in options:
        by_candidate[option.candidate].append(option)
    short = {q: prep.need[q] for q, t in enumerate(prep.req_task) if t >= 0}
    staffed: set[int] = set()
    members: list[tuple[Option, tuple[int, ...]]] = []
    hired: set[int] = set()

    def take(option: Option) -> None:
        _, tasks = _best_tasks(option, short, staffed)
        for t in tasks:
            staffed.add(t)
            for q in option.covers[option.shape.tasks.index(t)]:
                if short.get(q, 0) > 0:
                    short[q] -= 1
        members.append((option, tasks))
        hired.add(option.candidate)

    for candidate in sorted(prep.must):
        choices = by_candidate.get(candidate)
        if choices:
            take(max(choices, key=lambda o: (_best_tasks(o, short, staffed)[0], o.fit)))
    team_min = constraints.team_size_min or 0
    team_max = constraints.team_size_max
    spent = sum(o.cost for o, _ in members)
    free_costs = sorted((o.cost, o.candidate) for o in options if o.candidate not in prep.must)

    def room_after(extra_cost: int, candidate: int) -> bool:
        if prep.budget is None:
            return True
        need = max(0, team_min - len(members) - 1)
        cheapest, seen = 0, set(hired) | {candidate}
        for cost, other in free_costs:
            if need == 0:
                break
            if other not in seen:
                seen.add(other)
                cheapest += cost
                need -= 1
        return spent + extra_cost + cheapest <= prep.budget

    while team_max is None or len(members) < team_max:
        best: tuple[int, int, int] | None = None
        pick: Option | None = None
        for option in options:
            if option.candidate in hired:
                continue
            gain, _ = _best_tasks(option, short, staffed)
            key = (gain, -option.cost, option.fit)
            if gain > 0 and (best is None or key > best) and room_after(option.cost, option.candidate):
                best, pick = key, option
        if pick is None:
            break
        take(pick)
        spent += pick.cost
    for cost, candidate in free_costs:
        if len(members) >= team_min:
            break
        if candidate not in hired:
            take(max(by_candidate[candidate], key=lambda o: o.fit))
            spent += cost
    return Selection(tuple(members))
