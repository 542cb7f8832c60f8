"""Hand-made problems and plans for the results-view tests (no solver involved).

Two tasks, six requirements, three candidates; Ana and Ben are hired. The coverage is
chosen so that every heatmap state appears: met (deployment · ML by Ana and Ben), thin
(one person), missing (modeling · research: nobody) and not required.
"""

from __future__ import annotations

from planner.model.candidates import Candidate
from planner.model.catalog import Catalog
from planner.model.constraints import Constraints
from planner.model.plan import Coverage, HireRecommendation, Member, Objective, Plan, PlanStatus
from planner.model.project import Problem
from planner.model.requirements import Requirement

REQS = (
    Requirement("modeling", "machine_learning", 4),
    Requirement("modeling", "deep_learning", 4),
    Requirement("modeling", "mathematics", 3),
    Requirement("modeling", "research", 3),
    Requirement("deployment", "machine_learning", 3),
    Requirement("deployment", "software_engineering", 4),
)
RESEARCH = REQS[3]

ANA = Candidate(
    "Ana Chen",
    {"machine_learning": 5, "deep_learning": 5, "mathematics": 4, "software_engineering": 2},
    cost=170_000,
)
BEN = Candidate(
    "Ben Okafor", {"machine_learning": 4, "deep_learning": 2, "mathematics": 3, "software_engineering": 5}, cost=140_000
)
CY = Candidate("Cy Diaz", {"machine_learning": 1, "software_engineering": 3}, cost=90_000)


def sample_problem(catalog: Catalog) -> Problem:
    return Problem(
        catalog=catalog,
        tasks=("modeling", "deployment"),
        requirements=REQS,
        candidates=(ANA, BEN, CY),
        constraints=Constraints(),
    )


def covers(candidate: Candidate, tasks: tuple[str, ...]) -> tuple[Coverage, ...]:
    return tuple(
        Coverage(r.task, r.skill, r.level, candidate.rating(r.skill))
        for r in REQS
        if r.task in tasks and candidate.rating(r.skill) >= r.level
    )


def sample_plan(
    *, status: PlanStatus = PlanStatus.FEASIBLE, gap: float | None = 0.04, seconds: float = 30.0, ana_fit: float = 0.82
) -> Plan:
    team = (
        Member(
            "Ana Chen",
            "machine_learning_engineer",
            ("modeling", "deployment"),
            170_000,
            covers(ANA, ("modeling", "deployment")),
            ana_fit,
        ),
        Member("Ben Okafor", "software_engineer_ml", ("deployment",), 140_000, covers(BEN, ("deployment",)), 0.74),
    )
    return Plan(
        status=status,
        solve_seconds=seconds,
        objective=Objective(uncovered_must=1, headcount=2, cost=310_000, fit=ana_fit + 0.74),
        settings=Constraints(),
        roles={"machine_learning_engineer": ("modeling", "deployment"), "software_engineer_ml": ("deployment",)},
        requirements=REQS,
        team=team,
        uncovered=(RESEARCH,),
        hire_recommendations=(
            HireRecommendation("machine_learning_researcher", ("modeling",), {"research": 3}, (RESEARCH,)),
        ),
        gap=gap,
    )


def infeasible_plan(message: str = "must-hire Ana Chen and Ben Okafor cost more than the budget") -> Plan:
    return Plan(
        status=PlanStatus.INFEASIBLE,
        solve_seconds=0.2,
        objective=Objective(),
        settings=Constraints(budget=100_000),
        roles={},
        requirements=REQS,
        message=message,
    )
