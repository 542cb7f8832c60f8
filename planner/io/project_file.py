"""The ``.teamplan`` project file: JSON with a ``format_version``, saved atomically.

Saving writes a temporary file beside the target, flushes and fsyncs it, puts a copy of
the previous version at ``NAME.teamplan.bak`` the same way, and renames the new file into
place (:mod:`planner.io.atomic_write`), so a kill at any moment leaves either the old or
the new project and an intact backup.

Loading never shows a traceback for a bad file: damaged JSON, truncation, hand edits,
values of the wrong JSON type, numbers out of range (``1e999``, integers of thousands of
digits, ``NaN``), absurd nesting and files from a newer Team Planner all raise
:class:`ProjectFileError` naming the place (``$.candidates[3].ratings.mathematics``) and
the reason.

Format 2 adds each candidate's ``status`` (employee or applicant) and ``roles`` and the
constraints' budget scope, open positions, training policy and deadline; format-1 files
load with the defaults (positions and training allowed) and with
:attr:`Project.saved_before_build_buy` set, so that their plans say that they now consider
them (:func:`planner.wording.build_buy_notice`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from planner import __version__
from planner.errors import CatalogError, ProjectFileError
from planner.io.atomic_write import write_atomically
from planner.model.candidates import Candidate, CandidateStatus, candidate_problems
from planner.model.catalog import (
    Catalog,
    RoleMarket,
    catalog_from_dict,
    catalog_to_dict,
    market_from_dict,
    market_to_dict,
)
from planner.model.constraints import BudgetScope, Constraints, ObjectiveOrder, TrainingPolicy
from planner.model.money import USD, Currency
from planner.model.plan import Plan, plan_from_dict, plan_to_dict
from planner.model.project import Project
from planner.model.scenario import Scenario

FILE_FORMAT = "team-planner-project"
FORMAT_VERSION = 2
SUFFIX = ".teamplan"
MAX_DIGITS = 18  # no count or amount in a project needs more
MAX_AMOUNT = 1e15  # costs and budgets: far above any real team, far below float trouble
_DAMAGE = (AttributeError, TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError)


# --- writing ---------------------------------------------------------------------------


def constraints_to_dict(c: Constraints) -> dict[str, Any]:
    return {
        "team_size_min": c.team_size_min,
        "team_size_max": c.team_size_max,
        "budget": c.budget,
        "max_tasks_per_person": c.max_tasks_per_person,
        "redundancy": c.redundancy,
        "must_hire": [{"candidate": name, "role": role} for name, role in c.must_hire.items()],
        "exclude": sorted(c.exclude),
        "objective_order": c.objective_order.value,
        "time_limit": c.time_limit,
        "min_role_fit": c.min_role_fit,
        "critical": [{"task": t, "skill": s} for t, s in sorted(c.critical)],
        "budget_scope": c.budget_scope.value,
        "max_open_positions": c.max_open_positions,
        "training": {
            "enabled": c.training.enabled,
            "max_levels_per_skill": c.training.max_levels_per_skill,
            "max_levels_per_person": c.training.max_levels_per_person,
            "cost_per_level": c.training.cost_per_level,
            "weeks_per_level": c.training.weeks_per_level,
        },
        "needed_within_weeks": c.needed_within_weeks,
    }


def candidate_to_dict(c: Candidate) -> dict[str, Any]:
    return {
        "name": c.name,
        "email": c.email,
        "ratings": dict(c.ratings),
        "cost": c.cost,
        "notes": c.notes,
        "max_tasks": c.max_tasks,
        "status": c.status.value,
        "roles": list(c.roles),
    }


def settings_to_dict(setup: Project | Scenario, task_order: tuple[str, ...]) -> dict[str, Any]:
    """Tasks, requirement overrides, nice-to-haves, constraints and plan (a project's or a scenario's)."""
    return {
        "tasks": {task: list(setup.subtasks[task]) for task in task_order if task in setup.subtasks},
        "requirement_overrides": [
            {"task": t, "skill": s, "level": level} for (t, s), level in sorted(setup.requirement_overrides.items())
        ],
        "nice_to_have": [{"task": t, "skill": s} for t, s in sorted(setup.nice_to_have)],
        "constraints": constraints_to_dict(setup.constraints),
        "plan": plan_to_dict(setup.plan) if setup.plan is not None else None,
    }


def project_to_dict(project: Project) -> dict[str, Any]:
    """The JSON form of a project, catalog, last plan and scenarios included."""
    order = project.catalog.task_ids
    return {
        "format": FILE_FORMAT,
        "format_version": FORMAT_VERSION,
        "saved_by": f"Team Planner {__version__}",
        "name": project.name,
        "kind": project.kind,
        "notes": project.notes,
        **settings_to_dict(project, order),
        "candidates": [candidate_to_dict(c) for c in project.candidates],
        "scenarios": [{"name": s.name, **settings_to_dict(s, order)} for s in project.scenarios],
        "catalog": catalog_to_dict(project.catalog),
        "currency": {"code": project.currency.code, "symbol": project.currency.symbol},
        "market_overrides": {role: market_to_dict(m) for role, m in sorted(project.market_overrides.items())},
    }


def write_text_atomic(path: Path, text: str, *, keep_backup: bool = True) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; the previous file is kept as ``path + '.bak'``."""

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    write_atomically(Path(path), write, backup=keep_backup)


