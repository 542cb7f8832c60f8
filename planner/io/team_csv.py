"""The selected team as a CSV file (UTF-8 with BOM so Excel shows accents; comma-separated).

Columns: Name, Assigned role, Tasks, Annual cost, Email, Status (employee or applicant),
Role fit, Covers, then one rating column per catalog skill, so the file also imports back
as a candidate list. Every cell that starts like a formula (``=``, ``+``, ``-``, ``@``) or
with a tab or carriage return is prefixed with an apostrophe, the usual defence against
CSV formula injection — names, and also the role, task and skill names, which come from
the project's embedded catalog (a shared project is someone else's file). The importer
removes that apostrophe again.
"""

from __future__ import annotations

import csv
from pathlib import Path

from planner.io.atomic_write import write_atomically
from planner.io.xlsx_style import FORMULA_STARTS, ExportError
from planner.model.plan import Plan
from planner.model.project import Project

CSV_ENCODING = "utf-8-sig"


def csv_safe(text: str) -> str:
    """Text that no spreadsheet will evaluate as a formula."""
    return "'" + text if text.startswith((*FORMULA_STARTS, "\t", "\r")) else text


def team_rows(project: Project, plan: Plan) -> list[list[str]]:
    """The header and one row per team member, as text."""
    catalog = project.catalog
    task_names = {t.id: t.name for t in catalog.tasks}
    skill_names = {s.id: s.name for s in catalog.skills}
    role_names = {r.id: r.name for r in catalog.roles}
    people = {c.name: c for c in project.candidates}
    header = [
        "Name",
        "Assigned role",
        "Tasks",
        "Annual cost",
        "Email",
        "Status",
        "Role fit",
        "Covers",
        *[s.name for s in catalog.skills],
    ]
    rows = [header]
    for m in plan.team:
        person = people.get(m.candidate)
        covers = "; ".join(
            f"{task_names.get(c.task, c.task)}: {skill_names.get(c.skill, c.skill)} {c.level}" for c in m.covers
        )
        ratings = [
            "" if person is None or s.id not in person.ratings else f"{person.ratings[s.id]:g}" for s in catalog.skills
        ]
        rows.append(
            [
                m.candidate,
                role_names.get(m.role, m.role),
                "; ".join(task_names.get(t, t) for t in m.tasks),
                "" if m.cost is None else f"{m.cost:g}",
                person.email if person else "",
                person.status.value if person else "",
                f"{m.fit:.2f}",
                covers,
                *ratings,
            ]
        )
    return [[csv_safe(cell) for cell in row] for row in rows]  # every cell: catalog names come from shared files


def export_team_csv(project: Project, plan: Plan, path: Path) -> None:
    """Write the team CSV to ``path`` atomically; raises ``ExportError`` if it cannot."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    rows = team_rows(project, plan)

    def write(temp: Path) -> None:
        with temp.open("w", encoding=CSV_ENCODING, newline="") as out:
            csv.writer(out).writerows(rows)

    try:
        write_atomically(path, write)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the file: {exc.strerror or exc}") from exc
