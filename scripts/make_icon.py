"""Draw the app icon: resources/icons/app.svg (the source) rendered to PNGs and a Windows .ico.

Run once after changing the drawing: `.venv/bin/python scripts/make_icon.py` (offscreen is fine).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 256)

# A blue tile, a white checklist sheet and a red seal with a tick: "a catalog, checked".
SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2f6fc0"/>
      <stop offset="1" stop-color="#1a4a8a"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="48" fill="url(#bg)"/>
  <rect x="56" y="36" width="144" height="184" rx="12" fill="#ffffff"/>
  <g fill="none" stroke-linecap="round" stroke-linejoin="round">
    <path d="M76 78 l10 10 l18 -20" stroke="#1f5fa8" stroke-width="10"/>
    <path d="M76 124 l10 10 l18 -20" stroke="#1f5fa8" stroke-width="10"/>
    <path d="M120 82 h60 M120 128 h60 M76 172 h64" stroke="#9db4d4" stroke-width="10"/>
  </g>
  <circle cx="186" cy="188" r="40" fill="#d23a2e"/>
  <path d="M168 189 l12 12 l24 -26" fill="none" stroke="#ffffff" stroke-width="11"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def main() -> int:
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])   # noqa: F841 - needed for QPainter/fonts
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "app.svg").write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode()))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"app-{size}.png"))
    from PIL import Image  # Pillow comes with reportlab; it writes multi-size .ico files
    big = Image.open(ICONS / "app-256.png")
    big.save(ICONS / "app.ico", sizes=[(s, s) for s in SIZES])
    print("wrote", ", ".join(sorted(p.name for p in ICONS.iterdir())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
