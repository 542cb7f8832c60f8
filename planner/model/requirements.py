"""Requirements: (task, skill, minimum level), derived from the chosen subtasks by a documented rule.

The default rule (stated in the catalog): for each chosen task, every skill that a chosen
subtask involves is required at ``base_level`` (3, Developing); a skill involved in more
than half of the task's chosen subtasks — and in at least two — is raised to
``majority_level`` (4). The manager can override any level (0 removes the requirement),
add requirements for other skills, and mark requirements nice-to-have.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner.model.catalog import Catalog


@dataclass(frozen=True, order=True)
class Requirement:
    task: str
    skill: str
    level: int
    must_have: bool = True

    @property
    def key(self) -> tuple[str, str]:
        return (self.task, self.skill)


def default_levels(catalog: Catalog, subtasks: Mapping[str, Iterable[str]]) -> dict[tuple[str, str], int]:
    """The rule's level for every (task, skill) the chosen subtasks involve."""
    rule = catalog.default_requirements
    levels: dict[tuple[str, str], int] = {}
    for task in catalog.tasks:
        if task.id not in subtasks:
            continue
        chosen = [task.subtask(sid) for sid in subtasks[task.id]]
        counts = Counter(skill for subtask in chosen for skill in subtask.skills)
        for skill in catalog.skill_ids:  # catalog order keeps the table stable
            n = counts.get(skill, 0)
            if n:
                majority = n * 2 > len(chosen) and n >= 2
                levels[(task.id, skill)] = rule.majority_level if majority else rule.base_level
    return levels


def build_requirements(
    catalog: Catalog,
    subtasks: Mapping[str, Iterable[str]],
    overrides: Mapping[tuple[str, str], int] | None = None,
    nice_to_have: Iterable[tuple[str, str]] = (),
) -> tuple[Requirement, ...]:
    """Defaults from the rule, then the manager's overrides; level 0 drops a requirement."""
    levels = default_levels(catalog, subtasks)
    for key, level in (overrides or {}).items():
        if key[0] in subtasks:
            levels[key] = level
    nice = set(nice_to_have)
    task_order = {t: i for i, t in enumerate(catalog.task_ids)}
    skill_order = {s: i for i, s in enumerate(catalog.skill_ids)}
    keys = sorted(levels, key=lambda k: (task_order.get(k[0], 99), skill_order.get(k[1], 99)))
    return tuple(Requirement(t, s, levels[(t, s)], (t, s) not in nice) for t, s in keys if levels[(t, s)] > 0)


def min_ratings(requirements: Iterable[Requirement]) -> dict[str, int]:
    """The lowest rating per skill that meets all of ``requirements`` (a hire's "must bring")."""
    ratings: dict[str, int] = {}
    for r in requirements:
        ratings[r.skill] = max(ratings.get(r.skill, 0), r.level)
    return ratings
