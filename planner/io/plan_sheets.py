"""The table sheets of the plan workbook: Team, Coverage, Gaps & hires, Requirements,
Candidates and Catalog, plus the coverage status every sheet agrees on.

Coverage status of a requirement (met, thin, missing) is :func:`planner.analyses.coverage.coverage_status`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from planner.analyses.coverage import coverage_status
from planner.io.xlsx_style import (
    BOLD,
    GREY_FILL,
    HEADER_ALIGNMENT,
    HEADER_FILL,
    HEADER_FONT,
    RATING_FORMAT,
    SECTION_FONT,
    SELECTED_FILL,
    STATUS_FILLS,
    STATUS_FONTS,
    TITLE_FONT,
    WRAP,
    add_filter,
    put,
    rotate_headers,
    set_widths,
    write_table,
)
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.plan import Coverage, Plan
from planner.model.project import Project
from planner.model.requirements import Requirement
from planner.wording import staff_or_hire

CENTER = Alignment(horizontal="center", vertical="top")
STATUS_WORDS = {"met": "met", "thin": "thin", "missing": "missing"}
LEGEND = (
    ("met", "covered with a spare: more people than the redundancy minimum"),
    ("thin", "covered by exactly the minimum: one person leaving opens a gap"),
    ("missing", "nobody on the team covers it: hire or relax the requirement"),
)


@dataclass(frozen=True)
class CoverageRow:
    """One requirement as the workbook shows it."""

    requirement: Requirement
    best: float | None  # best rating among team members on the task (None: nobody on the task)
    covered_by: tuple[str, ...]
    status: str


def names(catalog: Catalog) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Display names of tasks, skills and roles by id."""
    return (
        {t.id: t.name for t in catalog.tasks},
        {s.id: s.name for s in catalog.skills},
        {r.id: r.name for r in catalog.roles},
    )


def candidates_by_name(project: Project) -> dict[str, Candidate]:
    return {c.name: c for c in project.candidates}


def coverage_rows(project: Project, plan: Plan) -> list[CoverageRow]:
    """Every requirement of the plan with its best level, who covers it and its status."""
    people = candidates_by_name(project)
    uncovered = {r.key for r in plan.uncovered}
    rows = []
    for req in plan.requirements:
        on_task = [m for m in plan.team if req.task in m.tasks]
        ratings = [people[m.candidate].rating(req.skill) for m in on_task if m.candidate in people]
        ratings += [c.rating for m in on_task if m.candidate not in people for c in m.covers if c.skill == req.skill]
        covered_by = tuple(m.candidate for m in plan.team for c in m.covers if (c.task, c.skill) == req.key)
        count = plan.coverage_counts.get(req.key, len(covered_by))
        needed = plan.settings.members_needed(req.task, req.skill)
        status = "missing" if req.key in uncovered else coverage_status(count, needed).value
        rows.append(CoverageRow(req, max(ratings) if ratings else None, covered_by, status))
    return rows


def title(ws: Worksheet, text: str, subtitle: str = "") -> int:
    """A sheet title (and subtitle); returns the first free row."""
    put(ws, 1, 1, text, font=TITLE_FONT)
    if subtitle:
        put(ws, 2, 1, subtitle)
        return 4
    return 3


