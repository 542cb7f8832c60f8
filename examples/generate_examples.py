"""Regenerate the bundled examples (seeded, so the files are reproducible).

    python examples/generate_examples.py

Writes, for each example, a ``.teamplan`` project and its candidate spreadsheet as
``.xlsx`` and ``.csv``:

- ``ml-startup``: an ML start-up, 25 candidates, all five tasks; nobody is strong in
  CUDA-style accelerator languages or research, so the plan has gaps worth hiring for.
- ``ds-analytics``: a data-science analytics team, 15 candidates, no deployment.
- ``large-pool``: an internal staffing pool of 2,000 candidates for an ML project.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from planner.analyses.scenarios import snapshot  # noqa: E402
from planner.io.project_file import save_project  # noqa: E402
from planner.model.candidates import Candidate  # noqa: E402
from planner.model.catalog import Catalog, default_catalog  # noqa: E402
from planner.model.constraints import Constraints  # noqa: E402
from planner.model.project import new_project  # noqa: E402
from planner.model.samples import generate_pool  # noqa: E402


def cap_skills(people: list[Candidate], caps: dict[str, float]) -> list[Candidate]:
    """Lower some skills across the pool so that the example has real gaps."""
    out = []
    for person in people:
        ratings = {s: min(v, caps.get(s, v)) for s, v in person.ratings.items()}
        out.append(replace(person, ratings={s: v for s, v in ratings.items() if v > 0}))
    return out


def write_spreadsheets(catalog: Catalog, people: list[Candidate], stem: Path) -> None:
    headers = ["Name", "Email", *[s.name for s in catalog.skills], "Annual cost", "Notes"]
    rows = [[p.name, p.email, *[p.ratings.get(s.id, 0) for s in catalog.skills], p.cost, p.notes] for p in people]
    with stem.with_suffix(".csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([int(v) if isinstance(v, float) and v.is_integer() else v for v in row])
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Candidates"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "B2"
    book.save(stem.with_suffix(".xlsx"))


def main() -> None:
    catalog = default_catalog()

    startup = cap_skills(generate_pool(catalog, 25, seed=7), {"accelerator_languages": 2, "research": 2})
    project = new_project("ml", name="ML start-up: fraud detection", candidates=startup)
    project.constraints = Constraints(team_size_max=6, budget=1_100_000, time_limit=20)
    project.nice_to_have.add(("modeling", "research"))
    project.notes = "Seed-stage start-up building a fraud-detection model; first AI hires."
    lean = snapshot(project, "Budget 450k")
    lean.constraints = replace(project.constraints, budget=450_000)
    no_deploy = snapshot(project, "Skip deployment for now")
    del no_deploy.subtasks["deployment"]
    project.scenarios = [lean, no_deploy]
    save_project(project, HERE / "ml-startup.teamplan")
    write_spreadsheets(catalog, startup, HERE / "ml-startup-candidates")

    analytics = generate_pool(catalog, 15, seed=21)
    project = new_project("ds", name="DS analytics team", candidates=analytics)
    project.constraints = Constraints(team_size_max=4, time_limit=20)
    project.notes = "Marketing analytics: dashboards, A/B tests and customer segmentation."
    save_project(project, HERE / "ds-analytics.teamplan")
    write_spreadsheets(catalog, analytics, HERE / "ds-analytics-candidates")

    pool = generate_pool(catalog, 2000, seed=2000)
    project = new_project("ml", name="Internal staffing pool", candidates=pool)
    project.constraints = Constraints(team_size_max=8, time_limit=60)
    project.notes = "Company-wide pool of 2,000 employees for a new ML product team."
    save_project(project, HERE / "large-pool.teamplan")
    write_spreadsheets(catalog, pool, HERE / "large-pool-candidates")
    for path in sorted(HERE.glob("*.bak")):
        path.unlink()


if __name__ == "__main__":
    main()
