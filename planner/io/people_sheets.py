"""The people sheets of the plan workbook: Offers (applicants to make an offer to) and Growth.

*Offers* lists the applicants on the team, the people HR makes an offer to, with their role,
tasks, cost and role fit (current staff move into their role without an offer). *Growth*
has one row per person: their role in the plan (if any) and the skills to raise to reach
that role's Playbook profile, and the role they fit best with its steps; the project's
skills come first (:mod:`planner.analyses.growth`).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from planner.analyses.growth import GrowthTable, needed_skills
from planner.io.xlsx_style import BOLD, add_filter, put, set_widths, write_table
from planner.model.plan import Plan
from planner.model.project import Project
from planner.wording import count_text, growth_steps_text, open_to_text, status_word

PEOPLE_SHEETS = ("Offers", "Growth")


def offers_sheet(ws: Worksheet, project: Project, plan: Plan, money: str) -> None:
    """Applicants on the team: name, role, tasks, cost, role fit, email, what they applied for."""
    catalog = project.catalog
    people = {c.name: c for c in project.candidates}
    offers = [m for m in plan.team if not m.employee]
    put(ws, 1, 1, "Offers: applicants on the team to make an offer to", font=BOLD)
    staff = len(plan.team) - len(offers)
    need = "is current staff and needs" if staff == 1 else "are current staff and need"
    put(ws, 2, 1, f"{count_text(len(offers), 'offer')}; {count_text(staff, 'member')} {need} no offer.")
    headers = ["Applicant", "Role", "Tasks", "Annual cost", "Role fit", "Email", "Open to"]
    rows = []
    for m in offers:
        person = people.get(m.candidate)
        rows.append(
            [
                m.candidate,
                catalog.role(m.role).name if m.role in catalog.role_ids else m.role,
                ", ".join(catalog.task(t).name if t in catalog.task_ids else t for t in m.tasks),
                m.cost,
                round(m.fit, 2),
                person.email if person else "",
                open_to_text(catalog, person.roles) if person else "",
            ]
        )
    last = write_table(ws, 4, headers, rows, formats={3: money, 4: "0%"}, wrap_columns=(2, 6))
    add_filter(ws, 4, last, len(headers))
    if offers:
        put(ws, last + 1, 1, "Total", font=BOLD)
        put(ws, last + 1, 4, sum(m.cost or 0.0 for m in offers), number_format=money, font=BOLD)
    ws.freeze_panes = "B5"
    ws.print_title_rows = "4:4"
    set_widths(ws, [24, 30, 30, 13, 9, 28, 30])


def growth_sheet(ws: Worksheet, project: Project, plan: Plan) -> None:
    """One row per person (the team first): the skills to raise for their role and for their best fit."""
    catalog = project.catalog
    table = GrowthTable(catalog, needed_skills(plan.requirements))
    members = {m.candidate: m for m in plan.team}
    people = sorted(project.candidates, key=lambda c: (c.name not in members, c.name.casefold()))
    headers = [
        "Person",
        "Staff or applicant",
        "Role in the plan",
        "To grow into that role",
        "Best-fitting role",
        "Fit",
        "To grow into the best-fitting role",
    ]
    rows = []
    for person in people:
        best = table.best_role(person)
        member = members.get(person.name)
        assigned = catalog.role(member.role) if member is not None and member.role in catalog.role_ids else None
        rows.append(
            [
                person.name,
                status_word(person.status),
                assigned.name if assigned else "",
                growth_steps_text(catalog, table.steps(person, assigned)) if assigned else "",
                best[0].name if best else "",
                round(best[1], 2) if best else None,
                growth_steps_text(catalog, table.steps(person, best[0])) if best else "",
            ]
        )
    last = write_table(ws, 1, headers, rows, formats={5: "0%"}, wrap_columns=(3, 6))
    add_filter(ws, 1, last, len(headers))
    ws.freeze_panes = "B2"
    ws.print_title_rows = "1:1"
    set_widths(ws, [24, 12, 26, 48, 26, 8, 48])
