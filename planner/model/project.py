"""The project a manager describes, and the solver's input derived from it.

A :class:`Project` holds everything the manager chose (kind, tasks and subtasks,
requirement overrides, candidates, constraints) plus the catalog it was made with and
the last plan. :meth:`Project.problem` turns it into an immutable :class:`Problem`, the
only thing the solver sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from planner.errors import ValidationError
from planner.model.candidates import Candidate, validate_candidates
from planner.model.catalog import Catalog, RoleMarket, default_catalog
from planner.model.constraints import Constraints
from planner.model.hiring import market_catalog
from planner.model.money import Currency, system_currency
from planner.model.plan import Plan
from planner.model.requirements import Requirement, build_requirements
from planner.model.scenario import Scenario


@dataclass(frozen=True)
class Problem:
    """Everything a solve needs, validated and immutable."""

    catalog: Catalog
    tasks: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    candidates: tuple[Candidate, ...]
    constraints: Constraints

    @cached_property
    def candidates_by_name(self) -> dict[str, Candidate]:
        return {c.name: c for c in self.candidates}

    def candidate(self, name: str) -> Candidate:
        """The candidate called ``name`` (KeyError when there is none)."""
        return self.candidates_by_name[name]


@dataclass
class Project:
    """A manager's staffing project. Mutable: the GUI edits it through undoable commands."""

    name: str = "Untitled project"
    kind: str = "ml"
    subtasks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # chosen task -> chosen subtask ids
    requirement_overrides: dict[tuple[str, str], int] = field(default_factory=dict)
    nice_to_have: set[tuple[str, str]] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)
    constraints: Constraints = field(default_factory=Constraints)
    catalog: Catalog = field(default_factory=default_catalog)
    plan: Plan | None = None
    notes: str = ""
    scenarios: list[Scenario] = field(default_factory=list)
    currency: Currency = field(default_factory=system_currency)
    market_overrides: dict[str, RoleMarket] = field(default_factory=dict)  # role id -> the project's own figures
    # Loaded from a file saved before open positions and training were options (format 1): its
    # plans now consider them by default, and say so until the project is saved again.
    saved_before_build_buy: bool = False

    @property
    def tasks(self) -> tuple[str, ...]:
        """The chosen tasks, in catalog (lifecycle) order."""
        return tuple(t for t in self.catalog.task_ids if t in self.subtasks)

    def requirements(self) -> tuple[Requirement, ...]:
        return build_requirements(self.catalog, self.subtasks, self.requirement_overrides, self.nice_to_have)

    def problems(self) -> list[str]:
        """Every reason the project cannot be solved as it is, in words."""
        out: list[str] = []
        catalog = self.catalog
        try:
            catalog.kind(self.kind)
        except KeyError:
            out.append(f"unknown project kind {self.kind!r}")
        for task_id, subtask_ids in self.subtasks.items():
            try:
                task = catalog.task(task_id)
            except KeyError:
                out.append(f"unknown task {task_id!r}")
                continue
            for subtask_id in subtask_ids:
                try:
                    task.subtask(subtask_id)
                except KeyError:
                    out.append(f"task {task_id}: unknown subtask {subtask_id!r}")
        for (task_id, skill_id), level in self.requirement_overrides.items():
            if task_id not in catalog.task_ids or skill_id not in catalog.skill_ids:
                out.append(f"requirement override for unknown task/skill {task_id}/{skill_id}")
            elif not catalog.scale.min <= level <= catalog.scale.max:
                out.append(f"requirement level {level} for {task_id}/{skill_id} is outside the scale")
        out.extend(self.constraints.problems())
        try:
            validate_candidates(self.candidates, catalog)
        except ValidationError as exc:
            out.append(str(exc))
        names = {c.name for c in self.candidates}
        for name, role in self.constraints.must_hire.items():
            if name not in names:
                out.append(f"must-hire {name!r} is not among the candidates")
            if role is not None and role not in catalog.role_ids:
                out.append(f"must-hire {name!r}: unknown role {role!r}")
        for name in self.constraints.exclude:
            if name not in names:
                out.append(f"excluded {name!r} is not among the candidates")
        out.extend(self.currency.problems())
        for role_id, market in self.market_overrides.items():
            if role_id not in catalog.role_ids:
                out.append(f"market data for unknown role {role_id!r}")
            out.extend(f"market data for {role_id}: {p}" for p in market.problems())
        return out

    def validate(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError("; ".join(problems))

    def problem(self) -> Problem:
        """The solver's input; raises :class:`ValidationError` if the project is not solvable."""
        self.validate()
        return Problem(
            catalog=market_catalog(self.catalog, self.market_overrides),
            tasks=self.tasks,
            requirements=self.requirements(),
            candidates=tuple(self.candidates),
            constraints=self.constraints,
        )


def all_subtasks(catalog: Catalog, task_ids: tuple[str, ...] | list[str]) -> dict[str, tuple[str, ...]]:
    """Every subtask of each given task: the default choice when a task is ticked."""
    return {t: tuple(s.id for s in catalog.task(t).subtasks) for t in task_ids}


def new_project(
    kind: str = "ml",
    *,
    name: str = "Untitled project",
    tasks: list[str] | tuple[str, ...] | None = None,
    catalog: Catalog | None = None,
    candidates: list[Candidate] | None = None,
    constraints: Constraints | None = None,
) -> Project:
    """A project with the kind's tasks (or ``tasks``) and all their subtasks chosen."""
    catalog = catalog or default_catalog()
    try:
        kind_tasks = catalog.kind(kind).tasks
    except KeyError:
        raise ValidationError(
            f"unknown project kind {kind!r} (choose from {', '.join(k.id for k in catalog.kinds)})"
        ) from None
    chosen = list(tasks) if tasks is not None else list(kind_tasks)
    unknown = [t for t in chosen if t not in catalog.task_ids]
    if unknown:
        raise ValidationError(f"unknown task(s) {', '.join(unknown)} (choose from {', '.join(catalog.task_ids)})")
    return Project(
        name=name,
        kind=kind,
        subtasks=all_subtasks(catalog, chosen),
        catalog=catalog,
        candidates=list(candidates or []),
        constraints=constraints or Constraints(),
    )
