"""The plan workbook's **Hiring plan** (one requisition per open position) and **Development plan** sheets.

The hiring plan is ready for a recruiter: job title (the Playbook variant's name where one
applies), the role, the tasks, the minimum rating the hire must bring in each skill, annual
and recruiting cost, time to fill, the requirements the position covers and the other titles
the Playbook says companies use for the role (for the job ad). The development plan lists who
is trained in what (from → to), at what cost and for how many weeks. Both end with a total.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.io.plan_sheets import names, title
from planner.io.xlsx_style import BOLD, add_filter, put, set_widths, write_table
from planner.model.money import format_money
from planner.model.plan import Plan
from planner.model.project import Project
from planner.wording import count_text, level_text, min_ratings_text, other_titles, position_title

SHEETS = ("Hiring plan", "Development plan")


def add_hiring_sheets(book: Workbook, project: Project, plan: Plan, money: str) -> None:
    """Append the Hiring plan and Development plan sheets to ``book``."""
    hiring_sheet(book.create_sheet(SHEETS[0]), project, plan, money)
    development_sheet(book.create_sheet(SHEETS[1]), project, plan, money)


def hiring_sheet(ws: Worksheet, project: Project, plan: Plan, money: str) -> None:
    catalog = project.catalog
    task_names, skill_names, role_names = names(catalog)
    top = title(ws, "Hiring plan", "One requisition per open position; costs from the catalog's market data.")
    if not plan.open_positions:
        put(ws, top, 1, "This plan opens no positions.")
        return
    headers = [
        "Requisition",
        "Job title",
        "Playbook role",
        "Tasks",
        "Must bring (minimum rating)",
        "Annual cost",
        "Recruiting cost",
        "Weeks to fill",
        "Covers",
        "Also advertised as",
    ]
    rows = []
    for i, p in enumerate(plan.open_positions, start=1):
        rows.append(
            [
                i,
                position_title(catalog, p),
                role_names.get(p.role, p.role),
                ", ".join(task_names.get(t, t) for t in p.tasks),
                min_ratings_text(catalog, p.min_ratings),
                p.annual_cost,
                p.recruiting_cost,
                p.weeks_to_fill,
                "; ".join(
                    f"{task_names.get(r.task, r.task)} · {skill_names.get(r.skill, r.skill)} ≥ {r.level}"
                    for r in p.covers
                ),
                ", ".join(other_titles(catalog, p.role)),
            ]
        )
    last = write_table(ws, top, headers, rows, formats={5: money, 6: money}, wrap_columns=(1, 3, 4, 8, 9))
    add_filter(ws, top, last, len(headers))
    put(ws, last + 1, 1, "Total", font=BOLD)
    put(ws, last + 1, 6, sum(p.annual_cost for p in plan.open_positions), number_format=money, font=BOLD)
    put(ws, last + 1, 7, sum(p.recruiting_cost for p in plan.open_positions), number_format=money, font=BOLD)
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    set_widths(ws, [11, 28, 24, 24, 40, 12, 12, 9, 40, 40])


def development_sheet(ws: Worksheet, project: Project, plan: Plan, money: str) -> None:
    catalog = project.catalog
    _, skill_names, role_names = names(catalog)
    policy = plan.settings.training
    subtitle = (
        f"Training a level costs {format_money(policy.cost_per_level, project.currency)} and takes "
        f"{count_text(policy.weeks_per_level, 'week')} (assumptions to adjust); at most "
        f"{count_text(policy.max_levels_per_skill, 'level')} per skill, "
        f"{count_text(policy.max_levels_per_person, 'level')} per person."
    )
    top = title(ws, "Development plan", subtitle)
    rows = [
        [
            m.candidate,
            role_names.get(m.role, m.role),
            skill_names.get(t.skill, t.skill),
            t.from_level,
            level_text(catalog, t.to_level),
            t.cost,
            t.weeks,
        ]
        for m in plan.team
        for t in m.training
    ]
    if not rows:
        put(ws, top, 1, "This plan trains nobody.")
        return
    headers = ["Member", "Role", "Skill", "From", "To", "Cost", "Weeks"]
    last = write_table(ws, top, headers, rows, formats={5: money}, wrap_columns=(0, 1))
    add_filter(ws, top, last, len(headers))
    put(ws, last + 1, 1, "Total", font=BOLD)
    put(ws, last + 1, 6, plan.training_cost, number_format=money, font=BOLD)
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    set_widths(ws, [24, 24, 22, 8, 16, 12, 8])
