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

from planner.io.import_report import IGNORED, ColumnMapping, ColumnTarget, ImportProblem, Severity
from planner.io.rating_parse import PercentValue
from planner.model.catalog import Catalog

FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "fullname",
        "candidate",
        "candidate name",
        "person",
        "employee",
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
}

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
class HeaderDictionary:
    """Every known header key of a catalog -> its target."""

    targets: dict[str, ColumnTarget]

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
        for skill in catalog.skills:
            for word in skill.aliases:
                targets.setdefault(header_key(word), ColumnTarget("skill", skill.id))
        return cls(targets)

    def target(self, header: str) -> ColumnTarget:
        """The target of one header, or ``ignored``."""
        for key in _variants(header):
            found = self.targets.get(key)
            if found is not None:
                return found
        return IGNORED


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


def cell_text(value: object) -> str:
    """A header or cell as text (numbers without a spurious ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, PercentValue):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def map_columns(
    headers: Sequence[object],
    catalog: Catalog,
    dictionary: HeaderDictionary,
    header_row: int,
    overrides: Mapping[str, ColumnTarget] | None = None,
) -> tuple[list[ColumnMapping], list[ImportProblem]]:
    """Map every header to a target; report ignored and repeated columns as warnings.

    ``overrides`` maps a header (as written, or any spelling with the same key) to the
    target the user chose; an override to an unknown skill is an error of the caller and
    raises ``ValueError``.
    """
    override_by_key = {header_key(h): t for h, t in (overrides or {}).items()}
    for target in override_by_key.values():
        if target.kind == "skill" and target.skill not in catalog.skill_ids:
            raise ValueError(f"column override: unknown skill {target.skill!r}")
    mappings: list[ColumnMapping] = []
    problems: list[ImportProblem] = []
    used: dict[tuple[str, str | None], str] = {}
    for index, raw in enumerate(headers):
        header = cell_text(raw)
        key = header_key(header)
        if key in override_by_key:
            target = override_by_key[key]
        elif header in (overrides or {}):
            target = (overrides or {})[header]
        else:
            target = dictionary.target(header) if header else IGNORED
        slot = (target.kind, target.skill)
        if target.kind != "ignored" and slot in used:
            problems.append(
                ImportProblem(
                    header_row,
                    header,
                    header,
                    Severity.WARNING,
                    f"also maps to {_describe(target, catalog)}, already read from column {used[slot]!r}: ignored",
                )
            )
            target = IGNORED
        elif target.kind != "ignored":
            used[slot] = header
        elif header:
            problems.append(
                ImportProblem(
                    header_row,
                    header,
                    header,
                    Severity.WARNING,
                    "column not recognised as a skill or candidate field: ignored "
                    "(map it to a skill in the import dialog if it is one)",
                )
            )
        mappings.append(ColumnMapping(header, index, target))
    return mappings, problems


def _describe(target: ColumnTarget, catalog: Catalog) -> str:
    if target.kind == "skill" and target.skill is not None:
        return f"the skill {catalog.skill(target.skill).name}"
    return f"the {target.kind.replace('_', ' ')}"
