"""Reading ratings and costs from spreadsheet cells, strictly: a value is read or it is an error.

Ratings land on the catalog's scale (0–5 in the Playbook catalog). Accepted:

* numbers on the sheet's scale — the catalog's own scale unless the user states another
  (:func:`parse_scale`: ``"1-10"``, ``"0-100"``, ``"percent"``, ``"workera"``);
* level words, mapped to the lowest rating of their band on the Playbook scale:
  None 0; Beginning, Beginner, Novice, Basic 1; Developing, Intermediate, Competent 3;
  Advanced, Proficient 4; Accomplished, Expert 5 (the catalog's own level names win);
* percentages written with a sign (``"80%"``) or formatted as percent in the workbook,
  mapped linearly (80% → 4 on 0–5).

Workera assessment scores (1–300) map band to band: Beginning 1–100 → 1–2, Developing
101–200 → 3–4, Accomplished 201–300 → 5, linearly inside the first two bands. Values
outside the scale are errors, never clipped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum

from planner.errors import ValidationError
from planner.model.candidates import CandidateStatus
from planner.model.catalog import Scale


class PercentValue(float):
    """A number the workbook displays as a percentage (the cell holds 0.8 and shows 80%)."""

    def __str__(self) -> str:
        return f"{float(self) * 100:g}%"


class ScaleKind(str, Enum):
    NATIVE = "native"  # the catalog's own scale
    LINEAR = "linear"  # a stated numeric range, mapped linearly onto the catalog's scale
    PERCENT = "percent"  # 0–100
    WORKERA = "workera"  # Workera assessment scores 1–300, three bands


@dataclass(frozen=True)
class RatingScale:
    """The scale the sheet's numbers are on. ``NATIVE`` takes its range from the catalog."""

    kind: ScaleKind = ScaleKind.NATIVE
    low: float = 0.0
    high: float = 5.0

    @property
    def label(self) -> str:
        if self.kind is ScaleKind.WORKERA:
            return "workera (1–300)"
        if self.kind is ScaleKind.PERCENT:
            return "percent (0–100)"
        return f"{self.low:g}-{self.high:g}"


NATIVE_SCALE = RatingScale()

# Level words on the Playbook's 0–5 scale (rescaled for another catalog scale).
LEVEL_WORDS: dict[str, float] = {
    "none": 0,
    "beginning": 1,
    "beginner": 1,
    "novice": 1,
    "basic": 1,
    "developing": 3,
    "intermediate": 3,
    "competent": 3,
    "advanced": 4,
    "proficient": 4,
    "accomplished": 5,
    "expert": 5,
}

_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|—|\.\.|to)\s*(-?\d+(?:\.\d+)?)\s*$")


def parse_scale(text: str) -> RatingScale:
    """A scale from the user's words: ``"1-10"``, ``"0-100"``, ``"percent"``, ``"workera"``, ``"0-5"``."""
    cleaned = text.strip().lower()
    if cleaned in ("workera", "workera 1-300", "1-300 workera"):
        return RatingScale(ScaleKind.WORKERA, 1, 300)
    if cleaned in ("percent", "percentage", "%", "pct"):
        return RatingScale(ScaleKind.PERCENT, 0, 100)
    match = _RANGE.match(cleaned)
    if not match:
        raise ValidationError(
            f"cannot read the scale {text!r}: write a range such as 1-10 or 0-100, or 'percent' or 'workera'"
        )
    low, high = float(match.group(1)), float(match.group(2))
    if low >= high:
        raise ValidationError(f"scale {text!r}: the lowest value must be below the highest")
    return RatingScale(ScaleKind.LINEAR, low, high)


def level_words(scale: Scale) -> dict[str, float]:
    """Lower-cased level word -> rating on ``scale`` (the catalog's own names first)."""
    span = scale.max - scale.min
    words = {word: scale.min + value / 5 * span for word, value in LEVEL_WORDS.items()}
    own: dict[str, float] = {}
    for level in scale.levels:
        own.setdefault(_word_key(level.name), float(level.value))
    words.update(own)
    return words