def team_sheet(ws: Worksheet, project: Project, plan: Plan, money: str) -> None:
    task_names, skill_names, role_names = names(project.catalog)
    people = candidates_by_name(project)
    skills = _required_skills(project.catalog, plan.requirements)
    headers = ["Member", "Role", "Tasks", "Annual cost", "Role fit", *[skill_names[s] for s in skills], "Covers"]
    headers.append("Staff or hire")
    rows = []
    for m in plan.team:
        person = people.get(m.candidate)
        covers = _covers_text(m.covers, task_names, skill_names)
        rows.append(
            [
                m.candidate,
                role_names.get(m.role, m.role),
                ", ".join(task_names.get(t, t) for t in m.tasks),
                m.cost,
                round(m.fit, 2),
                *[person.ratings.get(s) if person else None for s in skills],
                covers,
                staff_or_hire(m.employee).capitalize(),
            ]
        )
    formats = {3: money, 4: "0%", **{5 + i: RATING_FORMAT for i in range(len(skills))}}
    last = write_table(ws, 1, headers, rows, formats=formats, wrap_columns=(1, 2, len(headers) - 2))
    add_filter(ws, 1, last, len(headers))
    put(ws, last + 1, 1, "Total", font=BOLD)
    put(ws, last + 1, 4, plan.total_cost, number_format=money, font=BOLD)
    ws.freeze_panes = "B2"
    set_widths(ws, [22, 22, 24, 12, 8, *[6.5] * len(skills), 40, 14])
    rotate_headers(ws, 1, 6, len(skills))


def coverage_grid_sheet(ws: Worksheet, project: Project, plan: Plan, coverage: Sequence[CoverageRow]) -> None:
    """Task × skill grid: each required cell reads "best / required", coloured by status."""
    task_names, skill_names, _ = names(project.catalog)
    top = title(
        ws,
        "Coverage: best rating on the team / required level",
        "Each cell: best rating among the "
        "people on that task / the level required. Colour: see the legend below the grid.",
    )
    skills = _required_skills(project.catalog, plan.requirements)
    tasks = [t for t in project.catalog.task_ids if any(r.task == t for r in plan.requirements)]
    by_key = {row.requirement.key: row for row in coverage}
    write_table(ws, top, ["Task", *[skill_names[s] for s in skills]], [])
    for r, task in enumerate(tasks, start=top + 1):
        put(ws, r, 1, task_names.get(task, task), font=BOLD)
        for c, skill in enumerate(skills, start=2):
            row = by_key.get((task, skill))
            if row is None:
                put(ws, r, c, "", fill=GREY_FILL)
                continue
            best = "–" if row.best is None else f"{row.best:g}"
            cell = put(
                ws,
                r,
                c,
                f"{best} / {row.requirement.level}",
                fill=STATUS_FILLS[row.status],
                font=STATUS_FONTS[row.status],
            )
            cell.alignment = CENTER
    legend = top + len(tasks) + 2
    put(ws, legend, 1, "Legend", font=SECTION_FONT)
    last_column = max(2, len(skills) + 1)
    for i, (status, meaning) in enumerate(LEGEND, start=legend + 1):
        put(ws, i, 1, status, fill=STATUS_FILLS[status], font=STATUS_FONTS[status])
        put(ws, i, 2, meaning)
        ws.merge_cells(start_row=i, start_column=2, end_row=i, end_column=last_column)  # text, not a column
    put(ws, legend + 4, 1, "grey", fill=GREY_FILL)
    put(ws, legend + 4, 2, "not required for this task")
    ws.merge_cells(start_row=legend + 4, start_column=2, end_row=legend + 4, end_column=last_column)
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    set_widths(ws, [22])
    rotate_headers(ws, top, 2, len(skills), width=7.5)  # skill names upright would need 14 columns of 14


def coverage_detail_sheet(ws: Worksheet, project: Project, coverage: Sequence[CoverageRow]) -> None:
    task_names, skill_names, _ = names(project.catalog)
    headers = [
        "Task",
        "Skill",
        "Required level",
        "Must-have",
        "Best on team",
        "Covered by",
        "People covering",
        "Status",
    ]
    rows = [
        [
            task_names.get(r.requirement.task, r.requirement.task),
            skill_names.get(r.requirement.skill, r.requirement.skill),
            r.requirement.level,
            "yes" if r.requirement.must_have else "nice to have",
            r.best,
            ", ".join(r.covered_by),
            len(r.covered_by),
            STATUS_WORDS[r.status],
        ]
        for r in coverage
    ]
    last = write_table(ws, 1, headers, rows, formats={4: RATING_FORMAT})
    for i, r in enumerate(coverage, start=2):
        ws.cell(row=i, column=8).fill = STATUS_FILLS[r.status]
        ws.cell(row=i, column=8).font = STATUS_FONTS[r.status]
    add_filter(ws, 1, last, len(headers))
    ws.freeze_panes = "A2"
    set_widths(ws, [22, 24, 10, 13, 11, 40, 10, 10])


