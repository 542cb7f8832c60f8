"""Regenerate the bundled examples (seeded, so the files are reproducible).

    python examples/generate_examples.py

Writes, for each example, a ``.teamplan`` project and its candidate spreadsheet as
``.xlsx`` and ``.csv``:

- ``ml-startup``: an ML start-up, 25 candidates (3 engineers already on staff, the others
  applicants with the job title they applied for), all five tasks; nobody is strong in
  CUDA-style accelerator languages or research, so the plan has gaps worth hiring for.
- ``ds-analytics``: a data-science analytics team, 15 candidates (2 analysts already on
  staff), no deployment.
- ``large-pool``: an internal staffing pool of 2,000 employees for an ML project.

An applicant's roles are what the importer reads from their job title with the Playbook's
terminology (:class:`planner.io.role_titles.RoleTitles`), so each spreadsheet imports back
exactly as its project.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from planner.analyses.scenarios import snapshot  # noqa: E402
from planner.io.project_file import save_project  # noqa: E402
from planner.io.role_titles import RoleTitles  # noqa: E402
from planner.model.candidates import Candidate, CandidateStatus  # noqa: E402
from planner.model.catalog import Catalog, RoleMarket, default_catalog  # noqa: E402
from planner.model.constraints import BudgetScope, Constraints  # noqa: E402
from planner.model.hiring import market_catalog  # noqa: E402
from planner.model.project import new_project  # noqa: E402
from planner.model.samples import generate_pool  # noqa: E402
from planner.wording import status_word  # noqa: E402


def cap_skills(people: list[Candidate], caps: dict[str, float]) -> list[Candidate]:
    """Lower some skills across the pool so that the example has real gaps."""
    out = []
    for person in people:
        ratings = {s: min(v, caps.get(s, v)) for s, v in person.ratings.items()}
        out.append(replace(person, ratings={s: v for s, v in ratings.items() if v > 0}))
    return out


# Job titles an applicant for each role might write, seeded per person; the Playbook's
# terminology turns each into the roles it opens (a role's own name opens that role,
# "Research Scientist" four).
JOB_TITLES = {
    "data_scientist": ("Data Scientist", "Statistician", "Senior Data Scientist"),
    "data_analyst": ("Data Analyst", "Business Analyst", "Marketing Analyst"),
    "machine_learning_engineer": ("Machine Learning Engineer", "Algorithm Engineer"),
    "machine_learning_researcher": ("Machine Learning Researcher", "Research Scientist"),
    "software_engineer_ml": ("Software Engineer - Machine Learning",),
    "software_engineer": ("Software Engineer", "Data Engineer", "Software Development Engineer"),
}


def staff_and_applicants(
    catalog: Catalog, people: list[Candidate], staff: dict[str, str], seed: int
) -> tuple[list[Candidate], dict[str, str]]:
    """People as employees (those in ``staff``, with a note) or applicants with a job title.

    Returns the people and each applicant's job title as written in the spreadsheet.
    """
    rng = random.Random(seed)
    titles = RoleTitles(catalog)
    by_name = {r.name: r.id for r in catalog.roles}
    out, written = [], {}
    for person in people:
        if person.name in staff:
            out.append(replace(person, status=CandidateStatus.EMPLOYEE, notes=staff[person.name]))
            continue
        applied = by_name.get(person.notes.removeprefix("Applied as "), "")
        title = rng.choice(JOB_TITLES.get(applied, ("",)))
        written[person.name] = title
        out.append(replace(person, roles=titles.read_cell(title)[0], notes=f"Applied as {title}"))
    return out, written


def write_spreadsheets(catalog: Catalog, people: list[Candidate], stem: Path, titles: dict[str, str]) -> None:
    headers = ["Name", "Email", "Status", "Applied for", *[s.name for s in catalog.skills], "Annual cost", "Notes"]
    rows = [
        [
            p.name,
            p.email,
            status_word(p.status),
            titles.get(p.name, ""),
            *[p.ratings.get(s.id, 0) for s in catalog.skills],
            p.cost,
            p.notes,
        ]
        for p in people
    ]
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


def local_market(catalog: Catalog, premium: float) -> dict[str, RoleMarket]:
    """The catalog's market figures scaled to a local salary level (a project's own overrides)."""
    out = {}
    for role in market_catalog(catalog).roles:
        if role.market is not None:
            m = role.market
            out[role.id] = replace(
                m,
                annual_cost=round(m.annual_cost * premium, -3),
                recruiting_cost=round(m.recruiting_cost * premium, -3),
            )
    return out


def main() -> None:
    catalog = default_catalog()

    startup = cap_skills(generate_pool(catalog, 25, seed=7), {"accelerator_languages": 2, "research": 2})
    engineers = [p.name for p in startup if p.notes in ("Applied as Software Engineer", "Applied as Data Scientist")]
    staff = {name: "Current employee (platform team)" for name in engineers[:3]}
    startup, titles = staff_and_applicants(catalog, startup, staff, seed=7)
    project = new_project("ml", name="ML start-up: fraud detection", candidates=startup)
    project.constraints = Constraints(team_size_max=6, budget=1_100_000, time_limit=20)
    project.nice_to_have.add(("modeling", "research"))
    project.notes = (
        "Seed-stage start-up building a fraud-detection model; first AI hires. Market figures are the "
        "project's own: Bay Area salaries, about 1.4 times the US medians the catalog ships."
    )
    project.market_overrides = local_market(catalog, premium=1.4)
    lean = snapshot(project, "Budget 450k")
    lean.constraints = replace(project.constraints, budget=450_000)
    no_deploy = snapshot(project, "Skip deployment for now")
    del no_deploy.subtasks["deployment"]
    new_spend = snapshot(project, "New spend 450k")
    new_spend.constraints = replace(project.constraints, budget=450_000, budget_scope=BudgetScope.NEW)
    project.scenarios = [lean, no_deploy, new_spend]
    save_project(project, HERE / "ml-startup.teamplan")
    write_spreadsheets(catalog, startup, HERE / "ml-startup-candidates", titles)

    analytics = generate_pool(catalog, 15, seed=21)
    analysts = [p.name for p in analytics if p.notes == "Applied as Data Analyst"]
    staff = {name: "Current employee (marketing analytics)" for name in analysts[:2]}
    analytics, titles = staff_and_applicants(catalog, analytics, staff, seed=21)
    project = new_project("ds", name="DS analytics team", candidates=analytics)
    project.constraints = Constraints(team_size_max=4, time_limit=20)
    project.notes = "Marketing analytics: dashboards, A/B tests and customer segmentation."
    save_project(project, HERE / "ds-analytics.teamplan")
    write_spreadsheets(catalog, analytics, HERE / "ds-analytics-candidates", titles)

    pool = generate_pool(catalog, 2000, seed=2000)
    pool = [replace(p, status=CandidateStatus.EMPLOYEE) for p in pool]  # everyone already works here
    project = new_project("ml", name="Internal staffing pool", candidates=pool)
    project.constraints = Constraints(team_size_max=8, time_limit=60, max_open_positions=0)
    project.notes = (
        "Company-wide pool of 2,000 employees for a new ML product team: staffed from the pool "
        "(no open positions), upskilling allowed."
    )
    save_project(project, HERE / "large-pool.teamplan")
    write_spreadsheets(catalog, pool, HERE / "large-pool-candidates", {})
    for path in sorted(HERE.glob("*.bak")):
        path.unlink()


if __name__ == "__main__":
    main()
