"""Light, dark or the system's look (Settings → Appearance).

"light" and "dark" use Qt's Fusion style with a palette of their own, the same on every
platform; "system" keeps the platform's style and palette (and takes the dark palette
when the system asks for a dark scheme but its style has none). The charts draw with
the palette (widgets.py), and the few colours that carry a meaning (status, problems,
warnings) come from `color()`, which picks a shade that reads on the background in use:
darker ones on light backgrounds, lighter ones on dark."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from tagger.config import THEMES

# meaning -> (on a light background, on a dark one); each at least 4.5:1 against the
# rows, the alternate rows and the window of its palette (WCAG AA; tests/test_gui_look.py)
COLORS = {
    "accepted": ("#2a7030", "#81c784"),
    "overridden": ("#1565c0", "#64b5f6"),
    "skipped": ("#616161", "#a8a8a8"),
    "written": ("#6a1b9a", "#ce93d8"),
    "failed": ("#c62828", "#ff8a80"),
    "error": ("#c62828", "#ff8a80"),
    "warning": ("#b34700", "#ffb74d"),
    # text that says less (a best guess below the threshold, a hint): still 4.5:1 or more
    # on the table's rows (the disabled-text grey was 1.7:1)
    "muted": ("#616161", "#a8a8a8"),
}
ROLE = "gt-color"  # widget property: the meaning whose colour its text has (set_text_color)

_platform: dict = {}  # the style name and palette the app started with ("system")


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette (default: the application's) has a dark background."""
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.Window).lightness() < 128


def color(meaning: str) -> str:
    """The colour (#rrggbb) of a meaning (COLORS) on the background in use."""
    light, dark = COLORS[meaning]
    return dark if is_dark() else light


def set_text_color(widget: QWidget, meaning: str | None) -> None:
    """Colour a widget's text by meaning (None: the palette's); it follows a theme change."""
    widget.setProperty(ROLE, meaning or "")
    widget.setStyleSheet(f"color: {color(meaning)};" if meaning else "")


def dark_palette() -> QPalette:
    pal = QPalette()
    c = QColor
    text, disabled = c(232, 232, 232), c(128, 128, 128)
    for role, value in (
        (QPalette.Window, c(45, 45, 48)),
        (QPalette.WindowText, text),
        (QPalette.Base, c(30, 30, 32)),
        (QPalette.AlternateBase, c(55, 55, 60)),
        (QPalette.ToolTipBase, c(60, 60, 64)),
        (QPalette.ToolTipText, text),
        (QPalette.PlaceholderText, c(150, 150, 150)),
        (QPalette.Text, text),
        (QPalette.Button, c(58, 58, 62)),
        (QPalette.ButtonText, text),
        (QPalette.BrightText, c(255, 110, 110)),
        (QPalette.Light, c(80, 80, 84)),
        (QPalette.Midlight, c(66, 66, 70)),
        (QPalette.Mid, c(40, 40, 42)),
        (QPalette.Dark, c(25, 25, 27)),
        (QPalette.Shadow, c(0, 0, 0)),
        (QPalette.Link, c(110, 170, 255)),
        (QPalette.LinkVisited, c(190, 140, 255)),
        (QPalette.Highlight, c(52, 132, 228)),
        (QPalette.HighlightedText, c(255, 255, 255)),
    ):
        pal.setColor(QPalette.All, role, value)
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText, QPalette.PlaceholderText):
        pal.setColor(QPalette.Disabled, role, disabled)
    pal.setColor(QPalette.Disabled, QPalette.Highlight, c(70, 70, 74))
    return pal


# the widgets whose indicator (the box of a check box, the circle of a radio button)
# Fusion outlines with a darker Window and fills with Base: on the dark palette both are
# near black, and the box of "Group by album" vanished into the window (on the light
# one its outline was faint too)
INDICATOR_CLASSES = ("QCheckBox", "QRadioButton")


def indicator_palette(palette: QPalette, style: str) -> QPalette:
    """The palette of check boxes and radio buttons under Fusion: their Window (which they
    do not paint: the window behind shows) is set so that Fusion's outline, a darker
    shade of it, stands out from the window around it by 3:1 or more (WCAG's contrast
    for controls): light on a dark palette, mid grey on a light one. On the dark palette
    the tick is white on the dark box. Another style draws its own way: as it is."""
    pal = QPalette(palette)
    if style.lower() != "fusion":
        return pal
    dark = is_dark(palette)
    for group in (QPalette.Active, QPalette.Inactive):
        pal.setColor(group, QPalette.Window, QColor(210, 210, 216) if dark else QColor(140, 140, 146))
        if dark:
            pal.setColor(group, QPalette.Text, QColor(255, 255, 255))
    pal.setColor(QPalette.Disabled, QPalette.Window, QColor(120, 120, 126) if dark else QColor(200, 200, 204))
    return pal


def apply(app: QApplication, theme: str) -> str:
    """Apply `theme` (THEMES) to the running app; the look in use, "light" or "dark"."""
    if not _platform:
        _platform["style"] = app.style().name()
        _platform["palette"] = QPalette(app.palette())
    if theme not in THEMES:
        theme = "system"
    if theme == "system":
        app.setStyle(QStyleFactory.create(_platform["style"]) or app.style())
        palette = QPalette(_platform["palette"])
        if _system_wants_dark(app) and not is_dark(palette):
            app.setStyle(QStyleFactory.create("Fusion"))
            palette = dark_palette()
        app.setPalette(palette)
    else:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    for name in INDICATOR_CLASSES:  # after the app's palette, which would replace it
        app.setPalette(indicator_palette(app.palette(), app.style().name()), name)
    _recolor(app)
    look = "dark" if is_dark(app.palette()) else "light"
    app.setProperty("gt-look", look)
    return look


def _system_wants_dark(app: QApplication) -> bool:
    hints = app.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def _recolor(app: QApplication) -> None:
    """Widgets coloured by meaning take the shade of the new background."""
    for top in app.topLevelWidgets():
        for w in [top, *top.findChildren(QWidget)]:
            meaning = w.property(ROLE)
            if meaning:
                set_text_color(w, meaning)
        top.update()
