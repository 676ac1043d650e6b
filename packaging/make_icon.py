"""Draw the application icon and write it in the formats the installers need:
`python packaging/make_icon.py` (the outputs are committed; run again only to change it).

- `opiq_admin/resources/icon.png`: the window's icon at run time (all platforms);
- `packaging/icon.ico`: the Windows executables and the MSI;
- `packaging/icon.icns`: the macOS `.app` (written where Qt's icns plug-in exists).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

ROOT = Path(__file__).resolve().parent.parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.06
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(box, size * 0.18, size * 0.18)
    painter.fillPath(path, QColor("#0f6cbd"))
    # Two linked rings: Opiq and eKool, joined.
    pen_width = max(1.0, size * 0.075)
    painter.setPen(QColor("white"))
    pen = painter.pen()
    pen.setWidthF(pen_width)
    painter.setPen(pen)
    ring = size * 0.34
    painter.drawEllipse(QRectF(size * 0.17, size * 0.33, ring, ring))
    painter.drawEllipse(QRectF(size * 0.49, size * 0.33, ring, ring))
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(6, int(size * 0.16)))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, size * 0.08, size, size * 0.22),
                     Qt.AlignmentFlag.AlignCenter, "opiq")
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 -- fonts need an application
    big = draw(256)
    big.save(str(ROOT / "opiq_admin" / "resources" / "icon.png"))
    if not draw(256).save(str(ROOT / "packaging" / "icon.ico"), "ICO"):
        print("could not write icon.ico", file=sys.stderr)
        return 1
    if not draw(512).save(str(ROOT / "packaging" / "icon.icns"), "ICNS"):
        print("no icns plug-in in this Qt: packaging/icon.icns not written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