def gaps_sheet(ws: Worksheet, project: Project, plan: Plan) -> None:
    task_names, skill_names, role_names = names(project.catalog)
    top = title(ws, "Gaps & hires")
    put(ws, top, 1, "Uncovered requirements", font=SECTION_FONT)
    if plan.uncovered:
        rows = []
        for req in plan.uncovered:
            best = max(project.candidates, key=lambda c: c.rating(req.skill), default=None)
            rows.append(
                [
                    task_names.get(req.task, req.task),
                    skill_names.get(req.skill, req.skill),
                    req.level,
                    "yes" if req.must_have else "nice to have",
                    best.rating(req.skill) if best else None,
                    best.name if best else "",
                ]
            )
        headers = ["Task", "Skill", "Required level", "Must-have", "Best rating in the pool", "Held by"]
        last = write_table(ws, top + 1, headers, rows, formats={4: RATING_FORMAT})
        add_filter(ws, top + 1, last, len(headers))
    else:
        last = top + 1
        put(ws, last, 1, "None: the team covers every requirement.")
    top = last + 3
    put(ws, top, 1, "Recommended positions to open", font=SECTION_FONT)
    if plan.hire_recommendations:
        _hires_table(ws, top + 1, plan, task_names, skill_names, role_names)
    else:
        put(ws, top + 1, 1, "None needed." if not plan.uncovered else "No recommendation in this plan.")
    set_widths(ws, [24, 24, 14, 14, 22, 24])


def _hires_table(
    ws: Worksheet,
    top: int,
    plan: Plan,
    task_names: dict[str, str],
    skill_names: dict[str, str],
    role_names: dict[str, str],
) -> None:
    """Role | Tasks | Minimum ratings (C:D) | Covers (E:F), one line per rating and per requirement."""
    spans = ((1, 1), (2, 2), (3, 4), (5, 6))
    for (first, last), header in zip(spans, ("Position (role)", "Tasks", "Minimum ratings", "Covers"), strict=True):
        put(ws, top, first, header, font=HEADER_FONT, fill=HEADER_FILL).alignment = HEADER_ALIGNMENT
        if last > first:
            ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    for row, hire in enumerate(plan.hire_recommendations, start=top + 1):
        texts = (
            role_names.get(hire.role, hire.role),
            "\n".join(task_names.get(t, t) for t in hire.tasks),
            "\n".join(f"{skill_names.get(k, k)} ≥ {level}" for k, level in hire.min_ratings.items()),
            "\n".join(f"{task_names.get(r.task, r.task)}: {skill_names.get(r.skill, r.skill)}" for r in hire.covers),
        )
        for (first, last), text in zip(spans, texts, strict=True):
            put(ws, row, first, text).alignment = WRAP
            if last > first:
                ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        ws.row_dimensions[row].height = 15 * max(1, *(text.count("\n") + 1 for text in texts))


def requirements_sheet(ws: Worksheet, project: Project, coverage: Sequence[CoverageRow]) -> None:
    catalog = project.catalog
    task_names, skill_names, _ = names(catalog)
    headers = ["Task", "Skill", "Level", "Level name", "Must-have", "Status"]
    rows = [
        [
            task_names.get(r.requirement.task, r.requirement.task),
            skill_names.get(r.requirement.skill, r.requirement.skill),
            r.requirement.level,
            catalog.scale.name_of(r.requirement.level),
            "yes" if r.requirement.must_have else "nice to have",
            STATUS_WORDS[r.status],
        ]
        for r in coverage
    ]
    last = write_table(ws, 1, headers, rows)
    add_filter(ws, 1, last, len(headers))
    ws.freeze_panes = "A2"
    set_widths(ws, [22, 24, 8, 14, 13, 10])


