"""Job titles to catalog roles: which roles a person who applied for "Senior Data Scientist" is open to.

A title is compared with each role's id, name and aliases (the Playbook's terminology
lists: "software engineer - machine learning", "research scientist"…) after lower-casing
and dropping punctuation and seniority words (Senior, Lead, II…). A title that is a role's
own name ("Machine Learning Engineer") opens only that role, even when the same words are
in another role's terminology; a title that names several roles' terminology otherwise
opens all of them; one that fits none is reported and leaves the person open to every role.
The GUI import dialog shows :meth:`RoleTitles.describe`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from planner.model.catalog import Catalog

SEPARATORS = re.compile(r"[,;/|]")
_SENIORITY = frozenset(
    {"senior", "sr", "junior", "jr", "lead", "principal", "staff", "chief", "head", "of", "intern", "associate"}
    | {"i", "ii", "iii", "iv", "1", "2", "3", "4", "entry", "level", "mid", "graduate", "trainee"}
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[0-9a-z]+", text.lower()))


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in _SENIORITY)


@dataclass(frozen=True)
class TitleMatch:
    """One job title as written and the role ids it opens (empty: none fits)."""

    title: str
    roles: tuple[str, ...]


class RoleTitles:
    """The catalog's role terminology, ready to read job titles."""

    def __init__(self, catalog: Catalog) -> None:
        self.names = {role.id: role.name for role in catalog.roles}
        self.order = {role.id: i for i, role in enumerate(catalog.roles)}
        terms: dict[tuple[str, ...], set[str]] = {}
        own_names: dict[tuple[str, ...], set[str]] = {}
        for role in catalog.roles:
            for term in (role.id.replace("_", " "), role.name):
                if core := _core(_words(term)):
                    own_names.setdefault(core, set()).add(role.id)
            for term in role.aliases:
                if core := _core(_words(term)):
                    terms.setdefault(core, set()).add(role.id)
        terms.update(own_names)  # a role's own name opens that role only, whatever other roles' terminology says
        self.terms = terms

    def roles_for(self, title: str) -> tuple[str, ...]:
        """The role ids one title opens, in catalog order (empty when it fits none)."""
        core = _core(_words(title))
        if not core:
            return ()
        found = self.terms.get(core)
        if found is None:
            # The longest terminology phrase inside the title ("Data Scientist, NLP team").
            best: tuple[int, set[str]] = (0, set())
            for term, roles in self.terms.items():
                if len(term) >= best[0] and _contains(core, term):
                    best = (len(term), roles if len(term) > best[0] else best[1] | roles)
            found = best[1]
        return tuple(sorted(found, key=self.order.__getitem__))

    def read_cell(self, text: str) -> tuple[tuple[str, ...], list[str]]:
        """(role ids opened by every title in the cell, the titles that fit no role)."""
        roles: set[str] = set()
        unknown = []
        for title in (part.strip() for part in SEPARATORS.split(text)):
            if not title:
                continue
            opened = self.roles_for(title)
            if opened:
                roles.update(opened)
            else:
                unknown.append(title)
        return tuple(sorted(roles, key=self.order.__getitem__)), unknown

    def match_all(self, titles: Iterable[str]) -> list[TitleMatch]:
        """Each distinct title (split on , ; / |) with the roles it opens, in first-seen order."""
        seen: dict[str, TitleMatch] = {}
        for text in titles:
            for title in (part.strip() for part in SEPARATORS.split(text)):
                if title and title.casefold() not in seen:
                    seen[title.casefold()] = TitleMatch(title, self.roles_for(title))
        return list(seen.values())

    def describe(self, match: TitleMatch) -> str:
        """``"Research Scientist → Data Scientist, Data Analyst, …"`` (or why it opens every role)."""
        if not match.roles:
            return f"{match.title} → no catalog role fits: open to every role"
        return f"{match.title} → {', '.join(self.names[r] for r in match.roles)}"


def _contains(words: tuple[str, ...], term: tuple[str, ...]) -> bool:
    size = len(term)
    return any(words[i : i + size] == term for i in range(len(words) - size + 1))
