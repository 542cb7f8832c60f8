"""Bus factors and "if X leaves" on instances small enough to work out by hand."""

from __future__ import annotations

from dataclasses import replace

from planner.analyses.robustness import robustness
from planner.model.candidates import Candidate
from planner.model.constraints import Constraints, TrainingPolicy
from planner.model.fit import profile_skills, ranked_roles, role_fit
from planner.model.hiring import position_kinds
from planner.model.plan import Member, Objective, OpenPosition, Plan, PlanStatus, TrainingAction
from planner.model.project import Problem, new_project
from planner.model.requirements import Requirement

SE4 = Requirement("deployment", "software_engineering", 4)
ML3 = Requirement("deployment", "machine_learning", 3)

PEOPLE = [
    Candidate("Ana", {"software_engineering": 5, "machine_learning": 4}, 100),
    Candidate("Bo", {"software_engineering": 4}, 90),
    Candidate("Cy", {"software_engineering": 5, "machine_learning": 3}, 120),
    Candidate("Di", {"machine_learning": 5}, 50),
    Candidate("Ed", {"software_engineering": 5, "machine_learning": 5}, 80, max_tasks=1),
]


def problem(constraints: Constraints | None = None, people: list[Candidate] = PEOPLE) -> Problem:
    """A pool-only problem (no positions, no training), as these robustness tests assume."""
    pool_only = replace(constraints or Constraints(), max_open_positions=0, training=TrainingPolicy(enabled=False))
    project = new_project("ml", tasks=["deployment"], candidates=people, constraints=pool_only)
    result = project.problem()
    assert result.requirements == (ML3, SE4)  # the default rule on all deployment subtasks
    return result


def plan_with(*members: tuple[str, float]) -> Plan:
    team = tuple(Member(name, "software_engineer_ml", ("deployment",), cost) for name, cost in members)
    return Plan(
        status=PlanStatus.OPTIMAL,
        solve_seconds=0.0,
        objective=Objective(headcount=len(team), cost=sum(c for _, c in members)),
        settings=Constraints(),
        roles={},
        requirements=(ML3, SE4),
        team=team,
    )


def test_single_member_is_a_single_point_of_failure() -> None:
    report = robustness(problem(), plan_with(("Ana", 100)))
    assert [(b.requirement, b.members) for b in report.bus_factors] == [(ML3, ("Ana",)), (SE4, ("Ana",))]
    assert report.single_points == (ML3, SE4)
    (ana,) = report.departures
    assert ana.lost == (ML3, SE4)
    assert ana.orphaned_tasks == ("deployment",)
    # Bo lacks ML, Di lacks SE; Ed and Cy qualify; Ed is cheaper (80 < 120).
    assert [r.candidate for r in ana.replacements] == ["Ed", "Cy"]


def test_two_members_covering_se_leave_only_ml_at_risk() -> None:
    report = robustness(problem(), plan_with(("Bo", 90), ("Di", 50)))
    counts = {b.requirement: b.count for b in report.bus_factors}
    assert counts == {ML3: 1, SE4: 1}
    report = robustness(problem(), plan_with(("Ana", 100), ("Bo", 90)))
    assert {b.requirement: b.members for b in report.bus_factors} == {ML3: ("Ana",), SE4: ("Ana", "Bo")}
    assert report.single_points == (ML3,)
    ana, bo = report.departures
    assert ana.lost == (ML3,) and ana.orphaned_tasks == ()
    assert bo.lost == () and bo.orphaned_tasks == ()


def test_critical_requirement_needs_two() -> None:
    constraints = Constraints(critical=frozenset({SE4.key}))
    report = robustness(problem(constraints), plan_with(("Ana", 100), ("Bo", 90)))
    se = next(b for b in report.bus_factors if b.requirement == SE4)
    assert se.needed == 2 and se.at_risk
    bo = report.departures[1]
    assert bo.lost == (SE4,)  # with Bo gone, only Ana covers SE: below the 2 a critical requirement needs


def test_replacements_respect_budget_exclusions_and_caps() -> None:
    constraints = Constraints(budget=110, exclude=frozenset({"Ed"}))
    report = robustness(problem(constraints), plan_with(("Ana", 100)))
    assert report.departures[0].replacements == ()  # Ed excluded, Cy (120) over budget
    two_tasks = replace(
        plan_with(("Ana", 100)), team=(Member("Ana", "software_engineer_ml", ("deployment", "ai_infrastructure"), 100),)
    )
    report = robustness(problem(), two_tasks)
    assert [r.candidate for r in report.departures[0].replacements] == ["Cy"]  # Ed takes one task only


def test_role_fit_orders_roles_by_distance(catalog) -> None:  # type: ignore[no-untyped-def]
    se_profile = {s: float(v.level) for s, v in catalog.role("software_engineer").profile.items()}
    person = Candidate("Se", se_profile)
    ranked = ranked_roles(person, catalog)
    assert ranked[0][0].id == "software_engineer" and ranked[0][1] == 1.0
    # Profile skills: the 7 charted ones plus research and data query languages (rated in some role) = 9.
    # SE-ML differs from SE by 3 levels on ML, maths and data science: 9 levels over 9 skills of span 5.
    assert len(profile_skills(catalog)) == 9
    assert role_fit(person, catalog.role("software_engineer_ml"), catalog) == 1 - 9 / 9 / 5


