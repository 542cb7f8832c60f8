"""The headless command line: ``solve``, ``compare``, ``import``, ``fit``, ``catalog`` and ``template``.

Exit codes: 0 a plan (or report) was produced, even with gaps; 1 bad input (the message
says what and where); 2 usage error; 3 the hard constraints contradict each other.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from planner.errors import PlannerError, ValidationError
from planner.model.candidates import Candidate
from planner.model.catalog import Catalog, default_catalog, load_catalog
from planner.model.constraints import BudgetScope, ObjectiveOrder
from planner.model.money import currency_for_code, format_money
from planner.model.plan import Plan, PlanStatus, plan_to_dict
from planner.model.project import Project, new_project
from planner.wording import (
    Surface,
    advice_text,
    build_buy_notice,
    cost_split_text,
    count_text,
    growth_steps_text,
    hire_text,
    open_to_text,
    position_lines,
    staff_or_hire,
    status_word,
    training_text,
    with_advice,
)

if TYPE_CHECKING:
    from planner.analyses.growth import GrowthPath
    from planner.analyses.scenarios import Comparison
    from planner.io.import_report import ImportProblem
    from planner.solver import SolveProgress

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INFEASIBLE = 0, 1, 2, 3
COMMANDS = ("solve", "compare", "import", "fit", "catalog", "template")


class _AboutAction(argparse.Action):
    """``--version``: the version, the catalog's source and the bundled libraries' licences, line by line."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from planner.about import about_text

        with contextlib.suppress(BrokenPipeError):  # piped into `head`
            print(about_text())
        parser.exit()


