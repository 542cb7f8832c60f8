"""A what-if scenario: a named variant of a project's tasks, requirements and constraints.

A scenario shares the project's candidates and catalog and overrides everything a manager
asks "what if" about. Comparing and applying scenarios lives in :mod:`planner.analyses.scenarios`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model.constraints import Constraints
from planner.model.plan import Plan

CURRENT = "Current"


@dataclass
class Scenario:
    name: str
    subtasks: dict[str, tuple[str, ...]]
    requirement_overrides: dict[tuple[str, str], int] = field(default_factory=dict)
    nice_to_have: set[tuple[str, str]] = field(default_factory=set)
    constraints: Constraints = field(default_factory=Constraints)
    plan: Plan | None = None
