"""The results view: status, team table, heatmap, radar, gaps, selection and repeated updates."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sample_plans import ANA, REQS, infeasible_plan, sample_plan, sample_problem

from planner.model.catalog import Catalog
from planner.model.constraints import BudgetScope
from planner.model.plan import OpenPosition, PlanStatus, TrainingAction
from planner.model.project import new_project
from planner.model.samples import generate_pool
from planner.solver import solve
from ui.models.coverage_model import CoverageModel
from ui.models.team_model import SORT_ROLE, TeamColumn, TeamModel, format_cost
from ui.results_panel import EMPTY_HINT, ResultsPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot: QtBot, catalog: Catalog) -> ResultsPanel:
    widget = ResultsPanel()
    qtbot.addWidget(widget)
    widget.set_catalog(catalog)
    widget.resize(1200, 800)
    return widget


def test_members_are_marked_current_staff_or_hire_and_new_spend_is_shown(panel: ResultsPanel, catalog: Catalog) -> None:
    plan = sample_plan()
    staff = dataclasses.replace(plan.team[0], employee=True)
    settings = dataclasses.replace(plan.settings, budget_scope=BudgetScope.NEW)
    plan = dataclasses.replace(plan, team=(staff, *plan.team[1:]), settings=settings)
    panel.show_plan(sample_problem(catalog), plan)
    model = panel.team_model
    assert [model.data(model.index(r, TeamColumn.STAFF)) for r in range(2)] == ["Current staff", "Hire"]
    assert model.headerData(TeamColumn.STAFF, Qt.Orientation.Horizontal) == "Staff or hire"
    assert panel.summary_label.text().startswith(
        "2 people (1 current staff, 1 hire) · total cost $310,000 · new spend $140,000 · "
    )
    panel.select_member("Ana Chen")
    assert "Ana Chen (current staff) — Machine Learning Engineer" in panel.details_text()


def test_empty_state_hints_at_solve(panel: ResultsPanel) -> None:
    panel.show_plan(None, None)
    assert panel.stack.currentIndex() == 0
    assert "Press Solve (Ctrl+R)" in panel.empty_label.text()
    assert panel.empty_label.text() == EMPTY_HINT
    assert panel.team_model.rowCount() == 0


def test_plan_is_shown_in_words_tables_and_charts(panel: ResultsPanel, catalog: Catalog) -> None:
    panel.show_plan(sample_problem(catalog), sample_plan())
    assert panel.stack.currentIndex() == 1
    assert panel.status_text() == (
        "Best found in 30 s, within 4% of optimal; 1 requirement cannot be covered by these candidates"
    )
    assert panel.summary_label.text() == (
        "2 people (2 hires) · total cost $310,000 · 5 of 6 requirements covered · 4 covered by one person only"
    )
    model = panel.team_model
    assert model.rowCount() == 2
    row = [model.data(model.index(0, column)) for column in TeamColumn]
    assert row == ["Ana Chen", "Machine Learning Engineer", "Modeling\nDeployment", "$170,000", "82%", "Hire"]
    assert model.data(model.index(1, TeamColumn.ROLE)) == "Software Engineer – Machine Learning"
    gaps = panel.gaps_text()
    assert "Not covered (1)" in gaps
    assert "Modeling: Research ≥ 3" in gaps
    assert "Hire a Machine Learning Researcher for Modeling: Research ≥ 3" in gaps
    assert "Ben Okafor — Deployment: Software Engineering" in gaps  # the only one covering it
    radar = panel.radar
    assert radar.axis_labels() == [
        "Machine Learning",
        "Deep Learning",
        "Mathematics",
        "Software Engineering",
        "Research",
    ]
    assert radar.series_values("Team (best per skill)") == [5.0, 5.0, 4.0, 5.0, 0.0]
    assert radar.series_values("Required (highest level)") == [4.0, 4.0, 3.0, 4.0, 3.0]
    heatmap_model = panel.heatmap.coverage_model()
    assert heatmap_model.rowCount() == 5 and heatmap_model.columnCount() == 2


def test_the_gaps_do_not_repeat_the_verdict_but_name_tasks_nobody_staffs(panel: ResultsPanel, catalog: Catalog) -> None:
    message = (
        "Best team found within the 30 s time limit, 2 people (not proven optimal; cost still open, gap 4%); "
        "1 of 6 requirements not covered (1 must-have). Nobody could be assigned to: Data Engineering. "
        "See the hire recommendations."
    )
    plan = dataclasses.replace(sample_plan(), message=message)
    problem = dataclasses.replace(sample_problem(catalog), tasks=("modeling", "deployment", "data_engineering"))
    panel.show_plan(problem, plan)
    gaps = panel.gaps_text()
    assert gaps.startswith("Nobody could be assigned to: Data Engineering\n")
    for repeated in ("Best team found", "2 people", "not covered (1 must-have)", "gap 4%", "See the hire"):
        assert repeated not in gaps
    assert "Not covered (1)" in gaps and "Hire a Machine Learning Researcher" in gaps


def test_a_task_an_open_position_staffs_is_not_listed_as_unstaffed(panel: ResultsPanel, catalog: Catalog) -> None:
    position = OpenPosition("data_analyst", ("data_engineering",), {}, 90_000, 10_000, 8)
    plan = dataclasses.replace(sample_plan(), open_positions=(position,))
    problem = dataclasses.replace(sample_problem(catalog), tasks=("modeling", "deployment", "data_engineering"))
    panel.show_plan(problem, plan)
    assert "Nobody could be assigned" not in panel.gaps_text()
    # The headline counts the position in the team and its cost (annual plus recruiting) in the total.
    assert panel.summary_label.text().startswith("3 people (2 hires, 1 open position) · total cost $410,000")


def test_the_gaps_start_with_what_is_missing_when_every_task_is_staffed(panel: ResultsPanel, catalog: Catalog) -> None:
    message = "Optimal team of 2 people; 1 of 6 requirements not covered (1 must-have). See the hire recommendations."
    panel.show_plan(sample_problem(catalog), dataclasses.replace(sample_plan(), message=message))
    gaps = panel.gaps_text()
    assert gaps.startswith("Not covered (1)")
    assert "Optimal team" not in gaps and "Nobody could be assigned" not in gaps


def test_infeasible_plan_is_prominent(panel: ResultsPanel, catalog: Catalog) -> None:
    panel.show_plan(sample_problem(catalog), infeasible_plan())
    assert panel.status_text() == "Infeasible: must-hire Ana Chen and Ben Okafor cost more than the budget"
    assert panel.status_label.isVisibleTo(panel)
    assert "#c9302c" in panel.status_label.styleSheet()  # the red banner
    assert panel.stack.currentIndex() == 0
    assert "No team satisfies the constraints" in panel.empty_label.text()
    assert "cost more than the budget" in panel.empty_label.text()
    assert panel.team_model.rowCount() == 0


def test_clicking_a_member_shows_and_highlights_what_they_cover(
    qtbot: QtBot, panel: ResultsPanel, catalog: Catalog
) -> None:
    panel.show_plan(sample_problem(catalog), sample_plan())
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.team_view
    row = panel.team_proxy.mapFromSource(panel.team_model.index(1, 0)).row()
    rect = view.visualRect(panel.team_proxy.index(row, TeamColumn.ROLE))
    activated: list[str] = []
    panel.memberActivated.connect(activated.append)
    with qtbot.waitSignal(panel.memberSelected) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["Ben Okafor"]
    assert activated == []  # a click only shows; it does not leave the results
    assert panel.selected_member() == "Ben Okafor"
    details = panel.details_text()
    assert "Ben Okafor (hire) — Software Engineer – Machine Learning, role fit 74%, cost $140,000" in details
    assert "Deployment · Software Engineering ≥ 4: rates 5 (Accomplished) — the only one" in details
    heatmap = panel.heatmap.coverage_model()
    deployment_se = heatmap.index_of("deployment", "software_engineering")
    assert heatmap.data(deployment_se, CoverageModel.HighlightRole) is True
    modeling_ml = heatmap.index_of("modeling", "machine_learning")
    assert heatmap.data(modeling_ml, CoverageModel.HighlightRole) is False  # modeling: not Ben's
    assert "Ben Okafor" in panel.radar.series_names()
    with qtbot.waitSignal(panel.memberActivated) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["Ben Okafor"]


def test_heatmap_click_explains_the_requirement(qtbot: QtBot, panel: ResultsPanel, catalog: Catalog) -> None:
    panel.show_plan(sample_problem(catalog), sample_plan())
    panel.heatmap.requirementClicked.emit("modeling", "research")
    assert "Modeling · Research" in panel.details_text()
    assert "Missing" in panel.details_text()


def test_repeated_updates_keep_the_selection_and_do_not_emit(
    qtbot: QtBot, panel: ResultsPanel, catalog: Catalog
) -> None:
    problem = sample_problem(catalog)
    panel.show_plan(problem, sample_plan())
    panel.select_member("Ana Chen")
    emitted: list[str] = []
    panel.memberActivated.connect(emitted.append)
    panel.memberSelected.connect(emitted.append)
    for step in range(40):  # a solve reporting better and better plans
        plan = sample_plan(gap=0.4 - step * 0.01, seconds=step * 0.5, ana_fit=0.5 + step * 0.01)
        panel.show_plan(problem, plan)
    assert emitted == []
    assert panel.selected_member() == "Ana Chen"
    assert panel.team_model.data(panel.team_model.index(0, TeamColumn.FIT)) == "89%"
    assert panel.status_text().startswith("Best found in 20 s, within 1% of optimal")
    final = dataclasses.replace(sample_plan(), status=PlanStatus.OPTIMAL, gap=0.0)
    panel.show_plan(problem, final)
    assert panel.status_text().startswith("Proven optimal")
    panel.show_plan(problem, None)
    assert panel.selected_member() is None
    assert panel.stack.currentIndex() == 0


def test_team_model(qtmodeltester, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    model = TeamModel(catalog)
    qtmodeltester.check(model)
    model.set_plan(sample_plan())
    qtmodeltester.check(model)
    assert model.data(model.index(0, TeamColumn.COST), SORT_ROLE) == 170_000.0
    assert model.data(model.index(1, TeamColumn.FIT), SORT_ROLE) == pytest.approx(0.74)
    assert model.headerData(TeamColumn.FIT, Qt.Orientation.Horizontal) == "Fit"
    assert format_cost(None) == "—"
    assert format_cost(99.5) == "99.50"
    model.set_plan(None)
    assert model.rowCount() == 0


def test_real_solve_is_shown(panel: ResultsPanel, catalog: Catalog) -> None:
    project = new_project("ml", tasks=["modeling", "deployment"], candidates=generate_pool(catalog, 14, seed=2))
    problem = project.problem()
    plan = solve(problem, time_limit=10, deterministic=True)
    panel.show_plan(problem, plan)
    assert plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)
    assert panel.team_model.rowCount() == plan.headcount > 0  # members and open positions
    model = panel.team_model
    names = {model.data(model.index(r, TeamColumn.MEMBER)) for r in range(model.rowCount())}
    positions = {f"Position {i}" for i in range(1, len(plan.open_positions) + 1)}
    assert names == {m.candidate for m in plan.team} | positions
    matrix = panel.heatmap.coverage_model().matrix()
    missing = {(c.task, c.skill) for c in matrix.cells.values() if c.state.value == "missing"}
    assert missing == {r.key for r in plan.uncovered}  # the heatmap agrees with the solver


def test_open_positions_training_and_the_cost_split_are_listed(panel: ResultsPanel, catalog: Catalog) -> None:
    from planner.model.money import Currency
    from planner.model.plan import OpenPosition, TrainingAction

    base = sample_plan()
    trained = dataclasses.replace(base.team[0], training=(TrainingAction("deep_learning", 3.0, 4, 5_000.0, 8),))
    position = OpenPosition(
        "machine_learning_engineer", ("modeling",), {"deep_learning": 4}, 132_270.0, 26_454.0, 12,
        variant="Deep Learning Engineer",
    )  # fmt: skip
    plan = dataclasses.replace(base, team=(trained, *base.team[1:]), open_positions=(position,))
    panel.currency = Currency("EUR", "€")
    panel.show_plan(sample_problem(catalog), plan)
    text = panel.gaps_text()
    assert "Open positions (1)" in text and "Deep Learning Engineer (Machine Learning Engineer) for Modeling" in text
    assert "€132,270 a year + €26,454 recruiting, about 12 weeks to fill" in text
    assert f"{trained.candidate}: train Deep Learning 3 → 4 (Developing): €5,000, 8 weeks" in text
    assert "Cost: people €" in text and "open positions €158,724" in text


def _build_buy_plan(catalog: Catalog):  # type: ignore[no-untyped-def]
    """Ana (software engineering 3) trained to 4 for deployment, and one open position for modeling."""
    problem = sample_problem(catalog)
    ana = dataclasses.replace(ANA, ratings={**ANA.ratings, "software_engineering": 3})
    problem = dataclasses.replace(problem, candidates=(ana, *problem.candidates[1:]))
    base = sample_plan()
    trained = dataclasses.replace(base.team[0], training=(TrainingAction("software_engineering", 3.0, 4, 2_000.0, 2),))
    position = OpenPosition(
        "machine_learning_engineer", ("modeling",), {"deep_learning": 4}, 132_270.0, 26_454.0, 12,
        covers=(REQS[1],), variant="Deep Learning Engineer",
    )  # fmt: skip
    return problem, dataclasses.replace(base, team=(trained, *base.team[1:]), open_positions=(position,))


def test_an_open_position_is_a_team_row_of_its_own_style(
    qtbot: QtBot, panel: ResultsPanel, catalog: Catalog, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    from planner.model.money import Currency
    from ui.models.team_model import POSITION_ROLE

    problem, plan = _build_buy_plan(catalog)
    panel.currency = Currency("EUR", "€")
    panel.show_plan(problem, plan)
    model = panel.team_model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    row = [model.data(model.index(2, column)) for column in TeamColumn]
    assert row == [
        "Position 1",
        "Deep Learning Engineer",  # the tooltip and the details name the role too
        "Modeling",
        "€158,724",
        "—",
        "Open position\n12 weeks",
    ]
    first = model.index(2, TeamColumn.MEMBER)
    assert model.data(first, POSITION_ROLE) is True
    assert model.data(first, Qt.ItemDataRole.FontRole).italic()  # not colour alone: italics, a badge, words
    assert not model.data(first, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, TeamColumn.MEMBER), Qt.ItemDataRole.FontRole) is None  # members stay plain
    tip = model.data(first, Qt.ItemDataRole.ToolTipRole)
    assert "Open position: Deep Learning Engineer (Machine Learning Engineer)" in tip
    assert "must bring Deep Learning ≥ 4" in tip
    # Sortable with the members: by cost the position (€158,724) falls between Ben and Ana.
    panel.team_view.sortByColumn(TeamColumn.COST, Qt.SortOrder.AscendingOrder)
    order = [panel.team_proxy.index(r, TeamColumn.MEMBER).data() for r in range(3)]
    assert order == ["Ben Okafor", "Position 1", "Ana Chen"]
    # Selectable: the details show it like a member, and the heatmap outlines what it covers.
    activated: list[str] = []
    panel.memberActivated.connect(activated.append)
    with qtbot.waitSignal(panel.memberSelected) as blocker:
        panel.team_view.selectRow(1)
    label = "Open position 1: Deep Learning Engineer"
    assert blocker.args == [label]
    details = panel.details_text()
    assert "Open position 1 (open position, first-year cost €158,724)" in details
    assert "must bring: Deep Learning ≥ 4" in details
    assert "€132,270 a year + €26,454 recruiting, about 12 weeks to fill" in details
    assert "Modeling · Deep Learning ≥ 4: brings 4 (Developing)" in details
    heatmap = panel.heatmap.coverage_model()
    assert heatmap.data(heatmap.index_of("modeling", "deep_learning"), CoverageModel.HighlightRole) is True
    assert heatmap.data(heatmap.index_of("deployment", "machine_learning"), CoverageModel.HighlightRole) is False
    assert label in panel.radar.series_names()
    panel.team_view.activated.emit(panel.team_proxy.index(1, 0))
    assert activated == []  # there is no candidate to open for a position


def test_training_shows_in_the_member_details_and_the_heatmap_tooltip(panel: ResultsPanel, catalog: Catalog) -> None:
    problem, plan = _build_buy_plan(catalog)
    panel.show_plan(problem, plan)
    panel.select_member("Ana Chen")
    details = panel.details_text()
    assert "Training (1 skill, $2,000):" in details
    assert "train Software Engineering 3 → 4 (Developing): $2,000, 2 weeks" in details
    assert "Deployment · Software Engineering ≥ 4: rates 4 (Developing)" in details
    heatmap = panel.heatmap.coverage_model()
    tip = heatmap.data(heatmap.index_of("deployment", "software_engineering"), Qt.ItemDataRole.ToolTipRole)
    assert "Covered by: Ana Chen (3 → 4 after training, 2 weeks, $2,000), Ben Okafor (5)" in tip
    untrained = heatmap.data(heatmap.index_of("deployment", "machine_learning"), Qt.ItemDataRole.ToolTipRole)
    assert "after training" not in untrained
    assert panel.team_model.data(panel.team_model.index(0, TeamColumn.STAFF)) == "Hire\ntrained"


def test_the_note_of_a_project_saved_before_build_or_buy_follows_the_plans_settings(
    panel: ResultsPanel, catalog: Catalog
) -> None:
    from planner.model.constraints import TrainingPolicy

    panel.set_saved_before_build_buy(True)
    panel.show_plan(sample_problem(catalog), sample_plan())  # solved with positions and training allowed
    assert panel.notice_text().startswith("Note: This project was saved before Team Planner considered")
    pool_only = dataclasses.replace(
        sample_plan().settings, max_open_positions=0, training=TrainingPolicy(enabled=False)
    )
    panel.show_plan(sample_problem(catalog), dataclasses.replace(sample_plan(), settings=pool_only))
    assert panel.notice_text() == ""  # that plan considered neither
    no_training = dataclasses.replace(pool_only, max_open_positions=None)
    panel.show_plan(sample_problem(catalog), dataclasses.replace(sample_plan(), settings=no_training))
    assert "open positions are now allowed: set Open positions to 0 in Constraints" in panel.notice_text()
    panel.set_saved_before_build_buy(False)
    assert panel.notice_text() == ""
