"""The manager's hard limits and preferences for a solve (team size, budget, caps, pins).

Besides the pool, a plan may open positions (hires from the market) and train members; the
limits on both live here too, so scenarios and the trade-off curve vary them like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from planner.errors import ValidationError


class ObjectiveOrder(str, Enum):
    """Which comes second after coverage: the smallest team, or the lowest cost."""

    SIZE_FIRST = "size_first"
    COST_FIRST = "cost_first"


class BudgetScope(str, Enum):
    """What the budget covers: the whole team, or only new spend (not current staff's salaries)."""

    ALL = "all"
    NEW = "new"


@dataclass(frozen=True)
class TrainingPolicy:
    """Whether and how members may be upskilled: a level at a time, from a foundation (rating ≥ 1)."""

    enabled: bool = True
    max_levels_per_skill: int = 1
    max_levels_per_person: int = 2
    cost_per_level: float = 5_000.0
    weeks_per_level: int = 8

    def problems(self) -> list[str]:
        out = []
        if self.max_levels_per_skill < 0 or self.max_levels_per_person < 0:
            out.append("training limits must be zero or more")
        if self.cost_per_level < 0:
            out.append("training cost per level must be zero or more")
        if self.weeks_per_level < 0:
            out.append("training weeks per level must be zero or more")
        return out


@dataclass(frozen=True)
class Constraints:
    """Constraints of one solve. ``must_hire`` maps a candidate name to a fixed role id or None."""

    team_size_min: int | None = None
    team_size_max: int | None = None
    budget: float | None = None
    max_tasks_per_person: int = 2
    redundancy: int = 1
    must_hire: dict[str, str | None] = field(default_factory=dict)
    exclude: frozenset[str] = frozenset()
    objective_order: ObjectiveOrder = ObjectiveOrder.SIZE_FIRST
    time_limit: float = 30.0
    min_role_fit: float | None = None
    critical: frozenset[tuple[str, str]] = frozenset()  # (task, skill) requirements that need 2+ members
    budget_scope: BudgetScope = BudgetScope.ALL
    max_open_positions: int | None = None  # None: up to the team-size limit; 0: staff from the pool only
    training: TrainingPolicy = field(default_factory=TrainingPolicy)
    needed_within_weeks: int | None = None  # options slower than this (time to fill, training) are removed

    def members_needed(self, task: str, skill: str) -> int:
        """How many team members must cover the requirement (redundancy, at least 2 if critical)."""
        return max(self.redundancy, 2) if (task, skill) in self.critical else self.redundancy

    def problems(self) -> list[str]:
        """Every value that cannot be used, in words."""
        out = []
        if self.team_size_min is not None and self.team_size_min < 0:
            out.append("team size min must be zero or more")
        if self.team_size_max is not None and self.team_size_max < 0:
            out.append("team size max must be zero or more")
        if self.budget is not None and self.budget < 0:
            out.append("budget must be zero or more")
        if self.max_tasks_per_person < 1:
            out.append("tasks per person must be at least 1")
        if self.redundancy < 1:
            out.append("redundancy must be at least 1")
        if self.time_limit <= 0:
            out.append("time limit must be positive")
        if self.min_role_fit is not None and not 0 <= self.min_role_fit <= 1:
            out.append("minimum role fit must be between 0 and 1")
        if self.max_open_positions is not None and self.max_open_positions < 0:
            out.append("open positions must be zero or more")
        if self.needed_within_weeks is not None and self.needed_within_weeks < 0:
            out.append("weeks until needed must be zero or more")
        out.extend(self.training.problems())
        both = set(self.must_hire) & set(self.exclude)
        if both:
            out.append(f"{', '.join(sorted(both))} cannot be both must-hire and excluded")
        return out

    def validate(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError("; ".join(problems))
