<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en_US">
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
            <translation>Nama</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="129" />
            <source>Qty</source>
            <translation>Jml</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="130" />
            <source>Price</source>
            <translation>Harga</translation>
        </message>
        <message>
            <location filename="../ui/cart_model.py" line="131" />
            <source>Discount</source>
            <translation>Diskon</translation>
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
            <translation>Hapus</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <location filename="../ui/login.py" line="159" />
            <source>Cashier</source>
            <translation>Kasir</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="160" />
            <source>Supervisor</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="161" />
            <source>Manager</source>
            <translation>Manajer</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="173" />
            <location filename="../ui/login.py" line="315" />
            <source>PIN for %1</source>
            <translation>PIN untuk %1</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="197" />
            <source>Locked. %1, enter your PIN to continue the sale.</source>
            <translation>Terkunci. %1, masukkan PIN Anda untuk melanjutkan transaksi.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="269" />
            <source>Wrong PIN. Try again.</source>
            <translation>PIN salah. Coba lagi.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="276" />
            <source>Wrong PIN. Locked: try again in %1.</source>
            <translation>PIN salah. Terkunci: coba lagi dalam %1.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="278" />
            <source>Locked after wrong PINs: try again in %1.</source>
            <translation>Terkunci karena PIN salah: coba lagi dalam %1.</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="307" />
            <source>Cashier login</source>
            <translation>Masuk Kasir</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="308" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="309" />
            <source>Log in</source>
            <translation>Masuk</translation>
        </message>
        <message>
            <location filename="../ui/login.py" line="317" />
            <source>Choose your name</source>
            <translation>Pilih nama Anda</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../ui/main_window.py" line="230" />
            <source>Cashier</source>
            <translation>Kasir</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="232" />
            <source>Till %1</source>
            <translation>Mesin kasir %1</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="234" />
            <source>Cashier: %1</source>
            <translation>Kasir: %1</translation>
        </message>
        <message>
            <location filename="../ui/main_window.py" line="237" />
            <source>Switch language</source>
            <translation>Ganti bahasa</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../ui/messages.py" line="30" />
            <source>Scan or type a barcode first.</source>
            <translation>Pindai atau ketik barcode terlebih dahulu.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="31" />
            <source>“{text}” is not a quantity. Type it as 3*barcode.</source>
            <translation>“{text}” bukan jumlah. Ketik seperti 3*barcode.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="34" />
            <source>{name} is not sold by weight; this scale label cannot be used.</source>
            <translation>{name} tidak dijual per berat; label timbangan ini tidak bisa dipakai.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="37" />
            <source>Barcode {barcode} has a wrong check digit. Scan it again.</source>
            <translation>Barcode {barcode} salah (check digit tidak cocok). Pindai ulang.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="40" />
            <source>Product not found: {barcode}</source>
            <translation>Produk tidak ditemukan: {barcode}</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="42" />
            <source>That quantity is not a number.</source>
            <translation>Jumlah itu bukan angka.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="43" />
            <source>Quantity must be more than zero.</source>
            <translation>Jumlah harus lebih dari nol.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="44" />
            <source>This item is sold per piece: type a whole quantity.</source>
            <translation>Barang ini dijual per buah: ketik jumlah bulat.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="47" />
            <source>Quantity too large (at most {maximum}).</source>
            <translation>Jumlah terlalu besar (maksimal {maximum}).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="48" />
            <source>The price of this item is not valid.</source>
            <translation>Harga barang ini tidak valid.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="49" />
            <source>A discount cannot be negative.</source>
            <translation>Diskon tidak boleh negatif.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="50" />
            <source>A discount cannot be more than 100%.</source>
            <translation>Diskon tidak boleh lebih dari 100%.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="53" />
            <source>That discount is not valid.</source>
            <translation>Diskon itu tidak valid.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="54" />
            <source>The discount is larger than the line amount.</source>
            <translation>Diskon lebih besar dari jumlah baris.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="57" />
            <source>That line is no longer in the cart.</source>
            <translation>Baris itu sudah tidak ada di keranjang.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="59" />
            <source>The cart is empty.</source>
            <translation>Keranjang kosong.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="60" />
            <source>The total is zero; nothing to pay.</source>
            <translation>Total nol; tidak ada yang perlu dibayar.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="61" />
            <source>Payment has started: cancel the payment to change the cart.</source>
            <translation>Pembayaran sudah dimulai: batalkan pembayaran untuk mengubah keranjang.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="64" />
            <source>Receipt {receipt_no} not found.</source>
            <translation>Struk {receipt_no} tidak ditemukan.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="65" />
            <source>Not fully paid yet: {remaining} remaining.</source>
            <translation>Belum lunas: kurang {remaining}.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="68" />
            <source>The total changed during payment. Start the payment again.</source>
            <translation>Total berubah saat pembayaran. Ulangi pembayaran.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="71" />
            <source>The amount must be more than zero.</source>
            <translation>Nominal harus lebih dari nol.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="72" />
            <source>That amount is too large.</source>
            <translation>Nominal terlalu besar.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="73" />
            <source>The sale is already fully paid.</source>
            <translation>Transaksi sudah lunas.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="74" />
            <source>Only cash can be more than what is due ({remaining}).</source>
            <translation>Hanya tunai yang boleh melebihi sisa tagihan ({remaining}).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="77" />
            <source>Type the approval code from the EDC slip (letters and digits).</source>
            <translation>Ketik kode approval dari slip EDC (huruf dan angka).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="80" />
            <source>Type the last 4 digits of the card number.</source>
            <translation>Ketik 4 digit terakhir nomor kartu.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="83" />
            <source>Type the payment reference (letters and digits).</source>
            <translation>Ketik nomor referensi pembayaran (huruf dan angka).</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="87" />
            <source>The database is busy (locked by another program). Try again.</source>
            <translation>Database sedang sibuk (dikunci program lain). Coba lagi.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="90" />
            <source>The disk is full: the sale was not saved. Call store IT.</source>
            <translation>Disk penuh: transaksi tidak tersimpan. Hubungi IT toko.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="93" />
            <source>The disk cannot be written: the sale was not saved. Call store IT.</source>
            <translation>Disk tidak bisa ditulisi: transaksi tidak tersimpan. Hubungi IT toko.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="96" />
            <source>The database is damaged: the sale was not saved. Call store IT.</source>
            <translation>Database rusak: transaksi tidak tersimpan. Hubungi IT toko.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="99" />
            <source>The database was made by a newer version of the till ({revision}). Call store IT.</source>
            <translation>Database dibuat oleh versi aplikasi kasir yang lebih baru ({revision}). Hubungi IT toko.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="103" />
            <source>Unexpected error; nothing was changed. Try again or call store IT.</source>
            <translation>Terjadi kesalahan; tidak ada yang berubah. Coba lagi atau hubungi IT toko.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="106" />
            <source>The sale is saved but the receipt was not printed ({reason}). Press F10.</source>
            <translation>Transaksi tersimpan tetapi struk tidak tercetak ({reason}). Tekan F10.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="110" />
            <source>A PIN is {min_length} to {max_length} digits.</source>
            <translation>PIN terdiri dari {min_length} sampai {max_length} angka.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="111" />
            <source>This till has no store settings yet. Call store IT.</source>
            <translation>Mesin kasir ini belum punya pengaturan toko. Hubungi IT toko.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="114" />
            <source>The rounding step must be one of {allowed}.</source>
            <translation>Kelipatan pembulatan harus salah satu dari {allowed}.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="117" />
            <source>The till is already running (process {pid}); use that window.</source>
            <translation>Aplikasi kasir sudah berjalan (proses {pid}); gunakan jendela itu.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="121" />
            <source>There is no database at {path} to back up.</source>
            <translation>Tidak ada database di {path} untuk dicadangkan.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="124" />
            <source>{path} already exists; choose another backup file.</source>
            <translation>{path} sudah ada; pilih file cadangan lain.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="127" />
            <source>The backup failed its integrity check ({detail}). Call store IT.</source>
            <translation>Cadangan gagal pemeriksaan integritas ({detail}). Hubungi IT toko.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="131" />
            <source>Select a line in the cart first.</source>
            <translation>Pilih baris di keranjang terlebih dahulu.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="132" />
            <source>“{text}” is not a quantity.</source>
            <translation>“{text}” bukan jumlah.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="133" />
            <source>“{text}” is not an amount.</source>
            <translation>“{text}” bukan nominal.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="134" />
            <source>“{text}” is not a discount. Type 10% or an amount.</source>
            <translation>“{text}” bukan diskon. Ketik 10% atau nominal.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="137" />
            <source>No sale yet on this till.</source>
            <translation>Belum ada transaksi di mesin kasir ini.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="138" />
            <source>Finish or cancel the sale before logging out.</source>
            <translation>Selesaikan atau batalkan transaksi sebelum keluar.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="139" />
            <source>No cash drawer is connected to this till.</source>
            <translation>Tidak ada laci kas yang terhubung ke mesin kasir ini.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="142" />
            <source>No product matches “{text}”.</source>
            <translation>Tidak ada produk yang cocok dengan “{text}”.</translation>
        </message>
        <message>
            <location filename="../ui/messages.py" line="145" />
            <source>Something went wrong (code {code}).</source>
            <translation>Terjadi kesalahan (kode {code}).</translation>
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <location filename="../ui/payment_dialog.py" line="331" />
            <source>Fully paid. Press Enter to finish.</source>
            <translation>Sudah lunas. Tekan Enter untuk selesai.</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="373" />
            <source>Saving the sale…</source>
            <translation>Menyimpan transaksi…</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="476" />
            <source>Payment</source>
            <translation>Pembayaran</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="477" />
            <source>Total due</source>
            <translation>Total tagihan</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="478" />
            <source>Paid</source>
            <translation>Dibayar</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="479" />
            <source>Remaining</source>
            <translation>Sisa</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="480" />
            <source>Change</source>
            <translation>Kembalian</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="481" />
            <source>Cash amount received</source>
            <translation>Uang tunai diterima</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="482" />
            <source>Type the amount, Enter</source>
            <translation>Ketik nominal, Enter</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="483" />
            <source>Card (bank EDC)</source>
            <translation>Kartu (EDC bank)</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="484" />
            <location filename="../ui/payment_dialog.py" line="488" />
            <location filename="../ui/payment_dialog.py" line="492" />
            <source>Amount</source>
            <translation>Nominal</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="485" />
            <source>Approval code</source>
            <translation>Kode approval</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="486" />
            <source>Last 4 digits</source>
            <translation>4 digit terakhir</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="489" />
            <location filename="../ui/payment_dialog.py" line="493" />
            <source>Reference</source>
            <translation>Referensi</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="450" />
            <location filename="../ui/payment_dialog.py" line="490" />
            <location filename="../ui/payment_dialog.py" line="497" />
            <source>E-wallet</source>
            <translation>E-Wallet</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="491" />
            <source>Provider</source>
            <translation>Penyedia</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="443" />
            <location filename="../ui/payment_dialog.py" line="494" />
            <source>Cash</source>
            <translation>Tunai</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="446" />
            <location filename="../ui/payment_dialog.py" line="495" />
            <source>Card</source>
            <translation>Kartu</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="498" />
            <source>Remove payment</source>
            <translation>Hapus pembayaran</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="499" />
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <location filename="../ui/payment_dialog.py" line="500" />
            <source>Finish</source>
            <translation>Selesai</translation>
        </message>
    </context>
    <context>
        <name>ReceiptPreviewDialog</name>
        <message>
            <location filename="../ui/receipt_preview.py" line="135" />
            <source>Last receipt</source>
            <translation>Struk terakhir</translation>
        </message>
        <message>
            <location filename="../ui/receipt_preview.py" line="136" />
            <source>Reprint</source>
            <translation>Cetak ulang</translation>
        </message>
        <message>
            <location filename="../ui/receipt_preview.py" line="137" />
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
    </context>
    <context>
        <name>SaleScreen</name>
        <message>
            <location filename="../ui/sale_screen.py" line="422" />
            <source>Quantity</source>
            <translation>Jumlah</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="423" />
            <source>New quantity for %1</source>
            <translation>Jumlah baru untuk %1</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="469" />
            <source>Line discount</source>
            <translation>Diskon baris</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="470" />
            <source>Discount for %1: type 10% or an amount. Empty removes it.</source>
            <translation>Diskon untuk %1: ketik 10% atau nominal. Kosongkan untuk menghapus.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="488" />
            <source>Order discount</source>
            <translation>Diskon transaksi</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="489" />
            <source>Discount on the whole sale: type 10% or an amount. Empty removes it.</source>
            <translation>Diskon untuk seluruh transaksi: ketik 10% atau nominal. Kosongkan untuk menghapus.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="512" />
            <source>Sale cancelled.</source>
            <translation>Transaksi dibatalkan.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="516" />
            <source>Press Cancel again to void this sale.</source>
            <translation>Tekan Batal sekali lagi untuk membatalkan transaksi ini.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="608" />
            <source>Total %1  ·  Paid %2</source>
            <translation>Total %1  ·  Dibayar %2</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="616" />
            <source>Sale %1 saved.</source>
            <translation>Transaksi %1 tersimpan.</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="643" />
            <source>Receipt %1 reprinted (copy).</source>
            <translation>Struk %1 dicetak ulang (salinan).</translation>
        </message>
        <message numerus="yes">
            <location filename="../ui/sale_screen.py" line="690" />
            <source>%n line(s)</source>
            <translation>
                <numerusform>%n baris</numerusform>
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
            <translation>Pindai barcode, atau ketik 3*kode lalu Enter</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="740" />
            <source>Search product</source>
            <translation>Cari produk</translation>
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
            <translation>Diskon</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="743" />
            <source>Tax</source>
            <translation>Pajak</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="744" />
            <source>Rounding</source>
            <translation>Pembulatan</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="745" />
            <location filename="../ui/sale_screen.py" line="754" />
            <source>Qty</source>
            <translation>Jumlah</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="747" />
            <source>Order disc.</source>
            <translation>Diskon total</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="748" />
            <source>Receipt</source>
            <translation>Struk</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="749" />
            <source>Cash drawer</source>
            <translation>Laci kas</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="750" />
            <source>Cancel sale</source>
            <translation>Batal</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="751" />
            <source>Lock</source>
            <translation>Kunci</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="752" />
            <source>Log out</source>
            <translation>Keluar</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="753" />
            <source>Pay</source>
            <translation>Bayar</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="755" />
            <source>Delete line</source>
            <translation>Hapus baris</translation>
        </message>
        <message>
            <location filename="../ui/sale_screen.py" line="756" />
            <source>Change</source>
            <translation>Kembalian</translation>
        </message>
    </context>
    <context>
        <name>SearchDialog</name>
        <message>
            <location filename="../ui/search_dialog.py" line="235" />
            <source>Search product</source>
            <translation>Cari produk</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="236" />
            <source>Type a name, SKU or barcode</source>
            <translation>Ketik nama, SKU atau barcode</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="237" />
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="237" />
            <source>Code</source>
            <translation>Kode</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="237" />
            <source>Price</source>
            <translation>Harga</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="238" />
            <source>↑↓ choose · Enter add · Esc back</source>
            <translation>↑↓ pilih · Enter tambah · Esc kembali</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="239" />
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <location filename="../ui/search_dialog.py" line="240" />
            <source>Add</source>
            <translation>Tambah</translation>
        </message>
    </context>
    <context>
        <name>ValueDialog</name>
        <message>
            <location filename="../ui/dialogs.py" line="100" />
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <location filename="../ui/dialogs.py" line="101" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
</TS>
