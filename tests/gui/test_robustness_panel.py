"""The Robustness view: bus factors with their colours, "if X leaves", and the critical toggle.

Hand-checked instance: querying data needs Data Query Languages ≥ 3 and branching needs
Software Engineering ≥ 3. The team is Ana (DQL 4, SE 4) on both tasks and Ben (DQL 3) on
data engineering. So DQL has two members (a spare), SE only Ana (one departure uncovers
it). If Ana leaves, SE is lost and Deployment has nobody. Who can step in must take a role
doing both of her tasks and rate SE ≥ 3: Cy (SE 3, 50) and Dee (SE 5, 200), cheapest first.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.plan import Member, Objective, Plan, PlanStatus
from planner.model.project import Problem
from tests.tiny_project import ANA, BEN, CY, DEE, tiny_project
from ui.models.bus_factor_model import RISK_COLORS, RISK_ROLE, BusColumn, Risk
from ui.models.departure_model import (
    LOST_NO_REPLACEMENT,
    LOST_REPLACEABLE,
    DepartureColumn,
    ReplacementColumn,
)
from ui.robustness_panel import EMPTY_HINT, RobustnessPanel

SE_KEY = ("deployment", "software_engineering")
DQL_KEY = ("data_engineering", "data_query_languages")


def make_problem(
    catalog: Catalog, critical: frozenset[tuple[str, str]] = frozenset(), *, positions: bool = False
) -> Problem:
    """The hand-checked instance; pool only unless ``positions`` (then the defaults: positions allowed)."""
    constraints = Constraints(critical=critical, max_open_positions=None if positions else 0)
    return tiny_project(catalog, (ANA, BEN, CY, DEE), constraints).problem()


def make_plan(problem: Problem) -> Plan:
    team = (
        Member("Ana", "software_engineer_ml", ("data_engineering", "deployment"), 100.0),
        Member("Ben", "data_analyst", ("data_engineering",), 60.0),
    )
    return Plan(
        status=PlanStatus.OPTIMAL,
        solve_seconds=0.1,
        objective=Objective(headcount=2, cost=160.0),
        settings=problem.constraints,
        roles={},
        requirements=problem.requirements,
        team=team,
    )


@pytest.fixture
def panel(qtbot: Any) -> RobustnessPanel:
    widget = RobustnessPanel()
    qtbot.addWidget(widget)
    return widget


def bus_row(panel: RobustnessPanel, key: tuple[str, str]) -> int:
    model = panel.bus_model
    for row in range(model.rowCount()):
        if model.bus_factor(row).requirement.key == key:
            return row
    raise KeyError(key)


def bus_cell(panel: RobustnessPanel, key: tuple[str, str], column: BusColumn, role: int = 0) -> Any:
    model = panel.bus_model
    return model.data(model.index(bus_row(panel, key), column), role)


def test_empty_until_there_is_a_plan(panel: RobustnessPanel, catalog: Catalog) -> None:
    assert panel.empty_label.text() == EMPTY_HINT
    assert panel.stack.currentIndex() == 0
    problem = make_problem(catalog)
    infeasible = dataclasses.replace(make_plan(problem), status=PlanStatus.INFEASIBLE, team=())
    panel.show_plan(problem, infeasible)
    assert panel.stack.currentIndex() == 0
    assert "infeasible" in panel.empty_label.text()
    assert panel.bus_model.rowCount() == 0


def test_bus_factors_and_colours(panel: RobustnessPanel, catalog: Catalog, qtmodeltester: Any) -> None:
    problem = make_problem(catalog)
    panel.show_plan(problem, make_plan(problem))
    qtmodeltester.check(panel.bus_model)
    qtmodeltester.check(panel.departure_model)
    assert panel.stack.currentIndex() == 1
    assert panel.bus_model.rowCount() == 2
    # Data Query Languages: Ana and Ben, one more than needed: no colour.
    assert bus_cell(panel, DQL_KEY, BusColumn.TASK) == "Data Engineering"
    assert bus_cell(panel, DQL_KEY, BusColumn.MEMBERS) == "Ana, Ben"
    assert bus_cell(panel, DQL_KEY, BusColumn.COUNT) == "2 (needs 1)"
    assert bus_cell(panel, DQL_KEY, BusColumn.COUNT, RISK_ROLE) is Risk.SPARE
    assert bus_cell(panel, DQL_KEY, BusColumn.COUNT, Qt.ItemDataRole.BackgroundRole) is None
    # Software Engineering: Ana only: amber.
    assert bus_cell(panel, SE_KEY, BusColumn.SKILL) == "Software Engineering"
    assert bus_cell(panel, SE_KEY, BusColumn.LEVEL) == "≥ 3 (Developing)"
    assert bus_cell(panel, SE_KEY, BusColumn.MEMBERS) == "Ana"
    assert bus_cell(panel, SE_KEY, BusColumn.COUNT) == "1 (needs 1)"
    background = bus_cell(panel, SE_KEY, BusColumn.COUNT, Qt.ItemDataRole.BackgroundRole)
    assert background.color() == RISK_COLORS[Risk.AT_RISK]
    assert panel.summary_text() == ("1 requirement would be uncovered by one departure; losing Ana would uncover 1.")
    panel.only_risky.setChecked(True)
    assert panel.bus_proxy.rowCount() == 1
    assert panel.bus_proxy.index(0, BusColumn.SKILL).data() == "Software Engineering"
    panel.only_risky.setChecked(False)
    assert panel.bus_proxy.rowCount() == 2


def test_nobody_covering_is_red(panel: RobustnessPanel, catalog: Catalog) -> None:
    problem = make_problem(catalog)
    plan = make_plan(problem)
    only_ben = dataclasses.replace(plan, team=plan.team[1:])
    panel.show_plan(problem, only_ben)
    assert bus_cell(panel, SE_KEY, BusColumn.MEMBERS) == "nobody"
    assert bus_cell(panel, SE_KEY, BusColumn.COUNT) == "0 (needs 1)"
    assert bus_cell(panel, SE_KEY, BusColumn.COUNT, Qt.ItemDataRole.BackgroundRole).color() == RISK_COLORS[Risk.SHORT]


def test_if_ana_leaves(panel: RobustnessPanel, catalog: Catalog, qtmodeltester: Any) -> None:
    problem = make_problem(catalog)
    panel.show_plan(problem, make_plan(problem))
    departures = panel.departure_model
    assert [departures.index(r, DepartureColumn.MEMBER).data() for r in range(departures.rowCount())] == ["Ana", "Ben"]
    ana, ben = 0, 1
    assert departures.index(ana, DepartureColumn.LOST).data() == "1"
    assert departures.index(ana, DepartureColumn.ORPHANED).data() == "Deployment"
    assert departures.index(ana, DepartureColumn.REPLACEMENTS).data() == "2 candidates"
    assert departures.index(ana, 0).data(Qt.ItemDataRole.BackgroundRole).color() == LOST_REPLACEABLE
    assert departures.index(ben, DepartureColumn.LOST).data() == "0"
    assert departures.index(ben, DepartureColumn.ORPHANED).data() == "none"
    assert departures.index(ben, 0).data(Qt.ItemDataRole.BackgroundRole) is None

    assert panel.selected_member() == "Ana"  # opens on the departure that uncovers most
    panel.select_member("Ben")
    panel.select_member("Ana")
    assert panel.selected_member() == "Ana"
    text = panel.impact_plain_text()
    assert "If Ana leaves" in text
    assert "1 requirement would be uncovered" in text
    assert "Deployment · Software Engineering ≥ 3 (Developing)" in text
    assert "Left with nobody: Deployment." in text
    replacements = panel.replacement_model
    qtmodeltester.check(replacements)
    rows = [[replacements.index(r, c).data() for c in ReplacementColumn] for r in range(replacements.rowCount())]
    # Cheapest first; both can take a role doing Data Engineering + Deployment.
    assert [row[0] for row in rows] == ["Cy", "Dee"]
    assert rows[0][2] == "$50" and rows[1][2] == "$200"
    assert panel.replacement_label.text() == "Could step in (the pool, then positions; cheapest first): 2 candidates"

    panel.select_member("Ben")
    assert "Every requirement stays covered." in panel.impact_plain_text()


def test_no_replacement_within_budget_is_red(panel: RobustnessPanel, catalog: Catalog) -> None:
    problem = make_problem(catalog)
    tight = dataclasses.replace(problem, constraints=dataclasses.replace(problem.constraints, budget=100.0))
    panel.show_plan(tight, make_plan(tight))
    # Spare budget without Ana: 100 - 60 = 40: neither Cy (50) nor Dee (200) fits.
    departures = panel.departure_model
    assert departures.index(0, DepartureColumn.REPLACEMENTS).data() == "nobody"
    assert departures.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == LOST_NO_REPLACEMENT
    panel.select_member("Ana")
    assert panel.replacement_label.text() == "Could step in: nobody in the pool, and no position to open"
    assert "Nobody in the pool can take all of their tasks" in panel.impact_plain_text()


def test_critical_toggle_emits_and_shows_the_new_need(panel: RobustnessPanel, catalog: Catalog, qtbot: Any) -> None:
    problem = make_problem(catalog)
    panel.show_plan(problem, make_plan(problem))
    model = panel.bus_model
    index = model.index(bus_row(panel, SE_KEY), BusColumn.CRITICAL)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    with qtbot.waitSignal(panel.criticalToggled, timeout=1000) as blocker:
        assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == [SE_KEY, True]

    # The button acts on the selected row.
    assert not panel.critical_button.isEnabled()
    assert panel.select_requirement(*SE_KEY)
    assert panel.critical_button.isEnabled()
    assert panel.critical_button.text() == "Mark critical (needs 2)"
    with qtbot.waitSignal(panel.criticalToggled, timeout=1000) as blocker:
        panel.critical_button.click()
    assert blocker.args == [SE_KEY, True]

    # The main window applies it and shows the plan again: SE now needs 2 and has 1: red.
    critical = make_problem(catalog, frozenset({SE_KEY}))
    panel.show_plan(critical, make_plan(critical))
    assert bus_cell(panel, SE_KEY, BusColumn.CRITICAL, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert bus_cell(panel, SE_KEY, BusColumn.COUNT) == "1 (needs 2)"
    assert bus_cell(panel, SE_KEY, BusColumn.COUNT, Qt.ItemDataRole.BackgroundRole).color() == RISK_COLORS[Risk.SHORT]
    assert "1 already has fewer members than needed" in panel.summary_text()
    assert panel.critical_button.text() == "Unmark critical"
    with qtbot.waitSignal(panel.criticalToggled, timeout=1000) as blocker:
        panel.critical_button.click()
    assert blocker.args == [SE_KEY, False]


def test_when_positions_are_allowed_the_stand_ins_end_with_positions_to_open(
    panel: RobustnessPanel, catalog: Catalog, qtmodeltester: Any
) -> None:
    from planner.analyses.robustness import robustness
    from planner.model.money import Currency
    from ui.models.departure_model import stand_in_title

    problem = make_problem(catalog, positions=True)
    plan = make_plan(problem)
    expected = robustness(problem, plan).departures[0].positions  # Ana's
    assert expected and all(p.min_ratings == {"software_engineering": 3} for p in expected)
    panel.set_currency(Currency("EUR", "€"))
    panel.show_plan(problem, plan)
    departures = panel.departure_model
    n = len(expected)
    assert departures.index(0, DepartureColumn.REPLACEMENTS).data() == f"2 candidates, {n} position{'s' * (n > 1)}"
    panel.select_member("Ana")
    model = panel.replacement_model
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in ReplacementColumn] for r in range(model.rowCount())]
    assert [row[0] for row in rows] == ["Cy", "Dee"] + ["Open a position"] * n  # after the pool
    titles = [stand_in_title(catalog, p) for p in expected]  # "Software Engineer – ML (Software Engineer – DL)"
    short = [("Senior " if p.senior else "") + (p.variant or catalog.role(p.role).name) for p in expected]
    assert [row[1] for row in rows[2:]] == short  # the variant's name, or the role's
    assert rows[2][2] == f"€{expected[0].cost:,.0f}" and rows[2][3] == "—"
    first = model.index(2, ReplacementColumn.CANDIDATE)
    assert first.data(Qt.ItemDataRole.FontRole).italic() and not first.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert f"Open a position: {titles[0]}, bringing Software Engineering ≥ 3" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert f"Or open a position: {titles[0]}, €{expected[0].cost:,.0f} in the first year" in panel.impact_plain_text()
    # Over the budget, no position is offered: only the pool's Cy (50) fits what Ana's 100 leaves.
    tight = dataclasses.replace(problem, constraints=dataclasses.replace(problem.constraints, budget=170.0))
    panel.show_plan(tight, make_plan(tight))
    assert panel.departure_model.index(0, DepartureColumn.REPLACEMENTS).data() == "1 candidate"