def _word_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")


OUTSIDE = "outside the"


class RatingReader:
    """Turns cell values into ratings on the catalog's scale; results are cached per value."""

    def __init__(self, catalog_scale: Scale, sheet_scale: RatingScale | None = None) -> None:
        self.target = catalog_scale
        self.scale = sheet_scale or RatingScale(ScaleKind.NATIVE, catalog_scale.min, catalog_scale.max)
        if self.scale.kind is ScaleKind.NATIVE:
            self.scale = RatingScale(ScaleKind.NATIVE, catalog_scale.min, catalog_scale.max)
        self.words = level_words(catalog_scale)
        self.cache: dict[object, float | str] = {}
        names = ", ".join(dict.fromkeys(level.name for level in catalog_scale.levels))
        self._how = f"use a number on the {self.scale.label} scale, a level word ({names}) or a percentage"

    def advice_for(self, message: str) -> str:
        """The advice key for a problem ``message`` this reader gave ("" when there is none)."""
        return "rating scale" if self.scale.kind is ScaleKind.NATIVE and OUTSIDE in message else ""

    def read(self, value: object) -> float | str:
        """The rating, or an error message (a ``str``). Blank cells are not passed here."""
        if value.__class__ is bool or value.__class__ is PercentValue:  # equal to 1 / 0.8 as dict keys
            return self._read(value)
        try:
            return self.cache[value]
        except KeyError:
            pass
        except TypeError:  # unhashable: never from a sheet, but be safe
            return self._read(value)
        result = self._read(value)
        if len(self.cache) < 100_000:
            self.cache[value] = result
        return result

    def _read(self, value: object) -> float | str:
        if isinstance(value, bool):
            return f"{value} is not a rating: {self._how}"
        if isinstance(value, PercentValue):  # the workbook shows it as a percentage
            return self._percent(float(value) * 100, str(value))
        if isinstance(value, (int, float)):
            return self._number(float(value), _show(value))
        text = str(value).strip()
        key = _word_key(text)
        if key and key in self.words and not any(ch.isdigit() for ch in text):
            return self.words[key]
        if text.endswith("%"):
            number = _to_float(text[:-1].strip())
            if number is None:
                return f"{text!r} is not a percentage"
            return self._percent(number, text)
        number = _to_float(text)
        if number is None:
            return f"{text!r} is not a rating: {self._how}"
        return self._number(number, text)

    def _percent(self, number: float, shown: str) -> float | str:
        if not 0 <= number <= 100:
            return f"{shown} is outside 0–100%"
        t = self.target
        return _tidy(t.min + number / 100 * (t.max - t.min))

    def _number(self, number: float, shown: str) -> float | str:
        if math.isnan(number) or math.isinf(number):
            return f"{shown} is not a rating"
        s, t = self.scale, self.target
        if not s.low <= number <= s.high:
            return f"{shown} is {OUTSIDE} {s.label} scale"  # the importer adds where to choose another scale
        if s.kind is ScaleKind.NATIVE:
            return number
        if s.kind is ScaleKind.WORKERA:
            return _tidy(t.min + _workera(number) / 5 * (t.max - t.min))
        return _tidy(t.min + (number - s.low) / (s.high - s.low) * (t.max - t.min))


def _workera(score: float) -> float:
    """A 1–300 Workera score on the Playbook's 0–5 scale, band to band."""
    if score <= 100:
        return 1 + (score - 1) / 99
    if score <= 200:
        return 3 + max(0.0, score - 101) / 99
    return 5.0


def _tidy(value: float) -> float:
    return round(value, 4)


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_float(text: str) -> float | None:
    """A plain number; a single decimal comma is accepted ("3,5")."""
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


# --- costs ---------------------------------------------------------------------------------

_CURRENCY = re.compile(r"(?i)(us\$|usd|eur|gbp|chf|cad|aud|jpy|inr|[$€£¥₹])")
_COST = re.compile(r"^(\d[\d.,' ]*|\.\d+)([km])?$")