def program_name() -> str:
    """How the user started us: ``python main.py`` from a checkout, else the command's own name."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python main.py" if name in ("", "main.py", "-c") else name


def build_parser() -> argparse.ArgumentParser:
    prog = program_name()
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Team Planner: staff an AI team from the AI Human Capital Playbook. "
        f"Without a command, `{prog} [PROJECT.teamplan]` opens the desktop app.",
    )
    parser.add_argument(
        "--version", action=_AboutAction, nargs=0, help="show the version, the catalog's source and the licences"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    solve = sub.add_parser("solve", help="solve a project headless and write the plan")
    solve.add_argument("project", nargs="?", type=Path, help="a .teamplan project (omit to use --kind)")
    solve.add_argument("--kind", choices=["ml", "ds"], help="project kind when no project file is given")
    solve.add_argument("--tasks", help="comma-separated task ids (default: the kind's tasks)")
    solve.add_argument("--scenario", metavar="NAME", help="solve one of the project's saved what-if scenarios")
    solve.add_argument("--candidates", type=Path, help="candidate spreadsheet (replaces the project's candidates)")
    solve.add_argument("--sheet", help="sheet to read from the candidate workbook")
    solve.add_argument("--scale", help="rating scale of the spreadsheet, e.g. 1-10, percent, workera")
    solve.add_argument(
        "--skip-bad-rows", action="store_true", help="solve with the good rows when some rows have errors"
    )
    solve.add_argument("--catalog", type=Path, help="a custom catalog file (JSON) instead of the Playbook's")
    solve.add_argument("--time-limit", type=float, metavar="S", help="seconds (default: the project's, 30)")
    solve.add_argument("--team-min", type=int, metavar="N")
    solve.add_argument("--team-max", type=int, metavar="N")
    solve.add_argument("--budget", type=float, metavar="X", help="total annual cost limit")
    solve.add_argument(
        "--budget-scope",
        choices=[scope.value for scope in BudgetScope],
        help="what the budget covers: all (the whole team, the default) or new (new spend: not current staff)",
    )
    solve.add_argument("--max-tasks-per-person", type=int, metavar="K")
    solve.add_argument("--redundancy", type=int, metavar="R", help="members needed to cover each requirement")
    solve.add_argument("--objective", choices=["size", "cost"], help="after coverage, minimise team size or cost first")
    solve.add_argument(
        "--max-open-positions",
        type=int,
        metavar="N",
        help="positions to open on the market at most (0: staff from the pool only; default: up to the team size)",
    )
    solve.add_argument("--no-training", action="store_true", help="do not consider upskilling team members")
    solve.add_argument(
        "--needed-within",
        type=int,
        metavar="W",
        help="weeks until the team is needed: slower hires and training are out",
    )
    solve.add_argument("--currency", metavar="CODE", help="ISO currency code of the money amounts, e.g. EUR")
    solve.add_argument(
        "--deterministic", action="store_true", help="fixed seed and worker count: same input, same team"
    )
    solve.add_argument("--out", type=Path, metavar="PLAN.xlsx", help="write the plan workbook")
    solve.add_argument("--csv", type=Path, metavar="TEAM.csv", help="write the team as CSV")
    solve.add_argument("--json", type=Path, metavar="RESULT.json", help="write the result JSON")
    solve.add_argument("-q", "--quiet", action="store_true", help="no progress, only the result")

    compare = sub.add_parser("compare", help="solve the current setup and every scenario, and compare them")
    compare.add_argument("project", type=Path)
    compare.add_argument("--time-limit", type=float, metavar="S", help="seconds per scenario")
    compare.add_argument("--deterministic", action="store_true")
    compare.add_argument("--json", type=Path, metavar="COMPARISON.json")
    compare.add_argument("--save", action="store_true", help="store the plans in the project file")
    compare.add_argument("-q", "--quiet", action="store_true")

    imp = sub.add_parser("import", help="read and check a candidate spreadsheet")
    imp.add_argument("file", type=Path)
    imp.add_argument("--sheet")
    imp.add_argument("--scale", help="e.g. 1-10, 0-100, percent, workera (1–300 scores)")
    imp.add_argument("--catalog", type=Path)
    imp.add_argument("--json", type=Path, metavar="REPORT.json", help="write the import report as JSON")

    fit = sub.add_parser("fit", help="rank the Playbook roles for each person and list what to learn for each")
    fit.add_argument(
        "file", type=Path, help="a candidate spreadsheet, or a .teamplan project (its skills are listed first)"
    )
    fit.add_argument("--name", help="only this person (as named in the file)")
    fit.add_argument("--sheet")
    fit.add_argument("--scale", help="e.g. 1-10, 0-100, percent, workera (1–300 scores)")
    fit.add_argument("--catalog", type=Path)
    fit.add_argument("--json", type=Path, metavar="FIT.json", help="write the ranking and growth steps as JSON")

    cat = sub.add_parser("catalog", help="print the skills, tasks and roles")
    cat.add_argument("--catalog", type=Path)
    cat.add_argument("--json", action="store_true", help="print the catalog as JSON")

    tpl = sub.add_parser("template", help="write a blank candidate spreadsheet template (.xlsx)")
    tpl.add_argument("out", type=Path)
    tpl.add_argument("--catalog", type=Path)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        if args.command == "solve":
            return _solve(args, out, err)
        if args.command == "compare":
            return _compare(args, out, err)
        if args.command == "import":
            return _import(args, out)
        if args.command == "fit":
            return _fit(args, out, err)
        if args.command == "catalog":
            return _catalog(args, out)
        return _template(args, out)
    except PlannerError as exc:
        print(f"error: {exc}", file=err)
        advice = advice_text(exc.advice, Surface.CLI)
        if advice:
            print(f"hint: {advice}", file=err)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into `head` and the like
        return EXIT_OK


def _catalog_from(args: argparse.Namespace) -> Catalog:
    return load_catalog(args.catalog) if getattr(args, "catalog", None) else default_catalog()


# --- solve -----------------------------------------------------------------------------


def _load_candidates(
    args: argparse.Namespace, catalog: Catalog, err: TextIO, *, warn_blank_cost: bool
) -> list[Candidate]:
    from planner.io.candidate_import import import_candidates, parse_scale

    scale = parse_scale(args.scale) if args.scale else None
    report = import_candidates(args.candidates, catalog, sheet=args.sheet, scale=scale, warn_blank_cost=warn_blank_cost)
    for problem in report.problems:
        print(f"{args.candidates}: {_problem_line(problem)}", file=err)
    if report.errors and not args.skip_bad_rows:
        raise ValidationError(
            f"{args.candidates}: {count_text(len(report.errors), 'error')} in the candidate file (listed above); "
            "fix them, or pass --skip-bad-rows to solve with the good rows"
        )
    return list(report.candidates)


def _problem_line(problem: ImportProblem) -> str:
    where = ", ".join(
        part
        for part in (
            f"row {problem.row}" if problem.row else "",
            f"column {problem.column!r}" if problem.column else "",
        )
        if part
    )
    shown = f" (value {problem.value!r})" if problem.value not in ("", None) else ""
    prefix = f"{problem.severity.value}: {where}: " if where else f"{problem.severity.value}: "
    return with_advice(f"{prefix}{problem.message}{shown}", problem.advice, Surface.CLI)


def project_from_args(args: argparse.Namespace, err: TextIO) -> Project:
    """The project a ``solve`` command describes: a file, or defaults from the catalog."""
    from planner.io.project_file import load_project

    if args.project is not None:
        project = load_project(args.project)
        if args.catalog:
            raise ValidationError("--catalog applies only without a project file (a project embeds its catalog)")
        if args.kind or args.tasks:
            raise ValidationError("--kind and --tasks apply only without a project file")
        if args.scenario:
            from planner.analyses.scenarios import apply_scenario, find_scenario

            project = apply_scenario(project, find_scenario(project, args.scenario))
    else:
        if args.scenario:
            raise ValidationError("--scenario needs a project file")
        if not args.kind:
            raise ValidationError("give a project file, or --kind ml|ds with --candidates FILE")
        if not args.candidates:
            raise ValidationError("--candidates FILE is needed without a project file")
        tasks = [t.strip() for t in args.tasks.split(",") if t.strip()] if args.tasks else None
        project = new_project(args.kind, tasks=tasks, catalog=_catalog_from(args), name=f"{args.kind.upper()} project")
    changes: dict[str, object] = {}
    for flag, field in (
        ("team_min", "team_size_min"),
        ("team_max", "team_size_max"),
        ("budget", "budget"),
        ("max_tasks_per_person", "max_tasks_per_person"),
        ("redundancy", "redundancy"),
        ("time_limit", "time_limit"),
    ):
        value = getattr(args, flag)
        if value is not None:
            changes[field] = value
    if args.objective:
        changes["objective_order"] = (
            ObjectiveOrder.COST_FIRST if args.objective == "cost" else ObjectiveOrder.SIZE_FIRST
        )
    if args.max_open_positions is not None:
        changes["max_open_positions"] = args.max_open_positions
    if args.needed_within is not None:
        changes["needed_within_weeks"] = args.needed_within
    if args.no_training:
        changes["training"] = replace(project.constraints.training, enabled=False)
    if args.currency:
        project.currency = currency_for_code(args.currency)
    if args.budget_scope:
        changes["budget_scope"] = BudgetScope(args.budget_scope)
    project.constraints = replace(project.constraints, **changes)  # type: ignore[arg-type]
    if args.candidates:
        project.candidates = _load_candidates(
            args, project.catalog, err, warn_blank_cost=project.constraints.budget is not None
        )
        names = {c.name for c in project.candidates}
        constraints = project.constraints
        for name in sorted((set(constraints.must_hire) | constraints.exclude) - names):
            print(f"note: {name!r} is pinned in the project but not in {args.candidates}; the pin is ignored", file=err)
        project.constraints = replace(
            constraints,
            must_hire={n: r for n, r in constraints.must_hire.items() if n in names},
            exclude=frozenset(n for n in constraints.exclude if n in names),
        )
    return project


def _solve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    project = project_from_args(args, err)
    problem = project.problem()
    from planner.solver import solve

    plan = solve(problem, on_progress=None if args.quiet else _progress_printer(err), deterministic=args.deterministic)
    project.plan = plan
    print(format_plan(project, plan), file=out)
    if args.json:
        write_json(args.json, plan_to_dict(plan))
    if plan.status is not PlanStatus.INFEASIBLE:
        if args.out:
            from planner.io.plan_workbook import export_plan_workbook

            export_plan_workbook(project, plan, args.out)
            print(f"Plan workbook written to {args.out}", file=out)
        if args.csv:
            from planner.io.team_csv import export_team_csv

            export_team_csv(project, plan, args.csv)
            print(f"Team CSV written to {args.csv}", file=out)
    return EXIT_INFEASIBLE if plan.status is PlanStatus.INFEASIBLE else EXIT_OK


def _progress_printer(err: TextIO, label: str = "") -> Callable[[SolveProgress], None]:
    def report(progress: SolveProgress) -> None:
        o = progress.objective
        bound = f", bound {progress.bound:g}" if progress.bound is not None else ""
        print(
            f"{label}[{progress.elapsed:6.1f}s] {progress.stage}: {o.uncovered} uncovered, {o.headcount} people, "
            f"cost {o.cost:,.0f}{bound}",
            file=err,
            flush=True,
        )

    return report


def _compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from planner.analyses.scenarios import apply_scenario, compare_scenarios
    from planner.io.project_file import load_project, save_project
    from planner.model.scenario import CURRENT
    from planner.solver import solve

    project = load_project(args.project)
    if not project.scenarios:
        print(f"{args.project}: the project has no scenarios; comparing the current setup only", file=err)

    def solve_setup(name: str, setup: Project) -> Plan:
        limit = args.time_limit if args.time_limit is not None else setup.constraints.time_limit
        progress = None if args.quiet else _progress_printer(err, f"{name}: ")
        return solve(setup.problem(), time_limit=limit, on_progress=progress, deterministic=args.deterministic)

    project.plan = solve_setup(CURRENT, project)
    for scenario in project.scenarios:
        scenario.plan = solve_setup(scenario.name, apply_scenario(project, scenario))
    comparison = compare_scenarios(project)
    print(format_comparison(project, comparison), file=out)
    if args.json:
        data = [
            {
                "scenario": row.name,
                "status": row.plan.status.value if row.plan else None,
                "message": row.plan.message if row.plan else "",
                "changes": list(row.changes),
                "team": list(row.team),
                "headcount": row.headcount,
                "cost": row.cost,
                "cost_change": row.cost_change,
                "uncovered": [{"task": r.task, "skill": r.skill, "level": r.level} for r in row.uncovered],
                "hires": list(row.hires),
                "joined": list(row.joined),
                "left": list(row.left),
            }
            for row in comparison.scenarios
        ]
        write_json(args.json, data)
    if args.save:
        save_project(project, args.project)
        print(f"Plans saved in {args.project}", file=out)
    return EXIT_OK


def format_comparison(project: Project, comparison: Comparison) -> str:
    """The comparison as a plain-text table, one block per scenario."""
    catalog = project.catalog
    lines = []
    for row in comparison.scenarios:
        lines.append(f"== {row.name}" + (f" ({'; '.join(row.changes)})" if row.changes else ""))
        if row.plan is None:
            lines.append("   not solved")
            continue
        if row.headcount is None:
            lines.append(f"   {row.plan.status.value}: {row.plan.message}")
            continue
        change = f" ({row.cost_change:+,.0f})" if row.cost_change else ""
        lines.append(f"   {row.headcount} people, cost {row.cost or 0:,.0f}{change}, {len(row.uncovered)} uncovered")
        lines.append(f"   team: {', '.join(row.team) or 'nobody'}")
        if row.joined or row.left:
            lines.append(f"   joined: {', '.join(row.joined) or '-'}; left: {', '.join(row.left) or '-'}")
        if row.hires:
            lines.append(f"   hire: {', '.join(catalog.role(r).name for r in row.hires)}")
    return "\n".join(lines)


def format_plan(project: Project, plan: Plan) -> str:
    """A plain-text summary of a plan, as the command line prints it."""
    catalog = project.catalog
    lines = [f"{project.name}: {plan.status.value}" + (f" — {plan.message}" if plan.message else "")]
    notice = build_buy_notice(plan.settings, Surface.CLI) if project.saved_before_build_buy else ""
    if notice:
        lines.append(f"Note: {notice}")
    if plan.status is PlanStatus.INFEASIBLE:
        return "\n".join(lines)
    gap = f", gap {plan.gap:.1%}" if plan.gap else ""
    currency = project.currency
    new_spend = (
        f" (new spend {format_money(plan.budget_spend, currency)})"
        if plan.settings.budget_scope is BudgetScope.NEW
        else ""
    )
    lines.append(
        f"Team of {plan.objective.headcount}, total cost {format_money(plan.total_cost, currency)}{new_spend}, "
        f"{plan.objective.uncovered} of {len(plan.requirements)} requirements uncovered "
        f"(solved in {plan.solve_seconds:.1f} s{gap})"
    )
    if plan.open_positions or plan.training_cost:
        lines.append(cost_split_text(plan, currency))
    for member in plan.team:
        tasks = ", ".join(catalog.task(t).name for t in member.tasks)
        cost = format_money(member.cost, currency) if member.cost is not None else "cost unknown"
        who = f"{member.candidate} ({staff_or_hire(member.employee)})"
        lines.append(f"  {who:<36} {catalog.role(member.role).name:<37} {tasks} ({cost})")
        lines.extend(f"      {training_text(catalog, t, currency)}" for t in member.training)
    if plan.open_positions:
        lines.append("Open positions:")
        for position in plan.open_positions:
            lines.extend(f"  {line}" for line in position_lines(catalog, position, currency))
    if plan.uncovered:
        lines.append("Not covered by these candidates:")
        for req in plan.uncovered:
            kind = "" if req.must_have else " (nice-to-have)"
            lines.append(
                f"  {catalog.task(req.task).name}: {catalog.skill(req.skill).name} ≥ {req.level}"
                f" ({catalog.scale.name_of(req.level)}){kind}"
            )
    lines.extend(hire_text(catalog, hire) for hire in plan.hire_recommendations)
    return "\n".join(lines)


# --- import, catalog, template ---------------------------------------------------------


def _import(args: argparse.Namespace, out: TextIO) -> int:
    from planner.io.candidate_import import import_candidates, parse_scale
    from planner.io.import_report import report_to_dict

    catalog = _catalog_from(args)
    scale = parse_scale(args.scale) if args.scale else None
    report = import_candidates(args.file, catalog, sheet=args.sheet, scale=scale)
    sheet = f", sheet {report.sheet!r}" if report.sheet else ""
    print(f"{report.source}{sheet}: header on row {report.header_row}", file=out)
    for column in report.columns:
        target = column.target
        mapped = catalog.skill(target.skill).name if target.kind == "skill" and target.skill else target.kind
        print(f"  {column.header!r:<32} -> {mapped}", file=out)
    if report.role_titles:
        from planner.io.role_titles import RoleTitles

        titles = RoleTitles(catalog)
        print("Job titles -> roles:", file=out)
        for match in report.role_titles:
            print(f"  {titles.describe(match)}", file=out)
    print(
        f"{count_text(len(report.candidates), 'candidate')} ready, "
        f"{count_text(len(report.errors), 'error')}, {count_text(len(report.warnings), 'warning')}",
        file=out,
    )
    for problem in report.problems:
        print(f"  {_problem_line(problem)}", file=out)
    if args.json:
        write_json(args.json, report_to_dict(report))
    return EXIT_BAD_INPUT if report.errors else EXIT_OK


def _fit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from planner.analyses.growth import growth_paths, needed_skills
    from planner.io.candidate_import import import_candidates, parse_scale

    if args.file.suffix.lower() == ".teamplan":
        from planner.io.project_file import load_project

        project = load_project(args.file)
        catalog, everyone = project.catalog, list(project.candidates)
        needed = needed_skills(project.requirements())
    else:
        catalog, needed = _catalog_from(args), frozenset()
        scale = parse_scale(args.scale) if args.scale else None
        report = import_candidates(args.file, catalog, sheet=args.sheet, scale=scale)
        for problem in report.problems:
            print(f"{args.file}: {_problem_line(problem)}", file=err)
        everyone = list(report.candidates)
    people = everyone
    if args.name is not None:
        people = [c for c in people if c.name.casefold() == args.name.strip().casefold()]
        if not people:
            raise ValidationError(f"{args.file}: nobody named {args.name!r} (among {len(everyone)} people)")
    records = []
    for person in people:
        paths = growth_paths(person, catalog, needed)
        print(format_fit(catalog, person, paths), file=out)
        records.append(fit_to_dict(person, paths))
    if args.json:
        write_json(args.json, records)
    return EXIT_OK


def format_fit(catalog: Catalog, person: Candidate, paths: Sequence[GrowthPath]) -> str:
    """One person's roles, best fit first, each with the skills to raise (the ``fit`` command's text)."""
    lines = [f"{person.name} ({status_word(person.status).lower()}, open to {open_to_text(catalog, person.roles)})"]
    for rank, path in enumerate(paths, start=1):
        name = catalog.role(path.role).name
        closed = "" if path.open_to else "  [not open to this role]"
        steps = growth_steps_text(catalog, path.steps)
        lines.append(f"  {rank}. {name:<36} {round(path.fit * 100):>3}%  {steps}{closed}")
    return "\n".join(lines)


def fit_to_dict(person: Candidate, paths: Sequence[GrowthPath]) -> dict[str, object]:
    """The ``fit --json`` record of one person."""
    return {
        "name": person.name,
        "status": person.status.value,
        "roles": list(person.roles),
        "fits": [
            {
                "role": path.role,
                "fit": round(path.fit, 4),
                "open_to": path.open_to,
                "growth": [
                    {"skill": s.skill, "from": s.current, "to": s.target, "inferred": s.inferred, "needed": s.needed}
                    for s in path.steps
                ],
            }
            for path in paths
        ],
    }


def _catalog(args: argparse.Namespace, out: TextIO) -> int:
    catalog = _catalog_from(args)
    if args.json:
        from planner.model.catalog import catalog_to_dict

        print(json.dumps(catalog_to_dict(catalog), indent=1, ensure_ascii=False), file=out)
        return EXIT_OK
    print(f"{catalog.title} (catalog {catalog.id} {catalog.version})", file=out)
    levels = ", ".join(f"{lv.value} {lv.name}" for lv in catalog.scale.levels)
    print(f"\nScale {catalog.scale.min}–{catalog.scale.max}: {levels}", file=out)
    print("\nSkills:", file=out)
    for skill in catalog.skills:
        print(f"  {skill.id:<26} {skill.name}: {skill.description}", file=out)
    print("\nTasks:", file=out)
    for task in catalog.tasks:
        print(f"  {task.id:<26} {task.name}: {task.summary}", file=out)
        for subtask in task.subtasks:
            skills = ", ".join(catalog.skill(s).name for s in subtask.skills)
            print(f"      - {subtask.name} [{skills}]", file=out)
    print("\nProject kinds:", file=out)
    for kind in catalog.kinds:
        print(f"  {kind.id:<4} {kind.name}: {' → '.join(kind.lifecycle)}; tasks {', '.join(kind.tasks)}", file=out)
    print("\nRoles (profile levels; * = measured from a Playbook chart, others inferred):", file=out)
    for role in catalog.roles:
        tasks = ", ".join(
            t + ("" if rt.involvement.value == "primary" else " (secondary)") for t, rt in role.tasks.items()
        )
        print(f"  {role.id:<28} {role.name}: {tasks}", file=out)
        profile = ", ".join(
            f"{catalog.skill(s).name} {v.level}{'*' if v.source.value == 'sourced' else ''}"
            for s, v in role.profile.items()
            if v.level > 0
        )
        print(f"      {profile}", file=out)
    print(f"\nSource: {catalog.citation}", file=out)
    return EXIT_OK


def _template(args: argparse.Namespace, out: TextIO) -> int:
    from planner.io.candidate_template import write_candidate_template

    write_candidate_template(_catalog_from(args), args.out)
    print(f"Candidate template written to {args.out}", file=out)
    return EXIT_OK


def is_cli_command(argv: Sequence[str]) -> bool:
    """Whether ``argv`` (without the program name) asks for the command line, not the app."""
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"))


def launch_error(argv: Sequence[str]) -> str | None:
    """The usage error for an ``argv`` (without the program name) that names neither a command nor a file.

    ``main.py solv x.teamplan`` must not start the app on a file called "solv": it is a typo,
    and the message suggests the nearest command. None when the app may start.
    """
    if not argv or argv[0].startswith("-") or argv[0] in COMMANDS or Path(argv[0]).is_file():
        return None
    word = argv[0]
    nearest = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    if nearest:
        hint = f"did you mean `{program_name()} {nearest[0]} …`?"
    elif Path(word).exists():
        hint = "it is a folder; give a .teamplan project file"
    else:
        hint = f"no such file or command (commands: {', '.join(COMMANDS)})"
    return f"{build_parser().format_usage()}{program_name()}: error: {word!r}: {hint}"


def write_json(path: Path, data: object) -> None:
    """Write a ``--json`` file atomically; a folder that is missing or not writable is bad input, not a crash."""
    from planner.io.project_file import write_text_atomic

    path = Path(path)
    if not path.parent.is_dir():
        raise ValidationError(f"{path}: the folder {path.parent} does not exist")
    try:
        write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n", keep_backup=False)
    except OSError as exc:
        raise ValidationError(f"{path}: cannot write the file: {exc.strerror or exc}") from exc
