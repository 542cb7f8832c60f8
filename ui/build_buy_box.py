"""The Constraints tab's "Open positions and training" box: the build-or-buy settings, as undoable edits.

How many positions the solver may open (up to the team-size limit, none = pool only), whether
and how members may be trained (levels per skill and per person, cost and weeks per level:
assumptions to adjust), and the weeks until the team is needed. Every change goes through
``ProjectDocument.set_constraints`` like the other constraint edits, so it can be undone.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QWidget

from planner.model.constraints import Constraints, TrainingPolicy
from planner.model.money import Currency
from ui.document import ProjectDocument
from ui.spin_boxes import counting_spin_box, money_spin_box, show_currency

NO_LIMIT = -1  # the spin box's special value: positions up to the team-size limit


class BuildBuyBox(QGroupBox):
    """See the module docstring."""

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__("Open positions and training", parent)
        self._doc = doc
        self._updating = False
        self.max_positions = counting_spin_box(NO_LIMIT, 999, "position", special="Up to the team-size limit")
        self.max_positions.setToolTip(
            "How many positions the plan may open on the market (0: staff from the pool only)"
        )
        self.training = QCheckBox("Consider training team members")
        self.training.setToolTip("Raise a member a level in a skill they have a foundation in (rating 1 or more)")
        self.per_skill = counting_spin_box(0, 5, "level", " per skill")
        self.per_person = counting_spin_box(0, 10, "level", " per person")
        self.cost_per_level = money_spin_box(1e7, 1_000)
        self.cost_per_level.setToolTip("What one level of training costs (an assumption to adjust)")
        self.weeks_per_level = counting_spin_box(0, 104, "week", " per level")
        self.weeks_per_level.setToolTip("How long one level of training takes (an assumption to adjust)")
        self.needed_within = counting_spin_box(0, 520, "week", special="No deadline")
        self.needed_within.setToolTip("Positions slower to fill and training longer than this are not options")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Open &positions, at most:", self.max_positions)
        form.addRow("", self.training)
        form.addRow("Training, at most:", self.per_skill)
        form.addRow("", self.per_person)
        form.addRow("Training cost per level:", self.cost_per_level)
        form.addRow("Training time:", self.weeks_per_level)
        form.addRow("&Needed within:", self.needed_within)

        self.max_positions.valueChanged.connect(
            lambda v: self._edit("max_open_positions", None if v == NO_LIMIT else v, "Open positions")
        )
        self.needed_within.valueChanged.connect(lambda v: self._edit("needed_within_weeks", v or None, "Needed within"))
        self.training.toggled.connect(lambda on: self._train(enabled=on))
        self.per_skill.valueChanged.connect(lambda v: self._train(max_levels_per_skill=v))
        self.per_person.valueChanged.connect(lambda v: self._train(max_levels_per_person=v))
        self.cost_per_level.valueChanged.connect(lambda v: self._train(cost_per_level=float(v)))
        self.weeks_per_level.valueChanged.connect(lambda v: self._train(weeks_per_level=v))
        doc.projectReplaced.connect(self.refresh)
        doc.constraintsChanged.connect(self.refresh)
        self.refresh()

    def set_currency(self, currency: Currency) -> None:
        """Write the training cost in the project's currency."""
        show_currency(self.cost_per_level, currency)

    def inputs(self) -> list[QWidget]:
        return [
            self.max_positions,
            self.training,
            self.per_skill,
            self.per_person,
            self.cost_per_level,
            self.weeks_per_level,
            self.needed_within,
        ]

    def _train(self, **changes: Any) -> None:
        policy = dataclasses.replace(self._doc.project.constraints.training, **changes)
        self._edit("training", policy, "Training")

    def _edit(self, field_name: str, value: Any, text: str) -> None:
        if not self._updating and not self._doc.set_constraint(field_name, value, text):
            self.refresh()

    def refresh(self) -> None:
        """Show the document's settings (without echoing edits back)."""
        c: Constraints = self._doc.project.constraints
        policy: TrainingPolicy = c.training
        self._updating = True
        try:
            self.max_positions.setValue(NO_LIMIT if c.max_open_positions is None else c.max_open_positions)
            self.needed_within.setValue(c.needed_within_weeks or 0)
            self.training.setChecked(policy.enabled)
            self.per_skill.setValue(policy.max_levels_per_skill)
            self.per_person.setValue(policy.max_levels_per_person)
            self.cost_per_level.setValue(policy.cost_per_level)
            self.weeks_per_level.setValue(policy.weeks_per_level)
            for widget in (self.per_skill, self.per_person, self.cost_per_level, self.weeks_per_level):
                widget.setEnabled(policy.enabled and self.training.isEnabled())
        finally:
            self._updating = False
