"""Project files round-trip exactly, save atomically with a backup, and fail clearly when damaged."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import ProjectFileError
from planner.io.project_file import FORMAT_VERSION, load_project, project_to_dict, save_project
from planner.model.candidates import Candidate, CandidateStatus
from planner.model.catalog import Catalog, default_catalog
from planner.model.constraints import BudgetScope, Constraints, ObjectiveOrder, TrainingPolicy
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


# --- format 2, and files from someone else ---------------------------------------------------


def test_status_roles_and_new_constraints_round_trip(tmp_path: Path) -> None:
    project = sample_project()
    maya, bo = project.candidates
    project.candidates = [
        dataclasses.replace(maya, status=CandidateStatus.EMPLOYEE),
        dataclasses.replace(bo, roles=("data_scientist", "data_analyst")),
    ]
    project.constraints = dataclasses.replace(
        project.constraints,
        budget_scope=BudgetScope.NEW,
        max_open_positions=2,
        training=TrainingPolicy(enabled=False, max_levels_per_skill=2, cost_per_level=7_500, weeks_per_level=6),
        needed_within_weeks=12,
    )
    path = tmp_path / "v2.teamplan"
    save_project(project, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    assert data["candidates"][0]["status"] == "employee" and data["candidates"][1]["roles"] == [
        "data_scientist",
        "data_analyst",
    ]
    loaded = load_project(path)
    assert loaded.candidates == project.candidates
    assert loaded.constraints == project.constraints


def write_version_1(project: Project, path: Path) -> Path:
    """``project`` as a Team Planner of format 1 saved it: no statuses, roles, budget scope or build-or-buy settings."""
    data = project_to_dict(project)
    data["format_version"] = 1
    for candidate in data["candidates"]:
        del candidate["status"], candidate["roles"]
    for key in ("budget_scope", "max_open_positions", "training", "needed_within_weeks"):
        del data["constraints"][key]
    del data["currency"], data["market_overrides"]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_version_1_file_loads_with_defaults(tmp_path: Path) -> None:
    path = write_version_1(sample_project(), tmp_path / "v1.teamplan")
    loaded = load_project(path)
    assert loaded.saved_before_build_buy  # its plans say that positions and training are now considered
    assert [c.status for c in loaded.candidates] == [CandidateStatus.APPLICANT] * 2
    assert [c.roles for c in loaded.candidates] == [(), ()]
    assert loaded.constraints.budget_scope is BudgetScope.ALL and loaded.constraints.training == TrainingPolicy()
    assert loaded.constraints.max_open_positions is None and loaded.constraints.needed_within_weeks is None
    save_project(loaded, path)  # saved again: format 2, and the note is gone
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == FORMAT_VERSION
    assert not load_project(path).saved_before_build_buy


def test_the_first_plan_of_a_version_1_project_says_positions_and_training_are_now_considered(tmp_path: Path) -> None:
    import io

    from planner.cli import main as cli_main

    project = load_project(Path(__file__).resolve().parent.parent / "examples" / "ml-startup.teamplan")
    path = write_version_1(project, tmp_path / "old.teamplan")
    note = (
        "Note: This project was saved before Team Planner considered open positions and training; they are now "
        "allowed: pass --max-open-positions 0 --no-training for a pool-only plan."
    )
    for args, shown in (([], True), (["--max-open-positions", "0", "--no-training"], False)):
        out = io.StringIO()
        code = cli_main(["solve", str(path), "-q", "--deterministic", *args], stdout=out, stderr=io.StringIO())
        assert code == 0
        assert (note in out.getvalue().splitlines()) is shown
    out = io.StringIO()
    assert cli_main(["solve", str(path), "-q", "--deterministic", "--no-training"], stdout=out) == 0
    assert "open positions are now allowed: pass --max-open-positions 0 for a pool-only plan." in out.getvalue()
    new = tmp_path / "new.teamplan"
    save_project(project, new)
    out = io.StringIO()
    assert cli_main(["solve", str(new), "-q", "--deterministic"], stdout=out) == 0
    assert "saved before Team Planner considered" not in out.getvalue()


def test_newer_format_is_refused_clearly(tmp_path: Path) -> None:
    path = damaged(tmp_path, lambda d: d.update(format_version=3))
    with pytest.raises(ProjectFileError, match=r"newer Team Planner \(format 3; this version reads up to 2\)"):
        load_project(path)


@pytest.mark.parametrize(
    ("edit", "place"),
    [
        (lambda d: d["plan"].update(settings=[]), "$.plan"),
        (lambda d: d["plan"]["settings"].update(must_hire=[1]), "$.plan"),
        (lambda d: d["plan"].update(roles=None), "$.plan"),
        (lambda d: d["plan"].update(team="x"), "$.plan"),
        (lambda d: d["catalog"]["scale"].update(levels=[[1, 2]]), "catalog"),
        (lambda d: d["catalog"].update(skills={"a": 1}), "catalog"),
        (lambda d: d["candidates"][0].update(status="boss"), "$.candidates[0].status"),
        (lambda d: d["candidates"][0].update(roles="data_scientist"), "$.candidates[0].roles"),
        (lambda d: d["candidates"][0].update(roles=["chef"]), "$.candidates[0]"),
        (lambda d: d["constraints"].update(training=[]), "$.constraints.training"),
        (lambda d: d["constraints"].update(budget_scope="some"), "$.constraints.budget_scope"),
        (lambda d: d["constraints"].update(max_open_positions=-1), "$.constraints"),
        (lambda d: d["constraints"].update(budget=1e300), "$.constraints.budget"),
    ],
)
def test_wrong_json_types_name_the_place(tmp_path: Path, edit: object, place: str) -> None:
    with pytest.raises(ProjectFileError) as info:
        load_project(damaged(tmp_path, edit))
    message = str(info.value)
    assert place in message and "\n" not in message


@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        ('"budget": 900000', '"budget": ' + "9" * 5000),  # thousands of digits
        ('"budget": 900000', '"budget": 1e999'),
        ('"budget": 900000', '"budget": NaN'),
        ('"budget": 900000', '"budget": -Infinity'),
    ],
)
def test_numbers_out_of_range(tmp_path: Path, replace: str, reason: str) -> None:
    path = tmp_path / "n.teamplan"
    save_project(sample_project(), path)
    text = path.read_text(encoding="utf-8")
    assert replace in text
    path.write_text(text.replace(replace, reason), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"out of range|not a number JSON allows"):
        load_project(path)


def test_rating_of_1e999_is_refused_on_load_so_saving_never_fails(tmp_path: Path) -> None:
    path = tmp_path / "r.teamplan"
    save_project(sample_project(), path)
    text = path.read_text(encoding="utf-8").replace('"data_science": 4', '"data_science": 1e999')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError, match="out of range"):
        load_project(path)


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.teamplan"
    path.write_text('{"candidates": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="nested too deeply"):
        load_project(path)


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "p.teamplan"
        save_project(sample_project(), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o600)
        save_project(sample_project(), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "p.teamplan.bak").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_backup_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save killed while the backup is being copied leaves the previous backup intact."""
    path = tmp_path / "p.teamplan"
    project = sample_project()
    save_project(project, path)
    project.name = "Second"
    save_project(project, path)
    backup = (tmp_path / "p.teamplan.bak").read_bytes()

    def killed_copy(source: object, target: object) -> None:
        Path(str(target)).write_bytes(b"{half a cop")
        raise KeyboardInterrupt  # the process dies here

    monkeypatch.setattr("planner.io.atomic_write.shutil.copyfile", killed_copy)
    project.name = "Third"
    with pytest.raises(KeyboardInterrupt):
        save_project(project, path)
    assert (tmp_path / "p.teamplan.bak").read_bytes() == backup
    assert load_project(path).name == "Second"


def test_stale_temporaries_of_killed_saves_are_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / "p.teamplan"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = tmp_path / f".p.teamplan.{dead.stdout.strip()}.abcd1234.teamplanner-tmp"
    leftover.write_bytes(b"x" * 1000)
    unrelated = tmp_path / ".p.teamplan.notes"
    unrelated.write_text("keep me", encoding="utf-8")
    save_project(sample_project(), path)
    assert not leftover.exists() and unrelated.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".p.teamplan.notes", "p.teamplan"]
