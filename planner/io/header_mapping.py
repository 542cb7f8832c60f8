"""Recognising column headers: catalog skills by id, name and alias; name, cost, email, notes.

Headers are compared after lower-casing and dropping everything but letters and digits,
so ``"SW Engineering"``, ``"sw-engineering"`` and ``"SW_ENGINEERING"`` are one key. A
header also matches without a parenthesised part (``"Cost (USD)"``), by that part alone
(``"Deep learning (DL)"``), and without a trailing ``rating``/``level``/``score`` word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.io.import_report import IGNORED, ColumnMapping, ColumnTarget, ImportProblem, Severity, cell_text
from planner.model.catalog import Catalog

FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "fullname",
        "candidate",
        "candidate name",
        "person",
        "employee name",
        "applicant",
        "applicant name",
        "member",
        "team member",
        "display name",
    ),
    "first_name": ("first name", "firstname", "given name", "forename", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "cost": (
        "cost",
        "annual cost",
        "yearly cost",
        "cost per year",
        "salary",
        "annual salary",
        "base salary",
        "expected salary",
        "salary expectation",
        "compensation",
        "total compensation",
        "comp",
        "pay",
        "rate",
        "day rate",
        "price",
        "fully loaded cost",
        "loaded cost",
    ),
    "email": ("email", "e-mail", "email address", "mail", "work email"),
    "notes": ("notes", "note", "comment", "comments", "remarks", "remark"),
    "max_tasks": ("max tasks", "maximum tasks", "task cap", "tasks cap", "max tasks per person"),
    "status": (
        "status",
        "employment status",
        "employee status",
        "candidate type",
        "internal",
        "internal/external",
        "employee",
        "current employee",
        "type",
        "source",
    ),
    "roles": (
        "applied for",
        "position applied for",
        "role applied for",
        "open to",
        "open to roles",
        "roles",
        "desired role",
        "target role",
        "role",
        "position",
        "title",
        "job title",
        "current title",
    ),
}

# Words that name a field only loosely: a match is reported so the user can check it.
LOOSE_WORDS = frozenset(
    {"rate", "day rate", "pay", "comp", "price", "type", "source", "title", "position", "role", "first", "last", "mail"}
)

_SUFFIXES = ("rating", "ratings", "level", "levels", "score", "scores", "skill", "skills")
HEADER_SCAN_ROWS = 30


def header_key(text: str) -> str:
    """The comparison key of a header: lower-case letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _variants(header: str) -> list[str]:
    """The keys a header may match, most specific first."""
    text = header.strip().lower()
    keys = [header_key(text)]
    outside = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    keys.append(header_key(outside))
    for round_part, square_part in re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", text):
        keys.append(header_key(round_part or square_part))
    more = []
    for key in keys:
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                more.append(key[: -len(suffix)])
    return [k for k in dict.fromkeys(keys + more) if k]


@dataclass(frozen=True)
class HeaderMatch:
    """A header's target and, for a loose match, how it was taken (for the warning); ``""`` when exact."""

    target: ColumnTarget
    loose: str = ""


@dataclass(frozen=True)
class HeaderDictionary:
    """Every known header key of a catalog -> its target (``aliases``: keys that are skill aliases)."""

    targets: dict[str, ColumnTarget]
    aliases: frozenset[str] = frozenset()
    loose_fields: frozenset[str] = frozenset()

    @classmethod
    def for_catalog(cls, catalog: Catalog) -> HeaderDictionary:
        targets: dict[str, ColumnTarget] = {}
        for kind, words in FIELD_HEADERS.items():
            for word in words:
                targets[header_key(word)] = ColumnTarget(kind)
        # Skills after fields so a skill alias never hides "name"; ids and names before aliases.
        for skill in catalog.skills:
            for word in (skill.id, skill.name):
                targets.setdefault(header_key(word), ColumnTarget("skill", skill.id))
        aliases = set()
        for skill in catalog.skills:
            for word in skill.aliases:
                key = header_key(word)
                if key not in targets:
                    targets[key] = ColumnTarget("skill", skill.id)
                    aliases.add(key)
        return cls(targets, frozenset(aliases), frozenset(header_key(w) for w in LOOSE_WORDS))

    def match(self, header: str) -> HeaderMatch:
        """The target of one header (``ignored`` if none) and whether the match is loose.

        A match is loose when the header names a field only vaguely ("Rate" for the cost), or
        when only a shortened form of the header ("Engineering" from "Engineering Level") is
        a skill's alias: a job ladder or a rate of pay must not become a rating unnoticed.
        """
        for position, key in enumerate(_variants(header)):
            found = self.targets.get(key)
            if found is None:
                continue
            if key in self.loose_fields:
                return HeaderMatch(found, "a loose match")
            if position > 0 and key in self.aliases:
                return HeaderMatch(found, f"a loose match (only {key!r} is a known name)")
            return HeaderMatch(found)
        return HeaderMatch(IGNORED)

    def target(self, header: str) -> ColumnTarget:
        """The target of one header, or ``ignored``."""
        return self.match(header).target


