"""A two-task project small enough to work out by hand, shared by the what-if tests.

Data engineering › Querying data needs data query languages 3; Deployment › Branching
needs software engineering 3. Ana covers both, Ben and Dee the first or both, Cy the second.
"""

from __future__ import annotations

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.money import Currency
from planner.model.project import Project

ANA = Candidate("Ana", {"data_query_languages": 4, "software_engineering": 4}, 100.0)
BEN = Candidate("Ben", {"data_query_languages": 3}, 60.0)
CY = Candidate("Cy", {"software_engineering": 3}, 50.0)
DEE = Candidate("Dee", {"data_query_languages": 5, "software_engineering": 5}, 200.0)


def tiny_project(
    catalog: Catalog,
    people: tuple[Candidate, ...],
    constraints: Constraints | None = None,
    currency: Currency | None = None,
) -> Project:
    """The project, in ``currency`` (US dollars by default, whatever the machine's locale)."""
    return Project(
        name="Tiny",
        kind="ml",
        subtasks={"data_engineering": ("querying_data",), "deployment": ("branching",)},
        catalog=catalog,
        candidates=list(people),
        constraints=constraints if constraints is not None else Constraints(time_limit=5),
        currency=currency or Currency(),
    )
