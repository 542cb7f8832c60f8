"""What-if sheets of the plan workbook: the scenario Comparison and the Trade-off curve.

Comparison: one column per setup (Current, then each scenario), one row per question a
manager asks (what changes, team, headcount, cost, gaps, hires, who joins or leaves);
cells that differ from Current are shaded. Trade-off: one row per point of the curve with
a native line chart of requirements covered against the budget or team size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openpyxl.chart import Reference, ScatterChart, Series
from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from planner.analyses.scenarios import Comparison, ScenarioSummary
from planner.analyses.tradeoff import TradeoffAxis, TradeoffPoint
from planner.io.plan_sheets import title
from planner.io.xlsx_style import BOLD, HEADER_ALIGNMENT, HEADER_FILL, HEADER_FONT, put, set_widths, write_table
from planner.model.project import Project
from planner.wording import plan_status_text

CHANGED_FILL = PatternFill("solid", fgColor="DDEBF7")
TOP_WRAP = Alignment(wrap_text=True, vertical="top")


def comparison_sheet(ws: Worksheet, project: Project, comparison: Comparison, money: str) -> None:
    """Current and every scenario side by side, differences from Current shaded."""
    catalog = project.catalog
    top = title(ws, "Scenario comparison", "Each column is solved with its own tasks, requirements and constraints.")

    def status(row: ScenarioSummary) -> str:
        if row.plan is None:
            return "not solved"
        return plan_status_text(row.plan)

    def gaps(row: ScenarioSummary) -> str:
        return "\n".join(
            f"{catalog.task(r.task).name}: {catalog.skill(r.skill).name} ≥ {r.level}" for r in row.uncovered
        )

    fields: tuple[tuple[str, Callable[[ScenarioSummary], object], str | None], ...] = (
        ("What changes", lambda r: "; ".join(r.changes) or "—", None),
        ("Status", status, None),
        ("Headcount", lambda r: r.headcount, "0"),
        ("Total cost", lambda r: r.cost, money),
        ("Cost vs current", lambda r: r.cost_change, money),
        ("Uncovered requirements", lambda r: len(r.uncovered) if r.headcount is not None else None, "0"),
        ("Gaps", gaps, None),
        ("Recommended hires", lambda r: "\n".join(catalog.role(h).name for h in r.hires), None),
        ("Team", lambda r: "\n".join(r.team), None),
        ("Joined (vs current)", lambda r: "\n".join(r.joined), None),
        ("Left (vs current)", lambda r: "\n".join(r.left), None),
    )
    put(ws, top, 1, "", font=HEADER_FONT, fill=HEADER_FILL)
    for col, summary in enumerate(comparison.scenarios, start=2):
        put(ws, top, col, summary.name, font=HEADER_FONT, fill=HEADER_FILL).alignment = HEADER_ALIGNMENT
    for offset, (label, getter, fmt) in enumerate(fields, start=1):
        r = top + offset
        put(ws, r, 1, label, font=BOLD).alignment = TOP_WRAP
        base = getter(comparison.scenarios[0]) if comparison.scenarios else None
        for col, summary in enumerate(comparison.scenarios, start=2):
            value = getter(summary)
            cell = put(ws, r, col, value if value != "" else None, number_format=fmt)
            cell.alignment = TOP_WRAP
            if col > 2 and label not in ("What changes", "Joined (vs current)", "Left (vs current)") and value != base:
                cell.fill = CHANGED_FILL
    set_widths(ws, [24, *[34] * len(comparison.scenarios)])
    ws.freeze_panes = ws.cell(row=top + 1, column=2)


def tradeoff_sheet(
    ws: Worksheet, project: Project, points: Sequence[TradeoffPoint], axis: TradeoffAxis, money: str
) -> None:
    """The trade-off curve as a table and a native line chart."""
    label = "Budget" if axis is TradeoffAxis.BUDGET else "Team size"
    top = title(
        ws,
        f"Trade-off: coverage by {label.lower()}",
        f"The best coverage reachable at each {label.lower()} (each row is one solve; "
        "'proven' means optimal for its limit).",
    )
    total = len(points[0].plan.requirements) if points else 0
    rows = [
        (
            p.limit,
            p.covered,
            p.uncovered,
            p.plan.objective.headcount,
            p.plan.total_cost,
            "proven" if p.proven else f"best found (gap {p.plan.gap:.0%})" if p.plan.gap else "best found",
            ", ".join(m.candidate for m in p.plan.team),
        )
        for p in sorted(points, key=lambda p: p.limit)
    ]
    headers = (label, f"Requirements covered (of {total})", "Uncovered", "Team size", "Total cost", "Quality", "Team")
    formats = {0: money if axis is TradeoffAxis.BUDGET else "0", 4: money}
    last = write_table(ws, top, headers, rows, formats=formats, wrap_columns=(6,))
    set_widths(ws, [16, 16, 12, 11, 15, 18, 60])
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    if rows:
        chart = ScatterChart()
        chart.title = f"Requirements covered by {label.lower()}"
        chart.style = 13
        chart.x_axis.title = label
        chart.y_axis.title = "Requirements covered"
        x = Reference(ws, min_col=1, min_row=top + 1, max_row=last)
        y = Reference(ws, min_col=2, min_row=top, max_row=last)
        series = Series(y, x, title_from_data=True)
        series.marker.symbol = "circle"
        chart.series.append(series)
        chart.height, chart.width = 9, 18
        ws.add_chart(chart, f"I{top}")
