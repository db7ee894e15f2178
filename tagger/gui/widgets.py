"""Drawing widgets: spectrogram, genre-over-time strip, score bars. All text is drawn
with QPainter.drawText (plain text: file contents are never interpreted as markup)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .labels import percent

LABEL_WIDTH = 118  # left margin shared by the spectrogram and the timeline (aligned time axes)


def label_width(widget: QWidget) -> int:
    """The charts' left margin for the widget's font: LABEL_WIDTH, wider with a large
    font (at 18 pt "Jazz" lost its J and "8 kHz" was cut); the same for the spectrogram
    and the timeline, whose time axes line up."""
    return max(LABEL_WIDTH, widget.fontMetrics().horizontalAdvance("Easy Listening") + 14)


def line_height(widget: QWidget) -> int:
    """One line of the widget's font: the charts' rows and labels are at least this tall."""
    return widget.fontMetrics().height()


# "magma"-like anchors (position, r, g, b)
_ANCHORS = [
    (0.00, 0, 0, 4),
    (0.13, 28, 16, 68),
    (0.25, 79, 18, 123),
    (0.38, 129, 37, 129),
    (0.50, 181, 54, 122),
    (0.63, 229, 80, 100),
    (0.75, 251, 135, 97),
    (0.88, 254, 194, 135),
    (1.00, 252, 253, 191),
]


def colormap_lut() -> np.ndarray:
    """256 ARGB32 values."""
    xs = np.linspace(0, 1, 256)
    pos = [a[0] for a in _ANCHORS]
    r = np.interp(xs, pos, [a[1] for a in _ANCHORS])
    g = np.interp(xs, pos, [a[2] for a in _ANCHORS])
    b = np.interp(xs, pos, [a[3] for a in _ANCHORS])
    return (0xFF000000 | (r.astype(np.uint32) << 16) | (g.astype(np.uint32) << 8) | b.astype(np.uint32)).astype(
        np.uint32
    )


_LUT = colormap_lut()


def spectrogram_image(mel: np.ndarray, max_columns: int = 3000) -> QImage:
    """log-mel [frames, mels] -> QImage (time left to right, low frequencies at the
    bottom). Safe to call in a worker thread (QImage, not QPixmap)."""
    mel = np.asarray(mel, np.float32)
    if mel.ndim != 2 or mel.shape[0] == 0:
        img = QImage(1, 1, QImage.Format_RGB32)
        img.fill(QColor("black"))
        return img
    frames = mel.shape[0]
    if frames > max_columns:  # max-pool groups of frames: keeps short events visible
        step = int(np.ceil(frames / max_columns))
        pad = (-frames) % step
        if pad:
            mel = np.concatenate([mel, np.repeat(mel[-1:], pad, axis=0)])
        mel = mel.reshape(-1, step, mel.shape[1]).max(axis=1)
    lo, hi = np.percentile(mel, 2), np.percentile(mel, 99.5)
    norm = np.clip((mel - lo) / max(hi - lo, 1e-6), 0, 1)
    idx = (norm * 255).astype(np.uint8).T[::-1]  # [mels, columns], high frequencies on top
    argb = np.ascontiguousarray(_LUT[idx])
    h, w = argb.shape
    img = QImage(argb.data, w, h, 4 * w, QImage.Format_RGB32)
    return img.copy()  # own the pixels (the numpy buffer goes away)


def fmt_time(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:  # NaN
        return "--:--"
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class SpectrogramView(QWidget):
    """The log-mel spectrogram of the whole track, the analysed patches outlined, and
    the playhead. Click to seek."""

    seek_requested = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._image: QImage | None = None
        self._duration = 0.0
        self._patches: list[float] = []
        self._patch_s = 0.0
        self._position: float | None = None
        self._message = self.tr("No track selected")
        self._fmax = 8000.0
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(
            self.tr(
                "Log-mel spectrogram as the model hears it; the outlined stretches are "
                "the parts the model listened to. Click to play from there."
            )
        )

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(500, 150)

    def clear(self, message: str = "") -> None:
        self._image, self._patches, self._position = None, [], None
        self._message = message
        self.update()

    def set_image(self, image: QImage, duration: float, fmax: float = 8000.0) -> None:
        self._image, self._duration, self._fmax = image, max(duration, 0.001), fmax
        self._message = ""
        self.update()

    def set_duration(self, duration: float) -> None:
        self._duration = max(duration, 0.001)
        self.update()

    def set_patches(self, starts: list[float], patch_s: float) -> None:
        self._patches, self._patch_s = list(starts), patch_s
        self.update()

    def set_position(self, seconds: float | None) -> None:
        self._position = seconds
        self.update()

    def plot_rect(self) -> QRectF:
        left, below = label_width(self), line_height(self) + 6  # room for the time axis' labels
        return QRectF(left, 4, max(10, self.width() - left - 8), max(10, self.height() - below - 4))

    def x_of(self, seconds: float) -> float:
        r = self.plot_rect()
        return r.left() + r.width() * min(max(seconds / self._duration, 0.0), 1.0)

    def mousePressEvent(self, event):  # noqa: N802
        r = self.plot_rect()
        if self._duration > 0 and r.left() <= event.position().x() <= r.right():
            self.seek_requested.emit((event.position().x() - r.left()) / r.width() * self._duration)
        super().mousePressEvent(event)

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        r = self.plot_rect()
        p.fillRect(r, QColor(0, 0, 4))
        text_pen = QPen(pal.color(QPalette.WindowText))
        if self._image is None:
            p.setPen(QColor(200, 200, 200))
            p.drawText(r, Qt.AlignCenter, self._message)
        else:
            p.setRenderHint(QPainter.SmoothPixmapTransform, True)
            p.drawImage(r, self._image)
            # analysed patches
            p.setPen(QPen(QColor(255, 255, 255, 200), 1, Qt.DashLine))
            for s in self._patches:
                x0, x1 = self.x_of(s), self.x_of(s + self._patch_s)
                p.drawRect(QRectF(x0, r.top() + 1, max(2.0, x1 - x0), r.height() - 2))
        # axis labels
        p.setPen(text_pen)
        lw, lh = label_width(self) - 6, line_height(self)
        p.drawText(
            QRectF(0, r.top(), lw, lh),
            Qt.AlignRight | Qt.AlignTop,
            self.tr("{khz} kHz").format(khz=f"{self._fmax / 1000:.0f}"),
        )
        p.drawText(QRectF(0, r.bottom() - lh, lw, lh), Qt.AlignRight | Qt.AlignBottom, "0 Hz")
        p.drawText(QRectF(0, r.center().y() - lh / 2, lw, lh), Qt.AlignRight | Qt.AlignVCenter, self.tr("mel"))
        if self._duration > 0.01 and self._image is not None:
            step = _tick_step(self._duration, r.width())
            t = 0.0
            while t <= self._duration + 1e-6:
                x = self.x_of(t)
                p.drawLine(QPointF(x, r.bottom()), QPointF(x, r.bottom() + 3))
                tw = p.fontMetrics().horizontalAdvance("00:00:00")
                p.drawText(QRectF(x - tw / 2, r.bottom() + 3, tw, lh), Qt.AlignHCenter | Qt.AlignTop, fmt_time(t))
                t += step
        if self._position is not None and self._image is not None:
            x = self.x_of(self._position)
            p.setPen(QPen(QColor(80, 220, 255), 2))
            p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
        p.end()


def _tick_step(duration: float, width: float) -> float:
    for step in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200):
        if duration / step * 60 <= width:
            return float(step)
    return 3600.0


class GenreTimeline(QWidget):
    """Genre over time: one row per genre, one cell per analysed patch, placed on the
    same time axis as the spectrogram."""

    ROW_H = 16  # at the least: a line of the font (row_h)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names: list[str] = []
        self._matrix = np.zeros((0, 0), np.float32)  # [genres, patches]
        self._starts: list[float] = []
        self._patch_s = 0.0
        self._duration = 1.0
        self.empty_text = ""  # what an empty chart says ("": not analysed yet)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setToolTip(self.tr("How strongly the model heard each genre in each analysed stretch"))
        self._update_height()

    def row_h(self) -> int:
        return max(self.ROW_H, line_height(self) + 2)

    def _update_height(self) -> None:
        self.setFixedHeight(max(1, len(self._names)) * self.row_h() + 8)

    def changeEvent(self, event):  # noqa: N802 - Qt override: a new font, new rows
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._update_height()

    def clear(self) -> None:
        self.set_data([], np.zeros((0, 0), np.float32), [], 0.0, 1.0)

    def set_data(self, names, matrix, starts, patch_s, duration) -> None:
        self._names, self._matrix = list(names), np.asarray(matrix, np.float32)
        self._starts, self._patch_s, self._duration = list(starts), patch_s, max(duration, 0.001)
        self._update_height()
        self.update()

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        left = label_width(self)
        width = max(10, self.width() - left - 8)
        row_h = self.row_h()
        if not self._names:
            text = self.empty_text or self.tr("genre over time: not analysed yet")
            _placeholder(p, QRectF(left, 0, width, self.height()), text)
            return
        base = QColor(pal.color(QPalette.Highlight))
        fm = p.fontMetrics()
        for i, name in enumerate(self._names):
            y = 4 + i * row_h
            p.setPen(pal.color(QPalette.WindowText))
            p.drawText(
                QRectF(0, y, left - 6, row_h),
                Qt.AlignRight | Qt.AlignVCenter,
                fm.elidedText(name, Qt.ElideRight, left - 8),
            )
            p.fillRect(QRectF(left, y + 1, width, row_h - 2), pal.color(QPalette.AlternateBase))
            for j, s in enumerate(self._starts):
                v = float(self._matrix[i, j]) if j < self._matrix.shape[1] else 0.0
                x0 = left + width * min(s / self._duration, 1.0)
                x1 = left + width * min((s + self._patch_s) / self._duration, 1.0)
                c = QColor(base)
                c.setAlphaF(0.08 + 0.92 * min(max(v, 0.0), 1.0))
                p.fillRect(QRectF(x0, y + 1, max(3.0, x1 - x0), row_h - 2), c)
        p.end()


def _placeholder(p: QPainter, rect: QRectF, text: str) -> None:
    """Draw the empty-state text of a chart and finish painting."""
    p.setPen(p.device().palette().color(QPalette.PlaceholderText))
    p.drawText(rect, Qt.AlignLeft | Qt.AlignVCenter, text)
    p.end()


class ScoreBars(QWidget):
    """Per-genre scores as horizontal bars, best first; the threshold as a line."""

    BAR_H = 18  # at the least: a line of the font and some (bar_h)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[tuple[str, float]] = []
        self.empty_text = ""  # what an empty chart says ("": no scores yet)
        self._threshold = 0.5
        self._chosen: set[str] = set()
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._update_height()

    def bar_h(self) -> int:
        return max(self.BAR_H, line_height(self) + 4)

    def _update_height(self) -> None:  # the bars, and the threshold's label below them
        self.setFixedHeight(max(1, len(self._items)) * self.bar_h() + line_height(self) + 8)

    def changeEvent(self, event):  # noqa: N802 - Qt override: a new font, new rows
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._update_height()

    def set_scores(self, items, threshold: float, chosen=()) -> None:
        self._items = [(str(n), float(s)) for n, s in items]
        self._threshold = threshold
        self._chosen = set(chosen)
        self._update_height()
        self.update()

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        left = label_width(self)
        score_w = self.fontMetrics().horizontalAdvance(percent(1.0)) + 8  # "100%" beside each bar
        width = max(10, self.width() - left - score_w - 6)
        bar_h, line_h = self.bar_h(), line_height(self)
        if not self._items:
            _placeholder(p, QRectF(left, 0, width, self.height()), self.empty_text or self.tr("no scores yet"))
            return
        fm = p.fontMetrics()
        hi = pal.color(QPalette.Highlight)
        for i, (name, score) in enumerate(self._items):
            y = 2 + i * bar_h
            p.setPen(pal.color(QPalette.WindowText))
            font = p.font()
            font.setBold(name in self._chosen)
            p.setFont(font)
            p.drawText(
                QRectF(0, y, left - 6, bar_h),
                Qt.AlignRight | Qt.AlignVCenter,
                fm.elidedText(name, Qt.ElideRight, left - 8),
            )
            p.fillRect(QRectF(left, y + 3, width, bar_h - 6), pal.color(QPalette.AlternateBase))
            c = QColor(hi) if score >= self._threshold else QColor(hi.red(), hi.green(), hi.blue(), 110)
            p.fillRect(QRectF(left, y + 3, width * min(max(score, 0.0), 1.0), bar_h - 6), c)
            p.drawText(QRectF(left + width + 4, y, score_w, bar_h), Qt.AlignLeft | Qt.AlignVCenter, percent(score))
        font = p.font()
        font.setBold(False)
        p.setFont(font)
        x = left + width * self._threshold
        bottom = 2 + len(self._items) * bar_h
        p.setPen(QPen(pal.color(QPalette.WindowText), 1, Qt.DashLine))
        p.drawLine(QPointF(x, 2), QPointF(x, bottom))
        label = self.tr("threshold {percent}").format(percent=percent(self._threshold))
        half = p.fontMetrics().horizontalAdvance(label) / 2 + 4
        centre = min(max(x, half), self.width() - half)  # whole, even at 0 % or 100 %
        p.drawText(QRectF(centre - half, bottom, 2 * half, line_h + 2), Qt.AlignHCenter | Qt.AlignTop, label)
        p.end()


def plain_label(text: str = "", parent=None, selectable: bool = False, wrap: bool = True) -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def list_table(table, name: str) -> None:
    """A read-only table in a dialog: Tab leaves it for the dialog's buttons (by default
    Tab walks its cells and never gets out), and a screen reader can name it."""
    table.setTabKeyNavigation(False)
    table.setAccessibleName(name)
