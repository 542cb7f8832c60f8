"""Help ▸ Roles and tasks: the Playbook behind every plan, readable by a manager.

Four tabs: the six roles (tasks they do, skill profile as a radar with sourced and
inferred values marked, code style), the five tasks (subtasks with examples and skills,
and who does them), the ML and DS lifecycles, and the rating scale with the rule that
turns chosen subtasks into requirement levels.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QStringListModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.model.catalog import Catalog, Involvement, Role, Source, Task
from planner.model.fit import profile_skills
from planner.wording import without_source_keys
from ui.charts.radar import RadarChart, level_bands

FOOTNOTE = "● measured from a Playbook chart   ○ inferred from the Playbook's text"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else "<p>—</p>"


def role_html(catalog: Catalog, role: Role) -> str:
    """A role's description: tasks by involvement, code style, the profile with sources."""

    def tasks(involvement: Involvement) -> str:
        names = [
            catalog.task(t).name
            for t in catalog.task_ids
            if t in role.tasks and role.tasks[t].involvement is involvement
        ]
        return escape(", ".join(names)) or "—"

    rows = []
    for skill in catalog.skills:
        value = role.profile.get(skill.id)
        if value is None:
            continue
        mark = "●" if value.source is Source.SOURCED else "○"
        level = f"{value.level:g} {catalog.scale.name_of(value.level)}"
        rows.append(  # names and levels never break mid-word; the note wraps
            f"<tr><td style='white-space:nowrap'>{escape(skill.name)}</td>"
            f"<td style='white-space:nowrap' title='{value.source.value}'>{mark} {escape(level)}</td>"
            f"<td>{escape(without_source_keys(value.note))}</td></tr>"
        )
    aliases = ", ".join(a for a in role.aliases if a.casefold() != role.name.casefold())
    parts = [
        f"<h2>{escape(role.name)}</h2>",
        f"<p><b>Primary tasks:</b> {tasks(Involvement.PRIMARY)}<br>",
        f"<b>Secondary tasks:</b> {tasks(Involvement.SECONDARY)}</p>",
    ]
    if role.code_style:
        parts.append(f"<p><b>Code:</b> {escape(without_source_keys(role.code_style))}</p>")
    if aliases:
        parts.append(f"<p><b>Job titles that map to this role:</b> {escape(aliases)}</p>")
    parts.append(
        "<h3>Skill profile</h3><table width='100%' cellspacing='0' cellpadding='3' border='1'>"
        "<tr><th width='30%'>Skill</th><th width='25%'>Level</th><th width='45%'>Note</th></tr>"
        + "".join(rows)
        + "</table><p><small>● measured from a Playbook chart; ○ inferred from the Playbook's text.</small></p>"
    )
    return "".join(parts)


def task_html(catalog: Catalog, task: Task) -> str:
    """A task: summary, subtasks with skills and examples, and which roles do it."""
    parts = [f"<h2>{escape(task.name)}</h2>"]
    if task.summary:
        parts.append(f"<p><i>{escape(task.summary[:1].upper() + task.summary[1:])}.</i></p>")
    if task.description:
        parts.append(f"<p>{escape(task.description[:1].upper() + task.description[1:])}.</p>")
    primary = [r.name for r in catalog.roles if r.is_primary(task.id)]
    secondary = [r.name for r in catalog.roles if r.does(task.id) and not r.is_primary(task.id)]
    parts.append(
        f"<p><b>Done by:</b> {escape(', '.join(primary)) or '—'}"
        + (f"; <b>helped by:</b> {escape(', '.join(secondary))}" if secondary else "")
        + "</p><h3>Subtasks</h3>"
    )
    for subtask in task.subtasks:
        skills = ", ".join(catalog.skill(s).name for s in subtask.skills)
        examples = _list([escape(e) for e in subtask.examples])
        parts.append(f"<p><b>{escape(subtask.name)}</b><br><i>Skills:</i> {escape(skills)}</p>{examples}")
    return "".join(parts)


def lifecycles_html(catalog: Catalog) -> str:
    """Each project kind: its lifecycle, what the organization is for, and its tasks."""
    parts = []
    for kind in catalog.kinds:
        steps = " → ".join(f"<b>{escape(step)}</b>" for step in kind.lifecycle)
        tasks = ", ".join(escape(catalog.task(t).name) for t in kind.tasks)
        parts.append(f"<h2>{escape(kind.name)}</h2><p style='font-size:large'>{steps}</p>")
        if kind.organization:
            parts.append(f"<p>{escape(kind.organization)}</p>")
        if kind.description:
            parts.append(f"<p>{escape(kind.description)}</p>")
        parts.append(f"<p><b>Tasks:</b> {tasks}</p>")
    return "".join(parts)