def header_score(cells: Sequence[object], dictionary: HeaderDictionary) -> int:
    """How header-like a row is: the number of distinct recognised targets (0 without a name or two skills)."""
    targets = set()
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            target = dictionary.target(cell)
            if target.kind != "ignored":
                targets.add(target)
    kinds = [t.kind for t in targets]
    has_name = "name" in kinds or ("first_name" in kinds and "last_name" in kinds)
    if not has_name and kinds.count("skill") < 2:
        return 0
    return len(targets) + (2 if has_name else 0)


def find_header_row(rows: Sequence[Sequence[object]], dictionary: HeaderDictionary) -> int | None:
    """The 0-based index of the header row among the first rows, or ``None`` if none looks like one."""
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = header_score(row, dictionary)
        if score > best_score:
            best, best_score = index, score
    return best


def map_columns(
    headers: Sequence[object],
    catalog: Catalog,
    dictionary: HeaderDictionary,
    header_row: int,
    overrides: Mapping[str, ColumnTarget] | None = None,
    *,
    hidden: frozenset[int] = frozenset(),
    skip: frozenset[int] = frozenset(),
) -> tuple[list[ColumnMapping], list[ImportProblem]]:
    """Map every header to a target; report ignored, repeated, loose and hidden columns as warnings.

    ``overrides`` maps a header (as written, or any spelling with the same key) to the
    target the user chose; an override to an unknown skill is an error of the caller and
    raises ``ValueError``. Of two columns with the same meaning the first visible one is
    read (a column hidden in the workbook loses to a visible one). Columns in ``skip`` are
    ignored without a word (the caller reports them).
    """
    override_by_key = {header_key(h): t for h, t in (overrides or {}).items()}
    for target in override_by_key.values():
        if target.kind == "skill" and target.skill not in catalog.skill_ids:
            raise ValueError(f"column override: unknown skill {target.skill!r}")
    problems: list[ImportProblem] = []
    used: dict[tuple[str, str | None], str] = {}
    chosen: dict[int, ColumnMapping] = {}
    texts = [cell_text(raw) for raw in headers]
    for index in sorted(range(len(texts)), key=lambda i: (i in hidden, i)):  # visible columns claim first
        header = texts[index]
        key = header_key(header)
        loose = ""
        if index in skip:
            target = IGNORED
        elif key in override_by_key:
            target = override_by_key[key]
        elif header in (overrides or {}):
            target = (overrides or {})[header]
        elif header:
            found = dictionary.match(header)
            target, loose = found.target, found.loose
        else:
            target = IGNORED
        slot = (target.kind, target.skill)

        def warn(message: str, header: str = header) -> None:
            problems.append(ImportProblem(header_row, header, header, Severity.WARNING, message))

        if index in skip:
            pass
        elif target.kind != "ignored" and slot in used:
            warn(f"also maps to {_describe(target, catalog)}, already read from column {used[slot]!r}: ignored")
            target = IGNORED
        elif target.kind != "ignored":
            used[slot] = header
            if loose:
                warn(
                    f"taken for {_describe(target, catalog)} ({loose}): check it, or map the column "
                    "in the import dialog"
                )
            if index in hidden:
                warn(f"the column is hidden in the workbook; it was read as {_describe(target, catalog)}")
        elif header:
            warn(
                "column not recognised as a skill or candidate field: ignored "
                "(map it to a skill in the import dialog if it is one)"
            )
        chosen[index] = ColumnMapping(header, index, target)
    mappings = [chosen[index] for index in range(len(texts))]
    _employee_as_name(mappings, texts)
    return mappings, problems


def _employee_as_name(mappings: list[ColumnMapping], texts: list[str]) -> None:
    """An "Employee" column is the status, unless no other column holds the names: then it is the name."""
    kinds = {m.target.kind for m in mappings}
    if "name" in kinds or {"first_name", "last_name"} <= kinds:
        return
    for position, mapping in enumerate(mappings):
        if header_key(texts[position]) == "employee" and mapping.target.kind == "status":
            mappings[position] = ColumnMapping(mapping.header, mapping.index, ColumnTarget("name"))
            return


def _describe(target: ColumnTarget, catalog: Catalog) -> str:
    if target.kind == "skill" and target.skill is not None:
        return f"the skill {catalog.skill(target.skill).name}"
    return {
        "status": "the status (employee or applicant)",
        "roles": "the roles the person is open to",
    }.get(target.kind, f"the {target.kind.replace('_', ' ')}")
