"""The open project of a window: the :class:`Project`, its undo stack and its change signals.

Every user edit goes through a method here that validates it with ``planner`` rules
(candidate problems, constraint problems, the rating scale) and pushes one undoable
command; a refused edit emits :attr:`ProjectDocument.editRejected` with the reason. The
``apply_*`` methods are the low-level setters the commands call; they change the project
and notify views, nothing else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.model.candidate_merge import DuplicateChoice, MergedImport, match_candidates, merge_import
from planner.model.candidates import Candidate, candidate_problems, unique_name
from planner.model.constraints import Constraints
from planner.model.money import Currency
from planner.model.plan import Plan
from planner.model.project import Project, all_subtasks, new_project
from planner.model.requirements import default_levels
from planner.wording import count_text, number_text
from ui.models.candidate_table_model import CandidateTableModel
from ui.undo_commands import (
    AddCandidatesCommand,
    DeleteCandidatesCommand,
    EditCandidateCommand,
    RenameProjectCommand,
    ReplaceCandidatesCommand,
    RequirementState,
    SetConstraintsCommand,
    SetCurrencyCommand,
    SetRequirementsCommand,
)

_RESET_THRESHOLD = 200  # removing more rows than this resets the model instead


class ProjectDocument(QObject):
    """One project being edited; views listen to the signals and re-read the project."""

    projectReplaced = Signal()
    candidatesChanged = Signal()
    constraintsChanged = Signal()
    requirementsChanged = Signal()
    nameChanged = Signal(str)
    currencyChanged = Signal()
    planChanged = Signal()
    modifiedChanged = Signal(bool)
    pathChanged = Signal()
    editRejected = Signal(str)

    def __init__(self, project: Project | None = None, path: Path | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project or new_project("ml")
        self._path = path
        self._extra_dirty = False
        self.undo_stack = QUndoStack(self)
        self.candidate_model = CandidateTableModel(self._project, self)
        self.candidate_model.set_editor(self.edit_candidate)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, _clean: bool) -> None:
        self.modifiedChanged.emit(self.is_modified())

    # --- the project as a whole ------------------------------------------------------

    @property
    def project(self) -> Project:
        return self._project

    @property
    def path(self) -> Path | None:
        return self._path

    def load(self, project: Project, path: Path | None = None) -> None:
        """Replace the project (New/Open): the undo history starts over."""
        self._project = project
        self._path = path
        self._extra_dirty = False
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.candidate_model.reset(project)
        self.projectReplaced.emit()
        self.pathChanged.emit()
        self.modifiedChanged.emit(False)

    def is_modified(self) -> bool:
        return self._extra_dirty or not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        """The project was saved to ``path`` (in the current format: its plans no longer carry the
        note of a project saved before open positions and training were options)."""
        self._project.saved_before_build_buy = False
        self._path = path
        self._extra_dirty = False
        self.undo_stack.setClean()
        self.pathChanged.emit()
        self.modifiedChanged.emit(False)

    def mark_modified(self) -> None:
        """Unsaved without an undoable edit (a restored recovery file, a new plan)."""
        self._extra_dirty = True
        self.modifiedChanged.emit(True)

    def set_plan(self, plan: Plan | None) -> None:
        """Store a solve result (not an undoable edit, but it makes the file unsaved)."""
        self._project.plan = plan
        self.planChanged.emit()
        self.mark_modified()

    def display_name(self) -> str:
        return self._path.name if self._path else self._project.name

    # --- validating edits --------------------------------------------------------------

    def _reject(self, message: str) -> bool:
        self.editRejected.emit(message)
        return False

    def edit_candidate(self, row: int, new: Candidate) -> bool:
        """Replace the candidate at ``row`` after checking it; False (and a message) if refused."""
        old = self._project.candidates[row]
        problems = candidate_problems(new, self._project.catalog)
        if new.name != old.name and any(c.name == new.name for c in self._project.candidates):
            problems.append(f"there is already a candidate called {new.name!r}")
        if problems:
            return self._reject("; ".join(problems))
        what = "Rename candidate" if new.name != old.name else f"Edit {old.name}"
        self.undo_stack.push(EditCandidateCommand(self, old, new, what))
        return True

    def edit_candidates(self, rows: list[int], change: Callable[[Candidate], Candidate], text: str) -> bool:
        """Apply ``change`` to the candidates at ``rows`` as one undo step; False (and a message) if refused."""
        edits = []
        for row in sorted(set(rows)):
            old = self._project.candidates[row]
            new = change(old)
            if new != old:
                problems = candidate_problems(new, self._project.catalog)
                if problems:
                    return self._reject("; ".join(problems))
                edits.append((old, new))
        if not edits:
            return True
        self.undo_stack.beginMacro(text)
        for old, new in edits:
            self.undo_stack.push(EditCandidateCommand(self, old, new, text))
        self.undo_stack.endMacro()
        return True

    def add_candidate(self) -> int:
        """Append a blank candidate with a fresh name; returns its row."""
        taken = {c.name for c in self._project.candidates}
        candidate = Candidate(name=unique_name("New candidate", taken))
        row = len(self._project.candidates)
        self.undo_stack.push(AddCandidatesCommand(self, [candidate], row, "Add candidate"))
        return row

    def duplicate_candidates(self, rows: list[int]) -> None:
        taken = {c.name for c in self._project.candidates}
        copies = []
        for row in sorted(set(rows)):
            original = self._project.candidates[row]
            name = unique_name(f"{original.name} (copy)", taken)
            taken.add(name)
            copies.append(dataclasses.replace(original, name=name, ratings=dict(original.ratings)))
        if copies:
            text = "Duplicate candidate" if len(copies) == 1 else f"Duplicate {len(copies)} candidates"
            row = max(rows) + 1
            self.undo_stack.push(AddCandidatesCommand(self, copies, row, text))

    def delete_candidates(self, rows: list[int]) -> None:
        if rows:
            text = "Delete candidate" if len(set(rows)) == 1 else f"Delete {len(set(rows))} candidates"
            self.undo_stack.push(DeleteCandidatesCommand(self, rows, text))

    def import_candidates(self, candidates: list[Candidate], replace: bool) -> bool:
        """Add (renaming clashes) or replace the candidate list with imported people."""
        if replace:
            if not self._check_import(candidates):
                return False
            names = [c.name for c in candidates]
            if len(set(names)) != len(names):
                return self._reject("the imported candidates contain the same name twice")
            self.undo_stack.push(ReplaceCandidatesCommand(self, candidates, f"Import {len(candidates)} candidates"))
            return True
        return self.merge_import(candidates, DuplicateChoice.ADD) is not None

    def merge_import(self, candidates: list[Candidate], choice: DuplicateChoice) -> MergedImport | None:
        """Add imported people; those already in the project (same e-mail, else same name) are
        skipped, get the sheet's ratings, or are added anyway, as ``choice`` says. One undo step."""
        if not self._check_import(candidates):
            return None
        merged = merge_import(self._project.candidates, match_candidates(self._project.candidates, candidates), choice)
        parts = [f"{number_text(len(merged.added))} added"]
        if merged.updated:
            parts.append(f"{number_text(len(merged.updated))} updated")
        if merged.skipped:
            parts.append(f"{number_text(merged.skipped)} skipped")
        self.undo_stack.beginMacro(f"Import {count_text(len(candidates), 'candidate')} ({', '.join(parts)})")
        try:
            for before, after in merged.updated:
                self.undo_stack.push(EditCandidateCommand(self, before, after, f"Update {before.name}"))
            if merged.added:
                row = len(self._project.candidates)
                self.undo_stack.push(AddCandidatesCommand(self, list(merged.added), row, "Add imported candidates"))
        finally:
            self.undo_stack.endMacro()
        return merged

    def _check_import(self, candidates: list[Candidate]) -> bool:
        catalog = self._project.catalog
        problems = [p for c in candidates for p in candidate_problems(c, catalog)]
        return self._reject("; ".join(problems[:5])) if problems else True

    def set_constraints(self, new: Constraints, text: str = "Change constraints", merge_key: str | None = None) -> bool:
        problems = new.problems()
        if problems:
            return self._reject("; ".join(problems))
        if new != self._project.constraints:
            self.undo_stack.push(SetConstraintsCommand(self, new, text, merge_key))
        return True

    def set_constraint(self, field_name: str, value: object, label: str) -> bool:
        """Change one constraints field ("Change budget"); successive edits of one field merge into one undo step."""
        new = dataclasses.replace(self._project.constraints, **{field_name: value})
        return self.set_constraints(new, f"Change {label.lower()}", merge_key=field_name)

    def pin_must_hire(self, names: list[str], role: str | None) -> bool:
        c = self._project.constraints
        must_hire = dict(c.must_hire)
        for name in names:
            must_hire[name] = role
        new = dataclasses.replace(c, must_hire=must_hire, exclude=c.exclude - set(names))
        return self.set_constraints(new, "Must hire" if len(names) == 1 else f"Must hire {len(names)} candidates")

    def exclude(self, names: list[str]) -> bool:
        c = self._project.constraints
        must_hire = {n: r for n, r in c.must_hire.items() if n not in names}
        new = dataclasses.replace(c, must_hire=must_hire, exclude=c.exclude | set(names))
        return self.set_constraints(new, "Exclude" if len(names) == 1 else f"Exclude {len(names)} candidates")

    def clear_pins(self, names: list[str]) -> bool:
        c = self._project.constraints
        must_hire = {n: r for n, r in c.must_hire.items() if n not in names}
        new = dataclasses.replace(c, must_hire=must_hire, exclude=c.exclude - set(names))
        return self.set_constraints(new, "Clear must-hire/exclude")

    def requirement_state(self) -> RequirementState:
        p = self._project
        return RequirementState(p.kind, dict(p.subtasks), dict(p.requirement_overrides), frozenset(p.nice_to_have))

    def _push_requirements(self, state: RequirementState, text: str) -> bool:
        if state != self.requirement_state():
            self.undo_stack.push(SetRequirementsCommand(self, state, text))
        return True

    def set_requirement_level(self, task: str, skill: str, level: int) -> bool:
        """Override one level; setting it back to the rule's default removes the override."""
        scale = self._project.catalog.scale
        if not scale.min <= level <= scale.max:
            return self._reject(f"level {level} is outside the scale {scale.min}–{scale.max}")
        state = self.requirement_state()
        overrides = dict(state.overrides)
        default = default_levels(self._project.catalog, state.subtasks).get((task, skill), 0)
        if level == default:
            overrides.pop((task, skill), None)
        else:
            overrides[(task, skill)] = level
        return self._push_requirements(dataclasses.replace(state, overrides=overrides), "Change requirement level")

    def set_nice_to_have(self, keys: list[tuple[str, str]], nice: bool) -> bool:
        state = self.requirement_state()
        marks = state.nice_to_have | set(keys) if nice else state.nice_to_have - set(keys)
        text = "Mark nice to have" if nice else "Mark must have"
        return self._push_requirements(dataclasses.replace(state, nice_to_have=frozenset(marks)), text)

    def reset_requirements(self) -> bool:
        state = self.requirement_state()
        reset = dataclasses.replace(state, overrides={}, nice_to_have=frozenset())
        return self._push_requirements(reset, "Reset requirements to defaults")

    def set_task_subtasks(self, task: str, subtasks: tuple[str, ...] | None) -> bool:
        """Choose a task's subtasks; ``None`` or an empty tuple drops the task."""
        state = self.requirement_state()
        chosen = dict(state.subtasks)
        if subtasks:
            known = {s.id for s in self._project.catalog.task(task).subtasks}
            if not set(subtasks) <= known:
                return self._reject(f"unknown subtask for {task}")
            chosen[task] = tuple(s.id for s in self._project.catalog.task(task).subtasks if s.id in subtasks)
        else:
            chosen.pop(task, None)
        return self._push_requirements(dataclasses.replace(state, subtasks=chosen), "Choose tasks")

    def set_kind(self, kind: str) -> bool:
        """Switch ML/DS: the kind's tasks with all their subtasks; overrides on dropped tasks go."""
        catalog = self._project.catalog
        try:
            tasks = catalog.kind(kind).tasks
        except KeyError:
            return self._reject(f"unknown project kind {kind!r}")
        state = self.requirement_state()
        overrides = {k: v for k, v in state.overrides.items() if k[0] in tasks}
        nice = frozenset(k for k in state.nice_to_have if k[0] in tasks)
        new = RequirementState(kind, all_subtasks(catalog, tasks), overrides, nice)
        return self._push_requirements(new, f"Make it a {catalog.kind(kind).name.lower()}")

    def set_name(self, name: str) -> bool:
        name = name.strip()
        if not name:
            return self._reject("the project needs a name")
        if name != self._project.name:
            self.undo_stack.push(RenameProjectCommand(self, name))
        return True

    def set_currency(self, currency: Currency) -> bool:
        """Show every cost of the project in ``currency`` (ISO code and symbol); one undo step."""
        problems = currency.problems()
        if problems:
            return self._reject("; ".join(problems))
        if currency != self._project.currency:
            self.undo_stack.push(SetCurrencyCommand(self, currency))
        return True

    # --- low-level setters used by the undo commands ------------------------------------

    def row_of(self, name: str) -> int:
        for row, candidate in enumerate(self._project.candidates):
            if candidate.name == name:
                return row
        raise KeyError(name)

    def apply_candidate(self, name: str, candidate: Candidate) -> None:
        row = self.row_of(name)
        self._project.candidates[row] = candidate
        self.candidate_model.row_replaced(row)
        self.candidatesChanged.emit()

    def apply_insert(self, row: int, candidates: list[Candidate]) -> None:
        row = max(0, min(row, len(self._project.candidates)))
        self.candidate_model.begin_insert(row, len(candidates))
        self._project.candidates[row:row] = candidates
        self.candidate_model.end_insert()
        self.candidatesChanged.emit()

    def apply_remove_names(self, names: list[str]) -> None:
        gone = set(names)
        candidates = self._project.candidates
        if len(gone) > _RESET_THRESHOLD:
            self.candidate_model.beginResetModel()
            candidates[:] = [c for c in candidates if c.name not in gone]
            self.candidate_model.endResetModel()
        else:
            for row in reversed([r for r, c in enumerate(candidates) if c.name in gone]):
                self.candidate_model.begin_remove(row)
                del candidates[row]
                self.candidate_model.end_remove()
        self.candidatesChanged.emit()

    def apply_candidate_list(self, candidates: list[Candidate]) -> None:
        self.candidate_model.beginResetModel()
        self._project.candidates[:] = candidates
        self.candidate_model.endResetModel()
        self.candidatesChanged.emit()

    def apply_constraints(self, constraints: Constraints) -> None:
        self._project.constraints = constraints
        self.candidate_model.status_changed()
        self.constraintsChanged.emit()

    def apply_requirement_state(self, state: RequirementState) -> None:
        p = self._project
        p.kind = state.kind
        p.subtasks = dict(state.subtasks)
        p.requirement_overrides = dict(state.overrides)
        p.nice_to_have = set(state.nice_to_have)
        self.requirementsChanged.emit()

    def apply_name(self, name: str) -> None:
        self._project.name = name
        self.nameChanged.emit(name)

    def apply_currency(self, currency: Currency) -> None:
        self._project.currency = currency
        self.candidate_model.currency_changed()
        self.currencyChanged.emit()