def save_project(project: Project, path: Path) -> None:
    """Save atomically, keeping the previous version as a backup."""
    text = json.dumps(project_to_dict(project), indent=1, ensure_ascii=False, allow_nan=False)
    try:
        write_text_atomic(Path(path), text + "\n")
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot save: {exc.strerror or exc}") from exc


# --- reading ---------------------------------------------------------------------------


def load_project(path: Path) -> Project:
    """Read a project file; any problem raises :class:`ProjectFileError` with place and reason."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot open: {exc.strerror or exc}") from exc
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        raise ProjectFileError(f"{path}: this is a spreadsheet, not a Team Planner project", advice="not a project")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            f"{path}: byte {exc.start}: this is not a Team Planner project (a project is UTF-8 text)",
            advice="not a project",
        ) from exc
    if not text.strip():
        raise ProjectFileError(f"{path}: the file is empty")
    if not text.lstrip().startswith(("{", "[")):  # JSON goes to the parser, which says what is wrong
        raise ProjectFileError(
            f"{path}: this is not a Team Planner project (a project file starts with '{{'; this one starts "
            f"with {text.strip()[:20]!r})",
            advice="not a project",
        )
    return project_from_dict(parse_json(text, str(path)), where=str(path))


class _BadNumber(ValueError):
    """A number the file may not hold (the JSON hooks raise it; the loader words it)."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(f"the number {text[:12]}… has {len(text)} digits: out of range")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"the number {text[:20]} is out of range")
    return value


def _parse_constant(text: str) -> Any:
    raise _BadNumber(f"{text} is not a number JSON allows")


SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# The JSON parser's terse reasons, as sentences (it says "Unterminated string starting at" and stops).
JSON_REASONS = (
    ("Unterminated string", "a text value starts here but never ends"),
    ("Expecting value", "a value was expected here"),
    ("Expecting ',' delimiter", "a comma was expected here"),
    ("Expecting ':' delimiter", "a colon was expected here"),
    ("Expecting property name", "a field name in double quotes was expected here"),
    ("Extra data", "there is more text after the end of the project"),
    ("Invalid control character", "a text value holds a control character"),
    ("Invalid \\escape", "a text value holds an invalid escape (a backslash)"),
)


def parse_json(text: str, where: str) -> Any:
    """JSON with only finite, reasonably sized numbers; any failure is a :class:`ProjectFileError`."""
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        reason = next((words for start, words in JSON_REASONS if exc.msg.startswith(start)), exc.msg)
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            reason += "; the file ends too early: it was probably cut short while being saved or copied"
        raise ProjectFileError(
            f"{where}: line {exc.lineno}, column {exc.colno}: {reason}", advice="damaged project"
        ) from exc
    except _BadNumber as exc:
        raise ProjectFileError(f"{where}: {exc}") from exc
    except RecursionError as exc:
        raise ProjectFileError(f"{where}: the JSON is nested too deeply to be a project file") from exc
    except (ValueError, OverflowError) as exc:
        raise ProjectFileError(f"{where}: not a valid project file: {exc}") from exc


def project_from_dict(data: Any, where: str = "project") -> Project:
    """Build a project from its JSON form, validating every field.

    Every field is checked where it is read; a value of a type no check expected (deep in
    the embedded catalog, say) still ends as a :class:`ProjectFileError`, never a traceback.
    """
    try:
        return _ProjectReader(where).project(data)
    except _DAMAGE as exc:
        raise ProjectFileError(
            f"{where}: the file is damaged ({type(exc).__name__}: {exc})", advice="damaged project"
        ) from exc