def candidates_sheet(ws: Worksheet, project: Project, plan: Plan, money: str) -> None:
    catalog = project.catalog
    task_names, _, role_names = names(catalog)
    members = {m.candidate: m for m in plan.team}
    headers = ["Name", "Selected", "Role", "Tasks", "Annual cost", "Email", "Notes", *[s.name for s in catalog.skills]]
    rows = []
    for c in project.candidates:
        m = members.get(c.name)
        rows.append(
            [
                c.name,
                "yes" if m else "no",
                role_names.get(m.role, m.role) if m else "",
                ", ".join(task_names.get(t, t) for t in m.tasks) if m else "",
                c.cost,
                c.email,
                c.notes,
                *[c.ratings.get(s.id) for s in catalog.skills],
            ]
        )
    formats = {4: money, **{7 + i: RATING_FORMAT for i in range(len(catalog.skills))}}
    last = write_table(ws, 1, headers, rows, formats=formats, wrap_columns=(2, 3, 6))  # role, tasks, notes wrap
    for i, c in enumerate(project.candidates, start=2):
        if c.name in members:
            for col in (1, 2):
                ws.cell(row=i, column=col).fill = SELECTED_FILL
    add_filter(ws, 1, last, len(headers))
    ws.freeze_panes = "B2"
    set_widths(ws, [24, 9, 20, 22, 12, 26, 28])
    rotate_headers(ws, 1, 8, len(catalog.skills))


def catalog_sheet(ws: Worksheet, catalog: Catalog) -> None:
    top = title(ws, catalog.title or "Catalog", catalog.citation)
    put(ws, top, 1, "Skills", font=SECTION_FONT)
    last = write_table(
        ws,
        top + 1,
        ["Id", "Skill", "Description", "Also read as"],
        [[s.id, s.name, s.description, ", ".join(s.aliases)] for s in catalog.skills],
        wrap_columns=(2, 3),
    )
    top = last + 2
    put(ws, top, 1, "Rating scale", font=SECTION_FONT)
    last = write_table(ws, top + 1, ["Rating", "Level"], [[lv.value, lv.name] for lv in catalog.scale.levels])
    top = last + 2
    put(ws, top, 1, "Tasks and subtasks", font=SECTION_FONT)
    _, skill_names, _ = names(catalog)
    rows = [[t.name, s.name, ", ".join(skill_names[k] for k in s.skills)] for t in catalog.tasks for s in t.subtasks]
    last = write_table(ws, top + 1, ["Task", "Subtask", "Skills involved"], rows, wrap_columns=(1, 2))
    top = last + 2
    put(ws, top, 1, "Roles", font=SECTION_FONT)
    task_names, _, _ = names(catalog)
    rows = [
        [
            r.name,
            ", ".join(f"{task_names[t]} ({rt.involvement.value})" for t, rt in r.tasks.items()),
            ", ".join(f"{skill_names[s]} {v.level}" for s, v in r.profile.items() if v.level > 0),
        ]
        for r in catalog.roles
    ]
    write_table(ws, top + 1, ["Role", "Tasks", "Profile (typical ratings)"], rows, wrap_columns=(1, 2))
    set_widths(ws, [30, 40, 60, 50])


def _covers_text(covers: Sequence[Coverage], task_names: dict[str, str], skill_names: dict[str, str]) -> str:
    """One line per task: "Modeling: Machine Learning 4, Deep Learning 3" (the required levels)."""
    by_task: dict[str, list[str]] = {}
    for c in covers:
        by_task.setdefault(c.task, []).append(f"{skill_names.get(c.skill, c.skill)} {c.level}")
    return "\n".join(f"{task_names.get(t, t)}: {', '.join(items)}" for t, items in by_task.items())


def _required_skills(catalog: Catalog, requirements: Sequence[Requirement]) -> list[str]:
    wanted = {r.skill for r in requirements}
    return [s for s in catalog.skill_ids if s in wanted]
