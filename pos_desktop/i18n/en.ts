<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>Approval</name>
    <message>
        <location filename="../ui/approval.py" line="60"/>
        <source>Discount above the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="63"/>
        <source>Change a price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="64"/>
        <source>Remove a line after the grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="67"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="68"/>
        <source>Open the drawer without a sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="71"/>
        <source>Reprint a receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="72"/>
        <source>Take cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="73"/>
        <source>Close the shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="74"/>
        <source>Change settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="75"/>
        <source>Type a weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="76"/>
        <source>Unlock a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="83"/>
        <source>Customer changed their mind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="86"/>
        <source>Wrong item scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="87"/>
        <source>Damaged goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="88"/>
        <source>Wrong price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="89"/>
        <source>Promotion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="90"/>
        <source>Loyal customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="91"/>
        <source>Change for a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="94"/>
        <source>Petty cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="95"/>
        <source>Scale fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="96"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="103"/>
        <source>Cashier</source>
        <translation type="unfinished">Cashier</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="104"/>
        <source>Supervisor</source>
        <translation type="unfinished">Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="105"/>
        <source>Manager</source>
        <translation type="unfinished">Manager</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../ui/approval.py" line="308"/>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="310"/>
        <source>%1 needs approval: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="317"/>
        <source>Supervisor or manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="318"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="319"/>
        <source>PIN of the approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="320"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="321"/>
        <source>Approve</source>
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
        <location filename="../ui/shift_dialogs.py" line="317"/>
        <source>Cash in / out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="318"/>
        <source>Cash in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="319"/>
        <source>Cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="320"/>
        <source>Amount</source>
        <translation type="unfinished">Amount</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="321"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="322"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="324"/>
        <source>Change fund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="325"/>
        <source>Safe drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="326"/>
        <source>Petty cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="327"/>
        <source>Supplier payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="328"/>
        <source>Other (note required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="332"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="333"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message numerus="yes">
        <location filename="../ui/shift_dialogs.py" line="474"/>
        <source>%n sale(s) not yet sent to the cloud; the Z report will say so.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="525"/>
        <location filename="../ui/shift_dialogs.py" line="538"/>
        <source>Close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="526"/>
        <source>Count the drawer: pieces of each note and coin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="528"/>
        <source>coin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="528"/>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="532"/>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="533"/>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="534"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="535"/>
        <source>Note (why there is a difference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="536"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="537"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <location filename="../ui/device_panel.py" line="129"/>
        <source>Cash drawer opened.</source>
        <translation>Cash drawer opened.</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../ui/device_settings.py" line="101"/>
        <source>Testing %1…</source>
        <translation>Testing %1…</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="135"/>
        <source>Print waiting receipts (%1)</source>
        <translation>Print waiting receipts (%1)</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="140"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="142"/>
        <source>Print a test receipt</source>
        <translation>Print a test receipt</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="143"/>
        <source>Open the drawer</source>
        <translation>Open the drawer</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="144"/>
        <source>Wait for a scan</source>
        <translation>Wait for a scan</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="145"/>
        <source>Show a test message</source>
        <translation>Show a test message</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="146"/>
        <source>Read the weight</source>
        <translation>Read the weight</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="150"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DeviceStatusBar</name>
    <message numerus="yes">
        <location filename="../ui/device_status.py" line="61"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="64"/>
        <source>Drawer open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="65"/>
        <source>The cash drawer is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="80"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="81"/>
        <source>Drawer</source>
        <translation>Drawer</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="82"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="83"/>
        <source>Display</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="84"/>
        <source>Scale</source>
        <translation>Scale</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="89"/>
        <source>paper low</source>
        <translation>paper low</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="90"/>
        <source>paper out</source>
        <translation>paper out</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="91"/>
        <source>cover open</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="92"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="93"/>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="96"/>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="98"/>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="100"/>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="101"/>
        <source>off</source>
        <translation>off</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <location filename="../ui/held_dialog.py" line="88"/>
        <source>No parked sales.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/held_dialog.py" line="92"/>
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="107"/>
        <source>Parked sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="108"/>
        <source>Choose the sale to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="109"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="110"/>
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
        <location filename="../ui/login.py" line="185"/>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="186"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="187"/>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="203"/>
        <location filename="../ui/login.py" line="442"/>
        <source>PIN for %1</source>
        <translation>PIN for %1</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="230"/>
        <source>Locked. %1, enter your PIN to continue the sale.</source>
        <translation>Locked. %1, enter your PIN to continue the sale.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="245"/>
        <source>Cancel unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="247"/>
        <source>Unlock (manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="281"/>
        <source>Manager PIN to unlock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="283"/>
        <source>PIN of %1 to unlock %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="287"/>
        <source>A manager taps their own name and types their PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="313"/>
        <source>%1 is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="392"/>
        <source>Wrong PIN. Try again.</source>
        <translation>Wrong PIN. Try again.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="399"/>
        <source>Wrong PIN. Locked: try again in %1.</source>
        <translation>Wrong PIN. Locked: try again in %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="401"/>
        <source>Locked after wrong PINs: try again in %1.</source>
        <translation>Locked after wrong PINs: try again in %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="432"/>
        <source>Cashier login</source>
        <translation>Cashier login</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="433"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="434"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="444"/>
        <source>Choose your name</source>
        <translation>Choose your name</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="259"/>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="261"/>
        <source>Till %1</source>
        <translation>Till %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="263"/>
        <source>Cashier: %1</source>
        <translation>Cashier: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="266"/>
        <source>Switch language</source>
        <translation>Switch language</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../ui/messages.py" line="30"/>
        <source>Scan or type a barcode first.</source>
        <translation>Scan or type a barcode first.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="31"/>
        <source>“{text}” is not a quantity. Type it as 3*barcode.</source>
        <translation>“{text}” is not a quantity. Type it as 3*barcode.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="34"/>
        <source>{name} is not sold by weight; this scale label cannot be used.</source>
        <translation>{name} is not sold by weight; this scale label cannot be used.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="37"/>
        <source>Barcode {barcode} has a wrong check digit. Scan it again.</source>
        <translation>Barcode {barcode} has a wrong check digit. Scan it again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="40"/>
        <source>Product not found: {barcode}</source>
        <translation>Product not found: {barcode}</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="42"/>
        <source>That quantity is not a number.</source>
        <translation>That quantity is not a number.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="43"/>
        <source>Quantity must be more than zero.</source>
        <translation>Quantity must be more than zero.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="44"/>
        <source>This item is sold per piece: type a whole quantity.</source>
        <translation>This item is sold per piece: type a whole quantity.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="47"/>
        <source>Quantity too large (at most {maximum}).</source>
        <translation>Quantity too large (at most {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="48"/>
        <source>The price of this item is not valid.</source>
        <translation>The price of this item is not valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="49"/>
        <source>A discount cannot be negative.</source>
        <translation>A discount cannot be negative.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="50"/>
        <source>A discount cannot be more than 100%.</source>
        <translation>A discount cannot be more than 100%.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="53"/>
        <source>That discount is not valid.</source>
        <translation>That discount is not valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="54"/>
        <source>The discount is larger than the line amount.</source>
        <translation>The discount is larger than the line amount.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="57"/>
        <source>That line is no longer in the cart.</source>
        <translation>That line is no longer in the cart.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="59"/>
        <source>The cart is empty.</source>
        <translation>The cart is empty.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="60"/>
        <source>The total is zero; nothing to pay.</source>
        <translation>The total is zero; nothing to pay.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="61"/>
        <source>Payment has started: cancel the payment to change the cart.</source>
        <translation>Payment has started: cancel the payment to change the cart.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="64"/>
        <source>Receipt {receipt_no} not found.</source>
        <translation>Receipt {receipt_no} not found.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="65"/>
        <source>Not fully paid yet: {remaining} remaining.</source>
        <translation>Not fully paid yet: {remaining} remaining.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="68"/>
        <source>The total changed during payment. Start the payment again.</source>
        <translation>The total changed during payment. Start the payment again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="71"/>
        <location filename="../ui/messages.py" line="287"/>
        <source>The amount must be more than zero.</source>
        <translation>The amount must be more than zero.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="72"/>
        <source>That amount is too large.</source>
        <translation>That amount is too large.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="73"/>
        <source>The sale is already fully paid.</source>
        <translation>The sale is already fully paid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="74"/>
        <source>Only cash can be more than what is due ({remaining}).</source>
        <translation>Only cash can be more than what is due ({remaining}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="77"/>
        <source>Type the approval code from the EDC slip (letters and digits).</source>
        <translation>Type the approval code from the EDC slip (letters and digits).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="80"/>
        <source>Type the last 4 digits of the card number.</source>
        <translation>Type the last 4 digits of the card number.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="83"/>
        <source>Type the payment reference (letters and digits).</source>
        <translation>Type the payment reference (letters and digits).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="87"/>
        <source>The database is busy (locked by another program). Try again.</source>
        <translation>The database is busy (locked by another program). Try again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="90"/>
        <source>The disk is full: the sale was not saved. Call store IT.</source>
        <translation>The disk is full: the sale was not saved. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="93"/>
        <source>The disk cannot be written: the sale was not saved. Call store IT.</source>
        <translation>The disk cannot be written: the sale was not saved. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="96"/>
        <source>The database is damaged: the sale was not saved. Call store IT.</source>
        <translation>The database is damaged: the sale was not saved. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="99"/>
        <source>The database was made by a newer version of the till ({revision}). Call store IT.</source>
        <translation>The database was made by a newer version of the till ({revision}). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="103"/>
        <source>Unexpected error; nothing was changed. Try again or call store IT.</source>
        <translation>Unexpected error; nothing was changed. Try again or call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="106"/>
        <source>The sale is saved but the receipt was not printed ({reason}). Press F10.</source>
        <translation>The sale is saved but the receipt was not printed ({reason}). Press F10.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="110"/>
        <source>The receipt printer is not connected. Sales are saved; receipts wait to be reprinted.</source>
        <translation>The receipt printer is not connected. Sales are saved; receipts wait to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="114"/>
        <source>The printer is out of paper: load a new roll. The receipt waits to be reprinted.</source>
        <translation>The printer is out of paper: load a new roll. The receipt waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="118"/>
        <source>The printer&apos;s paper roll is nearly finished.</source>
        <translation>The printer&apos;s paper roll is nearly finished.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="121"/>
        <source>The printer cover is open: close it. The receipt waits to be reprinted.</source>
        <translation>The printer cover is open: close it. The receipt waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="124"/>
        <source>The printer is offline (off or in error). The receipt waits to be reprinted.</source>
        <translation>The printer is offline (off or in error). The receipt waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="127"/>
        <source>The printer reports an error (paper jam or cutter). Call store IT.</source>
        <translation>The printer reports an error (paper jam or cutter). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="130"/>
        <source>The receipt could not be sent to the printer ({reason}). It waits to be reprinted.</source>
        <translation>The receipt could not be sent to the printer ({reason}). It waits to be reprinted.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="134"/>
        <source>The cash drawer is not connected.</source>
        <translation>The cash drawer is not connected.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="135"/>
        <source>Opening the cash drawer without a sale needs a supervisor&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="138"/>
        <source>The barcode scanner is not connected. Type the code or use the search.</source>
        <translation>The barcode scanner is not connected. Type the code or use the search.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="141"/>
        <source>The customer display is not connected.</source>
        <translation>The customer display is not connected.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="142"/>
        <source>The scale is not connected.</source>
        <translation>The scale is not connected.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="143"/>
        <source>The scale does not answer. Check its cable and that it is on.</source>
        <translation>The scale does not answer. Check its cable and that it is on.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="146"/>
        <source>The scale&apos;s answer cannot be read ({reply}). Call store IT.</source>
        <translation>The scale&apos;s answer cannot be read ({reply}). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="149"/>
        <source>The weight is not steady yet. Wait a moment and weigh again.</source>
        <translation>The weight is not steady yet. Wait a moment and weigh again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="152"/>
        <source>Too heavy for the scale. Weigh it in smaller parts.</source>
        <translation>Too heavy for the scale. Weigh it in smaller parts.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="155"/>
        <source>The scale shows less than zero: empty it and set it to zero.</source>
        <translation>The scale shows less than zero: empty it and set it to zero.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="158"/>
        <source>Nothing is on the scale.</source>
        <translation>Nothing is on the scale.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="159"/>
        <source>Typing a weight by hand needs a manager.</source>
        <translation>Typing a weight by hand needs a manager.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="162"/>
        <source>No {device} is set up on this till (config file, [devices]).</source>
        <translation>No {device} is set up on this till (config file, [devices]).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="166"/>
        <source>A PIN is {min_length} to {max_length} digits.</source>
        <translation>A PIN is {min_length} to {max_length} digits.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="167"/>
        <source>This till has no store settings yet. Call store IT.</source>
        <translation>This till has no store settings yet. Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="170"/>
        <source>The rounding step must be one of {allowed}.</source>
        <translation>The rounding step must be one of {allowed}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="173"/>
        <source>The till is already running (process {pid}); use that window.</source>
        <translation>The till is already running (process {pid}); use that window.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="177"/>
        <source>There is no database at {path} to back up.</source>
        <translation>There is no database at {path} to back up.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="180"/>
        <source>{path} already exists; choose another backup file.</source>
        <translation>{path} already exists; choose another backup file.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="183"/>
        <source>The backup failed its integrity check ({detail}). Call store IT.</source>
        <translation>The backup failed its integrity check ({detail}). Call store IT.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="187"/>
        <source>Cannot keep the till&apos;s cloud credential: {reason}. Either set up an OS keyring (Windows Credential Locker, macOS Keychain, or Secret Service on Linux), or add [sync] credential_store = &quot;file&quot; to {config} to keep it in a file only this user can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="194"/>
        <source>“{url}” is not a server address. Type it as https://host[:port].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="197"/>
        <source>The cloud at {url} must be reached over https (plain http only on this PC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="200"/>
        <source>The certificate file {path} named in [sync] ca_bundle does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="203"/>
        <source>The cloud at {url} does not answer ({reason}). Check the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="206"/>
        <source>The cloud refused the enrollment code ({reason}). Ask the owner for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="209"/>
        <source>The cloud answered with an error ({reason}). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="212"/>
        <source>Type the cloud&apos;s address, for example https://cloud.example.co.id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="215"/>
        <source>Type the enrollment code from the owner&apos;s back office (XXXX-XXXX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="219"/>
        <source>Select a line in the cart first.</source>
        <translation>Select a line in the cart first.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="220"/>
        <source>“{text}” is not a quantity.</source>
        <translation>“{text}” is not a quantity.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="221"/>
        <source>“{text}” is not an amount.</source>
        <translation>“{text}” is not an amount.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="222"/>
        <source>“{text}” is not a discount. Type 10% or an amount.</source>
        <translation>“{text}” is not a discount. Type 10% or an amount.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="225"/>
        <source>No sale yet on this till.</source>
        <translation>No sale yet on this till.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="226"/>
        <source>Finish or cancel the sale before logging out.</source>
        <translation>Finish or cancel the sale before logging out.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="227"/>
        <source>No cash drawer is connected to this till.</source>
        <translation>No cash drawer is connected to this till.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="230"/>
        <source>No product matches “{text}”.</source>
        <translation>No product matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="231"/>
        <source>Only {remaining} of “{name}” can still be returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="234"/>
        <source>The quantity to return for “{name}” must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="237"/>
        <source>“{name}” is counted in whole pieces; return a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="240"/>
        <source>That is not a valid quantity for “{name}” (at most three decimals).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="243"/>
        <source>The receipt has no line {line_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="244"/>
        <source>Choose at least one item to return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="245"/>
        <source>Receipt {receipt_no} belongs to another store; it can only be refunded there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="248"/>
        <source>Type or scan the receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="249"/>
        <source>No sale with receipt {receipt_no} in this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="252"/>
        <source>Receipt {receipt_no} is not on this till and the cloud cannot be reached; try again when online, or at the till that sold it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="256"/>
        <source>The till&apos;s database is older than this program; start the till once to upgrade it, then verify again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="260"/>
        <source>You are not allowed to do this ({permission}); a supervisor or manager must approve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="264"/>
        <source>You cannot approve your own request; another supervisor or manager must.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="267"/>
        <source>This person may not approve this ({permission}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="270"/>
        <source>Unknown role: {role}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="271"/>
        <source>Managers must keep the right to change settings, or nobody could change them back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="275"/>
        <source>The count for {denomination} must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="278"/>
        <source>The count for {denomination} cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="281"/>
        <source>Too many pieces of {denomination} (at most {maximum}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="284"/>
        <source>Unknown denomination: {denomination}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="288"/>
        <source>The amount is too large (at most {max_amount}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="291"/>
        <location filename="../ui/messages.py" line="324"/>
        <source>Choose a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="292"/>
        <source>Unknown reason: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="293"/>
        <source>Write a note when the reason is &apos;Other&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="294"/>
        <location filename="../ui/messages.py" line="314"/>
        <source>The note is too long (at most {maximum} characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="297"/>
        <source>The drawer should hold only {available}; you cannot take out more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="300"/>
        <source>The opening float must be a whole amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="303"/>
        <source>The opening float cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="304"/>
        <source>The opening float is too large (at most {max_amount}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="307"/>
        <source>A shift is already open (opened by {opened_by}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="310"/>
        <source>No shift is open. Open a shift first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="311"/>
        <source>Count the cash before closing the shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="317"/>
        <source>The counted amount for {tender} cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="320"/>
        <source>The report is saved but was not printed ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="323"/>
        <source>Choose who approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="325"/>
        <source>{name} is locked after wrong PINs: try again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="328"/>
        <source>No supervisor or manager may approve this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="331"/>
        <source>This approver is not active on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="334"/>
        <source>Wrong approver PIN. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="335"/>
        <source>Wait until the scans and the weighing are finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="338"/>
        <source>Park or finish the current sale first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="339"/>
        <source>Choose a parked sale first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="340"/>
        <source>This parked sale was already recalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="341"/>
        <source>Too many parked sales (at most {maximum}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="342"/>
        <source>This parked sale cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="343"/>
        <source>Not available on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="344"/>
        <source>The discount limit must be 0 to 100%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="347"/>
        <source>The grace period must be 0 to {maximum} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="350"/>
        <source>{name} is not locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="351"/>
        <source>Unknown or inactive user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="354"/>
        <source>Something went wrong (code {code}).</source>
        <translation>Something went wrong (code {code}).</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="190"/>
        <location filename="../ui/shift_dialogs.py" line="193"/>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="191"/>
        <source>Opening float (cash in the drawer now):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="192"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <location filename="../ui/pairing_dialog.py" line="161"/>
        <source>Contacting the cloud at %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="199"/>
        <source>Paired with %1: store %2, till %3. Sales now go to the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="206"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="254"/>
        <source>Pair this till with the cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="257"/>
        <source>Type the cloud&apos;s address and the enrollment code from the owner&apos;s back office. The till sells without the cloud too: close this to pair later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="262"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="263"/>
        <source>Enrollment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="264"/>
        <source>Till code (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="265"/>
        <source>Name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="269"/>
        <source>Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="271"/>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="319"/>
        <source>Ask a manager or supervisor to pair this till with the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../ui/payment_dialog.py" line="340"/>
        <source>Fully paid. Press Enter to finish.</source>
        <translation>Fully paid. Press Enter to finish.</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="382"/>
        <source>Saving the sale…</source>
        <translation>Saving the sale…</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="485"/>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="486"/>
        <source>Total due</source>
        <translation>Total due</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="487"/>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="488"/>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="489"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="490"/>
        <source>Cash amount received</source>
        <translation>Cash amount received</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="491"/>
        <source>Type the amount, Enter</source>
        <translation>Type the amount, Enter</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="492"/>
        <source>Card (bank EDC)</source>
        <translation>Card (bank EDC)</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="493"/>
        <location filename="../ui/payment_dialog.py" line="497"/>
        <location filename="../ui/payment_dialog.py" line="501"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="494"/>
        <source>Approval code</source>
        <translation>Approval code</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="495"/>
        <source>Last 4 digits</source>
        <translation>Last 4 digits</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="498"/>
        <location filename="../ui/payment_dialog.py" line="502"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="459"/>
        <location filename="../ui/payment_dialog.py" line="499"/>
        <location filename="../ui/payment_dialog.py" line="506"/>
        <source>E-wallet</source>
        <translation>E-wallet</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="500"/>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="452"/>
        <location filename="../ui/payment_dialog.py" line="503"/>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="455"/>
        <location filename="../ui/payment_dialog.py" line="504"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="507"/>
        <source>Remove payment</source>
        <translation>Remove payment</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="508"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="509"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>PermissionsDialog</name>
    <message>
        <location filename="../ui/permissions_dialog.py" line="184"/>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="189"/>
        <source>Cashier discount limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="190"/>
        <source>Free line removal within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="191"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="192"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <location filename="../ui/receipt_preview.py" line="135"/>
        <source>Last receipt</source>
        <translation>Last receipt</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="136"/>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="137"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../ui/refund_dialog.py" line="225"/>
        <source>Receipt {receipt} · {date} · {cashier} · total {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="237"/>
        <source>Everything on this receipt was already returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="240"/>
        <source>Offline: returns made on other tills may not be known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="316"/>
        <source>To refund: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="409"/>
        <source>Return / refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="410"/>
        <source>Receipt number, or scan the receipt&apos;s QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="411"/>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Return now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="415"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="416"/>
        <source>To original payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="417"/>
        <source>All in cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="418"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="422"/>
        <source>Customer changed their mind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="423"/>
        <source>Wrong item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="424"/>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="425"/>
        <source>Price error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="426"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="431"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="432"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="597"/>
        <source>Report printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="603"/>
        <source>%1 report %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="605"/>
        <source>Close</source>
        <translation type="unfinished">Close</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="606"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../ui/sale_screen.py" line="537"/>
        <source>Weighing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="635"/>
        <source>Type the weight of %1 in kg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="637"/>
        <source>The scale could not weigh %1. Type its weight in kg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="649"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="743"/>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="744"/>
        <source>New quantity for %1</source>
        <translation>New quantity for %1</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="919"/>
        <source>Line discount</source>
        <translation>Line discount</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="920"/>
        <source>Discount for %1: type 10% or an amount. Empty removes it.</source>
        <translation>Discount for %1: type 10% or an amount. Empty removes it.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="835"/>
        <location filename="../ui/sale_screen.py" line="938"/>
        <source>Order discount</source>
        <translation>Order discount</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="939"/>
        <source>Discount on the whole sale: type 10% or an amount. Empty removes it.</source>
        <translation>Discount on the whole sale: type 10% or an amount. Empty removes it.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="995"/>
        <source>Sale cancelled.</source>
        <translation>Sale cancelled.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="975"/>
        <source>Press Cancel again to void this sale.</source>
        <translation>Press Cancel again to void this sale.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="363"/>
        <source>Park sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="365"/>
        <source>Recall parked sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="368"/>
        <location filename="../ui/sale_screen.py" line="869"/>
        <source>Change price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="370"/>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="870"/>
        <source>New unit price for %1 (now %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1027"/>
        <source>Sale parked. F3 recalls it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1077"/>
        <source>Parked sale recalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1122"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1306"/>
        <source>Total %1  ·  Paid %2</source>
        <translation>Total %1  ·  Paid %2</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1314"/>
        <source>Sale %1 saved.</source>
        <translation>Sale %1 saved.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1343"/>
        <source>Receipt %1 reprinted (copy).</source>
        <translation>Receipt %1 reprinted (copy).</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sale_screen.py" line="1398"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1399"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1447"/>
        <source>Scan a barcode, or type 3*code and Enter</source>
        <translation>Scan a barcode, or type 3*code and Enter</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1448"/>
        <source>Search product</source>
        <translation>Search product</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1449"/>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1450"/>
        <location filename="../ui/sale_screen.py" line="1454"/>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1451"/>
        <source>Tax</source>
        <translation>Tax</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1452"/>
        <source>Rounding</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1453"/>
        <location filename="../ui/sale_screen.py" line="1465"/>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1455"/>
        <source>Order disc.</source>
        <translation>Order disc.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1456"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1457"/>
        <source>Cash drawer</source>
        <translation>Cash drawer</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="971"/>
        <location filename="../ui/sale_screen.py" line="1458"/>
        <source>Cancel sale</source>
        <translation>Cancel sale</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1459"/>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1460"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1461"/>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1464"/>
        <source>Pay</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1466"/>
        <source>Delete line</source>
        <translation>Delete line</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1467"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../ui/search_dialog.py" line="235"/>
        <source>Search product</source>
        <translation>Search product</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Type a name, SKU or barcode</source>
        <translation>Type a name, SKU or barcode</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="238"/>
        <source>↑↓ choose · Enter add · Esc back</source>
        <translation>↑↓ choose · Enter add · Esc back</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="239"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="240"/>
        <source>Add</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>StoreOperations</name>
    <message>
        <location filename="../ui/store_operations.py" line="62"/>
        <source>Cash in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="67"/>
        <source>Cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="72"/>
        <source>X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="77"/>
        <source>Close shift (Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="84"/>
        <source>Return / refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="144"/>
        <source>Shift open with %1 in the drawer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="166"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="257"/>
        <source>Refund %1: %2 given back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../ui/sync_status.py" line="49"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="51"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="55"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="58"/>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="96"/>
        <source>Cloud: not paired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="97"/>
        <source>Cloud: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="98"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="99"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="100"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="101"/>
        <source>Cloud error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="102"/>
        <source>Cloud refused this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="103"/>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="116"/>
        <source>%1 unsent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="118"/>
        <source>(oldest %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="121"/>
        <source>all sales sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="123"/>
        <source>%1 need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="141"/>
        <source>Sales older than 24 hours are not in the cloud yet: connect the till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="145"/>
        <source>Last contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="149"/>
        <source>Click to pair this till with the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="151"/>
        <source>Click to sync now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="164"/>
        <source>%1 sales are not in the cloud yet. They are kept safely on this till and will be sent when it is online again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="189"/>
        <source>Cloud</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <location filename="../ui/dialogs.py" line="100"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/dialogs.py" line="101"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
</TS>
