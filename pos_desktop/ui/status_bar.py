"""The till window's status bar, readable on a 1024x768 screen.

A status bar holds more than fits at that width once devices and the sync state are on it. Two
rules keep every text readable: a text that does not fit is shortened at its end with "…" and
kept whole in its tooltip (never clipped at both ends, as a centred button clips), and the
store's name gives way first (its label asks for no width of its own). A passing message that
does not fit beside the permanent items (device states, sync, clock) gets the bar to itself
while it shows: the permanent items step aside (shrink to nothing, from the left) until it
fits, and come back when it goes. They are narrowed, not hidden, so a widget that shows and
hides itself (the backup warning) keeps doing so meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

ELLIPSIS = "…"
MESSAGE_LEFT = 6
"""Where ``QStatusBar`` starts painting a message, and the gap it keeps before the first
permanent widget (``QStatusBarPrivate::messageRect``)."""
MESSAGE_RIGHT_GAP = 2
MESSAGE_END_GAP = 12
ELIDE_SLACK = 3
_RESTYLED = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange})


def elided(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` shortened at its end to ``width`` pixels."""
    if metrics.horizontalAdvance(text) <= width:
        return text  # elidedText may round up and cut a text that fits exactly
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))


class ElidedLabel(QLabel):
    """A one-line label that shows what fits of its text and the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None, *, minimum_chars: int = 4) -> None:
        super().__init__(parent)
        self._full = ""
        self._minimum_chars = minimum_chars
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._fit()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def _fit(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        shown = elided(self._full, self.fontMetrics(), room) if self.isVisible() else self._full
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        extra = hint.width() - self.fontMetrics().horizontalAdvance(super().text())
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + extra, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        shortest = self.fontMetrics().horizontalAdvance(
            self._full[: self._minimum_chars] + ELLIPSIS
        )
        extra = hint.width() - self.fontMetrics().horizontalAdvance(self._full)
        return QSize(min(hint.width(), shortest + extra), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _RESTYLED:
            # A style sheet polished later changes the font: measure again.
            self.updateGeometry()
            self._fit()


class ElidedButton(QPushButton):
    """A flat status-bar button whose text ends in "…" when it does not fit (a plain button
    clips a long text at both ends); the whole text leads its tooltip.

    Two hints say how small it may get: ``essential``, the start of the text that must stay
    readable (a device's state, the sync state and its count), and ``short``, a text to show
    instead when the whole one does not fit (a language's code for its name)."""

    def __init__(self, parent: QWidget | None = None, *, minimum_chars: int = 6) -> None:
        super().__init__(parent)
        self._full = ""
        self._tip = ""
        self._essential: str | None = None
        self._short: str | None = None
        self._minimum_chars = minimum_chars
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_full_text(
        self,
        text: str,
        tooltip: str = "",
        *,
        essential: str | None = None,
        short: str | None = None,
    ) -> None:
        self._full = text
        self._tip = tooltip
        self._essential = essential
        self._short = short
        self.updateGeometry()
        self._fit()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def text_room(self, width: int | None = None) -> int:
        """The width the style leaves for the text inside the button's padding and frame (at
        the button's own width, or at ``width``)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        if width is not None:
            option.rect = QRect(0, 0, width, max(1, self.height()))
        rect = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        return rect.width()

    def _fit(self) -> None:
        # Nothing is painted before the button is shown: keep the whole text until then.
        shown = self._full
        if self.isVisible():
            metrics, room = self.fontMetrics(), self.text_room()
            if self._short is not None and metrics.horizontalAdvance(self._full) > room:
                shown = elided(self._short, metrics, room)
            else:
                shown = elided(self._full, metrics, room)
        if shown != super().text():
            super().setText(shown)
        tips = [self._full] if shown != self._full else []
        if self._tip:
            tips.append(self._tip)
        self.setToolTip("\n".join(tips))

    def _hint_for(self, text: str) -> QSize:
        # Measured the way ``_fit`` measures, so a button given its size hint shows it whole.
        probe = 1000
        chrome = probe - self.text_room(probe)
        return QSize(
            self.fontMetrics().horizontalAdvance(text) + chrome, super().sizeHint().height()
        )

    def sizeHint(self) -> QSize:
        return self._hint_for(self._full)

    def minimumSizeHint(self) -> QSize:
        if self._short is not None:
            return self._hint_for(self._short)
        least = self._essential
        if least is None:
            least = self._full[: self._minimum_chars]
        if least != self._full:
            least += ELLIPSIS
        hint = self._hint_for(least)
        # Qt's elision measures glyph by glyph and may come out a pixel or two wider than the
        # string measured whole: leave that much, so the essential part is never cut.
        return QSize(hint.width() + ELIDE_SLACK, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _RESTYLED:
            # A style sheet polished later changes the font: measure again.
            self.updateGeometry()
            self._fit()


class TillStatusBar(QStatusBar):
    """``QStatusBar`` that makes room for a passing message that would not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillStatusBar")
        self._permanent: list[QWidget] = []
        self._stepped_aside: dict[QWidget, int] = {}
        """Widget -> its own maximum width, while it is narrowed for a message."""
        self.messageChanged.connect(self._make_room)

    def minimumSizeHint(self) -> QSize:
        # Full height even when the window is tight: the texts are shortened, never cropped.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.sizeHint().height()))

    # Every permanent widget is added from Python, so these overrides see all of them.
    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        super().addPermanentWidget(widget, stretch or 0)
        self._permanent.append(widget)

    def insertPermanentWidget(self, index: int, widget: QWidget, stretch: int | None = 0) -> int:
        at = super().insertPermanentWidget(index, widget, stretch or 0)
        self._permanent.append(widget)
        return at

    def removeWidget(self, widget: QWidget) -> None:
        super().removeWidget(widget)
        if widget in self._permanent:
            self._permanent.remove(widget)
        widest = self._stepped_aside.pop(widget, None)
        if widest is not None:
            widget.setMaximumWidth(widest)

    def permanent_widgets(self) -> list[QWidget]:
        """Left to right, as laid out."""
        return sorted((w for w in self._permanent if w.parent() is not None), key=lambda w: w.x())

    def message_room(self) -> int:
        """The width a message gets now: from the left edge to the first visible permanent
        widget, as ``QStatusBar`` paints it."""
        visible = [
            w for w in self.permanent_widgets() if w.isVisible() and w not in self._stepped_aside
        ]
        right = self.width() - MESSAGE_END_GAP
        if visible:
            right = min(right, min(w.x() for w in visible) - MESSAGE_RIGHT_GAP)
        return right - MESSAGE_LEFT

    def _room_without(self, hidden: list[QWidget]) -> int:
        """The message's width once ``hidden`` step aside (the rest keep their size hints)."""
        layout = self.layout()
        spacing = max(0, layout.spacing()) if layout is not None else 0
        used = sum(
            w.sizeHint().width() + spacing
            for w in self._permanent
            if w.isVisible() and w not in hidden and w not in self._stepped_aside
        )
        return self.width() - MESSAGE_END_GAP - MESSAGE_LEFT - MESSAGE_RIGHT_GAP - used

    def stepped_aside(self) -> list[QWidget]:
        """The permanent widgets narrowed to nothing for the message on show."""
        return list(self._stepped_aside)

    def _make_room(self, message: str) -> None:
        if not message:
            for widget, widest in self._stepped_aside.items():
                widget.setMaximumWidth(widest)
            self._stepped_aside.clear()
            return
        needed = self.fontMetrics().horizontalAdvance(message)
        if needed <= self._room_without([]):
            return
        aside: list[QWidget] = []
        for widget in self.permanent_widgets():
            if not widget.isVisible() or widget in self._stepped_aside:
                continue
            aside.append(widget)
            if needed <= self._room_without(aside):
                break
        for widget in aside:
            self._stepped_aside[widget] = widget.maximumWidth()
            widget.setMaximumWidth(0)
