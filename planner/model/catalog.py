"""The Playbook catalog: skills, the 0–5 scale, tasks with subtasks, project kinds and roles.

The catalog is data (``resources/catalog.json`` by default, or a user's own file); this
module turns it into typed, validated, immutable objects and back into plain dicts so a
project file can embed the catalog it was made with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from planner.errors import CatalogError
from planner.resources import resource_path

CATALOG_FORMAT = "team-planner-catalog"


class Involvement(str, Enum):
    """How strongly a role takes part in a task (the Playbook's solid vs dotted lines)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class Source(str, Enum):
    """Where a role-profile value comes from: measured from a Playbook chart, or inferred."""

    SOURCED = "sourced"
    INFERRED = "inferred"


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    charted: bool = False


@dataclass(frozen=True)
class LevelName:
    value: int
    name: str


@dataclass(frozen=True)
class Scale:
    """The rating scale; the Playbook's is 0 (none) to 5 (Accomplished)."""

    min: int
    max: int
    levels: tuple[LevelName, ...]

    def name_of(self, value: float) -> str:
        """The level word for a rating ("Developing" for 3 or 3.5 on the default scale)."""
        best = self.levels[0].name
        for level in self.levels:
            if value >= level.value:
                best = level.name
        return best


@dataclass(frozen=True)
class Subtask:
    id: str
    name: str
    skills: tuple[str, ...]
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    id: str
    name: str
    subtasks: tuple[Subtask, ...]
    summary: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()

    def subtask(self, subtask_id: str) -> Subtask:
        for subtask in self.subtasks:
            if subtask.id == subtask_id:
                return subtask
        raise KeyError(subtask_id)


@dataclass(frozen=True)
class ProjectKind:
    id: str
    name: str
    tasks: tuple[str, ...]
    lifecycle: tuple[str, ...] = ()
    description: str = ""
    organization: str = ""


@dataclass(frozen=True)
class RoleTask:
    involvement: Involvement
    source: str = ""


@dataclass(frozen=True)
class ProfileValue:
    level: int
    source: Source = Source.INFERRED
    note: str = ""


@dataclass(frozen=True)
class RoleMarket:
    """What opening a position in a role costs and takes: a salary band's midpoint, recruiting, weeks."""

    annual_cost: float
    recruiting_cost: float
    weeks_to_fill: int
    occupation: str = ""  # the public statistic the annual cost comes from ("SOC 15-2051 Data Scientists")

    def problems(self) -> list[str]:
        out = []
        if self.annual_cost < 0 or self.recruiting_cost < 0:
            out.append("costs must be zero or more")
        if self.weeks_to_fill < 0:
            out.append("weeks to fill must be zero or more")
        return out


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    tasks: dict[str, RoleTask]
    profile: dict[str, ProfileValue]
    aliases: tuple[str, ...] = ()
    code_style: str = ""
    market: RoleMarket | None = None  # None: the role cannot be hired from the market

    def does(self, task_id: str) -> bool:
        return task_id in self.tasks

    def is_primary(self, task_id: str) -> bool:
        role_task = self.tasks.get(task_id)
        return role_task is not None and role_task.involvement is Involvement.PRIMARY

    def level(self, skill_id: str) -> int:
        value = self.profile.get(skill_id)
        return value.level if value else 0


@dataclass(frozen=True)
class DefaultRequirementRule:
    """Turns chosen subtasks into requirement levels (documented in ``rule``)."""

    base_level: int = 3
    majority_level: int = 4
    rule: str = ""


@dataclass(frozen=True)
class RoleVariant:
    """A Playbook variant of a role (Deep Learning Engineer): the base profile plus extension skills."""

    id: str
    name: str
    base: str
    skills: dict[str, int]
    source: str = ""


@dataclass(frozen=True)
class SeniorUplift:
    """The "senior" hiring option: levels above the profile, at a cost factor, taking longer to fill."""

    uplift_levels: int = 1
    cost_factor: float = 1.25
    extra_weeks: int = 4
    note: str = ""


@dataclass(frozen=True)
class Hiring:
    """Market data shared by all roles: where the figures come from and what a hire can bring.

    A hire in a role is expected to bring the role's profile levels (its *ceiling*); a named
    variant adds its extension skills; ``open_skills`` (skills the profiles do not really
    rate, such as query or accelerator languages) can be hired at any level; ``senior``, when
    set, is one more option per role. See :mod:`planner.model.hiring`.
    """

    currency: str = "USD"
    source: str = ""
    year: int | None = None
    notes: str = ""
    open_skills: tuple[str, ...] = ()
    senior: SeniorUplift | None = None
    variants: tuple[RoleVariant, ...] = ()


@dataclass(frozen=True)
class Catalog:
    id: str
    version: str
    title: str
    scale: Scale
    skills: tuple[Skill, ...]
    tasks: tuple[Task, ...]
    kinds: tuple[ProjectKind, ...]
    roles: tuple[Role, ...]
    default_requirements: DefaultRequirementRule = field(default_factory=DefaultRequirementRule)
    citation: str = ""
    hiring: Hiring = field(default_factory=Hiring)

    def skill(self, skill_id: str) -> Skill:
        return _find(self.skills, skill_id, "skill")

    def task(self, task_id: str) -> Task:
        return _find(self.tasks, task_id, "task")

    def kind(self, kind_id: str) -> ProjectKind:
        return _find(self.kinds, kind_id, "project kind")

    def role(self, role_id: str) -> Role:
        return _find(self.roles, role_id, "role")

    @cached_property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(skill.id for skill in self.skills)

    @cached_property
    def task_ids(self) -> tuple[str, ...]:
        return tuple(task.id for task in self.tasks)

    @cached_property
    def role_ids(self) -> tuple[str, ...]:
        return tuple(role.id for role in self.roles)


_Item = TypeVar("_Item", Skill, Task, ProjectKind, Role)


def _find(items: tuple[_Item, ...], item_id: str, what: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"unknown {what} {item_id!r}")


# --- reading ---------------------------------------------------------------------------


def default_catalog_path() -> Path:
    return resource_path("catalog.json")


_DEFAULT: Catalog | None = None


def default_catalog() -> Catalog:
    """The bundled Playbook catalog (read once, then shared: catalogs are immutable)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_catalog(default_catalog_path())
    return _DEFAULT


def load_catalog(path: Path) -> Catalog:
    """Read a catalog file; every problem raises :class:`CatalogError` naming the place."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from exc
    return catalog_from_dict(data, where=str(path))


def catalog_from_dict(data: Any, where: str = "catalog") -> Catalog:
    """Build and validate a catalog from its JSON form."""
    reader = _Reader(where)
    return reader.catalog(data)


class _Reader:
    """Validating reader that reports the JSON path of every problem."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, reason: str) -> CatalogError:
        return CatalogError(f"{self.where}: {path}: {reason}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "expected an object")
        return value

    def lst(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, "expected a list")
        return value

    def text(self, data: dict[str, Any], key: str, path: str, required: bool = True) -> str:
        value = data.get(key, None if required else "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"{path}.{key}", "expected a non-empty text" if required else "expected text")
        return value

    def integer(self, data: dict[str, Any], key: str, path: str) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"{path}.{key}", "expected a whole number")
        return value

    def texts(self, data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        values = self.lst(data.get(key, []), f"{path}.{key}")
        if not all(isinstance(v, str) for v in values):
            raise self.fail(f"{path}.{key}", "expected a list of texts")
        return tuple(values)

    def catalog(self, data: Any) -> Catalog:
        data = self.obj(data, "$")
        if data.get("format", CATALOG_FORMAT) != CATALOG_FORMAT:
            raise self.fail("$.format", f"not a Team Planner catalog (expected {CATALOG_FORMAT!r})")
        scale = self.scale(self.obj(data.get("scale"), "$.scale"))
        skills = tuple(self.skill(s, f"$.skills[{i}]") for i, s in enumerate(self.lst(data.get("skills"), "$.skills")))
        skill_ids = {s.id for s in skills}
        _unique([s.id for s in skills], lambda d: self.fail("$.skills", f"skill id {d!r} appears twice"))
        tasks = tuple(
            self.task(t, f"$.tasks[{i}]", skill_ids) for i, t in enumerate(self.lst(data.get("tasks"), "$.tasks"))
        )
        task_ids = {t.id for t in tasks}
        _unique([t.id for t in tasks], lambda d: self.fail("$.tasks", f"task id {d!r} appears twice"))
        kinds = tuple(
            self.kind(k, f"$.kinds[{i}]", task_ids) for i, k in enumerate(self.lst(data.get("kinds"), "$.kinds"))
        )
        roles = tuple(
            self.role(r, f"$.roles[{i}]", skill_ids, task_ids, scale)
            for i, r in enumerate(self.lst(data.get("roles"), "$.roles"))
        )
        _unique([r.id for r in roles], lambda d: self.fail("$.roles", f"role id {d!r} appears twice"))
        if not skills or not tasks or not kinds or not roles:
            raise self.fail("$", "a catalog needs at least one skill, task, project kind and role")
        rule_data = self.obj(data.get("default_requirements", {}), "$.default_requirements")
        rule = DefaultRequirementRule(
            base_level=int(rule_data.get("base_level", 3)),
            majority_level=int(rule_data.get("majority_level", 4)),
            rule=str(rule_data.get("rule", "")),
        )
        for key, level in (("base_level", rule.base_level), ("majority_level", rule.majority_level)):
            if not scale.min <= level <= scale.max:
                raise self.fail(f"$.default_requirements.{key}", f"{level} is outside the scale")
        hiring = self.hiring(data.get("hiring", {}), skill_ids, {r.id for r in roles}, scale)
        return Catalog(
            id=self.text(data, "id", "$"),
            version=str(data.get("version", "")),
            title=str(data.get("title", "")),
            scale=scale,
            skills=skills,
            tasks=tasks,
            kinds=kinds,
            roles=roles,
            default_requirements=rule,
            citation=str(data.get("citation", "")),
            hiring=hiring,
        )

    def number(self, data: dict[str, Any], key: str, path: str) -> float:
        value = data.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise self.fail(f"{path}.{key}", "expected a number, zero or more")
        return float(value)

    def market(self, data: Any, path: str) -> RoleMarket | None:
        if data is None:
            return None
        data = self.obj(data, path)
        weeks = self.integer(data, "weeks_to_fill", path)
        if weeks < 0:
            raise self.fail(f"{path}.weeks_to_fill", "expected zero or more weeks")
        return RoleMarket(
            annual_cost=self.number(data, "annual_cost", path),
            recruiting_cost=self.number(data, "recruiting_cost", path),
            weeks_to_fill=weeks,
            occupation=self.text(data, "occupation", path, required=False),
        )

    def hiring(self, data: Any, skill_ids: set[str], role_ids: set[str], scale: Scale) -> Hiring:
        path = "$.hiring"
        data = self.obj(data, path)
        open_skills = self.texts(data, "open_skills", path)
        for skill in open_skills:
            if skill not in skill_ids:
                raise self.fail(f"{path}.open_skills", f"unknown skill {skill!r}")
        senior = None
        if data.get("senior") is not None:
            where = f"{path}.senior"
            info = self.obj(data["senior"], where)
            senior = SeniorUplift(
                uplift_levels=self.integer(info, "uplift_levels", where),
                cost_factor=self.number(info, "cost_factor", where),
                extra_weeks=self.integer(info, "extra_weeks", where),
                note=self.text(info, "note", where, required=False),
            )
            if senior.uplift_levels < 1 or senior.cost_factor < 1 or senior.extra_weeks < 0:
                raise self.fail(where, "a senior option needs 1+ levels, a cost factor of 1 or more and 0+ extra weeks")
        variants = []
        for i, item in enumerate(self.lst(data.get("variants", []), f"{path}.variants")):
            where = f"{path}.variants[{i}]"
            item = self.obj(item, where)
            base = self.text(item, "base", where)
            if base not in role_ids:
                raise self.fail(f"{where}.base", f"unknown role {base!r}")
            skills: dict[str, int] = {}
            for skill, level in self.obj(item.get("skills", {}), f"{where}.skills").items():
                if skill not in skill_ids:
                    raise self.fail(f"{where}.skills", f"unknown skill {skill!r}")
                if not isinstance(level, int) or isinstance(level, bool) or not scale.min <= level <= scale.max:
                    raise self.fail(f"{where}.skills.{skill}", f"expected a level {scale.min}–{scale.max}")
                skills[skill] = level
            variants.append(
                RoleVariant(
                    id=self.text(item, "id", where),
                    name=self.text(item, "name", where),
                    base=base,
                    skills=skills,
                    source=self.text(item, "source", where, required=False),
                )
            )
        _unique([v.id for v in variants], lambda d: self.fail(f"{path}.variants", f"variant id {d!r} appears twice"))
        year = data.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise self.fail(f"{path}.year", "expected a year")
        return Hiring(
            currency=str(data.get("currency", "USD")),
            source=self.text(data, "source", path, required=False),
            year=year,
            notes=self.text(data, "notes", path, required=False),
            open_skills=open_skills,
            senior=senior,
            variants=tuple(variants),
        )

    def scale(self, data: dict[str, Any]) -> Scale:
        low, high = self.integer(data, "min", "$.scale"), self.integer(data, "max", "$.scale")
        if low >= high:
            raise self.fail("$.scale", "min must be below max")
        levels = []
        for i, item in enumerate(self.lst(data.get("levels", []), "$.scale.levels")):
            item = self.obj(item, f"$.scale.levels[{i}]")
            levels.append(
                LevelName(
                    self.integer(item, "value", f"$.scale.levels[{i}]"), self.text(item, "name", f"$.scale.levels[{i}]")
                )
            )
        if not levels:
            levels = [LevelName(low, str(low))]
        return Scale(low, high, tuple(sorted(levels, key=lambda lv: lv.value)))

    def skill(self, data: Any, path: str) -> Skill:
        data = self.obj(data, path)
        return Skill(
            id=self.text(data, "id", path),
            name=self.text(data, "name", path),
            description=self.text(data, "description", path, required=False),
            aliases=self.texts(data, "aliases", path),
            charted=bool(data.get("charted", False)),
        )

    def task(self, data: Any, path: str, skill_ids: set[str]) -> Task:
        data = self.obj(data, path)
        subtasks = []
        for i, sub in enumerate(self.lst(data.get("subtasks"), f"{path}.subtasks")):
            sub_path = f"{path}.subtasks[{i}]"
            sub = self.obj(sub, sub_path)
            skills = self.texts(sub, "skills", sub_path)
            for skill in skills:
                if skill not in skill_ids:
                    raise self.fail(f"{sub_path}.skills", f"unknown skill {skill!r}")
            subtasks.append(
                Subtask(
                    self.text(sub, "id", sub_path),
                    self.text(sub, "name", sub_path),
                    skills,
                    self.texts(sub, "examples", sub_path),
                )
            )
        if not subtasks:
            raise self.fail(f"{path}.subtasks", "a task needs at least one subtask")
        _unique([s.id for s in subtasks], lambda d: self.fail(f"{path}.subtasks", f"subtask id {d!r} appears twice"))
        return Task(
            id=self.text(data, "id", path),
            name=self.text(data, "name", path),
            subtasks=tuple(subtasks),
            summary=self.text(data, "summary", path, required=False),
            description=self.text(data, "description", path, required=False),
            aliases=self.texts(data, "aliases", path),
        )

    def kind(self, data: Any, path: str, task_ids: set[str]) -> ProjectKind:
        data = self.obj(data, path)
        tasks = self.texts(data, "tasks", path)
        for task in tasks:
            if task not in task_ids:
                raise self.fail(f"{path}.tasks", f"unknown task {task!r}")
        return ProjectKind(
            id=self.text(data, "id", path),
            name=self.text(data, "name", path),
            tasks=tasks,
            lifecycle=self.texts(data, "lifecycle", path),
            description=self.text(data, "description", path, required=False),
            organization=self.text(data, "organization", path, required=False),
        )

    def role(self, data: Any, path: str, skill_ids: set[str], task_ids: set[str], scale: Scale) -> Role:
        data = self.obj(data, path)
        tasks: dict[str, RoleTask] = {}
        for task_id, info in self.obj(data.get("tasks"), f"{path}.tasks").items():
            if task_id not in task_ids:
                raise self.fail(f"{path}.tasks", f"unknown task {task_id!r}")
            info = self.obj(info, f"{path}.tasks.{task_id}")
            try:
                involvement = Involvement(info.get("involvement", "primary"))
            except ValueError:
                raise self.fail(f"{path}.tasks.{task_id}.involvement", "expected 'primary' or 'secondary'") from None
            tasks[task_id] = RoleTask(involvement, str(info.get("source", "")))
        if not tasks:
            raise self.fail(f"{path}.tasks", "a role needs at least one task")
        profile: dict[str, ProfileValue] = {}
        for skill_id, info in self.obj(data.get("profile", {}), f"{path}.profile").items():
            if skill_id not in skill_ids:
                raise self.fail(f"{path}.profile", f"unknown skill {skill_id!r}")
            where = f"{path}.profile.{skill_id}"
            info = self.obj(info, where)
            level = self.integer(info, "level", where)
            if not scale.min <= level <= scale.max:
                raise self.fail(f"{where}.level", f"{level} is outside the scale {scale.min}–{scale.max}")
            try:
                source = Source(info.get("source", "inferred"))
            except ValueError:
                raise self.fail(f"{where}.source", "expected 'sourced' or 'inferred'") from None
            profile[skill_id] = ProfileValue(level, source, str(info.get("note", "")))
        return Role(
            id=self.text(data, "id", path),
            name=self.text(data, "name", path),
            tasks=tasks,
            profile=profile,
            aliases=self.texts(data, "aliases", path),
            code_style=self.text(data, "code_style", path, required=False),
            market=self.market(data.get("market"), f"{path}.market"),
        )


def _unique(ids: list[str], error: Any) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise error(item)
        seen.add(item)


# --- writing ---------------------------------------------------------------------------


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The JSON form of a catalog; ``catalog_from_dict(catalog_to_dict(c)) == c``."""
    return {
        "format": CATALOG_FORMAT,
        "id": catalog.id,
        "version": catalog.version,
        "title": catalog.title,
        "citation": catalog.citation,
        "scale": {
            "min": catalog.scale.min,
            "max": catalog.scale.max,
            "levels": [{"value": lv.value, "name": lv.name} for lv in catalog.scale.levels],
        },
        "default_requirements": {
            "base_level": catalog.default_requirements.base_level,
            "majority_level": catalog.default_requirements.majority_level,
            "rule": catalog.default_requirements.rule,
        },
        "skills": [
            {"id": s.id, "name": s.name, "description": s.description, "aliases": list(s.aliases), "charted": s.charted}
            for s in catalog.skills
        ],
        "tasks": [
            {
                "id": t.id,
                "name": t.name,
                "summary": t.summary,
                "description": t.description,
                "aliases": list(t.aliases),
                "subtasks": [
                    {"id": s.id, "name": s.name, "examples": list(s.examples), "skills": list(s.skills)}
                    for s in t.subtasks
                ],
            }
            for t in catalog.tasks
        ],
        "kinds": [
            {
                "id": k.id,
                "name": k.name,
                "tasks": list(k.tasks),
                "lifecycle": list(k.lifecycle),
                "description": k.description,
                "organization": k.organization,
            }
            for k in catalog.kinds
        ],
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "aliases": list(r.aliases),
                "code_style": r.code_style,
                "tasks": {t: {"involvement": rt.involvement.value, "source": rt.source} for t, rt in r.tasks.items()},
                "profile": {
                    s: {"level": pv.level, "source": pv.source.value, "note": pv.note} for s, pv in r.profile.items()
                },
                **({"market": market_to_dict(r.market)} if r.market is not None else {}),
            }
            for r in catalog.roles
        ],
        "hiring": _hiring_to_dict(catalog.hiring),
    }


