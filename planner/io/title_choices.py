"""The roles the user chose for each job title in an import, applied to its candidates.

The importer maps every title in the roles column ("Applied for", "Position"…) to catalog
roles (:mod:`planner.io.role_titles`) and reports each distinct title with the roles it
opens. The import dialog lets the user change that: ``apply_title_choices`` rebuilds each
imported candidate's roles from the cell text with the chosen roles per title (a title
left alone keeps the importer's roles). A person whose titles open no role stays open to
every role, as on import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from planner.io.import_report import ImportReport
from planner.io.role_titles import SEPARATORS
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog


def title_key(title: str) -> str:
    """How titles are compared (the importer lists each distinct title once, ignoring case)."""
    return title.strip().casefold()


def imported_title_roles(report: ImportReport) -> dict[str, tuple[str, ...]]:
    """The roles the importer gave each title, by :func:`title_key`."""
    return {title_key(m.title): m.roles for m in report.role_titles}


def apply_title_choices(
    report: ImportReport, choices: Mapping[str, tuple[str, ...]], catalog: Catalog
) -> list[Candidate]:
    """The report's candidates, each open to the roles chosen for their titles (catalog order)."""
    column = next((c.index for c in report.columns if c.target.kind == "roles"), None)
    if column is None or not choices:
        return report.candidates
    roles_of = {**imported_title_roles(report), **{title_key(k): v for k, v in choices.items()}}
    order = {role_id: i for i, role_id in enumerate(catalog.role_ids)}
    out = []
    for row in report.rows:
        if row.candidate is None:
            continue
        text = row.values[column] if column < len(row.values) else ""
        roles: set[str] = set()
        for title in SEPARATORS.split(text):
            if title.strip():
                roles.update(roles_of.get(title_key(title), ()))
        chosen = tuple(sorted(roles, key=lambda r: order.get(r, len(order))))
        out.append(row.candidate if chosen == row.candidate.roles else replace(row.candidate, roles=chosen))
    return out
