"""Regenerate the What-if screenshots (docs/screenshots/whatif-*.png) from examples/ml-startup.teamplan.

Run ``QT_QPA_PLATFORM=offscreen python docs/whatif_screenshots.py`` from the checkout. It
solves the example (deterministically), its scenarios plus an "if the key person declines"
one, the budget trade-off curve, and grabs the four panels at the size a tab has in the
default window (``whatif-NAME.png``) and in the minimum window (``whatif-NAME-min.png``).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.analyses.robustness import robustness  # noqa: E402
from planner.analyses.scenarios import apply_scenario, snapshot  # noqa: E402
from planner.io.project_file import load_project  # noqa: E402
from planner.solver import solve  # noqa: E402
from ui.main_window import DEFAULT_SIZE, MINIMUM_SIZE  # noqa: E402
from ui.robustness_panel import RobustnessPanel  # noqa: E402
from ui.role_fit_panel import RoleFitPanel  # noqa: E402
from ui.scenarios_panel import ScenariosPanel  # noqa: E402
from ui.tradeoff_panel import TradeoffPanel  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
CHROME = (0, 120)  # menu bar, toolbar, tabs and status bar around a tab's panel


def grab(widget: QWidget, name: str) -> None:
    for window, suffix in ((DEFAULT_SIZE, ""), (MINIMUM_SIZE, "-min")):
        widget.resize(window[0] - CHROME[0], window[1] - CHROME[1])
        widget.show()
        for _ in range(3):
            QApplication.processEvents()
        path = OUT / f"whatif-{name}{suffix}.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT))


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    project = load_project(ROOT / "examples" / "ml-startup.teamplan")
    problem = project.problem()
    project.plan = solve(problem, time_limit=20, deterministic=True)
    report = robustness(problem, project.plan)
    key_person = max(report.departures, key=lambda d: len(d.lost)).member

    declines = snapshot(project, f"If {key_person.split()[0]} declines")
    declines.constraints = dataclasses.replace(project.constraints, exclude=frozenset({key_person}))
    project.scenarios.append(declines)
    for scenario in project.scenarios:
        scenario.plan = solve(apply_scenario(project, scenario).problem(), time_limit=20, deterministic=True)
    scenarios = ScenariosPanel()
    scenarios.set_project(project)
    scenarios.select(project.scenarios[0].name)
    grab(scenarios, "scenarios")

    tradeoff = TradeoffPanel()
    tradeoff.set_problem(problem, project.plan)
    tradeoff.time_box.setValue(5)
    loop = QEventLoop()
    tradeoff.computingChanged.connect(lambda computing: None if computing else loop.quit())
    tradeoff.compute()
    QTimer.singleShot(300_000, loop.quit)
    loop.exec()
    points = tradeoff.points()
    middle = min(range(len(points)), key=lambda i: abs(points[i].covered - points[0].covered * 0.8))
    tradeoff.select_point(middle)
    grab(tradeoff, "tradeoff")
    tradeoff.shutdown()

    robust = RobustnessPanel()
    robust.show_plan(problem, project.plan)
    replaceable = [d for d in report.departures if d.lost and d.replacements]
    robust.select_member(max(replaceable, key=lambda d: len(d.lost)).member if replaceable else key_person)
    grab(robust, "robustness")

    fit = RoleFitPanel()
    fit.show_candidate(problem.candidate(key_person), project.catalog)
    grab(fit, "role-fit")
    del app


if __name__ == "__main__":
    main()
