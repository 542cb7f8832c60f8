"""Help ▸ Roles and tasks: roles with profiles and sources, tasks with subtasks, lifecycles."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from planner.model.catalog import Catalog
from planner.model.fit import profile_skills
from ui.playbook_browser import PlaybookBrowser

pytestmark = pytest.mark.gui


@pytest.fixture
def browser(qtbot: QtBot, catalog: Catalog) -> PlaybookBrowser:
    dialog = PlaybookBrowser(catalog)
    qtbot.addWidget(dialog)
    return dialog


def test_six_roles_with_tasks_profile_and_sources(browser: PlaybookBrowser, catalog: Catalog) -> None:
    model = browser.role_list.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [r.name for r in catalog.roles]
    assert model.rowCount() == 6
    browser.show_role("machine_learning_engineer")
    text = browser.role_text.toPlainText()
    assert "Machine Learning Engineer" in text
    assert "Primary tasks: Data Engineering, Modeling, Deployment" in text
    assert "both prototyping and production code" in text
    assert "● measured from a Playbook chart; ○ inferred" in text and "● 5 Accomplished" in text and "○ 0 None" in text
    assert "S-workera" not in text and "S-seed" not in text  # no internal source keys
    radar = browser.role_radar
    skills = list(profile_skills(catalog))
    assert radar.axis_labels() == [catalog.skill(s).name for s in skills]
    values = dict(zip(skills, radar.series_values("Machine Learning Engineer"), strict=True))
    assert values["machine_learning"] == 5 and values["data_science"] == 3 and values["business_acumen"] == 0
    hollow = radar.hollow_points("Machine Learning Engineer")
    inferred = [s for s, point in zip(skills, hollow, strict=True) if point]
    assert "research" in inferred and "machine_learning" not in inferred


def test_compare_with_another_role(browser: PlaybookBrowser) -> None:
    browser.show_role("machine_learning_engineer")
    browser.compare_combo.setCurrentIndex(browser.compare_combo.findData("data_scientist"))
    assert browser.role_radar.series_names() == ["Machine Learning Engineer", "Data Scientist"]
    browser.compare_combo.setCurrentIndex(0)
    assert browser.role_radar.series_names() == ["Machine Learning Engineer"]


def test_tasks_show_subtasks_examples_and_roles(browser: PlaybookBrowser) -> None:
    browser.show_task("modeling")
    text = browser.task_text.toPlainText()
    assert text.startswith("Modeling")
    assert "Training deep learning models" in text
    assert "Skills: Deep Learning, Algorithmic Coding, Mathematics, Data Science" in text
    assert "Reading research papers" in text  # an example
    assert "Done by:" in text and "Machine Learning Researcher" in text


def test_lifecycles_and_scale(browser: PlaybookBrowser) -> None:
    lifecycles = browser.lifecycles.toPlainText()
    assert "Data → Model → Deploy → Monitor" in lifecycles
    assert "Data → Model → Analyses & decisions" in lifecycles
    scale = browser.scale.toPlainText()
    assert "Accomplished" in scale and "level 3 (Developing)" in scale


def test_role_code_style_reads_without_its_source_key(browser: PlaybookBrowser) -> None:
    browser.show_role("data_scientist")
    assert "Code: mostly prototyping code\n" in browser.role_text.toPlainText()
