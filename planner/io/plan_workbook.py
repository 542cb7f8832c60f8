"""The staffing plan as an Excel workbook a manager can read without the app.

Sheets: Summary (the project, the status and the numbers, with coverage-by-task and
team-vs-requirement charts), Comparison and Trade-off (when there are solved scenarios or
a curve), Team, Coverage (task × skill grid), Coverage detail, Gaps &
hires, Requirements, Candidates (all, with a "Selected" column), Catalog, Hiring plan and
Development plan (:mod:`planner.io.hiring_sheets`). Headers are
frozen, tables filterable, costs in currency format, every sheet prints landscape and one
page wide. Text is never written as a formula. The file is replaced atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from planner.analyses.scenarios import compare_scenarios
from planner.analyses.tradeoff import TradeoffAxis, TradeoffPoint
from planner.io.hiring_sheets import add_hiring_sheets
from planner.io.people_sheets import PEOPLE_SHEETS, growth_sheet, offers_sheet
from planner.io.plan_sheets import (
    CoverageRow,
    candidates_sheet,
    catalog_sheet,
    coverage_detail_sheet,
    coverage_grid_sheet,
    coverage_rows,
    gaps_sheet,
    names,
    requirements_sheet,
    team_sheet,
)
from planner.io.whatif_sheets import comparison_sheet, tradeoff_sheet
from planner.io.xlsx_style import (
    BOLD,
    FONT_NAME,
    RATING_FORMAT,
    SECTION_FONT,
    STATUS_COLOURS,
    TITLE_FONT,
    currency_format,
    finish_for_print,
    put,
    save_atomically,
    set_widths,
    write_table,
)
from planner.model.money import excel_money_format
from planner.model.plan import Plan
from planner.model.project import Project
from planner.wording import constraint_texts, hire_text, number_text, plan_status_text, requirement_text

DATA_COLUMN = 16  # column P: the Summary's chart data, right of its printed page
VERDICT_FONT = Font(name=FONT_NAME, bold=True, size=12)
SHEETS = (
    "Summary",
    "Team",
    "Coverage",
    "Coverage detail",
    "Gaps & hires",
    "Requirements",
    "Candidates",
    "Catalog",
)


def status_text(plan: Plan) -> str:
    """The plan's status in a manager's words (the app's own status line)."""
    return plan_status_text(plan)


def constraints_text(project: Project, plan: Plan, money: str) -> str:
    """The solve's limits, phrased as the app and the command line phrase them."""
    symbol = money.split('"')[1] if money.count('"') == 2 else ""
    return "; ".join(constraint_texts(plan.settings, lambda amount: f"{symbol}{number_text(amount)}"))


def build_plan_workbook(
    project: Project,
    plan: Plan,
    *,
    currency: str | None = None,  # a symbol; None: the project's currency
    exported_at: datetime | None = None,
    tradeoff: Sequence[TradeoffPoint] = (),
    tradeoff_axis: TradeoffAxis = TradeoffAxis.BUDGET,
) -> Workbook:
    """The plan workbook in memory (see the module docstring for its sheets).

    A Comparison sheet is added when a scenario has a plan, a Trade-off sheet when
    ``tradeoff`` points are given.
    """
    money = currency_format(currency) if currency is not None else excel_money_format(project.currency)
    coverage = coverage_rows(project, plan)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SHEETS[0]
    stamp = exported_at or datetime.now().replace(microsecond=0)
    _summary_sheet(summary, project, plan, coverage, money, stamp)
    team_sheet(book.create_sheet(SHEETS[1]), project, plan, money)
    coverage_grid_sheet(book.create_sheet(SHEETS[2]), project, plan, coverage)
    coverage_detail_sheet(book.create_sheet(SHEETS[3]), project, coverage)
    gaps_sheet(book.create_sheet(SHEETS[4]), project, plan)
    requirements_sheet(book.create_sheet(SHEETS[5]), project, coverage)
    candidates_sheet(book.create_sheet(SHEETS[6]), project, plan, money)
    catalog_sheet(book.create_sheet(SHEETS[7]), project.catalog)
    offers_sheet(book.create_sheet(PEOPLE_SHEETS[0], 2), project, plan, money)
    growth_sheet(book.create_sheet(PEOPLE_SHEETS[1], book.sheetnames.index("Candidates") + 1), project, plan)
    add_hiring_sheets(book, project, plan, money)
    if any(s.plan is not None for s in project.scenarios):
        comparison_sheet(book.create_sheet("Comparison", 1), project, compare_scenarios(project), money)
    if tradeoff:
        tradeoff_sheet(
            book.create_sheet("Trade-off", 2 if "Comparison" in book.sheetnames else 1),
            project,
            tradeoff,
            tradeoff_axis,
            money,
        )
    # Last, so that every sheet gets it, whoever added the sheet.
    finish_for_print(book, project.name, stamp, one_page=(SHEETS[0],))
    return book


def export_plan_workbook(
    project: Project,
    plan: Plan,
    path: Path,
    *,
    currency: str | None = None,  # a symbol; None: the project's currency
    exported_at: datetime | None = None,
    tradeoff: Sequence[TradeoffPoint] = (),
    tradeoff_axis: TradeoffAxis = TradeoffAxis.BUDGET,
) -> None:
    """Write the plan workbook to ``path`` (atomically); raises ``ExportError`` if it cannot."""
    book = build_plan_workbook(
        project, plan, currency=currency, exported_at=exported_at, tradeoff=tradeoff, tradeoff_axis=tradeoff_axis
    )
    save_atomically(book, Path(path))


def _summary_sheet(
    ws: Worksheet, project: Project, plan: Plan, coverage: Sequence[CoverageRow], money: str, exported_at: datetime
) -> None:
    catalog = project.catalog
    task_names, skill_names, _ = names(catalog)
    try:
        kind = catalog.kind(project.kind).name
    except KeyError:
        kind = project.kind
    put(ws, 1, 1, f"Staffing plan: {project.name}", font=TITLE_FONT)
    musts = [r for r in plan.uncovered if r.must_have]
    facts: list[tuple[str, object, str | None]] = [
        ("Project", project.name, None),
        ("Kind", kind, None),
        ("Tasks", ", ".join(task_names.get(t, t) for t in project.tasks), None),
        ("Constraints", constraints_text(project, plan, money), None),
        ("Status", status_text(plan), None),
        ("Solve time (s)", round(plan.solve_seconds, 1), "0.0"),
        ("Headcount", plan.headcount, "0"),
        ("Total annual cost", plan.total_cost, money),
        ("…people", plan.people_cost, money),
        ("…open positions (annual + recruiting)", plan.positions_cost, money),
        ("…training", plan.training_cost, money),
        ("Requirements", len(plan.requirements), "0"),
        ("Uncovered requirements", len(plan.uncovered), "0"),
        ("…of which must-have", len(musts), "0"),
        ("Open positions", len(plan.open_positions), "0"),
        ("Positions beyond the plan (advice)", len(plan.hire_recommendations), "0"),
        ("Candidates considered", len(project.candidates), "0"),
        ("Exported", exported_at, "yyyy-mm-dd hh:mm"),
    ]
    for r, (label, value, fmt) in enumerate(facts, start=3):
        put(ws, r, 1, label, font=BOLD).alignment = Alignment(vertical="top")
        cell = put(ws, r, 2, value, number_format=fmt, wrap=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)
        if isinstance(value, str):  # merged cells: the height is ours to set
            ws.row_dimensions[r].height = 15 * max(1, -(-len(value) // 62))
    put(ws, 2, 1, status_text(plan), font=VERDICT_FONT)  # the verdict first, in words
    top = _summary_lists(ws, project, plan, money, 3 + len(facts) + 1)
    # The charts' numbers live right of the printed page (columns P on), the charts on it.
    tasks = [t for t in catalog.task_ids if any(r.task == t for r in plan.requirements)]
    rows = [
        [
            task_names.get(t, t),
            *[
                sum(1 for c in coverage if c.requirement.task == t and c.status == s)
                for s in ("met", "thin", "missing")
            ],
        ]
        for t in tasks
    ]
    put(ws, 1, DATA_COLUMN, "Chart data: coverage by task", font=SECTION_FONT)
    task_top = 2
    task_last = write_table(ws, task_top, ["Task", "Met", "Thin", "Missing"], rows, left=DATA_COLUMN)
    skills = [s for s in catalog.skill_ids if any(r.skill == s for r in plan.requirements)]
    people = {c.name: c for c in project.candidates}
    rows = []
    for skill in skills:
        required = max(r.requirement.level for r in coverage if r.requirement.skill == skill)
        best = max((people[m.candidate].rating(skill) for m in plan.team if m.candidate in people), default=0.0)
        rows.append([skill_names.get(skill, skill), required, best])
    put(
        ws,
        task_last + 2,
        DATA_COLUMN,
        "Chart data: skills, highest required level vs best on the team",
        font=SECTION_FONT,
    )
    skill_top = task_last + 3
    skill_last = write_table(
        ws, skill_top, ["Skill", "Required", "Best on team"], rows, formats={2: RATING_FORMAT}, left=DATA_COLUMN
    )
    set_widths(ws, [24, 16, 16, 16, 16, 2, *[10.5] * 8, 2, 26, 12, 12, 12])
    if tasks:
        ws.add_chart(_coverage_chart(ws, task_top, task_last), "G4")
    if skills:
        ws.add_chart(_skills_chart(ws, skill_top, skill_last, catalog.scale.max), "G19")
    ws.print_area = f"A1:N{max(top, 44)}"


def _summary_lists(ws: Worksheet, project: Project, plan: Plan, money: str, top: int) -> int:
    """The team, the gaps and the hires under the summary's facts; returns the last row used."""
    catalog = project.catalog
    task_names, _, role_names = names(catalog)
    put(ws, top, 1, "Team", font=SECTION_FONT)
    team_rows = [
        [m.candidate, role_names.get(m.role, m.role), ", ".join(task_names.get(t, t) for t in m.tasks), m.cost]
        for m in sorted(plan.team, key=lambda m: m.candidate)
    ]
    last = write_table(ws, top + 1, ["Member", "Role", "Tasks", "Annual cost"], team_rows, formats={3: money})
    for r in range(top + 2, last + 1):
        for c in (2, 3):
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 30 if any(len(str(v)) > 17 for v in team_rows[r - top - 2][1:3]) else None
    sections = (
        ("Gaps: requirements nobody on the team covers", [requirement_text(catalog, r) for r in plan.uncovered]),
        ("Recommended hires", [hire_text(catalog, h) for h in plan.hire_recommendations]),
    )
    row = last + 2
    for heading, lines in sections:
        put(ws, row, 1, heading, font=SECTION_FONT)
        for line in lines or ["none"]:
            row += 1
            put(ws, row, 1, line, wrap=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            ws.row_dimensions[row].height = 15 * max(1, -(-len(line) // 95))
        row += 2
    return row


def _coverage_chart(ws: Worksheet, top: int, last: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Requirements by task: met, thin, missing"
    chart.y_axis.title = "Requirements"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.add_data(
        Reference(ws, min_col=DATA_COLUMN + 1, max_col=DATA_COLUMN + 3, min_row=top, max_row=last),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=DATA_COLUMN, min_row=top + 1, max_row=last))
    for series, status in zip(chart.series, ("met", "thin", "missing"), strict=True):
        series.graphicalProperties.solidFill = STATUS_COLOURS[status]
        series.graphicalProperties.line.solidFill = STATUS_COLOURS[status]
    chart.x_axis.scaling.orientation = "maxMin"  # tasks top to bottom in lifecycle order
    chart.height, chart.width = 7.5, 19
    return chart


def _skills_chart(ws: Worksheet, top: int, last: int, scale_max: int) -> BarChart:
    """Required level against the team's best, one pair of bars per skill (legible in print, unlike a radar)."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = "Skills: required level vs best on the team"
    chart.add_data(
        Reference(ws, min_col=DATA_COLUMN + 1, max_col=DATA_COLUMN + 2, min_row=top, max_row=last),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=DATA_COLUMN, min_row=top + 1, max_row=last))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # the first skill on top, as in the table
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = scale_max
    chart.y_axis.majorUnit = 1
    chart.x_axis.tickLblSkip = 1  # every skill named, not every other one
    for series, colour in zip(chart.series, ("C00000", "2F75B5"), strict=True):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.height, chart.width = 14, 19  # tall enough that every skill gets its label
    return chart