class _ProjectReader:
    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, place: str, reason: str) -> ProjectFileError:
        return ProjectFileError(f"{self.where}: {place}: {reason}")

    def obj(self, value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, f"expected an object, found {_kind(value)}")
        return value

    def lst(self, value: Any, place: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(place, f"expected a list, found {_kind(value)}")
        return value

    def text(self, value: Any, place: str) -> str:
        if not isinstance(value, str):
            raise self.fail(place, f"expected text, found {_kind(value)}")
        return value

    def number(self, value: Any, place: str, *, optional: bool = False, limit: float = MAX_AMOUNT) -> float | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(place, f"expected a number, found {_kind(value)}")
        number = float(value)
        if not math.isfinite(number) or abs(number) > limit:
            raise self.fail(place, f"the number {value!r} is out of range")
        return number

    def whole(self, value: Any, place: str, *, optional: bool = False) -> int | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(place, f"expected a whole number, found {_kind(value)}")
        if abs(value) > 10**9:
            raise self.fail(place, f"the number {value} is out of range")
        return value

    def project(self, data: Any) -> Project:
        data = self.obj(data, "$")
        if data.get("format") != FILE_FORMAT:
            raise self.fail("$.format", "this is not a Team Planner project file")
        version = data.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise self.fail("$.format_version", "missing or not a whole number")
        if version > FORMAT_VERSION:
            error = self.fail(
                "$.format_version",
                f"the file was saved by a newer Team Planner (format {version}; this version reads up to "
                f"{FORMAT_VERSION})",
            )
            error.advice = "newer project"
            raise error
        if version < 1:
            raise self.fail("$.format_version", f"unknown format version {version}")
        try:
            catalog = catalog_from_dict(self.obj(data.get("catalog"), "$.catalog"), where="$.catalog")
        except CatalogError as exc:
            raise ProjectFileError(f"{self.where}: embedded catalog: {exc}") from exc
        except _DAMAGE as exc:
            raise self.fail("$.catalog", f"the embedded catalog is damaged ({type(exc).__name__}: {exc})") from exc

        kind = self.text(data.get("kind"), "$.kind")
        if kind not in {k.id for k in catalog.kinds}:
            raise self.fail("$.kind", f"unknown project kind {kind!r}")
        candidates = [
            self.candidate(item, f"$.candidates[{i}]")
            for i, item in enumerate(self.lst(data.get("candidates", []), "$.candidates"))
        ]
        seen: set[str] = set()
        for i, candidate in enumerate(candidates):
            problems = candidate_problems(candidate, catalog)
            if problems:
                raise self.fail(f"$.candidates[{i}]", problems[0])
            if candidate.name in seen:
                raise self.fail(f"$.candidates[{i}].name", f"{candidate.name!r} appears more than once")
            seen.add(candidate.name)
        subtasks, overrides, nice, constraints = self.settings(data, "$", catalog, seen)
        plan = self.plan(data.get("plan"), "$.plan")
        scenarios = []
        for i, item in enumerate(self.lst(data.get("scenarios", []), "$.scenarios")):
            place = f"$.scenarios[{i}]"
            item = self.obj(item, place)
            s_subtasks, s_overrides, s_nice, s_constraints = self.settings(item, place, catalog, seen)
            scenarios.append(
                Scenario(
                    name=self.text(item.get("name"), f"{place}.name"),
                    subtasks=s_subtasks,
                    requirement_overrides=s_overrides,
                    nice_to_have=s_nice,
                    constraints=s_constraints,
                    plan=self.plan(item.get("plan"), f"{place}.plan"),
                )
            )
        _unique_names = [sc.name for sc in scenarios]
        if len(set(_unique_names)) != len(_unique_names):
            raise self.fail("$.scenarios", "two scenarios have the same name")
        return Project(
            name=self.text(data.get("name", "Untitled project"), "$.name"),
            kind=kind,
            subtasks=subtasks,
            requirement_overrides=overrides,
            nice_to_have=nice,
            candidates=candidates,
            constraints=constraints,
            catalog=catalog,
            plan=plan,
            notes=self.text(data.get("notes", ""), "$.notes"),
            scenarios=scenarios,
            currency=self.currency(data.get("currency")),
            market_overrides=self.market_overrides(data.get("market_overrides", {}), catalog),
            saved_before_build_buy=version < 2,
        )

    def currency(self, value: Any) -> Currency:
        """The project's currency; files saved before currencies existed showed US dollars."""
        if value is None:
            return USD
        data = self.obj(value, "$.currency")
        currency = Currency(
            self.text(data.get("code"), "$.currency.code"), self.text(data.get("symbol"), "$.currency.symbol")
        )
        problems = currency.problems()
        if problems:
            raise self.fail("$.currency", problems[0])
        return currency

    def market_overrides(self, value: Any, catalog: Catalog) -> dict[str, RoleMarket]:
        out = {}
        for role, item in self.obj(value, "$.market_overrides").items():
            place = f"$.market_overrides.{role}"
            if role not in catalog.role_ids:
                raise self.fail(place, f"unknown role {role!r}")
            try:
                out[role] = market_from_dict(item, place)
            except CatalogError as exc:
                raise self.fail(place, str(exc).split(": ", 2)[-1]) from None
        return out

    def plan(self, value: Any, place: str) -> Plan | None:
        if value is None:
            return None
        try:
            return plan_from_dict(self.obj(value, place))
        except _DAMAGE as exc:
            raise self.fail(place, f"the saved plan is damaged ({exc!r}); remove it or re-solve") from exc

    def settings(
        self, data: dict[str, Any], root: str, catalog: Catalog, names: set[str]
    ) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], int], set[tuple[str, str]], Constraints]:
        """Tasks, requirement overrides, nice-to-haves and constraints (a project's or a scenario's)."""
        subtasks: dict[str, tuple[str, ...]] = {}
        for task_id, ids in self.obj(data.get("tasks"), f"{root}.tasks").items():
            place = f"{root}.tasks.{task_id}"
            if task_id not in catalog.task_ids:
                raise self.fail(place, f"unknown task {task_id!r}")
            known = {s.id for s in catalog.task(task_id).subtasks}
            chosen = []
            for i, sub in enumerate(self.lst(ids, place)):
                sub = self.text(sub, f"{place}[{i}]")
                if sub not in known:
                    raise self.fail(f"{place}[{i}]", f"unknown subtask {sub!r}")
                chosen.append(sub)
            subtasks[task_id] = tuple(chosen)
        overrides: dict[tuple[str, str], int] = {}
        for i, item in enumerate(self.lst(data.get("requirement_overrides", []), f"{root}.requirement_overrides")):
            place = f"{root}.requirement_overrides[{i}]"
            item = self.obj(item, place)
            key = self.requirement_key(item, place, catalog.task_ids, catalog.skill_ids)
            level = self.whole(item.get("level"), f"{place}.level")
            assert level is not None
            if not catalog.scale.min <= level <= catalog.scale.max:
                raise self.fail(
                    f"{place}.level", f"{level} is outside the scale {catalog.scale.min}–{catalog.scale.max}"
                )
            overrides[key] = level
        nice = {
            self.requirement_key(
                self.obj(item, f"{root}.nice_to_have[{i}]"),
                f"{root}.nice_to_have[{i}]",
                catalog.task_ids,
                catalog.skill_ids,
            )
            for i, item in enumerate(self.lst(data.get("nice_to_have", []), f"{root}.nice_to_have"))
        }
        constraints = self.constraints(
            self.obj(data.get("constraints", {}), f"{root}.constraints"), names, catalog, f"{root}.constraints"
        )
        return subtasks, overrides, nice, constraints

    def requirement_key(
        self, item: dict[str, Any], place: str, tasks: tuple[str, ...], skills: tuple[str, ...]
    ) -> tuple[str, str]:
        task = self.text(item.get("task"), f"{place}.task")
        skill = self.text(item.get("skill"), f"{place}.skill")
        if task not in tasks:
            raise self.fail(f"{place}.task", f"unknown task {task!r}")
        if skill not in skills:
            raise self.fail(f"{place}.skill", f"unknown skill {skill!r}")
        return (task, skill)

    def candidate(self, item: Any, place: str) -> Candidate:
        item = self.obj(item, place)
        ratings: dict[str, float] = {}
        for skill, value in self.obj(item.get("ratings", {}), f"{place}.ratings").items():
            number = self.number(value, f"{place}.ratings.{skill}")
            assert number is not None
            ratings[skill] = number
        max_tasks = self.whole(item.get("max_tasks"), f"{place}.max_tasks", optional=True)
        try:
            status = CandidateStatus(item.get("status", CandidateStatus.APPLICANT.value))
        except ValueError:
            raise self.fail(f"{place}.status", "expected 'employee' or 'applicant'") from None
        roles = tuple(
            self.text(role, f"{place}.roles[{i}]")
            for i, role in enumerate(self.lst(item.get("roles", []), f"{place}.roles"))
        )
        return Candidate(
            name=self.text(item.get("name"), f"{place}.name"),
            ratings=ratings,
            cost=self.number(item.get("cost"), f"{place}.cost", optional=True),
            email=self.text(item.get("email", ""), f"{place}.email"),
            notes=self.text(item.get("notes", ""), f"{place}.notes"),
            max_tasks=max_tasks,
            status=status,
            roles=roles,
        )

    def constraints(self, data: dict[str, Any], names: set[str], catalog: Catalog, place: str) -> Constraints:
        roles, tasks, skills = catalog.role_ids, catalog.task_ids, catalog.skill_ids
        must_hire: dict[str, str | None] = {}
        for i, item in enumerate(self.lst(data.get("must_hire", []), f"{place}.must_hire")):
            item = self.obj(item, f"{place}.must_hire[{i}]")
            name = self.text(item.get("candidate"), f"{place}.must_hire[{i}].candidate")
            if name not in names:
                raise self.fail(f"{place}.must_hire[{i}].candidate", f"{name!r} is not among the candidates")
            role = item.get("role")
            if role is not None and role not in roles:
                raise self.fail(f"{place}.must_hire[{i}].role", f"unknown role {role!r}")
            must_hire[name] = role
        exclude = set()
        for i, name in enumerate(self.lst(data.get("exclude", []), f"{place}.exclude")):
            name = self.text(name, f"{place}.exclude[{i}]")
            if name not in names:
                raise self.fail(f"{place}.exclude[{i}]", f"{name!r} is not among the candidates")
            exclude.add(name)
        try:
            order = ObjectiveOrder(data.get("objective_order", ObjectiveOrder.SIZE_FIRST.value))
        except ValueError:
            raise self.fail(f"{place}.objective_order", "expected 'size_first' or 'cost_first'") from None
        defaults = Constraints()
        constraints = Constraints(
            team_size_min=self.whole(data.get("team_size_min"), f"{place}.team_size_min", optional=True),
            team_size_max=self.whole(data.get("team_size_max"), f"{place}.team_size_max", optional=True),
            budget=self.number(data.get("budget"), f"{place}.budget", optional=True),
            max_tasks_per_person=self.whole(
                data.get("max_tasks_per_person", defaults.max_tasks_per_person), f"{place}.max_tasks_per_person"
            )
            or 0,
            redundancy=self.whole(data.get("redundancy", defaults.redundancy), f"{place}.redundancy") or 0,
            must_hire=must_hire,
            exclude=frozenset(exclude),
            objective_order=order,
            time_limit=self.number(data.get("time_limit", defaults.time_limit), f"{place}.time_limit") or 0.0,
            min_role_fit=self.number(data.get("min_role_fit"), f"{place}.min_role_fit", optional=True),
            critical=frozenset(
                self.requirement_key(self.obj(item, f"{place}.critical[{i}]"), f"{place}.critical[{i}]", tasks, skills)
                for i, item in enumerate(self.lst(data.get("critical", []), f"{place}.critical"))
            ),
            **self.new_constraints(data, place),
        )
        problems = constraints.problems()
        if problems:
            raise self.fail(place, "; ".join(problems))
        return constraints

    def new_constraints(self, data: dict[str, Any], place: str) -> dict[str, Any]:
        """The format-2 constraint fields, with their defaults when absent (format 1)."""
        defaults = Constraints()
        try:
            scope = BudgetScope(data.get("budget_scope", defaults.budget_scope.value))
        except ValueError:
            raise self.fail(f"{place}.budget_scope", "expected 'all' or 'new'") from None
        training = self.obj(data.get("training", {}), f"{place}.training")
        base = defaults.training
        enabled = training.get("enabled", base.enabled)
        if not isinstance(enabled, bool):
            raise self.fail(f"{place}.training.enabled", f"expected true or false, found {_kind(enabled)}")
        policy = TrainingPolicy(
            enabled=enabled,
            max_levels_per_skill=self.whole(
                training.get("max_levels_per_skill", base.max_levels_per_skill),
                f"{place}.training.max_levels_per_skill",
            )
            or 0,
            max_levels_per_person=self.whole(
                training.get("max_levels_per_person", base.max_levels_per_person),
                f"{place}.training.max_levels_per_person",
            )
            or 0,
            cost_per_level=self.number(
                training.get("cost_per_level", base.cost_per_level), f"{place}.training.cost_per_level"
            )
            or 0.0,
            weeks_per_level=self.whole(
                training.get("weeks_per_level", base.weeks_per_level), f"{place}.training.weeks_per_level"
            )
            or 0,
        )
        return {
            "budget_scope": scope,
            "max_open_positions": self.whole(
                data.get("max_open_positions"), f"{place}.max_open_positions", optional=True
            ),
            "training": policy,
            "needed_within_weeks": self.whole(
                data.get("needed_within_weeks"), f"{place}.needed_within_weeks", optional=True
            ),
        }


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )
