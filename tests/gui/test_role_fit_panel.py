"""Role fit: the roles ranked with their fit, and the radar overlay of candidate vs top roles.

Fit = 1 − mean |rating − profile level| / 5 over the nine profile skills. For a candidate
with no ratings that is 1 − (sum of the role's profile levels) / 45: the Software Engineer
profile sums to 10 (78%), Software Engineer – ML to 19 (58%), Data Analyst to 21 (53%),
Data Scientist to 26 (42%). A candidate rated exactly like the Data Analyst profile fits it
100%; the Data Scientist profile is 15 levels away (67%).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.fit import profile_skills
from ui.models.role_fit_model import FIT_ROLE, FitColumn
from ui.role_fit_panel import EMPTY_TEXT, RoleFitPanel


@pytest.fixture
def panel(qtbot: Any) -> RoleFitPanel:
    widget = RoleFitPanel()
    qtbot.addWidget(widget)
    return widget


def analyst_like(catalog: Catalog) -> Candidate:
    role = catalog.role("data_analyst")
    return Candidate("Ada", {s: float(role.level(s)) for s in profile_skills(catalog)})


def column(panel: RoleFitPanel, col: FitColumn) -> list[str]:
    model = panel.model
    return [str(model.index(row, col).data()) for row in range(model.rowCount())]


def test_empty_state(panel: RoleFitPanel, catalog: Catalog) -> None:
    assert panel.headline_text() == EMPTY_TEXT
    assert panel.model.rowCount() == 0
    assert panel.radar.series_names() == []


def test_ranking_of_a_candidate_with_no_ratings(panel: RoleFitPanel, catalog: Catalog, qtmodeltester: Any) -> None:
    panel.show_candidate(Candidate("Nobody"), catalog)
    qtmodeltester.check(panel.model)
    assert column(panel, FitColumn.ROLE)[:3] == [
        "Software Engineer",
        "Software Engineer – Machine Learning",
        "Data Analyst",
    ]
    assert column(panel, FitColumn.FIT)[:3] == ["78%", "58%", "53%"]
    assert column(panel, FitColumn.ROLE)[-1] == "Data Scientist"
    assert column(panel, FitColumn.FIT)[-1] == "42%"
    assert panel.model.index(0, FitColumn.FIT).data(FIT_ROLE) == pytest.approx(1 - 10 / 45)
    assert panel.model.index(0, FitColumn.ROLE).data(Qt.ItemDataRole.FontRole).bold()
    assert column(panel, FitColumn.TASKS)[0] == "Data Engineering, AI Infrastructure"


def test_headline_and_radar_overlay(panel: RoleFitPanel, catalog: Catalog) -> None:
    candidate = analyst_like(catalog)
    panel.show_candidate(candidate, catalog)
    assert panel.headline_text() == "Ada: closest to Data Analyst (100%), then Data Scientist (67%)"
    skills = profile_skills(catalog)
    assert panel.radar.axis_labels() == [catalog.skill(s).name for s in skills]
    # The top two roles (dashed) and the candidate, drawn last so it is on top.
    assert panel.radar.series_names() == ["Data Analyst", "Data Scientist", "Ada"]
    assert panel.radar.series_values("Ada") == [candidate.rating(s) for s in skills]
    assert panel.radar.series_values("Data Scientist") == [
        float(catalog.role("data_scientist").level(s)) for s in skills
    ]

    panel.top_count.setValue(1)
    assert panel.radar.series_names() == ["Data Analyst", "Ada"]
    panel.top_count.setValue(3)
    assert len(panel.radar.series_names()) == 4

    # Selecting a role further down adds it to the chart.
    panel.top_count.setValue(1)
    last = panel.model.rowCount() - 1
    panel.view.selectRow(last)
    last_name = column(panel, FitColumn.ROLE)[last]
    assert panel.radar.series_names() == ["Data Analyst", last_name, "Ada"]


def test_clearing_the_candidate(panel: RoleFitPanel, catalog: Catalog) -> None:
    panel.show_candidate(analyst_like(catalog), catalog)
    panel.show_candidate(None, catalog)
    assert panel.headline_text() == EMPTY_TEXT
    assert panel.model.rowCount() == 0
    assert panel.radar.series_names() == []


def test_growth_steps_for_the_best_and_the_selected_role(panel: RoleFitPanel, catalog: Catalog) -> None:
    ratings = {"machine_learning": 4.0, "data_science": 3.0, "mathematics": 2.0, "algorithmic_coding": 3.0}
    ana = Candidate("Ana", {**ratings, "software_engineering": 1.0})
    panel.show_candidate(ana, catalog, frozenset({"mathematics"}))
    assert panel.model.headerData(FitColumn.GROWTH, Qt.Orientation.Horizontal) == "To grow into it"
    best = panel.model.ranking()[0][0]
    assert panel.growth_line().startswith(f"To grow into {best.name}: ")
    row = next(r for r, (role, _) in enumerate(panel.model.ranking()) if role.id == "machine_learning_engineer")
    assert column(panel, FitColumn.GROWTH)[row] == (
        "Mathematics 2 → 5, Algorithmic Coding 3 → 5, Software Engineering 1 → 3, Machine Learning 4 → 5"
    )
    panel.view.selectRow(row)
    assert panel.growth_line() == (
        "To grow into Machine Learning Engineer: Mathematics 2 → 5, Algorithmic Coding 3 → 5, "
        "Software Engineering 1 → 3, Machine Learning 4 → 5"
    )
    panel.show_candidate(None, catalog)
    assert panel.growth_line() == ""


def test_roles_a_person_is_not_open_to_are_greyed_with_a_reason(panel: RoleFitPanel, catalog: Catalog) -> None:
    panel.show_candidate(Candidate("Bo", {"data_science": 4.0}, roles=("data_analyst",)), catalog)
    rows = {role.id: r for r, (role, _) in enumerate(panel.model.ranking())}
    closed = panel.model.index(rows["data_scientist"], FitColumn.ROLE)
    assert "not among the roles this person is open to" in closed.data(Qt.ItemDataRole.ToolTipRole)
    assert closed.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert panel.model.index(rows["data_analyst"], FitColumn.ROLE).data(Qt.ItemDataRole.ForegroundRole) is None