def market_from_dict(data: Any, where: str) -> RoleMarket:
    """A role's market data from its JSON form (a project's override); :class:`CatalogError` names the place."""
    market = _Reader(where).market(data, "$")
    if market is None:
        raise CatalogError(f"{where}: expected market data, not null")
    return market


def market_to_dict(market: RoleMarket) -> dict[str, Any]:
    """The JSON form of a role's market data (also used for a project's overrides)."""
    return {
        "annual_cost": _plain(market.annual_cost),
        "recruiting_cost": _plain(market.recruiting_cost),
        "weeks_to_fill": market.weeks_to_fill,
        "occupation": market.occupation,
    }


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _hiring_to_dict(hiring: Hiring) -> dict[str, Any]:
    senior = hiring.senior
    return {
        "currency": hiring.currency,
        "source": hiring.source,
        "year": hiring.year,
        "notes": hiring.notes,
        "open_skills": list(hiring.open_skills),
        "senior": None
        if senior is None
        else {
            "uplift_levels": senior.uplift_levels,
            "cost_factor": _plain(senior.cost_factor),
            "extra_weeks": senior.extra_weeks,
            "note": senior.note,
        },
        "variants": [
            {"id": v.id, "name": v.name, "base": v.base, "skills": dict(v.skills), "source": v.source}
            for v in hiring.variants
        ],
    }
