"""The what-if tabs of a window (scenarios, trade-off, robustness, role fit) and their wiring.

The main window makes one :class:`WhatIfController`, adds :meth:`WhatIfController.tabs`
to its tab widget and calls :meth:`WhatIfController.shutdown` when closing. The controller
keeps the four panels in step with the document (debounced after edits), turns their
requests into document edits (undoable: loading a scenario, marking a requirement
critical) and runs "Solve all" on a :class:`ui.worker.Worker`, never while the window's
own solve runs (one solve per window).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from planner.analyses.growth import needed_skills
from planner.analyses.scenario_solve import ScenarioProgress, scenario_problems, solve_scenarios
from planner.analyses.scenarios import find_scenario
from planner.errors import PlannerError
from planner.model.money import format_money
from planner.model.plan import Plan
from planner.model.project import Problem
from planner.wording import count_text
from ui.candidates_panel import CandidatesPanel
from ui.document import ProjectDocument
from ui.robustness_panel import RobustnessPanel
from ui.role_fit_panel import RoleFitPanel
from ui.scenarios_panel import ScenariosPanel
from ui.solve_controller import SolveController
from ui.tradeoff_panel import TradeoffPanel
from ui.undo_commands import RequirementState, SetRequirementsCommand
from ui.worker import Worker

REFRESH_DELAY_MS = 300


class WhatIfController(QObject):
    """See the module docstring."""

    message = Signal(str)  # a line for the status bar
    showTab = Signal(object)  # the panel (QWidget) the window should bring to the front
    busyChanged = Signal(bool)  # Solve all started or ended: lock or unlock the inputs
    planShown = Signal(object, object)  # (Problem | None, Plan): a new current plan for the Results view

    def __init__(
        self,
        doc: ProjectDocument,
        candidates_panel: CandidatesPanel,
        solver: SolveController,
        parent: QWidget,
        *,
        solve: Any = None,
    ) -> None:
        super().__init__(parent)
        self._doc, self._candidates, self._solver = doc, candidates_panel, solver
        self._solve = solve  # injectable for tests; None: planner.solver.solve
        self._worker: Worker | None = None

        self.scenarios_panel = ScenariosPanel(doc.undo_stack)
        self.tradeoff_panel = TradeoffPanel()
        self.robustness_panel = RobustnessPanel()
        self.role_fit_panel = RoleFitPanel()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        signals = (doc.candidatesChanged, doc.requirementsChanged, doc.constraintsChanged, doc.planChanged)
        for signal in (*signals, doc.currencyChanged):
            signal.connect(self._timer.start)
        doc.projectReplaced.connect(self._project_replaced)

        self.scenarios_panel.applyRequested.connect(self.load_scenario)
        self.scenarios_panel.solveAllRequested.connect(self.solve_all)
        self.scenarios_panel.stopRequested.connect(self.stop_solve_all)
        self.scenarios_panel.editRejected.connect(lambda text: self.message.emit(f"Not changed: {text}"))
        self.tradeoff_panel.planChosen.connect(self.load_plan)
        self.robustness_panel.criticalToggled.connect(self.set_critical)
        self.robustness_panel.memberActivated.connect(self._show_candidate)
        candidates_panel.table.selectionModel().selectionChanged.connect(self._show_role_fit)
        self._project_replaced()

    # --- for the window -----------------------------------------------------------------

    def tabs(self) -> list[tuple[QWidget, str, str]]:
        """(panel, tab title, tooltip) for the window's tab widget."""
        return [
            (self.scenarios_panel, "&What-if", "Named scenarios, solved and compared side by side"),
            (self.tradeoff_panel, "&Trade-off", "The best coverage at each budget or team size"),
            (self.robustness_panel, "Ro&bustness", "How many people each requirement depends on; what if one leaves"),
            (self.role_fit_panel, "Role &fit", "Which Playbook roles the selected candidate fits best"),
        ]

    def is_busy(self) -> bool:
        return self._worker is not None

    def shutdown(self) -> None:
        """Cancel Solve all and the trade-off run, waiting for their threads (the window is closing)."""
        if self._worker is not None:
            self._worker.cancel_and_wait()
            self._end_solve_all()
        self.tradeoff_panel.shutdown()

    # --- keeping the panels in step -------------------------------------------------------

    def _problem(self) -> Problem | None:
        try:
            return self._doc.project.problem()
        except PlannerError:
            return None

    def refresh(self) -> None:
        """Show the document's current setup and plan in every panel."""
        project = self._doc.project
        problem = self._problem()
        self.robustness_panel.set_currency(project.currency)
        self.tradeoff_panel.set_currency(project.currency)
        self.scenarios_panel.refresh()  # "what differs" is measured against the editor
        self.tradeoff_panel.set_problem(problem, project.plan)
        self.robustness_panel.show_plan(problem, project.plan)
        self._show_role_fit()

    def _project_replaced(self) -> None:
        self.scenarios_panel.set_project(self._doc.project)
        self.refresh()

    def _show_role_fit(self, *_args: object) -> None:
        project = self._doc.project
        names = self._candidates.selected_names()
        candidate = next((c for c in project.candidates if names and c.name == names[0]), None)
        self.role_fit_panel.show_candidate(candidate, project.catalog, needed_skills(project.requirements()))

    def _show_candidate(self, name: str) -> None:
        if self._candidates.select_candidate(name):
            self.showTab.emit(self._candidates)

    # --- requests from the panels ----------------------------------------------------------

    def load_scenario(self, name: str) -> None:
        """Put scenario ``name``'s settings in the editor (one undoable step) and show its plan."""
        doc, project = self._doc, self._doc.project
        try:
            scenario = find_scenario(project, name)
        except PlannerError as exc:
            self.message.emit(str(exc))
            return
        state = RequirementState(
            project.kind,
            dict(scenario.subtasks),
            dict(scenario.requirement_overrides),
            frozenset(scenario.nice_to_have),
        )
        stack = doc.undo_stack
        stack.beginMacro(f"Load scenario {name}")
        if state != doc.requirement_state():
            stack.push(SetRequirementsCommand(doc, state, f"Load scenario {name}"))
        doc.set_constraints(scenario.constraints, f"Load scenario {name}")
        stack.endMacro()
        if scenario.plan is not None:
            self._set_plan(scenario.plan)
        self.message.emit(f"Loaded scenario {name} into the editor (Undo puts the previous setup back)")

    def load_plan(self, plan: Plan) -> None:
        """Show a trade-off point's plan as the current plan."""
        self._set_plan(plan)
        cost = format_money(plan.total_cost, self._doc.project.currency)
        self.message.emit(f"Loaded the plan with {count_text(plan.headcount, 'person')}, cost {cost}")

    def _set_plan(self, plan: Plan | None) -> None:
        self._doc.set_plan(plan)
        if plan is not None:
            self.planShown.emit(self._problem(), plan)

    def set_critical(self, key: tuple[str, str], critical: bool) -> None:
        """Require two members for requirement ``key`` (or stop requiring it): an undoable constraint change."""
        constraints = self._doc.project.constraints
        marks = constraints.critical | {key} if critical else constraints.critical - {key}
        text = "Mark critical" if critical else "Unmark critical"
        self._doc.set_constraints(dataclasses.replace(constraints, critical=frozenset(marks)), text)

    # --- Solve all -----------------------------------------------------------------------------

    def solve_all(self) -> bool:
        """Solve Current and every scenario on a worker thread; False if a solve is already running."""
        if self._worker is not None or self._solver.is_solving():
            self.message.emit("A solve is already running")
            return False
        problems = scenario_problems(self._doc.project)
        kwargs = {"solve": self._solve} if self._solve is not None else {}
        worker = Worker(solve_scenarios, problems, parent=self, **kwargs)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._end_solve_all)
        self._worker = worker
        self.scenarios_panel.set_busy(f"Solving {len(problems)} setups…")
        self._solver.solve_action.setEnabled(False)
        self.busyChanged.emit(True)
        worker.start()
        return True

    def stop_solve_all(self) -> None:
        """Stop now: the setup being solved keeps its best plan so far, the rest are not solved."""
        if self._worker is not None:
            self._worker.stop()
            self.scenarios_panel.set_busy("Stopping…")

    def _on_progress(self, report: object) -> None:
        if isinstance(report, ScenarioProgress):
            self.scenarios_panel.set_busy(report.text)

    def _on_finished(self, results: object) -> None:
        stored = tuple(results) if isinstance(results, Sequence) else ()
        current = self.scenarios_panel.store_results(stored)
        self._end_solve_all()
        # Scenario plans live in the project: mark it unsaved (and show Current's new plan).
        self._set_plan(current if current is not None else self._doc.project.plan)
        self.scenarios_panel.refresh()  # the Current column now has its new plan
        self.message.emit(f"Solved {len(stored)} setups; compare them on the What-if tab")

    def _on_failed(self, error: object) -> None:
        self._end_solve_all()
        self.message.emit(f"Solve all failed: {error}")

    def _end_solve_all(self) -> None:
        if self._worker is None:
            return
        self._worker = None
        self.scenarios_panel.set_busy(None)
        self._solver.solve_action.setEnabled(True)
        self.busyChanged.emit(False)
