"""Typed errors for the problems a user can cause and fix (bad files, bad values).

Bugs are not reported through these: they propagate as ordinary exceptions to the crash
handler. Every message says where the problem is and why.
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base class of every expected, user-fixable problem.

    ``advice`` names what the user can do about it, surface-neutrally (a key of
    :data:`planner.wording.ADVICE`): the app and the command line each word it their own way.
    """

    def __init__(self, message: str = "", *, advice: str = "") -> None:
        super().__init__(message)
        self.advice = advice


class CatalogError(PlannerError):
    """A catalog file is missing, malformed or inconsistent."""


class ValidationError(PlannerError):
    """A project, candidate or constraint holds a value that cannot be used."""


class ProjectFileError(PlannerError):
    """A project file cannot be read or written."""


class ImportProblemError(PlannerError):
    """A candidate spreadsheet cannot be read at all (not one bad cell: those are reported)."""
