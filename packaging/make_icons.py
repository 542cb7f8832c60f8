"""Draw Team Planner's application icon: the SVG, the PNG sizes desktops use, and the .ico/.icns.

Run from the checkout: ``python packaging/make_icons.py``. The outputs are committed under
``resources/icons/`` (the window and the wheel use the PNGs, the desktop build the .ico on
Windows and the .icns on macOS), so nobody needs to run this unless the drawing changes.
The picture: three people, the middle one in front, and a green tick — a team that covers
what the project needs. Every shape is large enough to survive 16 × 16 pixels.
"""

from __future__ import annotations

import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NAME = "team-planner"

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>Team Planner</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3b8ee6"/>
      <stop offset="1" stop-color="#1c569c"/>
    </linearGradient>
  </defs>
  <rect x="24" y="24" width="464" height="464" rx="100" fill="url(#tile)"/>
  <g fill="#bcd8f7">
    <circle cx="138" cy="214" r="46"/>
    <path d="M62,372 C62,314 98,282 138,282 C178,282 214,314 214,372 Z"/>
    <circle cx="374" cy="214" r="46"/>
    <path d="M298,372 C298,314 334,282 374,282 C414,282 450,314 450,372 Z"/>
  </g>
  <g fill="#ffffff">
    <circle cx="256" cy="178" r="64"/>
    <path d="M144,396 C144,316 196,272 256,272 C316,272 368,316 368,396 Z"/>
  </g>
  <circle cx="384" cy="384" r="84" fill="#2fb36a" stroke="#ffffff" stroke-width="16"/>
  <path d="M342,386 L372,416 L428,356" fill="none" stroke="#ffffff" stroke-width="24"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def render(svg: Path, size: int) -> object:
    """The SVG drawn with QPainter on a transparent ``size`` × ``size`` image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    svg = ICONS / f"{NAME}.svg"
    svg.write_text(SVG, encoding="utf-8")
    for size in SIZES:
        image = render(svg, size)
        assert isinstance(image, QImage)
        if not image.save(str(ICONS / f"{NAME}-{size}.png")):
            raise SystemExit(f"cannot write the {size} px PNG")
    big = render(svg, 256)
    assert isinstance(big, QImage)
    for suffix in ("ico", "icns"):  # Qt's image plugins write both formats
        if not big.save(str(ICONS / f"{NAME}.{suffix}")):
            raise SystemExit(f"cannot write the .{suffix} icon")
    del app
    print(f"Icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