def test_solver_gives_a_critical_requirement_two_members() -> None:
    from planner.solver import solve, supply_check

    people = [
        Candidate("Ana", {"software_engineering": 5, "machine_learning": 4}, 100),
        Candidate("Bo", {"software_engineering": 4}, 90),
        Candidate("Cy", {"machine_learning": 5}, 50),
    ]
    plain = solve(problem(people=people), time_limit=10)
    assert [m.candidate for m in plain.team] == ["Ana"]
    critical = problem(Constraints(critical=frozenset({SE4.key})), people=people)
    plan = solve(critical, time_limit=10)
    assert sorted(m.candidate for m in plan.team) == ["Ana", "Bo"]
    assert plan.coverage_counts[SE4.key] == 2 and not plan.uncovered
    report = supply_check(critical)
    assert SE4 in report.single_points  # exactly the two it needs qualify
    assert robustness(critical, plan).single_points == (ML3, SE4)


# --- open positions and training -------------------------------------------------------------------


def build_buy_problem(constraints: Constraints | None = None) -> Problem:
    """The same pool and requirements, with open positions and training allowed (the defaults)."""
    project = new_project("ml", tasks=["deployment"], candidates=PEOPLE, constraints=constraints or Constraints())
    return project.problem()


def stand_ins(report_departure) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    return [(p.role, p.variant, p.senior) for p in report_departure.positions]


SEML = "software_engineer_ml"
MLE = "machine_learning_engineer"
ALL_KINDS = [  # what the catalog's market ceilings make of Ana's ML ≥ 3 and SE ≥ 4, cheapest first
    (SEML, "", False),
    (SEML, "Software Engineer – Deep Learning", False),
    (MLE, "", True),  # an MLE brings SE 3; only the senior uplift reaches 4
    (MLE, "Deep Learning Engineer", True),
]


def test_a_departures_stand_ins_include_positions_the_market_can_fill_cheapest_first() -> None:
    problem = build_buy_problem()
    (ana,) = robustness(problem, plan_with(("Ana", 100))).departures
    assert [r.candidate for r in ana.replacements] == ["Ed", "Cy"]  # the pool first, as before
    assert stand_ins(ana) == ALL_KINDS  # senior SE-ML left out: the plain one already qualifies
    first = ana.positions[0]
    assert first.min_ratings == {"machine_learning": 3, "software_engineering": 4}
    assert first.cost == first.annual_cost + first.recruiting_cost
    assert [p.cost for p in ana.positions] == sorted(p.cost for p in ana.positions)
    kinds = position_kinds(problem.catalog)
    for stand_in in ana.positions:  # each one's ceiling really meets what Ana's departure uncovers
        kind = next(
            k for k in kinds if (k.role, k.variant_name, k.senior) == (stand_in.role, stand_in.variant, stand_in.senior)
        )
        assert all(kind.brings(r) for r in ana.lost) and problem.catalog.role(kind.role).does("deployment")


def test_position_stand_ins_respect_the_budget_deadline_and_position_limit() -> None:
    cheapest = robustness(build_buy_problem(), plan_with(("Ana", 100))).departures[0].positions[0].cost
    within = build_buy_problem(Constraints(budget=cheapest))  # Ana's pay is freed when she leaves
    assert stand_ins(robustness(within, plan_with(("Ana", 100))).departures[0]) == ALL_KINDS[:2]
    tight = build_buy_problem(Constraints(budget=cheapest - 1))
    assert robustness(tight, plan_with(("Ana", 100))).departures[0].positions == ()
    soon = build_buy_problem(Constraints(needed_within_weeks=12))  # the senior uplift takes longer to fill
    assert all(p.weeks_to_fill <= 12 for p in robustness(soon, plan_with(("Ana", 100))).departures[0].positions)
    assert stand_ins(robustness(soon, plan_with(("Ana", 100))).departures[0]) == ALL_KINDS[:2]
    pool_only = build_buy_problem(Constraints(max_open_positions=0))
    assert robustness(pool_only, plan_with(("Ana", 100))).departures[0].positions == ()
    position = OpenPosition(SEML, ("deployment",), {}, 1.0, 0.0, 1)
    one_open = replace(plan_with(("Ana", 100)), open_positions=(position,))
    assert robustness(build_buy_problem(Constraints(max_open_positions=1)), one_open).departures[0].positions == ()
    assert robustness(build_buy_problem(Constraints(max_open_positions=2)), one_open).departures[0].positions


def test_a_departure_that_uncovers_nothing_lists_no_position() -> None:
    ana, bo = robustness(build_buy_problem(), plan_with(("Ana", 100), ("Bo", 90))).departures
    assert ana.lost and ana.positions
    assert bo.lost == () and bo.orphaned_tasks == () and bo.positions == ()


def test_bus_factors_count_trained_levels_and_open_positions() -> None:
    trained = Member("Bo", SEML, ("deployment",), 90, training=(TrainingAction("machine_learning", 2.0, 3, 5_000, 8),))
    bo = replace(PEOPLE[1], ratings={**PEOPLE[1].ratings, "machine_learning": 2})
    problem = build_buy_problem()
    problem = replace(problem, candidates=(PEOPLE[0], bo, *PEOPLE[2:]))
    position = OpenPosition(SEML, ("deployment",), {"software_engineering": 4}, 150_000, 8_000, 12, covers=(SE4,))
    plan = replace(plan_with(("Bo", 90)), team=(trained,), open_positions=(position,))
    report = robustness(problem, plan)
    members = {b.requirement: b.members for b in report.bus_factors}
    label = "Open position 1: Software Engineer – Machine Learning"
    assert members == {ML3: ("Bo",), SE4: ("Bo", label)}  # Bo at the level he is trained to
    (leaving,) = report.departures
    assert leaving.lost == (ML3,)  # the position still covers SE ≥ 4
