<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>Approval</name>
    <message>
        <location filename="../ui/approval.py" line="66"/>
        <source>Discount above the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="69"/>
        <source>Change a price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="70"/>
        <source>Remove a line after the grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="73"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="74"/>
        <source>Open the drawer without a sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="77"/>
        <source>Reprint a receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="78"/>
        <source>Take cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="79"/>
        <source>Close the shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="80"/>
        <source>Change settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="81"/>
        <source>Type a weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="82"/>
        <source>Unlock a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="83"/>
        <source>Pair the till with the cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="92"/>
        <source>Customer changed their mind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="95"/>
        <source>Wrong item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="96"/>
        <source>Damaged goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="97"/>
        <source>Wrong price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="98"/>
        <source>Promotion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="99"/>
        <source>Loyal customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="100"/>
        <source>Change for a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="103"/>
        <source>Petty cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="104"/>
        <source>Scale fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="105"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="112"/>
        <source>Cashier</source>
        <translation type="unfinished">Cashier</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="113"/>
        <source>Supervisor</source>
        <translation type="unfinished">Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="114"/>
        <source>Manager</source>
        <translation type="unfinished">Manager</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../ui/approval.py" line="323"/>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="325"/>
        <source>%1 needs approval: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="332"/>
        <source>Supervisor or manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="334"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="336"/>
        <source>Reason (as chosen by the cashier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="337"/>
        <source>PIN of the approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="338"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="339"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupStatus</name>
    <message>
        <location filename="../ui/backup_status.py" line="63"/>
        <source>Backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/backup_status.py" line="67"/>
        <source>Shown until the next backup succeeds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/backup_status.py" line="71"/>
        <source>New receipt series from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/backup_status.py" line="76"/>
        <source>This till was restored from a backup without reaching the cloud, so its receipt numbers continue in a new series that cannot repeat an earlier number. The next receipt is %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../ui/cart_model.py" line="158"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="159"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="160"/>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="161"/>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="162"/>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="163"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>CashMovementDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="305"/>
        <source>Cash in / out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="306"/>
        <source>Cash in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="307"/>
        <source>Cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="308"/>
        <source>Amount</source>
        <translation type="unfinished">Amount</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="309"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="310"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="312"/>
        <source>Change fund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="313"/>
        <source>Safe drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="314"/>
        <source>Petty cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="315"/>
        <source>Supplier payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="316"/>
        <source>Other (note required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="320"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="321"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message numerus="yes">
        <location filename="../ui/shift_dialogs.py" line="468"/>
        <source>%n sale(s) not yet sent to the cloud; the Z report will say so.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="518"/>
        <location filename="../ui/shift_dialogs.py" line="531"/>
        <source>Close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="519"/>
        <source>Count the drawer: pieces of each note and coin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="521"/>
        <source>coin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="521"/>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="525"/>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="526"/>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="527"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="528"/>
        <source>Note (why there is a difference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="529"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="530"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <location filename="../ui/device_panel.py" line="171"/>
        <source>The printer is ready again. Receipts waiting: %1. Click the printer in the status bar to print them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/device_panel.py" line="201"/>
        <source>Cash drawer opened.</source>
        <translation>Cash drawer opened.</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../ui/device_settings.py" line="104"/>
        <source>Testing %1…</source>
        <translation>Testing %1…</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="147"/>
        <source>Print waiting receipts (%1)</source>
        <translation>Print waiting receipts (%1)</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="152"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="154"/>
        <source>Print a test receipt</source>
        <translation>Print a test receipt</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="155"/>
        <source>Open the drawer</source>
        <translation>Open the drawer</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="156"/>
        <source>Wait for a scan</source>
        <translation>Wait for a scan</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="157"/>
        <source>Show a test message</source>
        <translation>Show a test message</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="158"/>
        <source>Read the weight</source>
        <translation>Read the weight</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="162"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DeviceStatusBar</name>
    <message numerus="yes">
        <location filename="../ui/device_status.py" line="67"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="70"/>
        <source>Drawer open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="71"/>
        <source>The cash drawer is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="87"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="88"/>
        <source>Drawer</source>
        <translation>Drawer</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="89"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="90"/>
        <source>Display</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="91"/>
        <source>Scale</source>
        <translation>Scale</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="96"/>
        <source>paper low</source>
        <translation>paper low</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="97"/>
        <source>paper out</source>
        <translation>paper out</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="98"/>
        <source>cover open</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="99"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="100"/>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="103"/>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="105"/>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="107"/>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="108"/>
        <source>off</source>
        <translation>off</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <location filename="../ui/held_dialog.py" line="86"/>
        <source>No parked sales.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/held_dialog.py" line="90"/>
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="105"/>
        <source>Parked sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="106"/>
        <source>Choose the sale to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="107"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="108"/>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../ui/keypad.py" line="26"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="28"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../ui/login.py" line="237"/>
        <source>No staff on this till yet: they come from the cloud when the till syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="241"/>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="242"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="243"/>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="259"/>
        <location filename="../ui/login.py" line="493"/>
        <source>PIN for %1</source>
        <translation>PIN for %1</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="286"/>
        <source>Locked. %1, enter your PIN to continue the sale.</source>
        <translation>Locked. %1, enter your PIN to continue the sale.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="301"/>
        <source>Cancel unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="303"/>
        <source>Unlock (manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="337"/>
        <source>Manager PIN to unlock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="339"/>
        <source>PIN of %1 to unlock %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="343"/>
        <source>A manager taps their own name and types their PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="362"/>
        <source>%1 is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="442"/>
        <source>Wrong PIN. Try again.</source>
        <translation>Wrong PIN. Try again.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="449"/>
        <source>Wrong PIN. Locked: try again in %1.</source>
        <translation>Wrong PIN. Locked: try again in %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="451"/>
        <source>Locked after wrong PINs: try again in %1.</source>
        <translation>Locked after wrong PINs: try again in %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="482"/>
        <source>Cashier login</source>
        <translation>Cashier login</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="483"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="484"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="485"/>
        <source>Change PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="497"/>
        <source>Choose your name</source>
        <translation>Choose your name</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="328"/>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="331"/>
        <source>Till %1</source>
        <translation>Till %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="333"/>
        <source>Cashier: %1</source>
        <translation>Cashier: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="337"/>
        <source>Switch language</source>
        <translation>Switch language</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../ui/messages.py" line="33"/>
        <source>Scan or type a barcode first.</source>
        <translation>Scan or type a barcode first.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="34"/>
        <source>“{text}” is not a quantity. Type it as 3*barcode.</source>
        <translation>“{text}” is not a quantity. Type it as 3*barcode.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="37"/>
        <source>{name} is not sold by weight; this scale label cannot be used.</source>
        <translation>{name} is not sold by weight; this scale label cannot be used.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="40"/>
        <source>Barcode {barcode} has a wrong check digit. Scan it again.</source>
        <translation>Barcode {barcode} has a wrong check digit. Scan it again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="43"/>
        <source>Product not found: {barcode}</source>
        <translation>Product not found: {barcode}</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="45"/>
        <source>That quantity is not a number.</source>
        <translation>That quantity is not a number.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="46"/>
        <source>Quantity must be more than zero.</source>
        <translation>Quantity must be more than zero.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="47"/>
        <source>This item is sold per piece: type a whole quantity.</source>
        <translation>This item is sold per piece: type a whole quantity.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="50"/>
        <source>Quantity too large (at most {maximum}).</source>
        <translation>Quantity too large (at most {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="51"/>
        <source>The price of this item is not valid.</source>
        <translation>The price of this item is not valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="52"/>
        <source>A discount cannot be negative.</source>
        <translation>A discount cannot be negative.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="53"/>
        <source>A discount cannot be more than 100%.</source>
        <translation>A discount cannot be more than 100%.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="56"/>
        <source>That discount is not valid.</source>
        <translation>That discount is not valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="57"/>
        <source>The discount is larger than the line amount.</source>
        <translation>The discount is larger than the line amount.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="60"/>
        <source>That line is no longer in the cart.</source>
        <translation>That line is no longer in the cart.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="62"/>
        <source>The cart is empty.</source>
        <translation>The cart is empty.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="63"/>
        <source>The total is zero; nothing to pay.</source>
        <translation>The total is zero; nothing to pay.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="64"/>
        <source>Payment has started: cancel the payment to change the cart.</source>
        <translation>Payment has started: cancel the payment to change the cart.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="67"/>
        <source>Receipt {receipt_no} not found.</source>
        <translation>Receipt {receipt_no} not found.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="68"/>
        <source>Not fully paid yet: {remaining} remaining.</source>
        <translation>Not fully paid yet: {remaining} remaining.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="71"/>
        <source>The total changed during payment. Start the payment again.</source>
        <translation>The total changed during payment. Start the payment again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="74"/>
        <location filename="../ui/messages.py" line="405"/>
        <source>The amount must be more than zero.</source>
        <translation>The amount must be more than zero.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="75"/>
        <source>That amount is too large.</source>
        <translation>That amount is too large.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="76"/>
        <source>The sale is already fully paid.</source>
        <translation>The sale is already fully paid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="77"/>
        <source>Only cash can be more than what is due ({remaining}).</source>
        <translation>Only cash can be more than what is due ({remaining}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="80"/>
        <source>Type the approval code from the EDC slip (letters and digits).</source>
        <translation>Type the approval code from the EDC slip (letters and digits).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="83"/>
        <source>Type the last 4 digits of the card number.</source>
        <translation>Type the last 4 digits of the card number.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="86"/>
        <source>Type the payment reference (letters and digits).</source>
        <translation>Type the payment reference (letters and digits).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="90"/>
        <source>The database is busy (locked by another program). Try again.</source>
        <translation>The database is busy (locked by another program). Try again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="93"/>
        <source>The disk is full: the sale was not saved. Call store IT.</source>
        <translation>The disk is full: the sale was not saved. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="96"/>
        <source>The disk cannot be written: the sale was not saved. Call store IT.</source>
        <translation>The disk cannot be written: the sale was not saved. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="99"/>
        <source>The database is damaged: the sale was not saved. Call store IT.</source>
        <translation>The database is damaged: the sale was not saved. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="102"/>
        <source>The database was made by a newer version of the till ({revision}). Call store IT.</source>
        <translation>The database was made by a newer version of the till ({revision}). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="106"/>
        <source>Unexpected error; nothing was changed. Try again or call store IT.</source>
        <translation>Unexpected error; nothing was changed. Try again or call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="109"/>
        <source>The sale is saved but the receipt was not printed ({reason}). Press F10.</source>
        <translation>The sale is saved but the receipt was not printed ({reason}). Press F10.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="113"/>
        <source>The receipt printer is not connected. Sales are saved; receipts wait to be reprinted.</source>
        <translation>The receipt printer is not connected. Sales are saved; receipts wait to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="117"/>
        <source>The printer is out of paper: load a new roll. The receipt waits to be reprinted.</source>
        <translation>The printer is out of paper: load a new roll. The receipt waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="121"/>
        <source>The printer&apos;s paper roll is nearly finished.</source>
        <translation>The printer&apos;s paper roll is nearly finished.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="124"/>
        <source>The printer cover is open: close it. The receipt waits to be reprinted.</source>
        <translation>The printer cover is open: close it. The receipt waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="127"/>
        <source>The printer is offline (off or in error). The receipt waits to be reprinted.</source>
        <translation>The printer is offline (off or in error). The receipt waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="130"/>
        <source>The printer reports an error (paper jam or cutter). Call store IT.</source>
        <translation>The printer reports an error (paper jam or cutter). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="133"/>
        <source>The receipt could not be sent to the printer ({reason}). It waits to be reprinted.</source>
        <translation>The receipt could not be sent to the printer ({reason}). It waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="137"/>
        <source>The cash drawer is not connected.</source>
        <translation>The cash drawer is not connected.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="138"/>
        <source>Opening the cash drawer without a sale needs a supervisor&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="141"/>
        <source>The cash drawer did not open: the printer it is connected to is not working. Open it with its key to give change. The sale is saved; the receipt waits to be reprinted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="146"/>
        <source>The barcode scanner is not connected. Type the code or use the search.</source>
        <translation>The barcode scanner is not connected. Type the code or use the search.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="149"/>
        <source>The customer display is not connected.</source>
        <translation>The customer display is not connected.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="150"/>
        <source>The scale is not connected.</source>
        <translation>The scale is not connected.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="151"/>
        <source>The scale does not answer. Check its cable and that it is on.</source>
        <translation>The scale does not answer. Check its cable and that it is on.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="154"/>
        <source>The scale&apos;s answer cannot be read ({reply}). Call store IT.</source>
        <translation>The scale&apos;s answer cannot be read ({reply}). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="157"/>
        <source>The weight is not steady yet. Wait a moment and weigh again.</source>
        <translation>The weight is not steady yet. Wait a moment and weigh again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="160"/>
        <source>Too heavy for the scale. Weigh it in smaller parts.</source>
        <translation>Too heavy for the scale. Weigh it in smaller parts.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="163"/>
        <source>The scale shows less than zero: empty it and set it to zero.</source>
        <translation>The scale shows less than zero: empty it and set it to zero.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="166"/>
        <source>Nothing is on the scale.</source>
        <translation>Nothing is on the scale.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="167"/>
        <source>Typing a weight by hand needs a manager.</source>
        <translation>Typing a weight by hand needs a manager.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="170"/>
        <source>No {device} is set up on this till (config file, [devices]).</source>
        <translation>No {device} is set up on this till (config file, [devices]).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="174"/>
        <source>A PIN is {min_length} to {max_length} digits.</source>
        <translation>A PIN is {min_length} to {max_length} digits.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="175"/>
        <source>Type your current PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="176"/>
        <source>The two new PINs are not the same. Type the new PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="179"/>
        <source>The new PIN is the same as the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="180"/>
        <source>The current PIN is wrong. Your PIN was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="183"/>
        <source>Locked after wrong PINs: try again in {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="186"/>
        <source>Your PIN was just changed from the office. Log in with the new PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="189"/>
        <source>This name can no longer log in at this till. Ask the store owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="192"/>
        <source>{name} can no longer log in at this till and has been logged out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="195"/>
        <source>{name} can no longer log in at this till and has been logged out. Change for the last sale: {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="200"/>
        <source>The role of {name} has changed. Log in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="203"/>
        <source>This till has no store settings yet. Call store IT.</source>
        <translation>This till has no store settings yet. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="206"/>
        <source>The rounding step must be one of {allowed}.</source>
        <translation>The rounding step must be one of {allowed}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="209"/>
        <source>The till is already running (process {pid}); use that window.</source>
        <translation>The till is already running (process {pid}); use that window.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="213"/>
        <source>There is no database at {path} to back up.</source>
        <translation>There is no database at {path} to back up.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="216"/>
        <source>{path} already exists; choose another backup file.</source>
        <translation>{path} already exists; choose another backup file.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="219"/>
        <source>The backup failed its integrity check ({detail}). Call store IT.</source>
        <translation>The backup failed its integrity check ({detail}). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="222"/>
        <source>The backup could not be written to {path} ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="225"/>
        <source>{path} is not a usable till backup ({detail}); nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="229"/>
        <source>This computer has no OS keyring to keep the till&apos;s cloud credential. Either set one up (on Linux install and unlock a Secret Service keyring such as gnome-keyring; Windows and macOS have one built in), or add the line credential_store = &quot;file&quot; under [sync] in {config} to keep it in a file only this user can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="237"/>
        <source>The keyring on this computer ({backend}) cannot keep the till&apos;s cloud credential safely. Either set up an OS keyring (on Linux a Secret Service keyring such as gnome-keyring), or add the line credential_store = &quot;file&quot; under [sync] in {config} to keep it in a file only this user can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="244"/>
        <source>The keyring refused to keep the till&apos;s cloud credential ({reason}). Unlock the keyring and try again, or add the line credential_store = &quot;file&quot; under [sync] in {config}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="250"/>
        <source>The cloud at {url} shows a certificate this till does not trust ({reason}). Check the address. A server with its own certificate authority needs that authority&apos;s file named as ca_bundle under [sync] in the config file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="265"/>
        <source>The cloud at {url} does not answer. Check the address and port, and this till&apos;s network connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="270"/>
        <source>The cloud does not accept this enrollment code: it is mistyped, already used or expired. Check it, or ask the owner for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="256"/>
        <source>“{url}” is not a server address. Type it as https://host[:port].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="259"/>
        <source>The cloud at {url} must be reached over https (plain http only on this PC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="262"/>
        <source>The certificate file {path} named in [sync] ca_bundle does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="275"/>
        <source>The cloud answered with an error ({reason}). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="278"/>
        <source>Type the cloud&apos;s address, for example https://cloud.example.co.id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="281"/>
        <source>Type the enrollment code from the owner&apos;s back office (XXXX-XXXX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="284"/>
        <source>This is not a pairing link. A pairing link looks like pos-pair:?server=…&amp;code=…; copy it again from the owner&apos;s back office, or type the address and code instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="290"/>
        <source>The settings file {path} cannot be used: {detail}. Correct it, or rename it to start with the default settings; then start the till again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="295"/>
        <source>The till cannot write to {path} (read-only or no permission). Make the data folder writable for this user (or mount its disk read-write), then start the till again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="300"/>
        <source>The disk holding {path} is full. Free some space on it (or ask store IT to), then start the till again. No sale was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="305"/>
        <source>The till cannot use its data folder {path} ({detail}). Call store IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="309"/>
        <source>The till cannot read or write its database {path} ({detail}). Check the disk, then start the till again, or call store IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="314"/>
        <source>The till&apos;s database {path} is damaged. It was moved aside to {moved} (nothing was deleted), and there is no verified backup in {folder}. Call store IT before the next start: a new start begins an empty till that must be paired again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="320"/>
        <source>The till&apos;s database {path} is damaged. It was moved aside to {moved} (nothing was deleted). The newest verified backup is {backup}, from {created}. Restore it and start? (From the command line: pos-desktop db restore {backup})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="326"/>
        <source>The till cannot open its window: system libraries are missing ({libraries}). Install them with: sudo apt install {packages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="331"/>
        <source>There is no screen to open the till on (DISPLAY is not set). Start it from the desktop session of the till&apos;s user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="337"/>
        <source>Select a line in the cart first.</source>
        <translation>Select a line in the cart first.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="338"/>
        <source>“{text}” is not a quantity.</source>
        <translation>“{text}” is not a quantity.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="339"/>
        <source>“{text}” is not an amount.</source>
        <translation>“{text}” is not an amount.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="340"/>
        <source>“{text}” is not a discount. Type 10% or an amount.</source>
        <translation>“{text}” is not a discount. Type 10% or an amount.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="343"/>
        <source>No sale yet on this till.</source>
        <translation>No sale yet on this till.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="344"/>
        <source>Finish or cancel the sale before logging out.</source>
        <translation>Finish or cancel the sale before logging out.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="345"/>
        <source>No cash drawer is connected to this till.</source>
        <translation>No cash drawer is connected to this till.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="348"/>
        <source>No product matches “{text}”.</source>
        <translation>No product matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="349"/>
        <source>Only {remaining} of “{name}” can still be returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="352"/>
        <source>The quantity to return for “{name}” must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="355"/>
        <source>“{name}” is counted in whole pieces; return a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="358"/>
        <source>That is not a valid quantity for “{name}” (at most three decimals).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="361"/>
        <source>The receipt has no line {line_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="362"/>
        <source>Choose at least one item to return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="363"/>
        <source>Receipt {receipt_no} belongs to another store; it can only be refunded there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="366"/>
        <source>Type or scan the receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="367"/>
        <source>No sale with receipt {receipt_no} in this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="370"/>
        <source>Receipt {receipt_no} is not on this till and the cloud cannot be reached; try again when online, or at the till that sold it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="374"/>
        <source>The till&apos;s database is older than this program; start the till once to upgrade it, then verify again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="378"/>
        <source>You are not allowed to do this ({permission}); a supervisor or manager must approve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="382"/>
        <source>You cannot approve your own request; another supervisor or manager must.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="385"/>
        <source>This person may not approve this ({permission}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="388"/>
        <source>Unknown role: {role}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="389"/>
        <source>Managers must keep the right to change settings, or nobody could change them back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="393"/>
        <source>The count for {denomination} must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="396"/>
        <source>The count for {denomination} cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="399"/>
        <source>Too many pieces of {denomination} (at most {maximum}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="402"/>
        <source>Unknown denomination: {denomination}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="406"/>
        <source>The amount is too large (at most {max_amount}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="409"/>
        <location filename="../ui/messages.py" line="451"/>
        <source>Choose a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="410"/>
        <source>Unknown reason: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="411"/>
        <source>Write a note when the reason is &apos;Other&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="412"/>
        <location filename="../ui/messages.py" line="441"/>
        <source>The note is too long (at most {maximum} characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="415"/>
        <source>The drawer should hold only {available}; you cannot take out more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="418"/>
        <source>The opening float must be a whole amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="421"/>
        <source>The opening float cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="422"/>
        <source>The opening float is too large (at most {max_amount}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="425"/>
        <source>A shift is already open (opened by {opened_by}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="428"/>
        <source>No shift is open. Open a shift first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="429"/>
        <source>The approval was given for another reason than this refund&apos;s. Ask for it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="433"/>
        <source>No shift is open, so nothing can be sold yet: open a shift with the cash in the drawer, then press Enter to sell what you scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="438"/>
        <source>Count the cash before closing the shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="444"/>
        <source>The counted amount for {tender} cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="447"/>
        <source>The report is saved but was not printed ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="450"/>
        <source>Choose who approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="452"/>
        <source>{name} is locked after wrong PINs: try again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="455"/>
        <source>No supervisor or manager may approve this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="458"/>
        <source>This approver is not active on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="461"/>
        <source>Wrong approver PIN. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="462"/>
        <source>Wait until the scans and the weighing are finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="465"/>
        <source>Park or finish the current sale first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="466"/>
        <source>Choose a parked sale first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="467"/>
        <source>This parked sale was already recalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="468"/>
        <source>Too many parked sales (at most {maximum}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="469"/>
        <source>This parked sale cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="470"/>
        <source>Not available on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="471"/>
        <source>The discount limit must be 0 to 100%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="474"/>
        <source>The grace period must be 0 to {maximum} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="477"/>
        <source>{name} is not locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="478"/>
        <source>Unknown or inactive user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="481"/>
        <source>Something went wrong (code {code}).</source>
        <translation>Something went wrong (code {code}).</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="187"/>
        <location filename="../ui/shift_dialogs.py" line="190"/>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="188"/>
        <source>Opening float (cash in the drawer now):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="189"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <location filename="../ui/pairing_dialog.py" line="216"/>
        <source>Contacting the cloud at %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="256"/>
        <source>Paired. Receiving the store&apos;s staff and products from the cloud…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="265"/>
        <source>Paired with %1: store %2, till %3. Sales now go to the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="273"/>
        <source>Store %1 received: %2 staff, %3 products.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="281"/>
        <source>Paired with store %1, but the cloud stopped answering before all staff and products arrived; the till keeps receiving them in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="287"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="298"/>
        <location filename="../ui/pairing_dialog.py" line="364"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="339"/>
        <source>Pair this till with the cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="343"/>
        <source>This till has no store yet. Paste the pairing link from the owner&apos;s back office, or type the cloud&apos;s address and the enrollment code. The store&apos;s settings, staff and products then come from the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="351"/>
        <source>Type the cloud&apos;s address and the enrollment code from the owner&apos;s back office. The till sells without the cloud too: close this to pair later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="356"/>
        <source>Pairing link (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="357"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="358"/>
        <source>Enrollment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="359"/>
        <source>Till code (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="360"/>
        <source>Name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="364"/>
        <source>Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="366"/>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="366"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="415"/>
        <source>Ask a manager or supervisor to pair this till with the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../ui/payment_dialog.py" line="345"/>
        <source>Fully paid. Press Enter to finish.</source>
        <translation>Fully paid. Press Enter to finish.</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="387"/>
        <source>Saving the sale…</source>
        <translation>Saving the sale…</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="489"/>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="490"/>
        <source>Total due</source>
        <translation>Total due</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="491"/>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="492"/>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="493"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="494"/>
        <source>Cash amount received</source>
        <translation>Cash amount received</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="495"/>
        <source>Type the amount, Enter</source>
        <translation>Type the amount, Enter</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="496"/>
        <source>Card (bank EDC)</source>
        <translation>Card (bank EDC)</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="497"/>
        <location filename="../ui/payment_dialog.py" line="501"/>
        <location filename="../ui/payment_dialog.py" line="505"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="498"/>
        <source>Approval code</source>
        <translation>Approval code</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="499"/>
        <source>Last 4 digits</source>
        <translation>Last 4 digits</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="502"/>
        <location filename="../ui/payment_dialog.py" line="506"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="463"/>
        <location filename="../ui/payment_dialog.py" line="503"/>
        <location filename="../ui/payment_dialog.py" line="510"/>
        <source>E-wallet</source>
        <translation>E-wallet</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="504"/>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="456"/>
        <location filename="../ui/payment_dialog.py" line="507"/>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="459"/>
        <location filename="../ui/payment_dialog.py" line="508"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="511"/>
        <source>Remove payment</source>
        <translation>Remove payment</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="512"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="513"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>PermissionsDialog</name>
    <message>
        <location filename="../ui/permissions_dialog.py" line="173"/>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="178"/>
        <source>Cashier discount limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="179"/>
        <source>Free line removal within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="180"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="181"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinChangeDialog</name>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="138"/>
        <location filename="../ui/pin_change_dialog.py" line="149"/>
        <source>Change PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="140"/>
        <source>%1: change your PIN (%2 to %3 digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="145"/>
        <source>Current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="146"/>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="147"/>
        <source>New PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="148"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <location filename="../ui/receipt_preview.py" line="129"/>
        <source>Last receipt</source>
        <translation>Last receipt</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="130"/>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="131"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../ui/refund_dialog.py" line="244"/>
        <source>Receipt {receipt} · {date} · {cashier} · total {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="256"/>
        <source>Everything on this receipt was already returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="259"/>
        <source>Offline: returns made on other tills may not be known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="334"/>
        <source>To refund: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="346"/>
        <source>Refund of receipt {receipt}: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="429"/>
        <source>Return / refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="430"/>
        <source>Receipt number, or scan the receipt&apos;s QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="431"/>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Return now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="435"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="436"/>
        <source>To original payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="437"/>
        <source>All in cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="438"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="445"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="446"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="586"/>
        <source>Report printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="592"/>
        <source>%1 report %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="594"/>
        <source>Close</source>
        <translation type="unfinished">Close</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="595"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreCommand</name>
    <message>
        <location filename="../ui/restore_command.py" line="29"/>
        <source>Restored the database from {source}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="30"/>
        <source>The previous database was moved to {moved} (not deleted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="33"/>
        <source>The restored database has no store yet; nothing to renumber.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="36"/>
        <source>The cloud could not be reached: receipts continue in a new series from {next_no}, so no earlier receipt number repeats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="41"/>
        <source>Receipt numbers continue at {next_no}, after every number this till issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="45"/>
        <source>The audit journal continues as {journal_id} from entry {seq}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../ui/weighing.py" line="96"/>
        <source>Weighing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/weighing.py" line="142"/>
        <source>Type the weight of %1 in kg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/weighing.py" line="144"/>
        <source>The scale could not weigh %1. Type its weight in kg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/weighing.py" line="152"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="164"/>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="165"/>
        <source>New quantity for %1</source>
        <translation>New quantity for %1</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="183"/>
        <source>Line discount</source>
        <translation>Line discount</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="184"/>
        <source>Discount for %1: type 10% or an amount. Empty removes it.</source>
        <translation>Discount for %1: type 10% or an amount. Empty removes it.</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="104"/>
        <location filename="../ui/sale_edits.py" line="203"/>
        <source>Order discount</source>
        <translation>Order discount</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="204"/>
        <source>Discount on the whole sale: type 10% or an amount. Empty removes it.</source>
        <translation>Discount on the whole sale: type 10% or an amount. Empty removes it.</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="277"/>
        <source>Sale cancelled.</source>
        <translation>Sale cancelled.</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="263"/>
        <source>Press Cancel again to void this sale.</source>
        <translation>Press Cancel again to void this sale.</translation>
    </message>
    <message>
        <location filename="../ui/sale_keys.py" line="57"/>
        <source>Park sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_keys.py" line="62"/>
        <source>Recall parked sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="221"/>
        <location filename="../ui/sale_keys.py" line="67"/>
        <source>Change price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_keys.py" line="72"/>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="222"/>
        <source>New unit price for %1 (now %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_parking.py" line="59"/>
        <source>Sale parked. F3 recalls it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_parking.py" line="107"/>
        <source>Parked sale recalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="447"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="337"/>
        <source>Total %1  ·  Paid %2</source>
        <translation>Total %1  ·  Paid %2</translation>
    </message>
    <message>
        <location filename="../ui/sale_checkout.py" line="80"/>
        <source>Sale %1 saved.</source>
        <translation>Sale %1 saved.</translation>
    </message>
    <message>
        <location filename="../ui/sale_checkout.py" line="126"/>
        <source>Receipt %1 reprinted (copy).</source>
        <translation>Receipt %1 reprinted (copy).</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="423"/>
        <source>Scan a barcode, or type 3*code and Enter</source>
        <translation>Scan a barcode, or type 3*code and Enter</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="426"/>
        <source>Search product</source>
        <translation>Search product</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="428"/>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="429"/>
        <location filename="../ui/sale_layout.py" line="434"/>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="430"/>
        <source>Tax</source>
        <translation>Tax</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="431"/>
        <source>Rounding</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="432"/>
        <location filename="../ui/sale_layout.py" line="450"/>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="437"/>
        <source>Order disc.</source>
        <translation>Order disc.</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="440"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="442"/>
        <source>Cash drawer</source>
        <translation>Cash drawer</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="106"/>
        <location filename="../ui/sale_layout.py" line="443"/>
        <source>Cancel sale</source>
        <translation>Cancel sale</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="444"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="445"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="446"/>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="449"/>
        <source>Pay</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="452"/>
        <source>Delete line</source>
        <translation>Delete line</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="454"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../ui/search_dialog.py" line="234"/>
        <source>Search product</source>
        <translation>Search product</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="235"/>
        <source>Type a name, SKU or barcode</source>
        <translation>Type a name, SKU or barcode</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>↑↓ choose · Enter add · Esc back</source>
        <translation>↑↓ choose · Enter add · Esc back</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="238"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="239"/>
        <source>Add</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../ui/staff_panel.py" line="52"/>
        <source>Change my PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/staff_panel.py" line="128"/>
        <source>PIN of %1 changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartupFailureBox</name>
    <message>
        <location filename="../ui/startup_failure.py" line="38"/>
        <source>The till cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/startup_failure.py" line="42"/>
        <source>This is also written to the log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/startup_failure.py" line="47"/>
        <source>Restore the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/startup_failure.py" line="49"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreOperations</name>
    <message>
        <location filename="../ui/store_operations.py" line="65"/>
        <source>Cash in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="70"/>
        <source>Cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="75"/>
        <source>X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="80"/>
        <source>Close shift (Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="88"/>
        <source>Return / refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="162"/>
        <source>Shift open with %1 in the drawer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="187"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="278"/>
        <source>Refund %1: %2 given back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../ui/sync_status.py" line="56"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="58"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="62"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="65"/>
        <location filename="../ui/sync_status.py" line="81"/>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="74"/>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="78"/>
        <source>%1 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="90"/>
        <source>Till clock differs from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="91"/>
        <source>The server says this till&apos;s clock is wrong: ask store IT to set the date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="98"/>
        <source>Till clock %1 off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="100"/>
        <source>This till&apos;s clock is %1 ahead of the server: ask store IT to set the date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="105"/>
        <source>This till&apos;s clock is %1 behind the server: ask store IT to set the date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="148"/>
        <source>Cloud: not paired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="149"/>
        <source>Cloud: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="150"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="151"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="152"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="153"/>
        <source>Cloud error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="154"/>
        <source>Cloud refused this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="156"/>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="162"/>
        <source>Disk full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="163"/>
        <source>Disk error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="168"/>
        <source>This till&apos;s disk is full, so sync cannot save what the cloud sends. Sales already made are safe. Call store IT to free space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="172"/>
        <source>This till&apos;s disk or database cannot be written, so sync is stopped. Sales already made are safe. Call store IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="195"/>
        <source>%1 unsent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="198"/>
        <source>(oldest %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="201"/>
        <source>all sales sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="203"/>
        <source>%1 need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="231"/>
        <source>Sales older than 24 hours are not in the cloud yet: connect the till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="235"/>
        <source>Last contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="239"/>
        <source>Click to pair this till with the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="241"/>
        <source>Click to sync now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="243"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="267"/>
        <source>%1 sales are not in the cloud yet. They are kept safely on this till and will be sent when it is online again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="292"/>
        <source>Cloud</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalCaption</name>
    <message>
        <location filename="../ui/sale_layout.py" line="84"/>
        <source>Total</source>
        <translation type="unfinished">Total</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sale_layout.py" line="84"/>
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <location filename="../ui/dialogs.py" line="108"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/dialogs.py" line="109"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
</TS>
