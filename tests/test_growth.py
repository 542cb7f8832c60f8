"""Growth: the skills a person would raise to reach each Playbook role's profile, in order."""

from __future__ import annotations

import dataclasses

from planner.analyses.growth import growth_paths, growth_steps, needed_skills
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, ProfileValue, Source
from planner.model.requirements import Requirement
from planner.wording import growth_text

RATINGS = {
    "machine_learning": 4.0,
    "data_science": 3.0,
    "mathematics": 2.0,
    "algorithmic_coding": 3.0,
    "software_engineering": 1.0,
}


def test_steps_put_the_projects_skills_first_then_the_biggest_gaps(catalog: Catalog) -> None:
    person = Candidate("Ana", RATINGS)
    mle = catalog.role("machine_learning_engineer")  # ML 5, DS 3, maths 5, coding 5, SE 3: all from a chart
    steps = growth_steps(person, mle, catalog, needed=frozenset({"software_engineering"}))
    assert [(s.skill, s.current, s.target) for s in steps] == [
        ("software_engineering", 1.0, 3),  # the project needs it: first, although its gap is not the biggest
        ("mathematics", 2.0, 5),
        ("algorithmic_coding", 3.0, 5),
        ("machine_learning", 4.0, 5),
    ]
    path = next(p for p in growth_paths(person, catalog, frozenset({"software_engineering"})) if p.role == mle.id)
    assert growth_text(catalog, path) == (
        "To grow into Machine Learning Engineer: Software Engineering 1 → 3, Mathematics 2 → 5, "
        "Algorithmic Coding 3 → 5, Machine Learning 4 → 5"
    )


def test_inferred_profile_values_are_marked(catalog: Catalog) -> None:
    person = Candidate("Ana", RATINGS)
    path = next(p for p in growth_paths(person, catalog) if p.role == "data_scientist")  # an inferred profile
    assert all(step.inferred for step in path.steps)
    text = growth_text(catalog, path)
    assert text.startswith("To grow into Data Scientist: Business Acumen 0 → 5, ")
    assert text.endswith(" (inferred profile)")
    # A role with both kinds: only the inferred target is marked.
    mle = catalog.role("machine_learning_engineer")
    mixed = dataclasses.replace(mle, profile={**mle.profile, "research": ProfileValue(4, Source.INFERRED)})
    mixed_catalog = dataclasses.replace(catalog, roles=(mixed,))
    path = growth_paths(person, mixed_catalog)[0]
    assert growth_text(mixed_catalog, path) == (
        "To grow into Machine Learning Engineer: Research 0 → 4 (inferred), Mathematics 2 → 5, "
        "Algorithmic Coding 3 → 5, Software Engineering 1 → 3, Machine Learning 4 → 5"
    )


def test_paths_are_ranked_by_fit_and_say_whether_the_person_is_open_to_the_role(catalog: Catalog) -> None:
    person = Candidate("Ana", RATINGS, roles=("data_analyst",))
    paths = growth_paths(person, catalog)
    fits = [p.fit for p in paths]
    assert fits == sorted(fits, reverse=True)
    assert {p.role for p in paths if p.open_to} == {"data_analyst"}
    at_profile = Candidate("Eve", {s: float(v.level) for s, v in catalog.role("software_engineer").profile.items()})
    top = growth_paths(at_profile, catalog)[0]
    assert top.role == "software_engineer" and top.steps == ()
    assert growth_text(catalog, top) == "Software Engineer: already at or above the role's profile in every skill"


def test_needed_skills_are_the_skills_requirements_name() -> None:
    reqs = (Requirement("modeling", "research", 3), Requirement("deployment", "software_engineering", 4))
    assert needed_skills(reqs) == frozenset({"research", "software_engineering"})


def test_the_growth_table_ranks_exactly_like_role_fit(catalog: Catalog) -> None:
    from planner.analyses.growth import GrowthTable
    from planner.model.fit import ranked_roles
    from planner.model.samples import generate_pool

    table = GrowthTable(catalog)
    for person in generate_pool(catalog, 200, seed=3):
        assert [(p.role, p.fit) for p in table.paths(person)] == [(r.id, f) for r, f in ranked_roles(person, catalog)]
        best = table.best_role(person)
        assert best is not None and (best[0].id, best[1]) == (
            ranked_roles(person, catalog)[0][0].id,
            ranked_roles(person, catalog)[0][1],
        )
