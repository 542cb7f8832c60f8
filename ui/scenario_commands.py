"""Undoable edits of a project's what-if scenarios: add, remove, rename, update from the editor.

Each command changes ``project.scenarios`` and then calls ``changed()`` so the views
re-read the project. Scenarios are found by name when a command runs (not by position,
and not by object), so commands stay valid whatever ran in between. Names are checked
before a command is built (:func:`rename_problem`), so ``redo``/``undo`` never fail.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from planner.analyses.scenarios import copy_scenario, find_scenario
from planner.model.project import Project
from planner.model.scenario import CURRENT, Scenario


def rename_problem(project: Project, old: str, new: str) -> str | None:
    """Why ``old`` cannot be renamed to ``new`` (None when it can)."""
    new = new.strip()
    if not new:
        return "a scenario needs a name"
    if new.casefold() == CURRENT.casefold():
        return f"{CURRENT!r} is the setup in the editor; choose another name"
    if new != old and any(s.name == new for s in project.scenarios):
        return f"there is already a scenario called {new!r}"
    return None


def _index_of(project: Project, name: str) -> int:
    for index, scenario in enumerate(project.scenarios):
        if scenario.name == name:
            return index
    raise KeyError(name)


class AddScenarioCommand(QUndoCommand):
    """Insert a scenario at ``index`` (new from the editor, or a duplicate)."""

    def __init__(
        self, project: Project, scenario: Scenario, index: int, changed: Callable[[], None], text: str
    ) -> None:
        super().__init__(text)
        self._project, self._scenario, self._index, self._changed = project, scenario, index, changed

    def redo(self) -> None:
        index = max(0, min(self._index, len(self._project.scenarios)))
        self._project.scenarios.insert(index, self._scenario)
        self._changed()

    def undo(self) -> None:
        # Keep the object (and any plan solved for it since) for the next redo.
        self._scenario = self._project.scenarios.pop(_index_of(self._project, self._scenario.name))
        self._changed()


class RemoveScenarioCommand(QUndoCommand):
    def __init__(self, project: Project, name: str, changed: Callable[[], None]) -> None:
        super().__init__(f"Delete scenario {name}")
        self._project, self._name, self._changed = project, name, changed
        self._index = _index_of(project, name)
        self._scenario = find_scenario(project, name)

    def redo(self) -> None:
        self._index = _index_of(self._project, self._name)
        self._scenario = self._project.scenarios.pop(self._index)
        self._changed()

    def undo(self) -> None:
        self._project.scenarios.insert(min(self._index, len(self._project.scenarios)), self._scenario)
        self._changed()


class RenameScenarioCommand(QUndoCommand):
    def __init__(self, project: Project, old: str, new: str, changed: Callable[[], None]) -> None:
        super().__init__(f"Rename scenario {old}")
        self._project, self._old, self._new, self._changed = project, old, new.strip(), changed

    def redo(self) -> None:
        find_scenario(self._project, self._old).name = self._new
        self._changed()

    def undo(self) -> None:
        find_scenario(self._project, self._new).name = self._old
        self._changed()


class UpdateScenarioCommand(QUndoCommand):
    """Give scenario ``name`` the settings (and plan) of ``source`` ("Update from current")."""

    def __init__(self, project: Project, name: str, source: Scenario, changed: Callable[[], None]) -> None:
        super().__init__(f"Update scenario {name}")
        self._project, self._name, self._changed = project, name, changed
        self._before = copy_scenario(find_scenario(project, name), name)
        self._after = copy_scenario(source, name)

    def _apply(self, settings: Scenario) -> None:
        scenario = find_scenario(self._project, self._name)
        scenario.subtasks = dict(settings.subtasks)
        scenario.requirement_overrides = dict(settings.requirement_overrides)
        scenario.nice_to_have = set(settings.nice_to_have)
        scenario.constraints = settings.constraints
        scenario.plan = settings.plan
        self._changed()

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)
