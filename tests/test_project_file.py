"""Project files round-trip exactly, save atomically with a backup, and fail clearly when damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import ProjectFileError
from planner.io.project_file import FORMAT_VERSION, load_project, project_to_dict, save_project
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, default_catalog
from planner.model.constraints import Constraints, ObjectiveOrder
from planner.model.plan import Coverage, Member, Objective, Plan, PlanStatus
from planner.model.project import Project, new_project
from planner.model.requirements import Requirement


def sample_project() -> Project:
    candidates = [
        Candidate(
            "Maya Okafor", {"machine_learning": 5, "software_engineering": 3.5}, 185_000, "maya@x.org", "ex-lead"
        ),
        Candidate("Bo Chen", {"data_science": 4}, None, notes="=cmd|' /C calc'!A0", max_tasks=1),
    ]
    project = new_project("ml", name="Fraud detection", candidates=candidates)
    project.requirement_overrides[("modeling", "deep_learning")] = 5
    project.nice_to_have.add(("modeling", "research"))
    project.constraints = Constraints(
        team_size_max=6,
        budget=900_000,
        must_hire={"Maya Okafor": "machine_learning_engineer"},
        exclude=frozenset({"Bo Chen"}),
        objective_order=ObjectiveOrder.COST_FIRST,
        critical=frozenset({("modeling", "machine_learning")}),
    )
    project.plan = Plan(
        status=PlanStatus.OPTIMAL,
        solve_seconds=0.5,
        objective=Objective(1, 0, 1, 185_000, 0.8),
        settings=project.constraints,
        roles={"machine_learning_engineer": ("data_engineering", "modeling", "deployment")},
        requirements=(Requirement("modeling", "machine_learning", 4),),
        team=(
            Member(
                "Maya Okafor",
                "machine_learning_engineer",
                ("modeling",),
                185_000,
                (Coverage("modeling", "machine_learning", 4, 5),),
                0.8,
            ),
        ),
        coverage_counts={("modeling", "machine_learning"): 1},
    )
    return project


def test_round_trip(tmp_path: Path) -> None:
    project = sample_project()
    path = tmp_path / "p.teamplan"
    save_project(project, path)
    loaded = load_project(path)
    assert loaded == project
    assert loaded.requirements() == project.requirements()


def test_save_keeps_a_backup_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "p.teamplan"
    project = sample_project()
    save_project(project, path)
    project.name = "Second version"
    save_project(project, path)
    assert load_project(path).name == "Second version"
    assert json.loads((tmp_path / "p.teamplan.bak").read_text(encoding="utf-8"))["name"] == "Fraud detection"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.teamplan", "p.teamplan.bak"]


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.teamplan"
    save_project(sample_project(), path)
    before = path.read_bytes()

    def explode(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("planner.io.atomic_write.os.replace", explode)
    with pytest.raises(ProjectFileError, match="No space left"):
        save_project(new_project("ds"), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.teamplan"]  # no temporary left behind


def test_embedded_catalog_reopens_identically(tmp_path: Path) -> None:
    project = sample_project()
    data = project_to_dict(project)
    data["catalog"]["roles"][0]["name"] = "Applied Scientist"
    path = tmp_path / "custom.teamplan"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_project(path).catalog.role("data_scientist").name == "Applied Scientist"


def damaged(tmp_path: Path, edit: object) -> Path:
    data = project_to_dict(sample_project())
    edit(data)  # type: ignore[operator]
    path = tmp_path / "bad.teamplan"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "place", "reason"),
    [
        (lambda d: d.update(format_version=FORMAT_VERSION + 1), "$.format_version", "newer Team Planner"),
        (lambda d: d["candidates"][1]["ratings"].update(data_science=7), "$.candidates[1]", "outside 0–5"),
        (lambda d: d["candidates"][0].update(name=5), "$.candidates[0].name", "expected text"),
        (lambda d: d["candidates"][0]["ratings"].update(mathematics="high"), "mathematics", "expected a number"),
        (lambda d: d["candidates"].append(d["candidates"][0]), "$.candidates[2].name", "more than once"),
        (lambda d: d["tasks"].update(cooking=[]), "$.tasks.cooking", "unknown task"),
        (lambda d: d["constraints"].update(redundancy=0), "$.constraints", "redundancy must be at least 1"),
        (lambda d: d["constraints"]["must_hire"].append({"candidate": "Nobody"}), "must_hire[1]", "not among"),
        (lambda d: d.pop("format"), "$.format", "not a Team Planner project"),
        (lambda d: d["plan"].pop("objective"), "$.plan", "damaged"),
        (lambda d: d["requirement_overrides"][0].update(level=6), "level", "outside the scale"),
    ],
)
def test_damaged_files_name_place_and_reason(tmp_path: Path, edit: object, place: str, reason: str) -> None:
    with pytest.raises(ProjectFileError) as info:
        load_project(damaged(tmp_path, edit))
    assert place in str(info.value)
    assert reason in str(info.value)


def test_truncated_and_foreign_files(tmp_path: Path) -> None:
    path = tmp_path / "p.teamplan"
    save_project(sample_project(), path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"it was probably cut short while being saved or copied$") as cut:
        load_project(path)
    assert cut.value.advice == "damaged project"
    assert "starting at" not in str(cut.value)  # the JSON parser's half sentence is not shown
    path.write_bytes(b"PK\x03\x04\xff\xfe binary")
    with pytest.raises(ProjectFileError, match="not a Team Planner project") as binary:
        load_project(path)
    assert binary.value.advice == "not a project"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="empty"):
        load_project(path)
    with pytest.raises(ProjectFileError, match="cannot open") as missing:
        load_project(tmp_path / "missing.teamplan")
    assert missing.value.advice == ""  # no backup advice where a backup cannot help


@pytest.mark.parametrize("name", ["people.csv", "people.teamplan"])
def test_a_spreadsheet_opened_as_a_project_points_to_import(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Name,Email,Machine Learning\nAna,ana@example.com,4\n", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="not a Team Planner project") as info:
        load_project(path)
    assert info.value.advice == "not a project"
    assert "Expecting value" not in str(info.value)


CATALOG = default_catalog()
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20).filter(str.strip)
ratings = st.dictionaries(st.sampled_from(CATALOG.skill_ids), st.integers(0, 10).map(lambda v: v / 2), max_size=6)
candidates = st.builds(
    Candidate,
    name=names,
    ratings=ratings,
    cost=st.none() | st.integers(0, 500_000).map(float),
    email=st.text(max_size=10),
    notes=st.text(max_size=30),
    max_tasks=st.none() | st.integers(1, 4),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    people=st.lists(candidates, max_size=6, unique_by=lambda c: c.name),
    kind=st.sampled_from(["ml", "ds"]),
    team_max=st.none() | st.integers(0, 10),
    budget=st.none() | st.integers(0, 2_000_000).map(float),
    levels=st.dictionaries(
        st.tuples(st.sampled_from(CATALOG.task_ids), st.sampled_from(CATALOG.skill_ids)), st.integers(0, 5), max_size=5
    ),
)
def test_round_trip_property(
    tmp_path: Path,
    people: list[Candidate],
    kind: str,
    team_max: int | None,
    budget: float | None,
    levels: dict[tuple[str, str], int],
) -> None:
    project = new_project(kind, candidates=people, constraints=Constraints(team_size_max=team_max, budget=budget))
    project.requirement_overrides.update(levels)
    path = tmp_path / "prop.teamplan"
    save_project(project, path)
    assert load_project(path) == project


def test_catalog_fixture_is_default(catalog: Catalog) -> None:
    assert sample_project().catalog == catalog


def test_scenarios_round_trip_and_are_validated(tmp_path: Path) -> None:
    from planner.analyses.scenarios import snapshot

    project = sample_project()
    cheaper = snapshot(project, "Budget 600k")
    cheaper.constraints = Constraints(budget=600_000)
    no_deploy = snapshot(project, "Skip deployment")
    del no_deploy.subtasks["deployment"]
    project.scenarios = [cheaper, no_deploy]
    path = tmp_path / "s.teamplan"
    save_project(project, path)
    loaded = load_project(path)
    assert loaded == project
    assert [s.name for s in loaded.scenarios] == ["Budget 600k", "Skip deployment"]
    assert "deployment" not in loaded.scenarios[1].subtasks

    data = project_to_dict(project)
    data["scenarios"][0]["constraints"]["exclude"] = ["Nobody"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"\$\.scenarios\[0\]\.constraints\.exclude\[0\]"):
        load_project(path)
