"""Spin boxes for the settings tabs: plain ones, and ones whose unit agrees with the value."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

from planner.wording import plural


def spin_box(minimum: int, maximum: int, special: str = "", suffix: str = "") -> QSpinBox:
    """A spin box over ``minimum..maximum``; ``special`` is shown at the minimum ("No limit")."""
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setSpecialValueText(special)
    spin.setSuffix(suffix)
    spin.setAccelerated(True)
    return spin


def counting_spin_box(minimum: int, maximum: int, noun: str, after: str = "", special: str = "") -> QSpinBox:
    """A spin box whose unit agrees with its value: "1 person", "2 people", "1 level per skill"."""
    spin = spin_box(minimum, maximum, special)

    def agree(value: int) -> None:
        spin.setSuffix(f" {plural(value, noun)}{after}")

    spin.valueChanged.connect(agree)
    agree(spin.value())
    return spin
