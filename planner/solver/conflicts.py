"""Hard-constraint conflicts, found exactly before any search and said in plain English.

Coverage is soft, so the only hard constraints are: each member takes one role that does
at least one chosen task (and meets the minimum fit, the must-hire's fixed role and, when the
person lists roles, is one they are open to),
team size min/max, the budget, must-hires and excludes. They are satisfiable exactly when
every must-hire has a possible role, must-hires fit under team max, team min is reachable
from the available people and the cheapest way to reach team min is within the budget.
So this check is complete: when it finds nothing, a feasible team exists.
"""

from __future__ import annotations

from planner.model.catalog import Catalog
from planner.solver.prepare import Prepared


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _role_names(catalog: Catalog, role_ids: tuple[str, ...]) -> str:
    return _names([catalog.role(r).name if r in catalog.role_ids else r for r in role_ids])


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def conflict_message(prep: Prepared) -> str | None:
    """A sentence naming the contradicting hard constraints, or None when there is a team."""
    problem = prep.problem
    constraints = problem.constraints
    catalog = problem.catalog
    candidates = problem.candidates
    musts = sorted(prep.must)
    must_names = [candidates[i].name for i in musts]
    team_min = constraints.team_size_min or 0
    team_max = constraints.team_size_max
    sentences = []

    if team_max is not None and team_min > team_max:
        sentences.append(f"Team size min {team_min} conflicts with team size max {team_max}.")
    if team_max is not None and len(musts) > team_max:
        sentences.append(
            f"Must-hire {_names(must_names)} ({len(musts)} people) conflicts with team size max {team_max}."
        )
    for i in musts:
        if prep.allowed[i].any():
            continue
        name = candidates[i].name
        role_id = prep.must[i]
        listed = candidates[i].roles
        open_shapes = [s for s in prep.shapes if candidates[i].open_to(s.role)]
        if not prep.tasks:
            sentences.append(f"Must-hire {name} conflicts with the project: no tasks are chosen.")
        elif role_id is not None and not candidates[i].open_to(role_id):
            sentences.append(
                f"Must-hire {name} as {catalog.role(role_id).name} conflicts with the roles {name} is open to "
                f"({_role_names(catalog, listed)})."
            )
        elif role_id is None and listed and not open_shapes:
            sentences.append(
                f"Must-hire {name} conflicts with the chosen tasks: the roles {name} is open to "
                f"({_role_names(catalog, listed)}) do none of them."
            )
        elif role_id is not None and role_id not in {s.role for s in prep.shapes}:
            role = catalog.role(role_id)
            sentences.append(
                f"Must-hire {name} as {role.name} conflicts with the chosen tasks: that role does none of them."
            )
        elif role_id is not None:
            role = catalog.role(role_id)
            sentences.append(
                f"Must-hire {name} as {role.name} conflicts with the minimum role fit {constraints.min_role_fit:.2f}."
            )
        elif listed:
            sentences.append(
                f"Must-hire {name} fits none of the roles {name} is open to ({_role_names(catalog, listed)}) "
                f"at the minimum role fit {constraints.min_role_fit or 0:.2f}."
            )
        else:
            sentences.append(
                f"Must-hire {name} fits no role at the minimum role fit {constraints.min_role_fit or 0:.2f}."
            )
    must_cost = sum(int(prep.cost[i]) for i in musts)
    if prep.budget is not None and must_cost > prep.budget:
        sentences.append(
            f"Must-hire {_names(must_names)} cost {_money(prep.money(must_cost))} together, "
            f"over the budget of {_money(constraints.budget or 0.0)}."
        )
    people = [i for i in prep.eligible if prep.allowed[i].any() and not prep.is_position(i)]
    # Open positions can fill the team too, up to the number a plan may open (cheapest first).
    positions = sorted(int(prep.cost[i]) for i in prep.eligible if prep.is_position(i))[: prep.max_positions]
    available = people + [-1] * len(positions)
    if team_min > len(available):
        excluded = len(candidates) - len([i for i in prep.eligible if not prep.is_position(i)])
        why = f" ({excluded} excluded)" if excluded else ""
        if constraints.min_role_fit is not None:
            why += f" at the minimum role fit {constraints.min_role_fit:.2f}"
        if not prep.tasks:
            why += " (no tasks are chosen)"
        closed = [
            i
            for i in prep.eligible
            if not prep.is_position(i)
            and candidates[i].roles
            and not any(candidates[i].open_to(s.role) for s in prep.shapes)
        ]
        if closed and prep.tasks:
            why += f" ({len(closed)} open only to roles that do none of the chosen tasks)"
        if positions:
            why += f" and {len(positions)} open positions"
        sentences.append(f"Team size min {team_min} conflicts with only {len(people)} available candidates{why}.")
    elif prep.budget is not None and not sentences:
        extra = max(0, team_min - len(musts))
        others = sorted([int(prep.cost[i]) for i in people if i not in prep.must] + positions)
        cheapest = must_cost + sum(others[:extra])
        if extra and cheapest > prep.budget:
            sentences.append(
                f"Team size min {team_min} conflicts with the budget of {_money(constraints.budget or 0.0)}: "
                f"the cheapest such team costs {_money(prep.money(cheapest))}."
            )
    return " ".join(sentences) or None
