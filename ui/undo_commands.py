"""Undoable edits of a project: one QUndoCommand class per kind of change.

Commands hold before/after values and call the document's low-level ``apply_*`` methods,
which change the project and notify the views. Validation happens before a command is
built (in :class:`ui.document.ProjectDocument`), so ``redo``/``undo`` never fail.
Candidates are found by name, not row, because sorting reorders the list between edits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from planner.model.candidates import Candidate
from planner.model.constraints import Constraints
from planner.model.money import Currency
from planner.model.project import Project


@dataclass(frozen=True)
class RequirementState:
    """Everything that decides the requirements: kind, chosen subtasks, overrides, nice-to-haves."""

    kind: str
    subtasks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overrides: dict[tuple[str, str], int] = field(default_factory=dict)
    nice_to_have: frozenset[tuple[str, str]] = frozenset()


class EditTarget(Protocol):
    """What a command changes: the low-level, notifying edits of a project document.

    :class:`ui.document.ProjectDocument` implements it; the commands know only this protocol,
    so the document imports the commands and never the other way round.
    """

    @property
    def project(self) -> Project: ...

    def requirement_state(self) -> RequirementState: ...

    def apply_candidate(self, name: str, candidate: Candidate) -> None: ...

    def apply_insert(self, row: int, candidates: list[Candidate]) -> None: ...

    def apply_remove_names(self, names: list[str]) -> None: ...

    def apply_candidate_list(self, candidates: list[Candidate]) -> None: ...

    def apply_constraints(self, constraints: Constraints) -> None: ...

    def apply_requirement_state(self, state: RequirementState) -> None: ...

    def apply_name(self, name: str) -> None: ...

    def apply_currency(self, currency: Currency) -> None: ...


class _MergeIds:
    CONSTRAINTS = 1001
    NAME = 1002


class EditCandidateCommand(QUndoCommand):
    """Replace one candidate (a rating, cost, notes or a rename, which also renames pins)."""

    def __init__(self, doc: EditTarget, old: Candidate, new: Candidate, text: str) -> None:
        super().__init__(text)
        self._doc, self._old, self._new = doc, old, new
        constraints = doc.project.constraints
        self._old_constraints = constraints
        self._new_constraints = renamed_in_constraints(constraints, old.name, new.name)

    def redo(self) -> None:
        self._doc.apply_candidate(self._old.name, self._new)
        if self._new_constraints != self._old_constraints:
            self._doc.apply_constraints(self._new_constraints)

    def undo(self) -> None:
        self._doc.apply_candidate(self._new.name, self._old)
        if self._new_constraints != self._old_constraints:
            self._doc.apply_constraints(self._old_constraints)


class AddCandidatesCommand(QUndoCommand):
    """Insert candidates at a row (add, duplicate, import-and-add)."""

    def __init__(self, doc: EditTarget, candidates: list[Candidate], row: int, text: str) -> None:
        super().__init__(text)
        self._doc, self._candidates, self._row = doc, list(candidates), row

    def redo(self) -> None:
        self._doc.apply_insert(self._row, self._candidates)

    def undo(self) -> None:
        self._doc.apply_remove_names([c.name for c in self._candidates])


class DeleteCandidatesCommand(QUndoCommand):
    """Remove candidates; their must-hire/exclude pins go with them (and come back on undo)."""

    def __init__(self, doc: EditTarget, rows: list[int], text: str) -> None:
        super().__init__(text)
        self._doc = doc
        candidates = doc.project.candidates
        self._removed = [(row, candidates[row]) for row in sorted(set(rows))]
        names = {c.name for _, c in self._removed}
        self._old_constraints = doc.project.constraints
        self._new_constraints = without_names(self._old_constraints, names)

    def redo(self) -> None:
        self._doc.apply_remove_names([c.name for _, c in self._removed])
        if self._new_constraints != self._old_constraints:
            self._doc.apply_constraints(self._new_constraints)

    def undo(self) -> None:
        for row, candidate in self._removed:  # ascending rows: each lands where it was
            self._doc.apply_insert(row, [candidate])
        if self._new_constraints != self._old_constraints:
            self._doc.apply_constraints(self._old_constraints)


class ReplaceCandidatesCommand(QUndoCommand):
    """Replace the whole candidate list (import-and-replace); pins of people gone are dropped."""

    def __init__(self, doc: EditTarget, candidates: list[Candidate], text: str) -> None:
        super().__init__(text)
        self._doc = doc
        self._old = list(doc.project.candidates)
        self._new = list(candidates)
        kept = {c.name for c in self._new}
        self._old_constraints = doc.project.constraints
        gone = {c.name for c in self._old} - kept
        self._new_constraints = without_names(self._old_constraints, gone)

    def redo(self) -> None:
        self._doc.apply_candidate_list(self._new)
        self._doc.apply_constraints(self._new_constraints)

    def undo(self) -> None:
        self._doc.apply_candidate_list(self._old)
        self._doc.apply_constraints(self._old_constraints)


class SetConstraintsCommand(QUndoCommand):
    """Change the constraints (limits, objective order, pins); spin-box runs merge into one step."""

    def __init__(self, doc: EditTarget, new: Constraints, text: str, merge_key: str | None = None) -> None:
        super().__init__(text)
        self._doc, self._old, self._new, self._merge_key = doc, doc.project.constraints, new, merge_key

    def id(self) -> int:
        return _MergeIds.CONSTRAINTS if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetConstraintsCommand) or other._merge_key != self._merge_key:
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._doc.apply_constraints(self._new)

    def undo(self) -> None:
        self._doc.apply_constraints(self._old)


class SetRequirementsCommand(QUndoCommand):
    """Change kind, chosen tasks/subtasks, requirement levels or nice-to-have marks."""

    def __init__(self, doc: EditTarget, new: RequirementState, text: str) -> None:
        super().__init__(text)
        self._doc, self._old, self._new = doc, doc.requirement_state(), new

    def redo(self) -> None:
        self._doc.apply_requirement_state(self._new)

    def undo(self) -> None:
        self._doc.apply_requirement_state(self._old)


class RenameProjectCommand(QUndoCommand):
    """Change the project name; consecutive keystrokes merge into one step."""

    def __init__(self, doc: EditTarget, name: str) -> None:
        super().__init__("Rename project")
        self._doc, self._old, self._new = doc, doc.project.name, name

    def id(self) -> int:
        return _MergeIds.NAME

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, RenameProjectCommand):
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._doc.apply_name(self._new)

    def undo(self) -> None:
        self._doc.apply_name(self._old)


class SetCurrencyCommand(QUndoCommand):
    """Change the project's currency (code and symbol): every cost is shown in it."""

    def __init__(self, doc: EditTarget, currency: Currency) -> None:
        super().__init__(f"Currency {currency.code}")
        self._doc, self._old, self._new = doc, doc.project.currency, currency

    def redo(self) -> None:
        self._doc.apply_currency(self._new)

    def undo(self) -> None:
        self._doc.apply_currency(self._old)


def renamed_in_constraints(constraints: Constraints, old: str, new: str) -> Constraints:
    """The constraints with pins on ``old`` moved to ``new``."""
    if old == new or (old not in constraints.must_hire and old not in constraints.exclude):
        return constraints
    must_hire = {(new if name == old else name): role for name, role in constraints.must_hire.items()}
    exclude = frozenset(new if name == old else name for name in constraints.exclude)
    return _replace(constraints, must_hire, exclude)


def without_names(constraints: Constraints, names: set[str]) -> Constraints:
    """The constraints without pins on ``names``."""
    if not names & (set(constraints.must_hire) | constraints.exclude):
        return constraints
    must_hire = {name: role for name, role in constraints.must_hire.items() if name not in names}
    return _replace(constraints, must_hire, constraints.exclude - names)


def _replace(constraints: Constraints, must_hire: dict[str, str | None], exclude: frozenset[str]) -> Constraints:
    return dataclasses.replace(constraints, must_hire=must_hire, exclude=exclude)
