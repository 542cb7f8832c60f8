"""The What-if view: scenario list edits (undoable), and the side-by-side comparison with highlights.

The project is small enough to check by hand: two requirements (querying data needs Data
Query Languages ≥ 3, branching needs Software Engineering ≥ 3) and hand-made plans, so
every number in the comparison is known.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from planner.analyses.scenario_solve import ScenarioResult
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.money import Currency
from planner.model.plan import Member, Objective, Plan, PlanStatus
from planner.model.project import Project
from planner.model.requirements import Requirement
from tests.tiny_project import ANA, BEN, CY, tiny_project
from ui.models.comparison_model import DIFFERENCE_COLORS, ComparisonModel, ComparisonRow, Difference
from ui.models.scenario_list_model import NOT_SOLVED, ScenarioColumn
from ui.scenarios_panel import ScenariosPanel

DQL = Requirement("data_engineering", "data_query_languages", 3)
SE = Requirement("deployment", "software_engineering", 3)


def make_project(catalog: Catalog) -> Project:
    return tiny_project(catalog, (ANA, BEN, CY), currency=Currency("EUR", "€"))


def make_plan(team: list[tuple[str, tuple[str, ...], float]], uncovered: tuple[Requirement, ...] = ()) -> Plan:
    members = tuple(Member(name, "software_engineer_ml", tasks, cost) for name, tasks, cost in team)
    return Plan(
        status=PlanStatus.OPTIMAL,
        solve_seconds=0.1,
        objective=Objective(uncovered_must=len(uncovered), headcount=len(members), cost=sum(m[2] for m in team)),
        settings=Constraints(),
        roles={},
        requirements=(DQL, SE),
        team=members,
        uncovered=uncovered,
    )


ANA_PLAN = make_plan([("Ana", ("data_engineering", "deployment"), 100.0)])
CY_PLAN = make_plan([("Cy", ("deployment",), 50.0)], uncovered=(DQL,))


@pytest.fixture
def panel(qtbot: Any, catalog: Catalog) -> ScenariosPanel:
    widget = ScenariosPanel(QUndoStack())
    qtbot.addWidget(widget)
    project = make_project(catalog)
    project.plan = ANA_PLAN
    widget.set_project(project)
    return widget


def cell(panel: ScenariosPanel, row: ComparisonRow, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    model = panel.comparison_model
    return model.data(model.index(row, column), role)


def list_text(panel: ScenariosPanel, row: int, column: ScenarioColumn) -> str:
    return str(panel.list_model.index(row, column).data())


def test_empty_project_shows_the_hint_and_only_current(panel: ScenariosPanel) -> None:
    assert panel.list_model.rowCount() == 0
    assert not panel.empty_label.isHidden()
    assert panel.comparison_model.columnCount() == 1
    assert panel.comparison_model.headerData(0, Qt.Orientation.Horizontal) == "Current"
    assert cell(panel, ComparisonRow.TEAM, 0) == "Ana"
    assert cell(panel, ComparisonRow.COST, 0) == "€100"
    assert not panel.duplicate_button.isEnabled() and not panel.load_button.isEnabled()


def test_new_from_current_then_compare_with_highlights(panel: ScenariosPanel, qtmodeltester: Any) -> None:
    project = panel.project()
    assert project is not None
    name = panel.new_from_current()
    assert name == "Scenario 1"
    assert list_text(panel, 0, ScenarioColumn.CHANGES) == "same settings as Current"
    assert list_text(panel, 0, ScenarioColumn.STATUS) == "Proven optimal"  # the snapshot keeps the plan
    # Make it a what-if: a budget of 99 leaves only Cy affordable for one requirement.
    scenario = project.scenarios[0]
    scenario.constraints = dataclasses.replace(project.constraints, budget=99.0)
    scenario.plan = CY_PLAN
    panel.refresh()
    assert list_text(panel, 0, ScenarioColumn.CHANGES) == "budget €99 (was none)"
    assert list_text(panel, 0, ScenarioColumn.STATUS) == (
        "Proven optimal; 1 requirement cannot be covered by these candidates"
    )
    model = panel.comparison_model
    qtmodeltester.check(model)
    qtmodeltester.check(panel.list_model)
    assert model.columnCount() == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Scenario 1"
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        "Team", "Headcount", "Cost", "Cost change", "Uncovered", "Gaps", "Hires", "Joined", "Left", "Changes",
    ]  # fmt: skip
    expected = {
        ComparisonRow.TEAM: ("Cy", Difference.DIFFERENT),
        ComparisonRow.HEADCOUNT: ("1", Difference.SAME),
        ComparisonRow.COST: ("€50", Difference.BETTER),
        ComparisonRow.COST_CHANGE: ("−€50", Difference.BETTER),
        ComparisonRow.UNCOVERED: ("1", Difference.WORSE),
        ComparisonRow.GAPS: ("Data Engineering · Data Query Languages ≥ 3", Difference.WORSE),
        ComparisonRow.HIRES: ("none", Difference.SAME),
        ComparisonRow.JOINED: ("Cy", Difference.DIFFERENT),
        ComparisonRow.LEFT: ("Ana", Difference.DIFFERENT),
        ComparisonRow.CHANGES: ("budget €99 (was none)", Difference.DIFFERENT),
    }
    for row, (text, difference) in expected.items():
        assert cell(panel, row, 1) == text, row
        assert cell(panel, row, 1, ComparisonModel.DifferenceRole) is difference, row
        background = cell(panel, row, 1, Qt.ItemDataRole.BackgroundRole)
        if difference is Difference.SAME:
            assert background is None, row
        else:
            assert background.color() == DIFFERENCE_COLORS[difference], row
    # The Current column is never highlighted.
    assert all(cell(panel, row, 0, Qt.ItemDataRole.BackgroundRole) is None for row in ComparisonRow)
    assert cell(panel, ComparisonRow.GAPS, 0) == "none"
    assert "worse than Current" in cell(panel, ComparisonRow.UNCOVERED, 1, Qt.ItemDataRole.ToolTipRole)


def test_unsolved_and_infeasible_columns(panel: ScenariosPanel) -> None:
    project = panel.project()
    assert project is not None
    panel.new_from_current("Later")
    panel.new_from_current("Impossible")
    project.scenarios[0].plan = None
    project.scenarios[1].plan = dataclasses.replace(ANA_PLAN, status=PlanStatus.INFEASIBLE, team=())
    panel.refresh()
    assert list_text(panel, 0, ScenarioColumn.STATUS) == NOT_SOLVED
    assert cell(panel, ComparisonRow.TEAM, 1) == "not solved"
    assert cell(panel, ComparisonRow.COST, 1) == "—"
    assert cell(panel, ComparisonRow.TEAM, 2) == "infeasible"
    assert cell(panel, ComparisonRow.COST, 2, ComparisonModel.DifferenceRole) is Difference.SAME


def test_every_list_edit_is_undoable(panel: ScenariosPanel) -> None:
    project = panel.project()
    assert project is not None
    stack = panel.undo_stack
    changes: list[bool] = []
    panel.scenariosChanged.connect(lambda: changes.append(True))

    panel.new_from_current("Lean")
    assert [s.name for s in project.scenarios] == ["Lean"]
    assert panel.selected_name() == "Lean"
    assert panel.duplicate_button.isEnabled()
    panel.duplicate_selected()
    assert [s.name for s in project.scenarios] == ["Lean", "Lean (copy)"]
    assert project.scenarios[1] is not project.scenarios[0]
    assert panel.rename_scenario("Lean (copy)", "Very lean")
    assert [s.name for s in project.scenarios] == ["Lean", "Very lean"]
    panel.select("Lean")
    panel.delete_selected()
    assert [s.name for s in project.scenarios] == ["Very lean"]
    assert panel.selected_name() == "Very lean"
    assert stack.count() == 4
    assert len(changes) == 4

    stack.undo()  # delete
    assert [s.name for s in project.scenarios] == ["Lean", "Very lean"]
    stack.undo()  # rename
    assert [s.name for s in project.scenarios] == ["Lean", "Lean (copy)"]
    assert list_text(panel, 1, ScenarioColumn.NAME) == "Lean (copy)"
    stack.undo()  # duplicate
    stack.undo()  # new
    assert project.scenarios == []
    assert panel.comparison_model.columnCount() == 1
    for _ in range(4):
        stack.redo()
    assert [s.name for s in project.scenarios] == ["Very lean"]
    assert panel.comparison_model.headerData(1, Qt.Orientation.Horizontal) == "Very lean"


def test_update_from_current_is_undoable(panel: ScenariosPanel) -> None:
    project = panel.project()
    assert project is not None
    panel.new_from_current("Budget")
    project.constraints = dataclasses.replace(project.constraints, budget=80.0)
    panel.refresh()
    assert list_text(panel, 0, ScenarioColumn.CHANGES) == "budget none (was €80)"
    panel.update_selected()
    assert project.scenarios[0].constraints.budget == 80.0
    assert list_text(panel, 0, ScenarioColumn.CHANGES) == "same settings as Current"
    panel.undo_stack.undo()
    assert project.scenarios[0].constraints.budget is None
    assert list_text(panel, 0, ScenarioColumn.CHANGES) == "budget none (was €80)"


def test_rename_in_place_refuses_bad_names(panel: ScenariosPanel) -> None:
    project = panel.project()
    assert project is not None
    panel.new_from_current("A")
    panel.new_from_current("B")
    rejected: list[str] = []
    panel.editRejected.connect(rejected.append)
    model = panel.list_model
    assert not model.setData(model.index(1, ScenarioColumn.NAME), "A")
    assert not model.setData(model.index(1, ScenarioColumn.NAME), "  ")
    assert not model.setData(model.index(1, ScenarioColumn.NAME), "current")
    assert rejected == [
        "there is already a scenario called 'A'",
        "a scenario needs a name",
        "'Current' is the setup in the editor; choose another name",
    ]
    assert panel.message.text() == rejected[-1] and not panel.message.isHidden()
    assert model.setData(model.index(1, ScenarioColumn.NAME), "  Plan B ")
    assert [s.name for s in project.scenarios] == ["A", "Plan B"]
    assert panel.message.isHidden()
    assert panel.undo_stack.undoText() == "Rename scenario B"
    assert panel.new_from_current("A") is None  # a clashing name from code is refused too


def test_load_and_solve_all_signals(panel: ScenariosPanel, qtbot: Any) -> None:
    panel.new_from_current("What if")
    with qtbot.waitSignal(panel.applyRequested, timeout=1000) as blocker:
        panel.load_button.click()
    assert blocker.args == ["What if"]
    with qtbot.waitSignal(panel.solveAllRequested, timeout=1000):
        panel.solve_button.click()


def test_set_scenario_plan_updates_the_comparison(panel: ScenariosPanel) -> None:
    panel.new_from_current("Cheap")
    panel.set_scenario_plan("Cheap", CY_PLAN)
    assert cell(panel, ComparisonRow.COST_CHANGE, 1) == "−€50"
    panel.set_scenario_plan("Current", CY_PLAN)
    assert cell(panel, ComparisonRow.COST, 0) == "€50"
    assert cell(panel, ComparisonRow.COST_CHANGE, 1) == "±0"


def test_no_project_disables_everything(qtbot: Any) -> None:
    widget = ScenariosPanel()
    qtbot.addWidget(widget)
    assert not widget.new_button.isEnabled() and not widget.solve_button.isEnabled()
    assert widget.new_from_current() is None
    assert widget.comparison_model.columnCount() == 0


def test_solve_all_progress_and_results(panel: ScenariosPanel, qtbot: Any) -> None:
    project = panel.project()
    assert project is not None
    panel.new_from_current("Cheap")
    panel.new_from_current("Gone")
    panel.set_busy("Solving Cheap (2 of 3)…")
    assert panel.is_busy()
    assert panel.progress_label.text() == "Solving Cheap (2 of 3)…" and not panel.progress_label.isHidden()
    assert not panel.new_button.isEnabled() and not panel.delete_button.isEnabled()
    assert panel.solve_button.text() == "&Stop" and panel.solve_button.isEnabled()
    with qtbot.waitSignal(panel.stopRequested, timeout=1000):
        panel.solve_button.click()
    assert panel.new_from_current("During") is None
    assert not panel.rename_scenario("Cheap", "Other")
    panel.select("Gone")
    panel.delete_selected()
    assert [s.name for s in project.scenarios] == ["Cheap", "Gone"]
    panel.set_busy(None)
    assert panel.progress_label.isHidden() and panel.solve_button.isEnabled()
    assert panel.solve_button.text() == "&Solve all"
    panel.select("Gone")
    panel.delete_selected()  # deleted while the (imagined) run went on: its result is skipped
    results = (
        ScenarioResult("Current", ANA_PLAN),
        ScenarioResult("Cheap", CY_PLAN),
        ScenarioResult("Gone", ANA_PLAN),
        ScenarioResult("Broken", None, "budget must be zero or more"),
    )
    assert panel.store_results(results) is ANA_PLAN
    assert project.scenarios[0].plan is CY_PLAN
    assert cell(panel, ComparisonRow.COST_CHANGE, 1) == "−€50"
    assert panel.message.text() == "Not solved: Broken: budget must be zero or more"
