<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
    <context>
        <name>CartTableModel</name>
        <message>
            <location filename="../ui/cart_model.py" line="127" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="128" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="129" />
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="130" />
            <source>Price</source>
            <translation>Price</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="131" />
            <source>Discount</source>
            <translation>Discount</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="132" />
            <source>Total</source>
            <translation>Total</translation>
        </message>
    </context>
    <context>
        <name>Keypad</name>
        <message>
            <location filename="../ui/keypad.py" line="26" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../ui/keypad.py" line="28" />
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <location filename="../ui/login.py" line="159" />
            <source>Cashier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="160" />
            <source>Supervisor</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="161" />
            <source>Manager</source>
            <translation>Manager</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="173" />
            <location filename="../ui/login.py" line="315" />
            <source>PIN for %1</source>
            <translation>PIN for %1</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="197" />
            <source>Locked. %1, enter your PIN to continue the sale.</source>
            <translation>Locked. %1, enter your PIN to continue the sale.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="269" />
            <source>Wrong PIN. Try again.</source>
            <translation>Wrong PIN. Try again.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="276" />
            <source>Wrong PIN. Locked: try again in %1.</source>
            <translation>Wrong PIN. Locked: try again in %1.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="278" />
            <source>Locked after wrong PINs: try again in %1.</source>
            <translation>Locked after wrong PINs: try again in %1.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="307" />
            <source>Cashier login</source>
            <translation>Cashier login</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="308" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="309" />
            <source>Log in</source>
            <translation>Log in</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="317" />
            <source>Choose your name</source>
            <translation>Choose your name</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../ui/main_window.py" line="230" />
            <source>Cashier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="232" />
            <source>Till %1</source>
            <translation>Till %1</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="234" />
            <source>Cashier: %1</source>
            <translation>Cashier: %1</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="237" />
            <source>Switch language</source>
            <translation>Switch language</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../ui/messages.py" line="30" />
            <source>Scan or type a barcode first.</source>
            <translation>Scan or type a barcode first.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="31" />
            <source>“{text}” is not a quantity. Type it as 3*barcode.</source>
            <translation>“{text}” is not a quantity. Type it as 3*barcode.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="34" />
            <source>{name} is not sold by weight; this scale label cannot be used.</source>
            <translation>{name} is not sold by weight; this scale label cannot be used.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="37" />
            <source>Barcode {barcode} has a wrong check digit. Scan it again.</source>
            <translation>Barcode {barcode} has a wrong check digit. Scan it again.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="40" />
            <source>Product not found: {barcode}</source>
            <translation>Product not found: {barcode}</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="42" />
            <source>That quantity is not a number.</source>
            <translation>That quantity is not a number.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="43" />
            <source>Quantity must be more than zero.</source>
            <translation>Quantity must be more than zero.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="44" />
            <source>This item is sold per piece: type a whole quantity.</source>
            <translation>This item is sold per piece: type a whole quantity.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="47" />
            <source>Quantity too large (at most {maximum}).</source>
            <translation>Quantity too large (at most {maximum}).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="48" />
            <source>The price of this item is not valid.</source>
            <translation>The price of this item is not valid.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="49" />
            <source>A discount cannot be negative.</source>
            <translation>A discount cannot be negative.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="50" />
            <source>A discount cannot be more than 100%.</source>
            <translation>A discount cannot be more than 100%.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="53" />
            <source>That discount is not valid.</source>
            <translation>That discount is not valid.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="54" />
            <source>The discount is larger than the line amount.</source>
            <translation>The discount is larger than the line amount.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="57" />
            <source>That line is no longer in the cart.</source>
            <translation>That line is no longer in the cart.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="59" />
            <source>The cart is empty.</source>
            <translation>The cart is empty.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="60" />
            <source>The total is zero; nothing to pay.</source>
            <translation>The total is zero; nothing to pay.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="61" />
            <source>Payment has started: cancel the payment to change the cart.</source>
            <translation>Payment has started: cancel the payment to change the cart.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="64" />
            <source>Receipt {receipt_no} not found.</source>
            <translation>Receipt {receipt_no} not found.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="65" />
            <source>Not fully paid yet: {remaining} remaining.</source>
            <translation>Not fully paid yet: {remaining} remaining.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="68" />
            <source>The total changed during payment. Start the payment again.</source>
            <translation>The total changed during payment. Start the payment again.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="71" />
            <source>The amount must be more than zero.</source>
            <translation>The amount must be more than zero.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="72" />
            <source>That amount is too large.</source>
            <translation>That amount is too large.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="73" />
            <source>The sale is already fully paid.</source>
            <translation>The sale is already fully paid.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="74" />
            <source>Only cash can be more than what is due ({remaining}).</source>
            <translation>Only cash can be more than what is due ({remaining}).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="77" />
            <source>Type the approval code from the EDC slip (letters and digits).</source>
            <translation>Type the approval code from the EDC slip (letters and digits).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="80" />
            <source>Type the last 4 digits of the card number.</source>
            <translation>Type the last 4 digits of the card number.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="83" />
            <source>Type the payment reference (letters and digits).</source>
            <translation>Type the payment reference (letters and digits).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="87" />
            <source>The database is busy (locked by another program). Try again.</source>
            <translation>The database is busy (locked by another program). Try again.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="90" />
            <source>The disk is full: the sale was not saved. Call store IT.</source>
            <translation>The disk is full: the sale was not saved. Call store IT.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="93" />
            <source>The disk cannot be written: the sale was not saved. Call store IT.</source>
            <translation>The disk cannot be written: the sale was not saved. Call store IT.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="96" />
            <source>The database is damaged: the sale was not saved. Call store IT.</source>
            <translation>The database is damaged: the sale was not saved. Call store IT.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="99" />
            <source>The database was made by a newer version of the till ({revision}). Call store IT.</source>
            <translation>The database was made by a newer version of the till ({revision}). Call store IT.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="103" />
            <source>Unexpected error; nothing was changed. Try again or call store IT.</source>
            <translation>Unexpected error; nothing was changed. Try again or call store IT.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="106" />
            <source>The sale is saved but the receipt was not printed ({reason}). Press F10.</source>
            <translation>The sale is saved but the receipt was not printed ({reason}). Press F10.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="110" />
            <source>A PIN is {min_length} to {max_length} digits.</source>
            <translation>A PIN is {min_length} to {max_length} digits.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="111" />
            <source>This till has no store settings yet. Call store IT.</source>
            <translation>This till has no store settings yet. Call store IT.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="114" />
            <source>The rounding step must be one of {allowed}.</source>
            <translation>The rounding step must be one of {allowed}.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="117" />
            <source>The till is already running (process {pid}); use that window.</source>
            <translation>The till is already running (process {pid}); use that window.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="121" />
            <source>There is no database at {path} to back up.</source>
            <translation>There is no database at {path} to back up.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="124" />
            <source>{path} already exists; choose another backup file.</source>
            <translation>{path} already exists; choose another backup file.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="127" />
            <source>The backup failed its integrity check ({detail}). Call store IT.</source>
            <translation>The backup failed its integrity check ({detail}). Call store IT.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="131" />
            <source>Select a line in the cart first.</source>
            <translation>Select a line in the cart first.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="132" />
            <source>“{text}” is not a quantity.</source>
            <translation>“{text}” is not a quantity.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="133" />
            <source>“{text}” is not an amount.</source>
            <translation>“{text}” is not an amount.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="134" />
            <source>“{text}” is not a discount. Type 10% or an amount.</source>
            <translation>“{text}” is not a discount. Type 10% or an amount.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="137" />
            <source>No sale yet on this till.</source>
            <translation>No sale yet on this till.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="138" />
            <source>Finish or cancel the sale before logging out.</source>
            <translation>Finish or cancel the sale before logging out.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="139" />
            <source>No cash drawer is connected to this till.</source>
            <translation>No cash drawer is connected to this till.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="142" />
            <source>No product matches “{text}”.</source>
            <translation>No product matches “{text}”.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="145" />
            <source>Something went wrong (code {code}).</source>
            <translation>Something went wrong (code {code}).</translation>
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <location filename="../ui/payment_dialog.py" line="331" />
            <source>Fully paid. Press Enter to finish.</source>
            <translation>Fully paid. Press Enter to finish.</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="373" />
            <source>Saving the sale…</source>
            <translation>Saving the sale…</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="476" />
            <source>Payment</source>
            <translation>Payment</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="477" />
            <source>Total due</source>
            <translation>Total due</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="478" />
            <source>Paid</source>
            <translation>Paid</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="479" />
            <source>Remaining</source>
            <translation>Remaining</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="480" />
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="481" />
            <source>Cash amount received</source>
            <translation>Cash amount received</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="482" />
            <source>Type the amount, Enter</source>
            <translation>Type the amount, Enter</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="483" />
            <source>Card (bank EDC)</source>
            <translation>Card (bank EDC)</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="484" />
            <location filename="../ui/payment_dialog.py" line="488" />
            <location filename="../ui/payment_dialog.py" line="492" />
            <source>Amount</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="485" />
            <source>Approval code</source>
            <translation>Approval code</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="486" />
            <source>Last 4 digits</source>
            <translation>Last 4 digits</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="489" />
            <location filename="../ui/payment_dialog.py" line="493" />
            <source>Reference</source>
            <translation>Reference</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="450" />
            <location filename="../ui/payment_dialog.py" line="490" />
            <location filename="../ui/payment_dialog.py" line="497" />
            <source>E-wallet</source>
            <translation>E-wallet</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="491" />
            <source>Provider</source>
            <translation>Provider</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="443" />
            <location filename="../ui/payment_dialog.py" line="494" />
            <source>Cash</source>
            <translation>Cash</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="446" />
            <location filename="../ui/payment_dialog.py" line="495" />
            <source>Card</source>
            <translation>Card</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="498" />
            <source>Remove payment</source>
            <translation>Remove payment</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="499" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="500" />
            <source>Finish</source>
            <translation>Finish</translation>
        </message>
    </context>
    <context>
        <name>ReceiptPreviewDialog</name>
        <message>
            <location filename="../ui/receipt_preview.py" line="135" />
            <source>Last receipt</source>
            <translation>Last receipt</translation>
        </message>
        <message>
            <location filename="../ui/receipt_preview.py" line="136" />
            <source>Reprint</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <location filename="../ui/receipt_preview.py" line="137" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>SaleScreen</name>
        <message>
            <location filename="../ui/sale_screen.py" line="422" />
            <source>Quantity</source>
            <translation>Quantity</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="423" />
            <source>New quantity for %1</source>
            <translation>New quantity for %1</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="469" />
            <source>Line discount</source>
            <translation>Line discount</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="470" />
            <source>Discount for %1: type 10% or an amount. Empty removes it.</source>
            <translation>Discount for %1: type 10% or an amount. Empty removes it.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="488" />
            <source>Order discount</source>
            <translation>Order discount</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="489" />
            <source>Discount on the whole sale: type 10% or an amount. Empty removes it.</source>
            <translation>Discount on the whole sale: type 10% or an amount. Empty removes it.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="512" />
            <source>Sale cancelled.</source>
            <translation>Sale cancelled.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="516" />
            <source>Press Cancel again to void this sale.</source>
            <translation>Press Cancel again to void this sale.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="608" />
            <source>Total %1  ·  Paid %2</source>
            <translation>Total %1  ·  Paid %2</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="616" />
            <source>Sale %1 saved.</source>
            <translation>Sale %1 saved.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="643" />
            <source>Receipt %1 reprinted (copy).</source>
            <translation>Receipt %1 reprinted (copy).</translation>
        </message>
        <message numerus="yes">
            <location filename="../ui/sale_screen.py" line="690" />
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n line</numerusform>
                <numerusform>%n lines</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="691" />
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="739" />
            <source>Scan a barcode, or type 3*code and Enter</source>
            <translation>Scan a barcode, or type 3*code and Enter</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="740" />
            <source>Search product</source>
            <translation>Search product</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="741" />
            <source>Subtotal</source>
            <translation>Subtotal</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="742" />
            <location filename="../ui/sale_screen.py" line="746" />
            <source>Discount</source>
            <translation>Discount</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="743" />
            <source>Tax</source>
            <translation>Tax</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="744" />
            <source>Rounding</source>
            <translation>Rounding</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="745" />
            <location filename="../ui/sale_screen.py" line="754" />
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="747" />
            <source>Order disc.</source>
            <translation>Order disc.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="748" />
            <source>Receipt</source>
            <translation>Receipt</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="749" />
            <source>Cash drawer</source>
            <translation>Cash drawer</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="750" />
            <source>Cancel sale</source>
            <translation>Cancel sale</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="751" />
            <source>Lock</source>
            <translation>Lock</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="752" />
            <source>Log out</source>
            <translation>Log out</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="753" />
            <source>Pay</source>
            <translation>Pay</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="755" />
            <source>Delete line</source>
            <translation>Delete line</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="756" />
            <source>Change</source>
            <translation>Change</translation>
        </message>
    </context>
    <context>
        <name>SearchDialog</name>
        <message>
            <location filename="../ui/search_dialog.py" line="235" />
            <source>Search product</source>
            <translation>Search product</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="236" />
            <source>Type a name, SKU or barcode</source>
            <translation>Type a name, SKU or barcode</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="237" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="237" />
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="237" />
            <source>Price</source>
            <translation>Price</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="238" />
            <source>↑↓ choose · Enter add · Esc back</source>
            <translation>↑↓ choose · Enter add · Esc back</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="239" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="240" />
            <source>Add</source>
            <translation>Add</translation>
        </message>
    </context>
    <context>
        <name>ValueDialog</name>
        <message>
            <location filename="../ui/dialogs.py" line="100" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../ui/dialogs.py" line="101" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
</TS>
