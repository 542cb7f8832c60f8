"""Undo/redo for every kind of edit, through the document's validating operations."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.model.candidates import Candidate
from planner.model.constraints import Constraints
from planner.model.project import new_project
from planner.model.requirements import default_levels
from planner.model.samples import generate_pool
from ui.document import ProjectDocument


@pytest.fixture
def doc(catalog: Any) -> ProjectDocument:
    return ProjectDocument(new_project("ml", candidates=generate_pool(catalog, 8, seed=11)))


def names(doc: ProjectDocument) -> list[str]:
    return [c.name for c in doc.project.candidates]


def undo_redo_roundtrip(doc: ProjectDocument, snapshot: Any) -> None:
    """Undo restores ``snapshot()``'s earlier value; redo brings the edit back."""
    after = snapshot()
    doc.undo_stack.undo()
    before = snapshot()
    assert before != after
    doc.undo_stack.redo()
    assert snapshot() == after


def test_rating_edit(doc: ProjectDocument) -> None:
    model = doc.candidate_model
    before = doc.project.candidates[2]
    assert model.setData(model.index(2, model.skill_column("mathematics")), 1.0)
    assert doc.undo_stack.undoText() == f"Edit {before.name}"
    undo_redo_roundtrip(doc, lambda: doc.project.candidates[2].rating("mathematics"))
    doc.undo_stack.undo()
    assert doc.project.candidates[2] == before


def test_rename_moves_pins_and_undo_moves_them_back(doc: ProjectDocument) -> None:
    old = doc.project.candidates[0].name
    doc.pin_must_hire([old], "data_scientist")
    assert doc.candidate_model.setData(doc.candidate_model.index(0, 0), "Renamed Person")
    assert doc.project.constraints.must_hire == {"Renamed Person": "data_scientist"}
    doc.undo_stack.undo()
    assert doc.project.candidates[0].name == old
    assert doc.project.constraints.must_hire == {old: "data_scientist"}


def test_add_duplicate_delete(doc: ProjectDocument) -> None:
    start = names(doc)
    doc.add_candidate()
    undo_redo_roundtrip(doc, lambda: names(doc))
    doc.duplicate_candidates([0, 3])
    assert names(doc)[4:6] == [f"{start[0]} (copy)", f"{start[3]} (copy)"]
    undo_redo_roundtrip(doc, lambda: names(doc))
    doc.exclude([start[1]])
    doc.delete_candidates([1, 2])
    assert start[1] not in names(doc) and start[2] not in names(doc)
    assert doc.project.constraints.exclude == frozenset()
    doc.undo_stack.undo()
    assert names(doc)[:3] == start[:3]
    assert doc.project.constraints.exclude == {start[1]}


def test_undo_after_sorting_still_undoes_the_right_person(doc: ProjectDocument) -> None:
    model = doc.candidate_model
    target = doc.project.candidates[0]
    assert model.setData(model.index(0, model.notes_column), "edited")
    model.sort(0, Qt.SortOrder.DescendingOrder)
    doc.undo_stack.undo()
    restored = next(c for c in doc.project.candidates if c.name == target.name)
    assert restored.notes == target.notes
    assert sum(c.notes == "edited" for c in doc.project.candidates) == 0


def test_import_add_renames_clashes_and_replace_drops_stale_pins(doc: ProjectDocument) -> None:
    start = names(doc)
    incoming = [Candidate(start[0], {"research": 4.0}), Candidate("Fresh Face", {"communication": 5.0})]
    assert doc.import_candidates(incoming, replace=False)
    assert names(doc)[-2:] == [f"{start[0]} (2)", "Fresh Face"]
    undo_redo_roundtrip(doc, lambda: names(doc))
    doc.undo_stack.undo()
    doc.pin_must_hire([start[1]], None)
    assert doc.import_candidates(incoming, replace=True)
    assert names(doc) == [start[0], "Fresh Face"]
    assert doc.project.constraints.must_hire == {}
    doc.undo_stack.undo()
    assert names(doc) == start
    assert doc.project.constraints.must_hire == {start[1]: None}


def test_import_refuses_invalid_candidates(qtbot: Any, doc: ProjectDocument) -> None:
    with qtbot.waitSignal(doc.editRejected):
        assert not doc.import_candidates([Candidate("Bad", {"research": 8.0})], replace=False)
    with qtbot.waitSignal(doc.editRejected):
        assert not doc.import_candidates([Candidate("Twin"), Candidate("Twin")], replace=True)
    assert doc.undo_stack.count() == 0


