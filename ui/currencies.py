"""The currencies a project can be in, from Qt's locale data (the Unicode CLDR), not a typed table.

:func:`currency_choices` walks every locale Qt knows and collects each currency's ISO 4217
code, the symbol its own locales write most often ("€", "CA$", "kr") and its English name
where an English locale uses it (else its name in its own language). The Constraints tab
offers them; the project stores the chosen :class:`~planner.model.money.Currency`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QLocale

from planner.model.money import Currency

_FORMAT = QLocale.CurrencySymbolFormat


@dataclass(frozen=True)
class CurrencyChoice:
    """One currency to pick: ``EUR``, ``€``, ``Euro``."""

    code: str
    symbol: str
    name: str

    @property
    def currency(self) -> Currency:
        return Currency(self.code, self.symbol)

    @property
    def label(self) -> str:
        """``EUR — Euro (€)``; the symbol is left out when it is the code itself."""
        symbol = f" ({self.symbol})" if self.symbol != self.code else ""
        return f"{self.code} — {self.name}{symbol}"


@cache
def currency_choices() -> tuple[CurrencyChoice, ...]:
    """Every currency in Qt's locale data, by ISO code."""
    symbols: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    english: dict[str, str] = {}
    locales = QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    )
    for locale in locales:
        code = locale.currencySymbol(_FORMAT.CurrencyIsoCode).strip().upper()
        if len(code) != 3 or not code.isalpha():
            continue
        symbol = locale.currencySymbol(_FORMAT.CurrencySymbol).strip()
        if symbol:
            symbols[code][symbol] += 1
        name = locale.currencySymbol(_FORMAT.CurrencyDisplayName).strip()
        if name:
            names[code][name] += 1
            if locale.language() == QLocale.Language.English:
                english.setdefault(code, name)
    out = []
    for code in sorted(set(symbols) | set(names)):
        symbol = symbols[code].most_common(1)[0][0] if symbols[code] else code
        name = english.get(code) or (names[code].most_common(1)[0][0] if names[code] else code)
        out.append(CurrencyChoice(code, symbol, name[:1].upper() + name[1:]))
    return tuple(out)


def choice_for(currency: Currency) -> CurrencyChoice:
    """The choice of ``currency``'s code (named by Qt's data), keeping the project's own symbol."""
    for choice in currency_choices():
        if choice.code == currency.code:
            return CurrencyChoice(choice.code, currency.symbol, choice.name)
    return CurrencyChoice(currency.code, currency.symbol, currency.code)