def scale_html(catalog: Catalog) -> str:
    """The rating scale's level names and the default requirement rule."""
    rows = "".join(f"<tr><td>{level.value}</td><td>{escape(level.name)}</td></tr>" for level in catalog.scale.levels)
    rule = catalog.default_requirements.rule
    parts = [
        "<h2>Rating scale</h2>",
        f"<p>Skills are rated {catalog.scale.min}–{catalog.scale.max}, as on the Playbook's skill charts.</p>",
        f"<table cellspacing='0' cellpadding='3' border='1'><tr><th>Rating</th><th>Level</th></tr>{rows}</table>",
        "<h2>How requirements are set</h2>",
        f"<p>{escape(rule)}</p>" if rule else "",
        "<p>You can change any level in the project's requirements table; level 0 removes a requirement.</p>",
        "<h2>Role fit</h2><p>A member's role fit compares their ratings with the role's profile: 100% is a "
        "perfect match. It is a preference when choosing roles, never a rule (unless you set a minimum fit).</p>",
    ]
    if catalog.citation:
        parts.append(f"<p style='color:gray'>{escape(catalog.citation)}</p>")
    return "".join(parts)


def _browser(html: str = "") -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenExternalLinks(False)
    browser.setHtml(html)
    return browser


class PlaybookBrowser(QDialog):
    """See the module docstring. Non-modal; safe to keep open while working."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._skills = list(profile_skills(catalog)) or list(catalog.skill_ids)
        self.setWindowTitle("The Playbook: roles and tasks")
        self.setSizeGripEnabled(True)
        self.resize(1180, 720)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._roles_tab(), "&Roles")
        self.tabs.addTab(self._tasks_tab(), "&Tasks")
        self.lifecycles = _browser(lifecycles_html(catalog))
        self.tabs.addTab(self.lifecycles, "&Lifecycles")
        self.scale = _browser(scale_html(catalog))
        self.tabs.addTab(self.scale, "&Scale and rules")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.show_role(catalog.roles[0].id)
        self.show_task(catalog.tasks[0].id)

    # --- roles ------------------------------------------------------------------------

    def _roles_tab(self) -> QWidget:
        self.role_list = QListView()
        self.role_list.setModel(QStringListModel([r.name for r in self._catalog.roles], self))
        self.role_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.role_list.selectionModel().selectionChanged.connect(self._role_selected)
        self.compare_combo = QComboBox()
        self.compare_combo.addItem("(nobody)", "")
        for role in self._catalog.roles:
            self.compare_combo.addItem(role.name, role.id)
        self.compare_combo.currentIndexChanged.connect(lambda _: self._update_role_radar())
        compare_label = QLabel("&Compare with:")
        compare_label.setBuddy(self.compare_combo)
        self.role_radar = RadarChart()
        self.role_radar.setMinimumSize(360, 340)
        self.role_text = _browser()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.role_list, 1)
        left_layout.addWidget(compare_label)
        left_layout.addWidget(self.compare_combo)
        left.setFixedWidth(270)
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.addWidget(left)
        layout.addWidget(self.role_radar, 4)
        layout.addWidget(self.role_text, 5)
        return tab

    def show_role(self, role_id: str) -> None:
        """Select the role ``role_id``."""
        row = self._catalog.role_ids.index(role_id)
        self.role_list.setCurrentIndex(self.role_list.model().index(row, 0))

    def current_role(self) -> Role:
        row = max(0, self.role_list.currentIndex().row())
        return self._catalog.roles[row]

    def _role_selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        role = self.current_role()
        self.role_text.setHtml(role_html(self._catalog, role))
        self._update_role_radar()

    def _update_role_radar(self) -> None:
        catalog, role = self._catalog, self.current_role()
        names = [catalog.skill(s).name for s in self._skills]
        self.role_radar.set_axes(names, catalog.scale.max, level_bands(catalog.scale))
        series: list[tuple[str, list[float], QColor | None]] = [
            (role.name, [float(role.level(s)) for s in self._skills], None)
        ]
        other_id = str(self.compare_combo.currentData() or "")
        if other_id and other_id != role.id:
            other = catalog.role(other_id)
            series.append((other.name, [float(other.level(s)) for s in self._skills], None))
        self.role_radar.set_series(series, dashed={series[1][0]} if len(series) > 1 else set())
        hollow = [role.profile.get(s) is None or role.profile[s].source is Source.INFERRED for s in self._skills]
        self.role_radar.set_hollow_points(role.name, hollow)
        self.role_radar.set_footnote(FOOTNOTE)

    # --- tasks --------------------------------------------------------------------------

    def _tasks_tab(self) -> QWidget:
        self.task_list = QListView()
        self.task_list.setModel(QStringListModel([t.name for t in self._catalog.tasks], self))
        self.task_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.task_list.setMaximumWidth(260)
        self.task_list.selectionModel().selectionChanged.connect(self._task_selected)
        self.task_text = _browser()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.task_list)
        splitter.addWidget(self.task_text)
        splitter.setSizes([220, 780])
        splitter.setChildrenCollapsible(False)
        return splitter

    def show_task(self, task_id: str) -> None:
        """Select the task ``task_id``."""
        row = self._catalog.task_ids.index(task_id)
        self.task_list.setCurrentIndex(self.task_list.model().index(row, 0))

    def _task_selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        row = max(0, self.task_list.currentIndex().row())
        self.task_text.setHtml(task_html(self._catalog, self._catalog.tasks[row]))
