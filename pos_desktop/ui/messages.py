"""Turn a ``UserError`` code into a sentence the cashier reads, in the UI language.

The domain, services and storage raise stable codes with parameters; this table is the one
place that words them. Entries are marked with ``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate``
collects them into the ``Messages`` context, and they are translated when shown (the language
can change at runtime). A code missing here still reads as a sentence, with the code appended
so support can find it in the logs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.formatting import money

log = logging.getLogger(__name__)

CONTEXT = "Messages"

Translate = Callable[[str, str], str]
"""``(context, source text) -> translated text``, as ``QCoreApplication.translate``."""

MONEY_PARAMS = frozenset({"remaining", "amount", "total", "due", "paid", "available", "max_amount"})
"""Parameters that hold minor units and read as ``Rp12.500``."""

_TEXT: dict[str, Any] = {
    # scanning and the catalog
    "scan.empty": QT_TRANSLATE_NOOP("Messages", "Scan or type a barcode first."),
    "scan.bad_multiplier": QT_TRANSLATE_NOOP(
        "Messages", "“{text}” is not a quantity. Type it as 3*barcode."
    ),
    "scan.weight_for_countable": QT_TRANSLATE_NOOP(
        "Messages", "{name} is not sold by weight; this scale label cannot be used."
    ),
    "barcode.bad_check_digit": QT_TRANSLATE_NOOP(
        "Messages", "Barcode {barcode} has a wrong check digit. Scan it again."
    ),
    "product.not_found": QT_TRANSLATE_NOOP("Messages", "Product not found: {barcode}"),
    # quantities, prices, discounts
    "quantity.invalid": QT_TRANSLATE_NOOP("Messages", "That quantity is not a number."),
    "quantity.not_positive": QT_TRANSLATE_NOOP("Messages", "Quantity must be more than zero."),
    "quantity.not_whole": QT_TRANSLATE_NOOP(
        "Messages", "This item is sold per piece: type a whole quantity."
    ),
    "quantity.too_large": QT_TRANSLATE_NOOP("Messages", "Quantity too large (at most {maximum})."),
    "price.out_of_range": QT_TRANSLATE_NOOP("Messages", "The price of this item is not valid."),
    "discount.negative": QT_TRANSLATE_NOOP("Messages", "A discount cannot be negative."),
    "discount.percent_over_100": QT_TRANSLATE_NOOP(
        "Messages", "A discount cannot be more than 100%."
    ),
    "discount.invalid": QT_TRANSLATE_NOOP("Messages", "That discount is not valid."),
    "discount.exceeds_line": QT_TRANSLATE_NOOP(
        "Messages", "The discount is larger than the line amount."
    ),
    "cart.no_such_line": QT_TRANSLATE_NOOP("Messages", "That line is no longer in the cart."),
    # the sale and its payment
    "sale.empty": QT_TRANSLATE_NOOP("Messages", "The cart is empty."),
    "sale.zero_total": QT_TRANSLATE_NOOP("Messages", "The total is zero; nothing to pay."),
    "sale.payment_in_progress": QT_TRANSLATE_NOOP(
        "Messages", "Payment has started: cancel the payment to change the cart."
    ),
    "sale.not_found": QT_TRANSLATE_NOOP("Messages", "Receipt {receipt_no} not found."),
    "payment.incomplete": QT_TRANSLATE_NOOP(
        "Messages", "Not fully paid yet: {remaining} remaining."
    ),
    "payment.total_changed": QT_TRANSLATE_NOOP(
        "Messages", "The total changed during payment. Start the payment again."
    ),
    "tender.not_positive": QT_TRANSLATE_NOOP("Messages", "The amount must be more than zero."),
    "tender.too_large": QT_TRANSLATE_NOOP("Messages", "That amount is too large."),
    "tender.already_paid": QT_TRANSLATE_NOOP("Messages", "The sale is already fully paid."),
    "tender.exceeds_due": QT_TRANSLATE_NOOP(
        "Messages", "Only cash can be more than what is due ({remaining})."
    ),
    "tender.card.approval_code": QT_TRANSLATE_NOOP(
        "Messages", "Type the approval code from the EDC slip (letters and digits)."
    ),
    "tender.card.last4": QT_TRANSLATE_NOOP(
        "Messages", "Type the last 4 digits of the card number."
    ),
    "tender.reference": QT_TRANSLATE_NOOP(
        "Messages", "Type the payment reference (letters and digits)."
    ),
    # storage and receipts
    "storage.locked": QT_TRANSLATE_NOOP(
        "Messages", "The database is busy (locked by another program). Try again."
    ),
    "storage.full": QT_TRANSLATE_NOOP(
        "Messages", "The disk is full: the sale was not saved. Call store IT."
    ),
    "storage.io": QT_TRANSLATE_NOOP(
        "Messages", "The disk cannot be written: the sale was not saved. Call store IT."
    ),
    "storage.corrupt": QT_TRANSLATE_NOOP(
        "Messages", "The database is damaged: the sale was not saved. Call store IT."
    ),
    "storage.schema_too_new": QT_TRANSLATE_NOOP(
        "Messages",
        "The database was made by a newer version of the till ({revision}). Call store IT.",
    ),
    "storage.unexpected": QT_TRANSLATE_NOOP(
        "Messages", "Unexpected error; nothing was changed. Try again or call store IT."
    ),
    "receipt.output_failed": QT_TRANSLATE_NOOP(
        "Messages", "The sale is saved but the receipt was not printed ({reason}). Press F10."
    ),
    # devices: printer, drawer, scanner, display, scale (the device layer, pos_desktop/devices)
    "printer.unavailable": QT_TRANSLATE_NOOP(
        "Messages",
        "The receipt printer is not connected. Sales are saved; receipts wait to be reprinted.",
    ),
    "printer.paper_out": QT_TRANSLATE_NOOP(
        "Messages",
        "The printer is out of paper: load a new roll. The receipt waits to be reprinted.",
    ),
    "printer.paper_near_end": QT_TRANSLATE_NOOP(
        "Messages", "The printer's paper roll is nearly finished."
    ),
    "printer.cover_open": QT_TRANSLATE_NOOP(
        "Messages", "The printer cover is open: close it. The receipt waits to be reprinted."
    ),
    "printer.offline": QT_TRANSLATE_NOOP(
        "Messages", "The printer is offline (off or in error). The receipt waits to be reprinted."
    ),
    "printer.error": QT_TRANSLATE_NOOP(
        "Messages", "The printer reports an error (paper jam or cutter). Call store IT."
    ),
    "printer.write_failed": QT_TRANSLATE_NOOP(
        "Messages",
        "The receipt could not be sent to the printer ({reason}). It waits to be reprinted.",
    ),
    "drawer.unavailable": QT_TRANSLATE_NOOP("Messages", "The cash drawer is not connected."),
    "drawer.not_permitted": QT_TRANSLATE_NOOP(
        "Messages", "Opening the cash drawer without a sale needs a supervisor's approval."
    ),
    "drawer.not_opened": QT_TRANSLATE_NOOP(
        "Messages",
        "The cash drawer did not open: the printer it is connected to is not working. Open it "
        "with its key to give change. The sale is saved; the receipt waits to be reprinted.",
    ),
    "scanner.unavailable": QT_TRANSLATE_NOOP(
        "Messages", "The barcode scanner is not connected. Type the code or use the search."
    ),
    "display.unavailable": QT_TRANSLATE_NOOP("Messages", "The customer display is not connected."),
    "scale.unavailable": QT_TRANSLATE_NOOP("Messages", "The scale is not connected."),
    "scale.no_answer": QT_TRANSLATE_NOOP(
        "Messages", "The scale does not answer. Check its cable and that it is on."
    ),
    "scale.bad_reply": QT_TRANSLATE_NOOP(
        "Messages", "The scale's answer cannot be read ({reply}). Call store IT."
    ),
    "scale.in_motion": QT_TRANSLATE_NOOP(
        "Messages", "The weight is not steady yet. Wait a moment and weigh again."
    ),
    "scale.overload": QT_TRANSLATE_NOOP(
        "Messages", "Too heavy for the scale. Weigh it in smaller parts."
    ),
    "scale.under_zero": QT_TRANSLATE_NOOP(
        "Messages", "The scale shows less than zero: empty it and set it to zero."
    ),
    "scale.no_weight": QT_TRANSLATE_NOOP("Messages", "Nothing is on the scale."),
    "scale.manual_not_permitted": QT_TRANSLATE_NOOP(
        "Messages", "Typing a weight by hand needs a manager."
    ),
    "device.not_configured": QT_TRANSLATE_NOOP(
        "Messages", "No {device} is set up on this till (config file, [devices])."
    ),
    # staff, store and till
    "pin.invalid": QT_TRANSLATE_NOOP("Messages", "A PIN is {min_length} to {max_length} digits."),
    "pin.old_missing": QT_TRANSLATE_NOOP("Messages", "Type your current PIN first."),
    "pin.mismatch": QT_TRANSLATE_NOOP(
        "Messages", "The two new PINs are not the same. Type the new PIN twice."
    ),
    "pin.unchanged": QT_TRANSLATE_NOOP("Messages", "The new PIN is the same as the current one."),
    "pin.wrong_old": QT_TRANSLATE_NOOP(
        "Messages", "The current PIN is wrong. Your PIN was not changed."
    ),
    "pin.locked": QT_TRANSLATE_NOOP(
        "Messages", "Locked after wrong PINs: try again in {seconds} seconds."
    ),
    "pin.changed_meanwhile": QT_TRANSLATE_NOOP(
        "Messages", "Your PIN was just changed from the office. Log in with the new PIN."
    ),
    "staff.inactive": QT_TRANSLATE_NOOP(
        "Messages", "This name can no longer log in at this till. Ask the store owner."
    ),
    "staff.deactivated": QT_TRANSLATE_NOOP(
        "Messages", "{name} can no longer log in at this till and has been logged out."
    ),
    "staff.deactivated_change": QT_TRANSLATE_NOOP(
        "Messages",
        "{name} can no longer log in at this till and has been logged out. "
        "Change for the last sale: {amount}.",
    ),
    "staff.role_changed": QT_TRANSLATE_NOOP(
        "Messages", "The role of {name} has changed. Log in again to continue."
    ),
    "store.not_configured": QT_TRANSLATE_NOOP(
        "Messages", "This till has no store settings yet. Call store IT."
    ),
    "store.bad_rounding_step": QT_TRANSLATE_NOOP(
        "Messages", "The rounding step must be one of {allowed}."
    ),
    "till.already_running": QT_TRANSLATE_NOOP(
        "Messages", "The till is already running (process {pid}); use that window."
    ),
    # backups (store IT, from the command line)
    "backup.no_database": QT_TRANSLATE_NOOP(
        "Messages", "There is no database at {path} to back up."
    ),
    "backup.target_exists": QT_TRANSLATE_NOOP(
        "Messages", "{path} already exists; choose another backup file."
    ),
    "backup.corrupt": QT_TRANSLATE_NOOP(
        "Messages", "The backup failed its integrity check ({detail}). Call store IT."
    ),
    "backup.folder_unusable": QT_TRANSLATE_NOOP(
        "Messages", "The backup could not be written to {path} ({reason})."
    ),
    "backup.unusable": QT_TRANSLATE_NOOP(
        "Messages", "{path} is not a usable till backup ({detail}); nothing was changed."
    ),
    # pairing with the cloud and sync (store IT, from the command line or the first-run dialog)
    "sync.no_keyring": QT_TRANSLATE_NOOP(
        "Messages",
        "This computer has no OS keyring to keep the till's cloud credential. Either set one "
        "up (on Linux install and unlock a Secret Service keyring such as gnome-keyring; "
        "Windows and macOS have one built in), or add the line "
        'credential_store = "file" under [sync] in {config} to keep it in a file only this '
        "user can read.",
    ),
    "sync.keyring_unusable": QT_TRANSLATE_NOOP(
        "Messages",
        "The keyring on this computer ({backend}) cannot keep the till's cloud credential "
        "safely. Either set up an OS keyring (on Linux a Secret Service keyring such as "
        'gnome-keyring), or add the line credential_store = "file" under [sync] in {config} '
        "to keep it in a file only this user can read.",
    ),
    "sync.keyring_refused": QT_TRANSLATE_NOOP(
        "Messages",
        "The keyring refused to keep the till's cloud credential ({reason}). Unlock the "
        'keyring and try again, or add the line credential_store = "file" under [sync] in '
        "{config}.",
    ),
    "sync.certificate_untrusted": QT_TRANSLATE_NOOP(
        "Messages",
        "The cloud at {url} shows a certificate this till does not trust ({reason}). Check "
        "the address. A server with its own certificate authority needs that authority's "
        "file named as ca_bundle under [sync] in the config file.",
    ),
    "sync.bad_server_url": QT_TRANSLATE_NOOP(
        "Messages", "“{url}” is not a server address. Type it as https://host[:port]."
    ),
    "sync.https_required": QT_TRANSLATE_NOOP(
        "Messages", "The cloud at {url} must be reached over https (plain http only on this PC)."
    ),
    "sync.ca_bundle_missing": QT_TRANSLATE_NOOP(
        "Messages", "The certificate file {path} named in [sync] ca_bundle does not exist."
    ),
    "sync.server_unreachable": QT_TRANSLATE_NOOP(
        "Messages",
        "The cloud at {url} does not answer. Check the address and port, and this till's "
        "network connection, then try again.",
    ),
    "sync.enrollment_refused": QT_TRANSLATE_NOOP(
        "Messages",
        "The cloud does not accept this enrollment code: it is mistyped, already used or "
        "expired. Check it, or ask the owner for a new one.",
    ),
    "sync.server_error": QT_TRANSLATE_NOOP(
        "Messages", "The cloud answered with an error ({reason}). Try again later."
    ),
    "pairing.server_missing": QT_TRANSLATE_NOOP(
        "Messages", "Type the cloud's address, for example https://cloud.example.co.id."
    ),
    "pairing.code_missing": QT_TRANSLATE_NOOP(
        "Messages", "Type the enrollment code from the owner's back office (XXXX-XXXX)."
    ),
    "pairing.bad_link": QT_TRANSLATE_NOOP(
        "Messages",
        "This is not a pairing link. A pairing link looks like pos-pair:?server=…&code=…; "
        "copy it again from the owner's back office, or type the address and code instead.",
    ),
    # start-up: what stops the till from starting, and what to do about it
    "config.invalid": QT_TRANSLATE_NOOP(
        "Messages",
        "The settings file {path} cannot be used: {detail}. Correct it, or rename it to start "
        "with the default settings; then start the till again.",
    ),
    "startup.read_only": QT_TRANSLATE_NOOP(
        "Messages",
        "The till cannot write to {path} (read-only or no permission). Make the data folder "
        "writable for this user (or mount its disk read-write), then start the till again.",
    ),
    "startup.disk_full": QT_TRANSLATE_NOOP(
        "Messages",
        "The disk holding {path} is full. Free some space on it (or ask store IT to), then "
        "start the till again. No sale was lost.",
    ),
    "startup.data_unusable": QT_TRANSLATE_NOOP(
        "Messages",
        "The till cannot use its data folder {path} ({detail}). Call store IT.",
    ),
    "startup.database_unreadable": QT_TRANSLATE_NOOP(
        "Messages",
        "The till cannot read or write its database {path} ({detail}). Check the disk, then "
        "start the till again, or call store IT.",
    ),
    "startup.database_damaged": QT_TRANSLATE_NOOP(
        "Messages",
        "The till's database {path} is damaged. It was moved aside to {moved} (nothing was "
        "deleted), and there is no verified backup in {folder}. Call store IT before the "
        "next start: a new start begins an empty till that must be paired again.",
    ),
    "startup.database_damaged_backup": QT_TRANSLATE_NOOP(
        "Messages",
        "The till's database {path} is damaged. It was moved aside to {moved} (nothing was "
        "deleted). The newest verified backup is {backup}, from {created}. Restore it and "
        "start? (From the command line: pos-desktop db restore {backup})",
    ),
    "startup.qt_libraries_missing": QT_TRANSLATE_NOOP(
        "Messages",
        "The till cannot open its window: system libraries are missing ({libraries}). "
        "Install them with: sudo apt install {packages}",
    ),
    "startup.no_display": QT_TRANSLATE_NOOP(
        "Messages",
        "There is no screen to open the till on (DISPLAY is not set). Start it from the "
        "desktop session of the till's user.",
    ),
    # the cashier screens themselves
    "ui.no_line_selected": QT_TRANSLATE_NOOP("Messages", "Select a line in the cart first."),
    "ui.bad_quantity": QT_TRANSLATE_NOOP("Messages", "“{text}” is not a quantity."),
    "ui.bad_amount": QT_TRANSLATE_NOOP("Messages", "“{text}” is not an amount."),
    "ui.bad_discount": QT_TRANSLATE_NOOP(
        "Messages", "“{text}” is not a discount. Type 10% or an amount."
    ),
    "ui.no_last_sale": QT_TRANSLATE_NOOP("Messages", "No sale yet on this till."),
    "ui.cart_open": QT_TRANSLATE_NOOP("Messages", "Finish or cancel the sale before logging out."),
    "ui.drawer_unavailable": QT_TRANSLATE_NOOP(
        "Messages", "No cash drawer is connected to this till."
    ),
    "ui.nothing_found": QT_TRANSLATE_NOOP("Messages", "No product matches “{text}”."),
    "refund.exceeds_sold": QT_TRANSLATE_NOOP(
        "Messages", "Only {remaining} of “{name}” can still be returned."
    ),
    "refund.quantity_not_positive": QT_TRANSLATE_NOOP(
        "Messages", "The quantity to return for “{name}” must be more than zero."
    ),
    "refund.quantity_not_whole": QT_TRANSLATE_NOOP(
        "Messages", "“{name}” is counted in whole pieces; return a whole number."
    ),
    "refund.quantity_invalid": QT_TRANSLATE_NOOP(
        "Messages", "That is not a valid quantity for “{name}” (at most three decimals)."
    ),
    "refund.no_such_line": QT_TRANSLATE_NOOP("Messages", "The receipt has no line {line_no}."),
    "refund.nothing_selected": QT_TRANSLATE_NOOP("Messages", "Choose at least one item to return."),
    "refund.other_store": QT_TRANSLATE_NOOP(
        "Messages", "Receipt {receipt_no} belongs to another store; it can only be refunded there."
    ),
    "refund.receipt_required": QT_TRANSLATE_NOOP("Messages", "Type or scan the receipt number."),
    "refund.sale_not_found": QT_TRANSLATE_NOOP(
        "Messages", "No sale with receipt {receipt_no} in this store."
    ),
    "refund.sale_not_found_offline": QT_TRANSLATE_NOOP(
        "Messages",
        "Receipt {receipt_no} is not on this till and the cloud cannot be reached; try again when online, or at the till that sold it.",  # noqa: E501
    ),
    "journal.old_schema": QT_TRANSLATE_NOOP(
        "Messages",
        "The till's database is older than this program; start the till once to upgrade it, then verify again.",  # noqa: E501
    ),
    "permission.required": QT_TRANSLATE_NOOP(
        "Messages",
        "You are not allowed to do this ({permission}); a supervisor or manager must approve.",
    ),
    "approval.self": QT_TRANSLATE_NOOP(
        "Messages", "You cannot approve your own request; another supervisor or manager must."
    ),
    "approval.not_allowed": QT_TRANSLATE_NOOP(
        "Messages", "This person may not approve this ({permission})."
    ),
    "permission.unknown_role": QT_TRANSLATE_NOOP("Messages", "Unknown role: {role}."),
    "permission.keep_manager_settings": QT_TRANSLATE_NOOP(
        "Messages",
        "Managers must keep the right to change settings, or nobody could change them back.",
    ),
    "cash.count_not_whole": QT_TRANSLATE_NOOP(
        "Messages", "The count for {denomination} must be a whole number."
    ),
    "cash.count_negative": QT_TRANSLATE_NOOP(
        "Messages", "The count for {denomination} cannot be negative."
    ),
    "cash.count_too_large": QT_TRANSLATE_NOOP(
        "Messages", "Too many pieces of {denomination} (at most {maximum})."
    ),
    "cash.unknown_denomination": QT_TRANSLATE_NOOP(
        "Messages", "Unknown denomination: {denomination}."
    ),
    "cash.amount_not_positive": QT_TRANSLATE_NOOP("Messages", "The amount must be more than zero."),
    "cash.amount_too_large": QT_TRANSLATE_NOOP(
        "Messages", "The amount is too large (at most {max_amount})."
    ),
    "cash.reason_required": QT_TRANSLATE_NOOP("Messages", "Choose a reason."),
    "cash.reason_unknown": QT_TRANSLATE_NOOP("Messages", "Unknown reason: {reason}."),
    "cash.note_required": QT_TRANSLATE_NOOP("Messages", "Write a note when the reason is 'Other'."),
    "cash.note_too_long": QT_TRANSLATE_NOOP(
        "Messages", "The note is too long (at most {maximum} characters)."
    ),
    "cash.out_exceeds_drawer": QT_TRANSLATE_NOOP(
        "Messages", "The drawer should hold only {available}; you cannot take out more."
    ),
    "shift.float_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The opening float must be a whole amount."
    ),
    "shift.float_negative": QT_TRANSLATE_NOOP("Messages", "The opening float cannot be negative."),
    "shift.float_too_large": QT_TRANSLATE_NOOP(
        "Messages", "The opening float is too large (at most {max_amount})."
    ),
    "shift.already_open": QT_TRANSLATE_NOOP(
        "Messages", "A shift is already open (opened by {opened_by})."
    ),
    "shift.not_open": QT_TRANSLATE_NOOP("Messages", "No shift is open. Open a shift first."),
    "refund.reason_mismatch": QT_TRANSLATE_NOOP(
        "Messages",
        "The approval was given for another reason than this refund's. Ask for it again.",
    ),
    "shift.closed_scan": QT_TRANSLATE_NOOP(
        "Messages",
        "No shift is open, so nothing can be sold yet: open a shift with the cash in the drawer, "
        "then press Enter to sell what you scanned.",
    ),
    "shift.count_required": QT_TRANSLATE_NOOP(
        "Messages", "Count the cash before closing the shift."
    ),
    "shift.note_too_long": QT_TRANSLATE_NOOP(
        "Messages", "The note is too long (at most {maximum} characters)."
    ),
    "shift.counted_negative": QT_TRANSLATE_NOOP(
        "Messages", "The counted amount for {tender} cannot be negative."
    ),
    "report.print_failed": QT_TRANSLATE_NOOP(
        "Messages", "The report is saved but was not printed ({reason})."
    ),
    "approval.choose_approver": QT_TRANSLATE_NOOP("Messages", "Choose who approves."),
    "approval.choose_reason": QT_TRANSLATE_NOOP("Messages", "Choose a reason."),
    "approval.locked": QT_TRANSLATE_NOOP(
        "Messages", "{name} is locked after wrong PINs: try again in {seconds} s."
    ),
    "approval.no_approver": QT_TRANSLATE_NOOP(
        "Messages", "No supervisor or manager may approve this."
    ),
    "approval.unknown_approver": QT_TRANSLATE_NOOP(
        "Messages", "This approver is not active on this till."
    ),
    "approval.wrong_pin": QT_TRANSLATE_NOOP("Messages", "Wrong approver PIN. Nothing was changed."),
    "held.busy": QT_TRANSLATE_NOOP(
        "Messages", "Wait until the scans and the weighing are finished."
    ),
    "held.cart_not_empty": QT_TRANSLATE_NOOP("Messages", "Park or finish the current sale first."),
    "held.none_selected": QT_TRANSLATE_NOOP("Messages", "Choose a parked sale first."),
    "held.not_found": QT_TRANSLATE_NOOP("Messages", "This parked sale was already recalled."),
    "held.too_many": QT_TRANSLATE_NOOP("Messages", "Too many parked sales (at most {maximum})."),
    "held.unreadable": QT_TRANSLATE_NOOP("Messages", "This parked sale cannot be read."),
    "operations.unavailable": QT_TRANSLATE_NOOP("Messages", "Not available on this till."),
    "policy.discount_limit_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The discount limit must be 0 to 100%."
    ),
    "policy.void_grace_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The grace period must be 0 to {maximum} seconds."
    ),
    "unlock.not_locked": QT_TRANSLATE_NOOP("Messages", "{name} is not locked."),
    "unlock.unknown_user": QT_TRANSLATE_NOOP("Messages", "Unknown or inactive user."),
}

_UNKNOWN = QT_TRANSLATE_NOOP("Messages", "Something went wrong (code {code}).")


class _Params(dict[str, Any]):
    """Format parameters; a parameter the sentence names but the error lacks reads empty."""

    def __missing__(self, key: str) -> str:
        return ""


def _format_params(params: Mapping[str, Any]) -> _Params:
    out = _Params()
    for key, value in params.items():
        if key in MONEY_PARAMS and isinstance(value, int) and not isinstance(value, bool):
            out[key] = money(value)
        elif isinstance(value, tuple | list | set | frozenset):
            out[key] = ", ".join(str(v) for v in value)
        else:
            out[key] = value
    return out


def known_codes() -> frozenset[str]:
    return frozenset(_TEXT)


def message_for(error: UserError, translate: Translate | None = None) -> str:
    """The translated sentence for ``error``, its parameters filled in.

    ``translate``: a lookup other than the application's installed translators (the console
    uses one for its own language without touching a running application's).
    """
    tr = translate or QCoreApplication.translate
    template = _TEXT.get(error.code)
    if template is None:
        log.warning("no message for user error code %s", error.code)
        text = tr(CONTEXT, str(_UNKNOWN))
        return text.format_map(_Params(code=error.code))
    text = tr(CONTEXT, str(template))
    try:
        return text.format_map(_format_params(error.params))
    except (ValueError, IndexError, AttributeError):
        log.exception("bad message template for %s", error.code)
        return f"{text} ({error.code})"
