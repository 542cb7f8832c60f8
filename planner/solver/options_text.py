"""What the plan's message says about the market and training options it weighed.

Three kinds of sentence, each only when it applies: requirements no catalog role can be
hired for ("no Playbook role is typically hired with Research ≥ 5 for Deployment"), options
the "needed within W weeks" deadline removed, and positions switched off.
"""

from __future__ import annotations

from planner.model.hiring import unhireable_reason
from planner.model.plan import Plan
from planner.solver.prepare import Prepared


def options_text(prep: Prepared, plan: Plan) -> str:
    """The sentences (each with a leading space) for ``plan``'s message; "" when none apply."""
    problem = prep.problem
    catalog = problem.catalog
    constraints = problem.constraints
    out = ""
    if constraints.max_open_positions != 0:
        reasons = []
        for req in plan.uncovered:
            reason = unhireable_reason(catalog, req)
            if reason and reason not in reasons:
                reasons.append(reason)
        if reasons:
            out += " Not hireable: " + "; ".join(reasons) + "."
    removed = prep.positions_removed
    if removed and constraints.needed_within_weeks is not None:
        names = []
        for kind in removed:
            name = kind.variant_name or catalog.role(kind.role).name
            label = f"senior {name}" if kind.senior else name
            names.append(f"{label} ({kind.weeks_to_fill} weeks to fill)")
        out += f" Needed within {constraints.needed_within_weeks} weeks removed these positions: {', '.join(names)}."
    return out
