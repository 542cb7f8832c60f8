"""Spin boxes for the settings tabs: plain ones, ones whose unit agrees with the value, and money."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from planner.model.money import Currency, format_money
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


def money_spin_box(maximum: float, step: float, special: str = "") -> QDoubleSpinBox:
    """Whole amounts with group separators; :func:`show_currency` puts the symbol in front."""
    spin = QDoubleSpinBox()
    spin.setRange(0, maximum)
    spin.setDecimals(0)
    spin.setSingleStep(step)
    spin.setGroupSeparatorShown(True)
    spin.setSpecialValueText(special)
    return spin


def show_currency(spin: QDoubleSpinBox, currency: Currency) -> None:
    """Write ``spin``'s amount in ``currency``: "$", "CHF ", "€" before the number, as format_money does."""
    spin.setPrefix(format_money(0, currency).removesuffix("0"))
