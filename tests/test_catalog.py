"""The bundled catalog matches the Playbook reference, and bad catalogs are rejected clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.errors import CatalogError
from planner.model.catalog import Catalog, Involvement, Source, catalog_from_dict, catalog_to_dict, load_catalog
from planner.model.project import new_project
from planner.model.requirements import build_requirements, default_levels

SKILLS = {
    "machine_learning", "deep_learning", "data_science", "mathematics", "algorithmic_coding",
    "software_engineering", "business_acumen", "communication", "research", "data_query_languages",
    "accelerator_languages", "visualization_languages",
}  # fmt: skip


def test_catalog_has_the_playbook_ids(catalog: Catalog) -> None:
    assert set(catalog.skill_ids) == SKILLS
    assert catalog.task_ids == ("data_engineering", "modeling", "deployment", "business_analysis", "ai_infrastructure")
    assert set(catalog.role_ids) == {
        "data_scientist", "data_analyst", "machine_learning_engineer", "machine_learning_researcher",
        "software_engineer_ml", "software_engineer",
    }  # fmt: skip
    assert catalog.kind("ml").tasks == catalog.task_ids
    assert "deployment" not in catalog.kind("ds").tasks
    assert [len(t.subtasks) for t in catalog.tasks] == [8, 9, 8, 7, 8]


def test_scale_names(catalog: Catalog) -> None:
    assert [catalog.scale.name_of(v) for v in range(6)] == [
        "None", "Beginning", "Beginning", "Developing", "Developing", "Accomplished",
    ]  # fmt: skip
    assert catalog.scale.name_of(3.5) == "Developing"


def test_roles_follow_the_reference(catalog: Catalog) -> None:
    mle = catalog.role("machine_learning_engineer")
    assert {s: mle.level(s) for s in ("data_science", "mathematics", "machine_learning", "software_engineering")} == {
        "data_science": 3, "mathematics": 5, "machine_learning": 5, "software_engineering": 3,
    }  # fmt: skip
    assert mle.profile["machine_learning"].source is Source.SOURCED
    assert catalog.role("data_scientist").profile["machine_learning"].source is Source.INFERRED
    se_ml = catalog.role("software_engineer_ml")
    assert se_ml.tasks["modeling"].involvement is Involvement.SECONDARY
    assert se_ml.is_primary("deployment") and not se_ml.is_primary("modeling")
    assert set(catalog.role("software_engineer").tasks) == {"data_engineering", "ai_infrastructure"}
    assert catalog.role("data_analyst").level("data_query_languages") == 5


def test_subtasks_name_their_skills(catalog: Catalog) -> None:
    accelerating = catalog.task("modeling").subtask("accelerating_training")
    assert accelerating.skills == ("accelerator_languages", "algorithmic_coding")
    assert accelerating.examples


def test_default_requirement_rule(catalog: Catalog) -> None:
    # Deployment: 8 subtasks all involve software engineering (majority -> 4); 2 involve ML (-> 3).
    levels = default_levels(catalog, {"deployment": [s.id for s in catalog.task("deployment").subtasks]})
    assert levels == {("deployment", "software_engineering"): 4, ("deployment", "machine_learning"): 3}
    # A single chosen subtask never triggers the majority level (needs two).
    one = default_levels(catalog, {"modeling": ["accelerating_training"]})
    assert one == {("modeling", "algorithmic_coding"): 3, ("modeling", "accelerator_languages"): 3}


def test_overrides_and_nice_to_have(catalog: Catalog) -> None:
    subtasks = {"deployment": [s.id for s in catalog.task("deployment").subtasks]}
    reqs = build_requirements(
        catalog,
        subtasks,
        overrides={("deployment", "machine_learning"): 0, ("deployment", "communication"): 2},
        nice_to_have={("deployment", "communication")},
    )
    assert [(r.skill, r.level, r.must_have) for r in reqs] == [
        ("software_engineering", 4, True),
        ("communication", 2, False),
    ]


def test_ml_project_defaults(catalog: Catalog) -> None:
    project = new_project("ml")
    assert project.tasks == catalog.task_ids
    assert len(project.requirements()) == 23


def test_round_trip(catalog: Catalog) -> None:
    assert catalog_from_dict(catalog_to_dict(catalog)) == catalog


def test_custom_catalog_file(tmp_path: Path, catalog: Catalog) -> None:
    data = catalog_to_dict(catalog)
    data["roles"][0]["name"] = "Applied Scientist"
    data["skills"].append({"id": "cloud", "name": "Cloud", "aliases": ["AWS"], "description": "Cloud platforms"})
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    custom = load_catalog(path)
    assert custom.role("data_scientist").name == "Applied Scientist"
    assert custom.skill("cloud").aliases == ("AWS",)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["tasks"][0]["subtasks"][0]["skills"].append("juggling"), "$.tasks[0].subtasks[0].skills"),
        (lambda d: d["roles"][1]["profile"]["mathematics"].update(level=9), "outside the scale"),
        (lambda d: d["kinds"][0]["tasks"].append("cooking"), "unknown task 'cooking'"),
        (lambda d: d["skills"].append(dict(d["skills"][0])), "appears twice"),
        (lambda d: d.update(format="something-else"), "not a Team Planner catalog"),
    ],
)
def test_bad_catalogs_name_the_place(catalog: Catalog, mutate: object, message: str) -> None:
    data = json.loads(json.dumps(catalog_to_dict(catalog)))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(CatalogError, match=message.replace("[", r"\[").replace("]", r"\]").replace("$", r"\$")):
        catalog_from_dict(data)


def test_unreadable_catalog_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"id": ', encoding="utf-8")
    with pytest.raises(CatalogError, match="line 1"):
        load_catalog(path)
