"""The what-if wiring in a real window: loading a scenario, marking critical, Solve all, role fit.

The tiny project (querying data needs Data Query Languages ≥ 3, branching Software
Engineering ≥ 3; Ana has both at 4 for 100, Cy SE 3 for 50) has one scenario, "Lean",
with a budget of 99: solved, Current hires Ana and Lean hires Cy.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from planner.analyses.scenarios import snapshot
from planner.model.catalog import Catalog
from planner.model.plan import Objective, Plan, PlanStatus
from planner.model.project import Problem, Project
from tests.tiny_project import ANA, CY, tiny_project
from ui.main_window import MainWindow
from ui.models.comparison_model import ComparisonRow
from ui.whatif_controller import WhatIfController

SE_KEY = ("deployment", "software_engineering")


def make_project(catalog: Catalog) -> Project:
    project = tiny_project(catalog, (ANA, CY))
    lean = snapshot(project, "Lean")
    lean.constraints = dataclasses.replace(project.constraints, budget=99.0)
    lean.subtasks = {"data_engineering": ("querying_data",)}
    project.scenarios.append(lean)
    return project


class WaitingSolve:
    """Runs until asked to stop, then returns a cancelled plan (on the worker thread)."""

    def __call__(self, problem: Problem, *, time_limit: float, should_stop: Callable[[], bool]) -> Plan:
        while not should_stop():
            time.sleep(0.002)
        return Plan(PlanStatus.CANCELLED, 0.0, Objective(), problem.constraints, {}, problem.requirements)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], catalog: Catalog) -> MainWindow:
    return make_window(make_project(catalog))


@pytest.fixture
def whatif(window: MainWindow) -> Iterator[WhatIfController]:
    controller = WhatIfController(window.doc, window.candidates_panel, window.solver, window)
    for panel, title, _tip in controller.tabs():
        window.tabs.addTab(panel, title)
    yield controller
    controller.shutdown()


def test_tabs_and_first_view(whatif: WhatIfController) -> None:
    assert [title for _, title, _ in whatif.tabs()] == ["&What-if", "&Trade-off", "Ro&bustness", "Role &fit"]
    assert whatif.scenarios_panel.list_model.rowCount() == 1
    assert whatif.scenarios_panel.list_model.index(0, 1).data() == "without Deployment; budget $99 (was none)"


def test_loading_a_scenario_is_one_undoable_step(window: MainWindow, whatif: WhatIfController) -> None:
    doc = window.doc
    cheap = Plan(PlanStatus.OPTIMAL, 0.1, Objective(), doc.project.constraints, {}, ())
    doc.project.scenarios[0].plan = cheap
    shown: list[tuple[Any, Any]] = []
    whatif.planShown.connect(lambda problem, plan: shown.append((problem, plan)))
    whatif.load_scenario("Lean")
    assert doc.project.plan is cheap
    assert shown and shown[0][1] is cheap and shown[0][0].constraints.budget == 99.0
    assert doc.project.constraints.budget == 99.0
    assert list(doc.project.subtasks) == ["data_engineering"]
    assert doc.undo_stack.undoText() == "Load scenario Lean"
    whatif.scenarios_panel.refresh()
    assert whatif.scenarios_panel.list_model.index(0, 1).data() == "same settings as Current"
    doc.undo_stack.undo()
    assert doc.project.constraints.budget is None
    assert list(doc.project.subtasks) == ["data_engineering", "deployment"]


def test_marking_critical_goes_through_the_document(window: MainWindow, whatif: WhatIfController) -> None:
    whatif.robustness_panel.criticalToggled.emit(SE_KEY, True)
    assert window.doc.project.constraints.critical == frozenset({SE_KEY})
    assert window.doc.undo_stack.undoText() == "Mark critical"
    whatif.robustness_panel.criticalToggled.emit(SE_KEY, False)
    assert window.doc.project.constraints.critical == frozenset()
    window.doc.undo_stack.undo()
    assert window.doc.project.constraints.critical == frozenset({SE_KEY})


def test_solve_all_fills_the_comparison(window: MainWindow, whatif: WhatIfController, qtbot: Any) -> None:
    shown: list[Any] = []
    whatif.planShown.connect(lambda problem, plan: shown.append(plan))
    with qtbot.waitSignal(whatif.busyChanged, timeout=60_000, check_params_cb=lambda busy: not busy):
        assert whatif.solve_all()
        assert whatif.is_busy() and not window.solver.solve_action.isEnabled()
        assert not whatif.solve_all()  # one run at a time
    project = window.doc.project
    assert project.plan is not None and [m.candidate for m in project.plan.team] == ["Ana"]
    assert shown == [project.plan]
    lean = project.scenarios[0].plan
    assert lean is not None and [m.candidate for m in lean.team] == ["Cy"]
    model = whatif.scenarios_panel.comparison_model
    assert model.data(model.index(ComparisonRow.COST_CHANGE, 1)) == "−$50"
    assert window.doc.is_modified()
    assert window.solver.solve_action.isEnabled()
    # The other views follow the new plan once the debounce timer fires.
    qtbot.waitUntil(lambda: whatif.robustness_panel.report() is not None, timeout=5000)
    assert whatif.tradeoff_panel.compute_button.isEnabled()


def test_stop_solve_all(window: MainWindow, catalog: Catalog, qtbot: Any) -> None:
    controller = WhatIfController(window.doc, window.candidates_panel, window.solver, window, solve=WaitingSolve())
    controller.solve_all()
    qtbot.waitUntil(lambda: controller.scenarios_panel.progress_label.text().startswith("Solving Current"))
    with qtbot.waitSignal(controller.busyChanged, timeout=10_000):
        controller.scenarios_panel.solve_button.click()  # reads Stop while busy
    assert not controller.is_busy()
    assert controller.scenarios_panel.solve_button.text() == "&Solve all"


def test_closing_during_solve_all_waits(window: MainWindow, qtbot: Any) -> None:
    controller = WhatIfController(window.doc, window.candidates_panel, window.solver, window, solve=WaitingSolve())
    controller.solve_all()
    controller.shutdown()
    assert not controller.is_busy()


def test_role_fit_follows_the_candidate_selection(window: MainWindow, whatif: WhatIfController) -> None:
    assert window.candidates_panel.select_candidate("Cy")
    assert whatif.role_fit_panel.headline_text().startswith("Cy: closest to ")
    assert whatif.role_fit_panel.model.rowCount() == len(window.doc.project.catalog.roles)


def test_a_trade_off_plan_becomes_the_current_plan(window: MainWindow, whatif: WhatIfController) -> None:
    plan = Plan(PlanStatus.OPTIMAL, 0.1, Objective(), window.doc.project.constraints, {}, ())
    shown: list[Any] = []
    whatif.planShown.connect(lambda problem, shown_plan: shown.append(shown_plan))
    whatif.tradeoff_panel.planChosen.emit(plan)
    assert window.doc.project.plan is plan
    assert shown == [plan]
    assert window.doc.is_modified()