def test_pins_and_excludes(doc: ProjectDocument) -> None:
    first, second = names(doc)[:2]
    doc.pin_must_hire([first, second], None)
    undo_redo_roundtrip(doc, lambda: doc.project.constraints.must_hire)
    doc.exclude([second])
    assert doc.project.constraints.must_hire == {first: None}
    assert doc.project.constraints.exclude == {second}
    undo_redo_roundtrip(doc, lambda: doc.project.constraints.exclude)
    doc.clear_pins([first, second])
    undo_redo_roundtrip(doc, lambda: (doc.project.constraints.must_hire, doc.project.constraints.exclude))


def test_requirement_level_nice_to_have_and_reset(doc: ProjectDocument, catalog: Any) -> None:
    doc.set_requirement_level("modeling", "research", 5)
    assert doc.project.requirement_overrides == {("modeling", "research"): 5}
    undo_redo_roundtrip(doc, lambda: dict(doc.project.requirement_overrides))
    default = default_levels(catalog, doc.project.subtasks)[("modeling", "machine_learning")]
    doc.set_requirement_level("modeling", "machine_learning", default)  # back to the rule: no override
    assert ("modeling", "machine_learning") not in doc.project.requirement_overrides
    doc.set_nice_to_have([("modeling", "research")], True)
    assert next(r for r in doc.project.requirements() if r.key == ("modeling", "research")).must_have is False
    undo_redo_roundtrip(doc, lambda: set(doc.project.nice_to_have))
    doc.reset_requirements()
    assert doc.project.requirement_overrides == {} and doc.project.nice_to_have == set()
    doc.undo_stack.undo()
    assert doc.project.requirement_overrides == {("modeling", "research"): 5}


def test_out_of_scale_level_is_refused(qtbot: Any, doc: ProjectDocument) -> None:
    with qtbot.waitSignal(doc.editRejected):
        assert not doc.set_requirement_level("modeling", "research", 6)


def test_task_and_subtask_choices(doc: ProjectDocument, catalog: Any) -> None:
    doc.set_task_subtasks("deployment", None)
    assert "deployment" not in doc.project.tasks
    undo_redo_roundtrip(doc, lambda: doc.project.tasks)
    first = catalog.task("modeling").subtasks[0].id
    doc.set_task_subtasks("modeling", (first,))
    assert doc.project.subtasks["modeling"] == (first,)
    undo_redo_roundtrip(doc, lambda: doc.project.subtasks["modeling"])


def test_kind_switch_changes_tasks_and_drops_overrides_of_dropped_tasks(doc: ProjectDocument) -> None:
    doc.set_requirement_level("deployment", "research", 4)
    doc.set_kind("ds")
    assert doc.project.kind == "ds"
    assert "deployment" not in doc.project.tasks
    assert doc.project.requirement_overrides == {}
    doc.undo_stack.undo()
    assert doc.project.kind == "ml"
    assert doc.project.requirement_overrides == {("deployment", "research"): 4}


def test_constraint_spin_runs_merge_into_one_step(doc: ProjectDocument) -> None:
    base = doc.project.constraints
    for size in (3, 4, 5):
        doc.set_constraints(dataclasses.replace(doc.project.constraints, team_size_max=size), "Max", "team_size_max")
    assert doc.undo_stack.count() == 1
    doc.set_constraints(dataclasses.replace(doc.project.constraints, budget=500_000.0), "Budget", "budget")
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.project.constraints == base


def test_invalid_constraints_are_refused(qtbot: Any, doc: ProjectDocument) -> None:
    with qtbot.waitSignal(doc.editRejected) as blocker:
        assert not doc.set_constraints(Constraints(redundancy=0))
    assert "redundancy" in blocker.args[0]


def test_project_name_typing_merges_and_marks_modified(qtbot: Any, doc: ProjectDocument) -> None:
    assert not doc.is_modified()
    with qtbot.waitSignal(doc.modifiedChanged):
        doc.set_name("A")
    doc.set_name("AB")
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.project.name == "Untitled project"
    assert not doc.is_modified()
    with qtbot.waitSignal(doc.editRejected):
        assert not doc.set_name("   ")