def parse_cost(value: object) -> float | None | str:
    """An annual cost: ``185000``, ``"$185,000"``, ``"185k"``, ``"€ 90.000"``, ``"1.2M"``.

    Returns the number, ``None`` for blank, or an error message (a ``str``).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return f"{value} is not a cost"
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return f"{value} is not a cost"
        return number if number >= 0 else f"{_show(value)} is negative: a cost must be zero or more"
    text = str(value).strip()
    if not text:
        return None
    if (
        text.isascii()
        and text.replace(".", "", 1).isdigit()
        and text.count(".") == 1
        and len(text.rpartition(".")[2]) != 3
    ):
        return float(text)  # the common "174000.0": no separators to interpret
    if text.isascii() and text.isdigit():
        return float(text)
    cleaned = _CURRENCY.sub("", text).replace("\u00a0", " ").replace("\u202f", " ").strip().lower()
    cleaned = cleaned.replace("per year", "").replace("/year", "").replace("/yr", "").replace("p.a.", "").strip()
    if cleaned.startswith("-"):
        return f"{text!r} is negative: a cost must be zero or more"
    match = _COST.match(cleaned)
    if not match:
        return f"{text!r} is not a cost: write a number such as 185000, $185,000 or 185k"
    amount = _grouped_number(match.group(1).replace(" ", "").replace("'", ""))
    if amount is None:
        return f"{text!r} is not a cost: the thousands and decimal separators are ambiguous"
    factor = {"k": 1_000.0, "m": 1_000_000.0}.get(match.group(2) or "", 1.0)
    return round(amount * factor, 2)


def _grouped_number(text: str) -> float | None:
    """``185,000`` / ``90.000`` / ``1.234,56`` / ``1,234.56`` / ``185.5``: the last separator
    is the decimal one when both appear; a lone separator followed by exactly three digits
    groups thousands."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal == "," else ","
        whole, _, frac = text.rpartition(decimal)
        if decimal in whole or not _groups_ok(whole.split(group)):
            return None
        return float(whole.replace(group, "") + "." + frac)
    for sep in (",", "."):
        if sep in text:
            parts = text.split(sep)
            if len(parts) > 2 or len(parts[-1]) == 3:
                return float("".join(parts)) if _groups_ok(parts) else None
            return float(parts[0] + "." + parts[1]) if parts[0] or parts[1] else None
    return float(text)


def _groups_ok(parts: list[str]) -> bool:
    return bool(parts[0]) and len(parts[0]) <= 3 and all(len(p) == 3 and p.isdigit() for p in parts[1:])


# --- employee or applicant -------------------------------------------------------------------

EMPLOYEE_WORDS = frozenset(
    {"yes", "y", "true", "1", "internal", "employee", "staff", "current", "current employee", "existing"}
    | {"internal candidate", "incumbent", "in house", "inhouse", "x"}
)
APPLICANT_WORDS = frozenset(
    {"no", "n", "false", "0", "external", "candidate", "applicant", "new", "new hire", "hire", "prospect"}
    | {"external candidate", "contractor", "outside", "market"}
)


def parse_status(value: object) -> CandidateStatus | str:
    """Employee or applicant from ``yes``/``no``, ``internal``/``external``, ``employee``/``applicant``…,
    or an error message (a ``str``)."""
    if isinstance(value, bool):
        return CandidateStatus.EMPLOYEE if value else CandidateStatus.APPLICANT
    if isinstance(value, (int, float)) and value in (0, 1):
        return CandidateStatus.EMPLOYEE if value == 1 else CandidateStatus.APPLICANT
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", str(value).lower()).split())
    if text in EMPLOYEE_WORDS:
        return CandidateStatus.EMPLOYEE
    if text in APPLICANT_WORDS:
        return CandidateStatus.APPLICANT
    return f"{str(value)!r} does not say employee or applicant (write yes/no, internal/external or employee/applicant)"
