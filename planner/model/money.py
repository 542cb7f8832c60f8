"""Money in the project's currency: the :class:`Currency` setting and the one money formatter.

A project has a currency (ISO 4217 code and symbol). New projects take the system locale's
(the stdlib :mod:`locale` reports it; nothing is changed globally for long), else US
dollars. Every surface (command line, GUI, workbook number formats) formats money with
:func:`format_money` or :func:`excel_money_format`.
"""

from __future__ import annotations

import locale
import threading
from dataclasses import dataclass

from planner.errors import ValidationError

# Symbols of common currencies, for a code typed on the command line or in the GUI; any other
# valid ISO code is shown by its code ("SEK 120,000").
SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "CN¥",
    "INR": "₹",
    "CAD": "CA$",
    "AUD": "A$",
    "CHF": "CHF",
    "KRW": "₩",
    "BRL": "R$",
    "ILS": "₪",
    "SGD": "S$",
}

_LOCALE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Currency:
    """ISO 4217 code ("EUR") and the symbol shown before amounts ("€")."""

    code: str = "USD"
    symbol: str = "$"

    def problems(self) -> list[str]:
        if len(self.code) != 3 or not self.code.isalpha() or not self.code.isupper():
            return [f"currency code {self.code!r} is not a three-letter ISO 4217 code such as USD or EUR"]
        if not self.symbol.strip():
            return ["the currency symbol is empty"]
        return []


USD = Currency()


def currency_for_code(code: str) -> Currency:
    """The currency of an ISO code (case-insensitive); raises :class:`ValidationError` if malformed."""
    code = code.strip().upper()
    currency = Currency(code, SYMBOLS.get(code, code))
    problems = currency.problems()
    if problems:
        raise ValidationError(problems[0])
    return currency


def system_currency() -> Currency:
    """The system locale's currency, or US dollars when the locale names none."""
    with _LOCALE_LOCK:
        try:
            saved = locale.setlocale(locale.LC_MONETARY)
            try:
                locale.setlocale(locale.LC_MONETARY, "")
                conv = locale.localeconv()
            finally:
                locale.setlocale(locale.LC_MONETARY, saved)
        except (locale.Error, ValueError):
            return USD
    code = str(conv.get("int_curr_symbol", "")).strip().upper()
    symbol = str(conv.get("currency_symbol", "")).strip()
    if len(code) != 3 or not code.isalpha():
        return USD
    return Currency(code, symbol or SYMBOLS.get(code, code))


def format_money(amount: float | None, currency: Currency = USD) -> str:
    """``$132,270``, ``€90,000``, ``CHF 120,000``, ``-$5,000``; ``—`` when unknown. Whole units."""
    if amount is None:
        return "—"
    sign = "-" if round(amount) < 0 else ""
    number = f"{abs(round(amount)):,}"
    gap = " " if currency.symbol[-1:].isalpha() else ""
    return f"{sign}{currency.symbol}{gap}{number}"


def excel_money_format(currency: Currency = USD) -> str:
    """The workbook number format of whole amounts in ``currency`` (``"€"#,##0``)."""
    gap = " " if currency.symbol[-1:].isalpha() else ""
    return f'"{currency.symbol}{gap}"#,##0'
