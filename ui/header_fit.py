"""Column titles that fit: wrap a long title onto two lines, and size sections to their titles.

The layout tests (``tests/gui/test_layout.py``) fail when a header section or a combo box cuts
its text at the window's default size; these helpers are how the views avoid it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader

SORT_ARROW = 16  # room a header keeps for its sort indicator


def two_lines(text: str, longer_than: int = 12) -> str:
    """``Data\\nEngineering``: a title longer than ``longer_than`` characters split at its middle space."""
    if len(text) <= longer_than or " " not in text:
        return text
    middle = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


def title_width(header: QHeaderView, text: str, *, sortable: bool = False) -> int:
    """Pixels a section needs to show ``text`` uncut, in bold too (Qt bolds the current column's title)."""
    font = QFont(header.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    widest = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, QStyleOptionHeader(), header)
    return widest + 2 * margin + (SORT_ARROW if sortable else 0)


def keep_sorted_title_whole(header: QHeaderView) -> None:
    """Widen a section when it becomes the sorted one, so its arrow does not cut the title."""

    def widen(section: int, _order: object) -> None:
        model = header.model()
        if model is None or section < 0:
            return
        text = str(model.headerData(section, header.orientation()) or "")
        header.resizeSection(section, max(header.sectionSize(section), title_width(header, text, sortable=True)))

    header.sortIndicatorChanged.connect(widen)


def widest_word(header: QHeaderView, titles: list[str]) -> int:
    """The width of the longest single word among ``titles`` (a section narrower than that cuts it)."""
    words = [word for title in titles for word in title.split()]
    return max((title_width(header, word) for word in words), default=0)
