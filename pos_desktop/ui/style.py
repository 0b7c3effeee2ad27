"""The till's look: touch-sized fonts and targets, and the colours of the feedback states.

Kept as one style sheet on the main window (dialogs parented to it inherit it) so sizes can be
tuned in one place. Widgets are addressed by object name; feedback uses the ``state`` property
(``error``, ``warning``, ``info``) that ``ui.feedback`` sets.
"""

from __future__ import annotations

TOTAL_POINT_SIZE = 40
CHANGE_POINT_SIZE = 44

STYLE_SHEET = f"""
QWidget {{ font-size: 13pt; }}
QStatusBar, QStatusBar QLabel {{ font-size: 11pt; }}
QStatusBar QLabel {{ padding: 0 4px; }}
QStatusBar QPushButton {{ font-size: 11pt; padding: 2px 6px; min-height: 0; }}
QPushButton {{
    min-height: 44px; padding: 4px 8px; border: 1px solid #8a8f98; border-radius: 6px;
    background: #f4f5f7;
}}
QPushButton:pressed, QPushButton:checked {{ background: #2f6fd6; color: white; }}
QPushButton:disabled {{ color: #9aa0a6; background: #e8e9eb; }}
QLineEdit {{
    font-size: 18pt; padding: 6px; border: 2px solid #8a8f98; border-radius: 6px;
    background: white;
}}
QLineEdit:focus {{ border-color: #2f6fd6; }}
QLineEdit[state="error"] {{ border-color: #c62828; background: #ffcdd2; }}
#barcodeField {{ font-size: 22pt; }}
#pinField {{ font-size: 28pt; }}
#messageBar {{ padding: 4px 8px; border-radius: 6px; font-size: 14pt; }}
#messageBar[state="error"] {{ background: #c62828; color: white; font-weight: bold; }}
#messageBar[state="warning"] {{ background: #ffe082; color: #3e2723; }}
#messageBar[state="info"] {{ background: #e3f2fd; color: #0d47a1; }}
#cartTable {{ font-size: 14pt; selection-background-color: #2f6fd6; }}
QHeaderView::section {{ font-size: 12pt; font-weight: bold; padding: 4px; }}
QLabel[role="caption"] {{ color: #455a64; font-size: 12pt; }}
#bigPanel {{ background: #263238; border-radius: 8px; }}
#totalCaption, #changeCaption, #changePaid {{ color: #cfd8dc; font-size: 14pt; }}
#totalLabel {{ color: white; font-size: {TOTAL_POINT_SIZE}pt; font-weight: bold; }}
#changePage {{ background: #1b5e20; border-radius: 8px; }}
#changeCaption {{ color: white; font-weight: bold; }}
#changeLabel {{ color: white; font-size: {CHANGE_POINT_SIZE}pt; font-weight: bold; }}
#payButton {{ background: #2e7d32; color: white; font-size: 18pt; font-weight: bold; }}
#payButton:pressed {{ background: #1b5e20; }}
#cancelSaleButton[armed="true"] {{ background: #c62828; color: white; }}
#keypad QPushButton {{ font-size: 20pt; }}
#keypad #key_qty, #keypad #key_del, #keypad #key_clear {{ font-size: 14pt; }}
#keypad #key_enter {{ background: #2e7d32; color: white; font-size: 16pt; font-weight: bold; }}
QPushButton[staff="true"] {{ min-height: 84px; font-size: 16pt; }}
#loginTitle {{ font-size: 26pt; font-weight: bold; }}
#storeName {{ font-size: 16pt; color: #455a64; }}
#loginWho {{ font-size: 18pt; }}
#dueValue {{ font-size: {TOTAL_POINT_SIZE}pt; font-weight: bold; }}
#remainingValue {{ font-size: 24pt; font-weight: bold; color: #c62828; }}
#paymentChangeValue {{ font-size: 24pt; font-weight: bold; color: #1b5e20; }}
#tenderTitle {{ font-size: 15pt; font-weight: bold; }}
#tenderList {{ font-size: 14pt; }}
#completeButton {{ font-size: 16pt; font-weight: bold; }}
#completeButton[ready="true"] {{ background: #2e7d32; color: white; }}
#receiptPreview {{ background: #fffdf5; }}
"""
