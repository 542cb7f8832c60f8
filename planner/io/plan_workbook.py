"""The staffing plan as an Excel workbook a manager can read without the app.

Sheets: Summary (the project, the status and the numbers, with coverage-by-task and
team-vs-requirement charts), Comparison and Trade-off (when there are solved scenarios or
a curve), Team, Coverage (task × skill grid), Coverage detail, Gaps &
hires, Requirements, Candidates (all, with a "Selected" column) and Catalog. Headers are
frozen, tables filterable, costs in currency format, every sheet prints landscape and one
page wide. Text is never written as a formula. The file is replaced atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, RadarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from planner.analyses.scenarios import compare_scenarios
from planner.analyses.tradeoff import TradeoffAxis, TradeoffPoint
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
    RATING_FORMAT,
    SECTION_FONT,
    STATUS_COLOURS,
    TITLE_FONT,
    currency_format,
    fit_row_heights,
    print_setup,
    put,
    save_atomically,
    set_widths,
    write_table,
)
from planner.model.constraints import BudgetScope, ObjectiveOrder
from planner.model.plan import Plan, PlanStatus
from planner.model.project import Project

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
    """The plan's status in a manager's words."""
    if plan.status is PlanStatus.OPTIMAL:
        return "Proven optimal"
    if plan.status is PlanStatus.FEASIBLE:
        if plan.gap:
            return f"Best found within the time limit (not proven optimal; gap {plan.gap:.1%})"
        return "Best found within the time limit (not proven optimal)"
    if plan.status is PlanStatus.INFEASIBLE:
        return "Infeasible: " + (plan.message or "the constraints contradict each other")
    return "Stopped before the end: the best plan found so far"


def constraints_text(project: Project, plan: Plan, money: str) -> str:
    s = plan.settings
    parts = []
    if s.team_size_min is not None or s.team_size_max is not None:
        low = s.team_size_min if s.team_size_min is not None else 0
        parts.append(f"team size {low}–{s.team_size_max if s.team_size_max is not None else 'any'}")
    if s.budget is not None:
        symbol = money.split('"')[1] if money.count('"') == 2 else ""
        new_only = " (new spend only)" if s.budget_scope is BudgetScope.NEW else ""
        parts.append(f"budget {symbol}{s.budget:,.0f}{new_only}")
    parts.append(f"at most {s.max_tasks_per_person} task(s) per person")
    parts.append(f"each requirement covered by at least {s.redundancy} person(s)")
    if s.must_hire:
        parts.append("must hire: " + ", ".join(sorted(s.must_hire)))
    if s.exclude:
        parts.append("excluded: " + ", ".join(sorted(s.exclude)))
    if s.min_role_fit is not None:
        parts.append(f"minimum role fit {s.min_role_fit:.0%}")
    parts.append("smallest team first" if s.objective_order is ObjectiveOrder.SIZE_FIRST else "lowest cost first")
    return "; ".join(parts)


def build_plan_workbook(
    project: Project,
    plan: Plan,
    *,
    currency: str = "$",
    exported_at: datetime | None = None,
    tradeoff: Sequence[TradeoffPoint] = (),
    tradeoff_axis: TradeoffAxis = TradeoffAxis.BUDGET,
) -> Workbook:
    """The plan workbook in memory (see the module docstring for its sheets).

    A Comparison sheet is added when a scenario has a plan, a Trade-off sheet when
    ``tradeoff`` points are given.
    """
    money = currency_format(currency)
    coverage = coverage_rows(project, plan)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SHEETS[0]
    _summary_sheet(summary, project, plan, coverage, money, exported_at or datetime.now().replace(microsecond=0))
    team_sheet(book.create_sheet(SHEETS[1]), project, plan, money)
    coverage_grid_sheet(book.create_sheet(SHEETS[2]), project, plan, coverage)
    coverage_detail_sheet(book.create_sheet(SHEETS[3]), project, coverage)
    gaps_sheet(book.create_sheet(SHEETS[4]), project, plan)
    requirements_sheet(book.create_sheet(SHEETS[5]), project, coverage)
    candidates_sheet(book.create_sheet(SHEETS[6]), project, plan, money)
    catalog_sheet(book.create_sheet(SHEETS[7]), project.catalog)
    offers_sheet(book.create_sheet(PEOPLE_SHEETS[0], 2), project, plan, money)
    growth_sheet(book.create_sheet(PEOPLE_SHEETS[1], book.sheetnames.index("Candidates") + 1), project, plan)
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
    for ws in book.worksheets:
        if ws.title != SHEETS[0]:
            fit_row_heights(ws)
        print_setup(ws, "1:1" if ws.title in ("Team", "Coverage detail", "Requirements", "Candidates") else None)
    summary.page_setup.fitToHeight = 1  # the summary is one page
    return book


def export_plan_workbook(
    project: Project,
    plan: Plan,
    path: Path,
    *,
    currency: str = "$",
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
        ("Headcount", len(plan.team), "0"),
        ("Total annual cost", plan.total_cost, money),
        ("Requirements", len(plan.requirements), "0"),
        ("Uncovered requirements", len(plan.uncovered), "0"),
        ("…of which must-have", len(musts), "0"),
        ("Positions to open", len(plan.hire_recommendations), "0"),
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
    top = 3 + len(facts) + 1
    put(ws, top, 1, "Coverage by task", font=SECTION_FONT)
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
    task_top = top + 1
    task_last = write_table(ws, task_top, ["Task", "Met", "Thin", "Missing"], rows)
    top = task_last + 2
    put(ws, top, 1, "Skills: highest required level vs best on the team", font=SECTION_FONT)
    skills = [s for s in catalog.skill_ids if any(r.skill == s for r in plan.requirements)]
    people = {c.name: c for c in project.candidates}
    rows = []
    for skill in skills:
        required = max(r.requirement.level for r in coverage if r.requirement.skill == skill)
        best = max((people[m.candidate].rating(skill) for m in plan.team if m.candidate in people), default=0.0)
        rows.append([skill_names.get(skill, skill), required, best])
    skill_top = top + 1
    skill_last = write_table(ws, skill_top, ["Skill", "Required", "Best on team"], rows, formats={2: RATING_FORMAT})
    set_widths(ws, [26, 14, 14, 14, 14, 3])
    if tasks:
        ws.add_chart(_coverage_chart(ws, task_top, task_last), "G3")
    if len(skills) >= 3:  # a radar needs three spokes to read as one
        ws.add_chart(_radar_chart(ws, skill_top, skill_last, catalog.scale.max), "G21")


def _coverage_chart(ws: Worksheet, top: int, last: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Requirements by task: met, thin, missing"
    chart.y_axis.title = "Requirements"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.add_data(Reference(ws, min_col=2, max_col=4, min_row=top, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    for series, status in zip(chart.series, ("met", "thin", "missing"), strict=True):
        series.graphicalProperties.solidFill = STATUS_COLOURS[status]
        series.graphicalProperties.line.solidFill = STATUS_COLOURS[status]
    chart.height, chart.width = 8.5, 16
    return chart


def _radar_chart(ws: Worksheet, top: int, last: int, scale_max: int) -> RadarChart:
    chart = RadarChart()
    chart.type = "marker"
    chart.title = "Team vs requirement (highest level per skill)"
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=top, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = scale_max
    chart.y_axis.delete = False
    for series, colour in zip(chart.series, ("C00000", "2F75B5"), strict=True):
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 28575
    chart.height, chart.width = 10, 16
    return chart
