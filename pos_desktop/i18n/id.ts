<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en_US">
<context>
    <name>Approval</name>
    <message>
        <location filename="../ui/approval.py" line="60"/>
        <source>Discount above the limit</source>
        <translation>Diskon melebihi batas</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="63"/>
        <source>Change a price</source>
        <translation>Ubah harga</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="64"/>
        <source>Remove a line after the grace period</source>
        <translation>Hapus baris setelah masa tenggang</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="67"/>
        <source>Refund</source>
        <translation>Retur</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="68"/>
        <source>Open the drawer without a sale</source>
        <translation>Buka laci tanpa transaksi</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="71"/>
        <source>Reprint a receipt</source>
        <translation>Cetak ulang struk</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="72"/>
        <source>Take cash out</source>
        <translation>Ambil kas</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="73"/>
        <source>Close the shift</source>
        <translation>Tutup shift</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="74"/>
        <source>Change settings</source>
        <translation>Ubah pengaturan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="75"/>
        <source>Type a weight</source>
        <translation>Ketik berat</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="76"/>
        <source>Unlock a user</source>
        <translation>Buka kunci pengguna</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="83"/>
        <source>Customer changed their mind</source>
        <translation>Pelanggan berubah pikiran</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="86"/>
        <source>Wrong item scanned</source>
        <translation>Salah scan barang</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="87"/>
        <source>Damaged goods</source>
        <translation>Barang rusak</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="88"/>
        <source>Wrong price</source>
        <translation>Harga salah</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="89"/>
        <source>Promotion</source>
        <translation>Promosi</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="90"/>
        <source>Loyal customer</source>
        <translation>Pelanggan setia</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="91"/>
        <source>Change for a customer</source>
        <translation>Tukar uang untuk pelanggan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="94"/>
        <source>Petty cash</source>
        <translation>Kas kecil</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="95"/>
        <source>Scale fault</source>
        <translation>Timbangan rusak</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="96"/>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="103"/>
        <source>Cashier</source>
        <translation>Kasir</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="104"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="105"/>
        <source>Manager</source>
        <translation>Manajer</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../ui/approval.py" line="308"/>
        <source>Approval</source>
        <translation>Persetujuan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="310"/>
        <source>%1 needs approval: %2</source>
        <translation>%1 perlu persetujuan: %2</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="317"/>
        <source>Supervisor or manager</source>
        <translation>Supervisor atau manajer</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="318"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="319"/>
        <source>PIN of the approver</source>
        <translation>PIN penyetuju</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="320"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="321"/>
        <source>Approve</source>
        <translation>Setujui</translation>
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
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="160"/>
        <source>Qty</source>
        <translation>Jml</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="161"/>
        <source>Price</source>
        <translation>Harga</translation>
    </message>
    <message>
        <location filename="../ui/cart_model.py" line="162"/>
        <source>Discount</source>
        <translation>Diskon</translation>
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
        <translation>Kas masuk / keluar</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="318"/>
        <source>Cash in</source>
        <translation>Kas masuk</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="319"/>
        <source>Cash out</source>
        <translation>Kas keluar</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="320"/>
        <source>Amount</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="321"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="322"/>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="324"/>
        <source>Change fund</source>
        <translation>Modal kembalian</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="325"/>
        <source>Safe drop</source>
        <translation>Setor ke brankas</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="326"/>
        <source>Petty cash</source>
        <translation>Kas kecil</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="327"/>
        <source>Supplier payment</source>
        <translation>Pembayaran pemasok</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="328"/>
        <source>Other (note required)</source>
        <translation>Lainnya (wajib isi catatan)</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="332"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="333"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message numerus="yes">
        <location filename="../ui/shift_dialogs.py" line="474"/>
        <source>%n sale(s) not yet sent to the cloud; the Z report will say so.</source>
        <translation>
            <numerusform>%n penjualan belum terkirim ke cloud; laporan Z akan mencatatnya.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="525"/>
        <location filename="../ui/shift_dialogs.py" line="538"/>
        <source>Close shift</source>
        <translation>Tutup shift</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="526"/>
        <source>Count the drawer: pieces of each note and coin.</source>
        <translation>Hitung isi laci: jumlah lembar/keping tiap pecahan uang kertas dan koin.</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="528"/>
        <source>coin</source>
        <translation>koin</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="528"/>
        <source>note</source>
        <translation>kertas</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="532"/>
        <source>Counted</source>
        <translation>Hasil hitung</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="533"/>
        <source>Expected</source>
        <translation>Seharusnya</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="534"/>
        <source>Difference</source>
        <translation>Selisih</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="535"/>
        <source>Note (why there is a difference)</source>
        <translation>Catatan (alasan selisih)</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="536"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="537"/>
        <source>Check</source>
        <translation>Periksa</translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <location filename="../ui/device_panel.py" line="129"/>
        <source>Cash drawer opened.</source>
        <translation>Laci kas dibuka.</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../ui/device_settings.py" line="101"/>
        <source>Testing %1…</source>
        <translation>Menguji %1…</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="135"/>
        <source>Print waiting receipts (%1)</source>
        <translation>Cetak struk yang menunggu (%1)</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="140"/>
        <source>Devices</source>
        <translation>Perangkat</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="142"/>
        <source>Print a test receipt</source>
        <translation>Cetak struk uji</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="143"/>
        <source>Open the drawer</source>
        <translation>Buka laci kas</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="144"/>
        <source>Wait for a scan</source>
        <translation>Tunggu satu scan</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="145"/>
        <source>Show a test message</source>
        <translation>Tampilkan pesan uji</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="146"/>
        <source>Read the weight</source>
        <translation>Baca berat</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="150"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>DeviceStatusBar</name>
    <message numerus="yes">
        <location filename="../ui/device_status.py" line="61"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n menunggu</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="64"/>
        <source>Drawer open</source>
        <translation>Laci terbuka</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="65"/>
        <source>The cash drawer is open.</source>
        <translation>Laci kas terbuka.</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="80"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="81"/>
        <source>Drawer</source>
        <translation>Laci kas</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="82"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="83"/>
        <source>Display</source>
        <translation>Layar pelanggan</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="84"/>
        <source>Scale</source>
        <translation>Timbangan</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="89"/>
        <source>paper low</source>
        <translation>kertas hampir habis</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="90"/>
        <source>paper out</source>
        <translation>kertas habis</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="91"/>
        <source>cover open</source>
        <translation>tutup terbuka</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="92"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="93"/>
        <source>error</source>
        <translation>galat</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="96"/>
        <source>ready</source>
        <translation>siap</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="98"/>
        <source>starting</source>
        <translation>menyambung</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="100"/>
        <source>not connected</source>
        <translation>tidak tersambung</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="101"/>
        <source>off</source>
        <translation>mati</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <location filename="../ui/held_dialog.py" line="88"/>
        <source>No parked sales.</source>
        <translation>Tidak ada transaksi yang ditunda.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/held_dialog.py" line="92"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="107"/>
        <source>Parked sales</source>
        <translation>Transaksi ditunda</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="108"/>
        <source>Choose the sale to continue</source>
        <translation>Pilih transaksi yang akan dilanjutkan</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="109"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="110"/>
        <source>Recall</source>
        <translation>Panggil</translation>
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
        <translation>Hapus</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../ui/login.py" line="185"/>
        <source>Cashier</source>
        <translation>Kasir</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="186"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="187"/>
        <source>Manager</source>
        <translation>Manajer</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="203"/>
        <location filename="../ui/login.py" line="442"/>
        <source>PIN for %1</source>
        <translation>PIN untuk %1</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="230"/>
        <source>Locked. %1, enter your PIN to continue the sale.</source>
        <translation>Terkunci. %1, masukkan PIN Anda untuk melanjutkan transaksi.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="245"/>
        <source>Cancel unlock</source>
        <translation>Batal buka kunci</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="247"/>
        <source>Unlock (manager)</source>
        <translation>Buka kunci (manajer)</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="281"/>
        <source>Manager PIN to unlock %1</source>
        <translation>PIN manajer untuk membuka kunci %1</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="283"/>
        <source>PIN of %1 to unlock %2</source>
        <translation>PIN %1 untuk membuka kunci %2</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="287"/>
        <source>A manager taps their own name and types their PIN.</source>
        <translation>Manajer menekan namanya sendiri lalu mengetik PIN-nya.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="313"/>
        <source>%1 is unlocked.</source>
        <translation>%1 tidak terkunci lagi.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="392"/>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN salah. Coba lagi.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="399"/>
        <source>Wrong PIN. Locked: try again in %1.</source>
        <translation>PIN salah. Terkunci: coba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="401"/>
        <source>Locked after wrong PINs: try again in %1.</source>
        <translation>Terkunci karena PIN salah: coba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="432"/>
        <source>Cashier login</source>
        <translation>Masuk Kasir</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="433"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="434"/>
        <source>Log in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="444"/>
        <source>Choose your name</source>
        <translation>Pilih nama Anda</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="259"/>
        <source>Cashier</source>
        <translation>Kasir</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="261"/>
        <source>Till %1</source>
        <translation>Mesin kasir %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="263"/>
        <source>Cashier: %1</source>
        <translation>Kasir: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="266"/>
        <source>Switch language</source>
        <translation>Ganti bahasa</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../ui/messages.py" line="30"/>
        <source>Scan or type a barcode first.</source>
        <translation>Pindai atau ketik barcode terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="31"/>
        <source>“{text}” is not a quantity. Type it as 3*barcode.</source>
        <translation>“{text}” bukan jumlah. Ketik seperti 3*barcode.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="34"/>
        <source>{name} is not sold by weight; this scale label cannot be used.</source>
        <translation>{name} tidak dijual per berat; label timbangan ini tidak bisa dipakai.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="37"/>
        <source>Barcode {barcode} has a wrong check digit. Scan it again.</source>
        <translation>Barcode {barcode} salah (check digit tidak cocok). Pindai ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="40"/>
        <source>Product not found: {barcode}</source>
        <translation>Produk tidak ditemukan: {barcode}</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="42"/>
        <source>That quantity is not a number.</source>
        <translation>Jumlah itu bukan angka.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="43"/>
        <source>Quantity must be more than zero.</source>
        <translation>Jumlah harus lebih dari nol.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="44"/>
        <source>This item is sold per piece: type a whole quantity.</source>
        <translation>Barang ini dijual per buah: ketik jumlah bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="47"/>
        <source>Quantity too large (at most {maximum}).</source>
        <translation>Jumlah terlalu besar (maksimal {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="48"/>
        <source>The price of this item is not valid.</source>
        <translation>Harga barang ini tidak valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="49"/>
        <source>A discount cannot be negative.</source>
        <translation>Diskon tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="50"/>
        <source>A discount cannot be more than 100%.</source>
        <translation>Diskon tidak boleh lebih dari 100%.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="53"/>
        <source>That discount is not valid.</source>
        <translation>Diskon itu tidak valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="54"/>
        <source>The discount is larger than the line amount.</source>
        <translation>Diskon lebih besar dari jumlah baris.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="57"/>
        <source>That line is no longer in the cart.</source>
        <translation>Baris itu sudah tidak ada di keranjang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="59"/>
        <source>The cart is empty.</source>
        <translation>Keranjang kosong.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="60"/>
        <source>The total is zero; nothing to pay.</source>
        <translation>Total nol; tidak ada yang perlu dibayar.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="61"/>
        <source>Payment has started: cancel the payment to change the cart.</source>
        <translation>Pembayaran sudah dimulai: batalkan pembayaran untuk mengubah keranjang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="64"/>
        <source>Receipt {receipt_no} not found.</source>
        <translation>Struk {receipt_no} tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="65"/>
        <source>Not fully paid yet: {remaining} remaining.</source>
        <translation>Belum lunas: kurang {remaining}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="68"/>
        <source>The total changed during payment. Start the payment again.</source>
        <translation>Total berubah saat pembayaran. Ulangi pembayaran.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="71"/>
        <location filename="../ui/messages.py" line="287"/>
        <source>The amount must be more than zero.</source>
        <translation>Nominal harus lebih dari nol.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="72"/>
        <source>That amount is too large.</source>
        <translation>Nominal terlalu besar.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="73"/>
        <source>The sale is already fully paid.</source>
        <translation>Transaksi sudah lunas.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="74"/>
        <source>Only cash can be more than what is due ({remaining}).</source>
        <translation>Hanya tunai yang boleh melebihi sisa tagihan ({remaining}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="77"/>
        <source>Type the approval code from the EDC slip (letters and digits).</source>
        <translation>Ketik kode approval dari slip EDC (huruf dan angka).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="80"/>
        <source>Type the last 4 digits of the card number.</source>
        <translation>Ketik 4 digit terakhir nomor kartu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="83"/>
        <source>Type the payment reference (letters and digits).</source>
        <translation>Ketik nomor referensi pembayaran (huruf dan angka).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="87"/>
        <source>The database is busy (locked by another program). Try again.</source>
        <translation>Database sedang sibuk (dikunci program lain). Coba lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="90"/>
        <source>The disk is full: the sale was not saved. Call store IT.</source>
        <translation>Disk penuh: transaksi tidak tersimpan. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="93"/>
        <source>The disk cannot be written: the sale was not saved. Call store IT.</source>
        <translation>Disk tidak bisa ditulisi: transaksi tidak tersimpan. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="96"/>
        <source>The database is damaged: the sale was not saved. Call store IT.</source>
        <translation>Database rusak: transaksi tidak tersimpan. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="99"/>
        <source>The database was made by a newer version of the till ({revision}). Call store IT.</source>
        <translation>Database dibuat oleh versi aplikasi kasir yang lebih baru ({revision}). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="103"/>
        <source>Unexpected error; nothing was changed. Try again or call store IT.</source>
        <translation>Terjadi kesalahan; tidak ada yang berubah. Coba lagi atau hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="106"/>
        <source>The sale is saved but the receipt was not printed ({reason}). Press F10.</source>
        <translation>Transaksi tersimpan tetapi struk tidak tercetak ({reason}). Tekan F10.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="110"/>
        <source>The receipt printer is not connected. Sales are saved; receipts wait to be reprinted.</source>
        <translation>Printer struk tidak tersambung. Penjualan tetap tersimpan; struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="114"/>
        <source>The printer is out of paper: load a new roll. The receipt waits to be reprinted.</source>
        <translation>Kertas printer habis: pasang gulungan baru. Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="118"/>
        <source>The printer&apos;s paper roll is nearly finished.</source>
        <translation>Gulungan kertas printer hampir habis.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="121"/>
        <source>The printer cover is open: close it. The receipt waits to be reprinted.</source>
        <translation>Tutup printer terbuka: tutup kembali. Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="124"/>
        <source>The printer is offline (off or in error). The receipt waits to be reprinted.</source>
        <translation>Printer offline (mati atau galat). Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="127"/>
        <source>The printer reports an error (paper jam or cutter). Call store IT.</source>
        <translation>Printer melaporkan galat (kertas macet atau pemotong). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="130"/>
        <source>The receipt could not be sent to the printer ({reason}). It waits to be reprinted.</source>
        <translation>Struk tidak dapat dikirim ke printer ({reason}). Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="134"/>
        <source>The cash drawer is not connected.</source>
        <translation>Laci kas tidak tersambung.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="135"/>
        <source>Opening the cash drawer without a sale needs a supervisor&apos;s approval.</source>
        <translation>Membuka laci kas tanpa transaksi memerlukan persetujuan supervisor.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="138"/>
        <source>The barcode scanner is not connected. Type the code or use the search.</source>
        <translation>Scanner barcode tidak tersambung. Ketik kodenya atau gunakan pencarian.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="141"/>
        <source>The customer display is not connected.</source>
        <translation>Layar pelanggan tidak tersambung.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="142"/>
        <source>The scale is not connected.</source>
        <translation>Timbangan tidak tersambung.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="143"/>
        <source>The scale does not answer. Check its cable and that it is on.</source>
        <translation>Timbangan tidak menjawab. Periksa kabelnya dan pastikan timbangan menyala.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="146"/>
        <source>The scale&apos;s answer cannot be read ({reply}). Call store IT.</source>
        <translation>Jawaban timbangan tidak terbaca ({reply}). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="149"/>
        <source>The weight is not steady yet. Wait a moment and weigh again.</source>
        <translation>Berat belum stabil. Tunggu sebentar lalu timbang lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="152"/>
        <source>Too heavy for the scale. Weigh it in smaller parts.</source>
        <translation>Terlalu berat untuk timbangan. Timbang dalam beberapa bagian.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="155"/>
        <source>The scale shows less than zero: empty it and set it to zero.</source>
        <translation>Timbangan menunjukkan kurang dari nol: kosongkan lalu nolkan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="158"/>
        <source>Nothing is on the scale.</source>
        <translation>Tidak ada barang di timbangan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="159"/>
        <source>Typing a weight by hand needs a manager.</source>
        <translation>Mengetik berat secara manual memerlukan manajer.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="162"/>
        <source>No {device} is set up on this till (config file, [devices]).</source>
        <translation>Tidak ada {device} yang dipasang di kasir ini (file konfigurasi, [devices]).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="166"/>
        <source>A PIN is {min_length} to {max_length} digits.</source>
        <translation>PIN terdiri dari {min_length} sampai {max_length} angka.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="167"/>
        <source>This till has no store settings yet. Call store IT.</source>
        <translation>Mesin kasir ini belum punya pengaturan toko. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="170"/>
        <source>The rounding step must be one of {allowed}.</source>
        <translation>Kelipatan pembulatan harus salah satu dari {allowed}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="173"/>
        <source>The till is already running (process {pid}); use that window.</source>
        <translation>Aplikasi kasir sudah berjalan (proses {pid}); gunakan jendela itu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="177"/>
        <source>There is no database at {path} to back up.</source>
        <translation>Tidak ada database di {path} untuk dicadangkan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="180"/>
        <source>{path} already exists; choose another backup file.</source>
        <translation>{path} sudah ada; pilih file cadangan lain.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="183"/>
        <source>The backup failed its integrity check ({detail}). Call store IT.</source>
        <translation>Cadangan gagal pemeriksaan integritas ({detail}). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="187"/>
        <source>Cannot keep the till&apos;s cloud credential: {reason}. Either set up an OS keyring (Windows Credential Locker, macOS Keychain, or Secret Service on Linux), or add [sync] credential_store = &quot;file&quot; to {config} to keep it in a file only this user can read.</source>
        <translation>Kredensial cloud kasir tidak dapat disimpan: {reason}. Siapkan keyring OS (Windows Credential Locker, macOS Keychain, atau Secret Service di Linux), atau tambahkan [sync] credential_store = &quot;file&quot; ke {config} agar disimpan di berkas yang hanya bisa dibaca pengguna ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="194"/>
        <source>“{url}” is not a server address. Type it as https://host[:port].</source>
        <translation>“{url}” bukan alamat server. Ketik sebagai https://host[:port].</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="197"/>
        <source>The cloud at {url} must be reached over https (plain http only on this PC).</source>
        <translation>Cloud di {url} harus dihubungi lewat https (http biasa hanya di PC ini).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="200"/>
        <source>The certificate file {path} named in [sync] ca_bundle does not exist.</source>
        <translation>Berkas sertifikat {path} yang disebut di [sync] ca_bundle tidak ada.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="203"/>
        <source>The cloud at {url} does not answer ({reason}). Check the network.</source>
        <translation>Cloud di {url} tidak menjawab ({reason}). Periksa jaringan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="206"/>
        <source>The cloud refused the enrollment code ({reason}). Ask the owner for a new one.</source>
        <translation>Cloud menolak kode pendaftaran ({reason}). Minta kode baru kepada pemilik.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="209"/>
        <source>The cloud answered with an error ({reason}). Try again later.</source>
        <translation>Cloud menjawab dengan kesalahan ({reason}). Coba lagi nanti.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="212"/>
        <source>Type the cloud&apos;s address, for example https://cloud.example.co.id.</source>
        <translation>Ketik alamat cloud, misalnya https://cloud.example.co.id.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="215"/>
        <source>Type the enrollment code from the owner&apos;s back office (XXXX-XXXX).</source>
        <translation>Ketik kode pendaftaran dari back office pemilik (XXXX-XXXX).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="219"/>
        <source>Select a line in the cart first.</source>
        <translation>Pilih baris di keranjang terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="220"/>
        <source>“{text}” is not a quantity.</source>
        <translation>“{text}” bukan jumlah.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="221"/>
        <source>“{text}” is not an amount.</source>
        <translation>“{text}” bukan nominal.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="222"/>
        <source>“{text}” is not a discount. Type 10% or an amount.</source>
        <translation>“{text}” bukan diskon. Ketik 10% atau nominal.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="225"/>
        <source>No sale yet on this till.</source>
        <translation>Belum ada transaksi di mesin kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="226"/>
        <source>Finish or cancel the sale before logging out.</source>
        <translation>Selesaikan atau batalkan transaksi sebelum keluar.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="227"/>
        <source>No cash drawer is connected to this till.</source>
        <translation>Tidak ada laci kas yang terhubung ke mesin kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="230"/>
        <source>No product matches “{text}”.</source>
        <translation>Tidak ada produk yang cocok dengan “{text}”.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="231"/>
        <source>Only {remaining} of “{name}” can still be returned.</source>
        <translation>Hanya {remaining} “{name}” yang masih bisa diretur.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="234"/>
        <source>The quantity to return for “{name}” must be more than zero.</source>
        <translation>Jumlah retur “{name}” harus lebih dari nol.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="237"/>
        <source>“{name}” is counted in whole pieces; return a whole number.</source>
        <translation>“{name}” dihitung per buah; masukkan bilangan bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="240"/>
        <source>That is not a valid quantity for “{name}” (at most three decimals).</source>
        <translation>Jumlah untuk “{name}” tidak valid (maksimal tiga desimal).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="243"/>
        <source>The receipt has no line {line_no}.</source>
        <translation>Struk ini tidak punya baris {line_no}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="244"/>
        <source>Choose at least one item to return.</source>
        <translation>Pilih minimal satu barang untuk diretur.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="245"/>
        <source>Receipt {receipt_no} belongs to another store; it can only be refunded there.</source>
        <translation>Struk {receipt_no} milik toko lain; retur hanya bisa di toko tersebut.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="248"/>
        <source>Type or scan the receipt number.</source>
        <translation>Ketik atau pindai nomor struk.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="249"/>
        <source>No sale with receipt {receipt_no} in this store.</source>
        <translation>Tidak ada penjualan dengan struk {receipt_no} di toko ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="252"/>
        <source>Receipt {receipt_no} is not on this till and the cloud cannot be reached; try again when online, or at the till that sold it.</source>
        <translation>Struk {receipt_no} tidak ada di kasir ini dan server tidak terjangkau; coba lagi saat online, atau di kasir yang menjualnya.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="256"/>
        <source>The till&apos;s database is older than this program; start the till once to upgrade it, then verify again.</source>
        <translation>Database kasir lebih lama dari program ini; jalankan kasir sekali untuk memperbaruinya, lalu periksa lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="260"/>
        <source>You are not allowed to do this ({permission}); a supervisor or manager must approve.</source>
        <translation>Anda tidak berwenang melakukan ini ({permission}); supervisor atau manajer harus menyetujui.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="264"/>
        <source>You cannot approve your own request; another supervisor or manager must.</source>
        <translation>Anda tidak bisa menyetujui permintaan sendiri; supervisor atau manajer lain harus menyetujui.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="267"/>
        <source>This person may not approve this ({permission}).</source>
        <translation>Orang ini tidak berwenang menyetujui ini ({permission}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="270"/>
        <source>Unknown role: {role}.</source>
        <translation>Peran tidak dikenal: {role}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="271"/>
        <source>Managers must keep the right to change settings, or nobody could change them back.</source>
        <translation>Manajer harus tetap boleh mengubah pengaturan, agar pengaturan selalu bisa diubah kembali.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="275"/>
        <source>The count for {denomination} must be a whole number.</source>
        <translation>Jumlah {denomination} harus bilangan bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="278"/>
        <source>The count for {denomination} cannot be negative.</source>
        <translation>Jumlah {denomination} tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="281"/>
        <source>Too many pieces of {denomination} (at most {maximum}).</source>
        <translation>Jumlah {denomination} terlalu banyak (maksimal {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="284"/>
        <source>Unknown denomination: {denomination}.</source>
        <translation>Pecahan tidak dikenal: {denomination}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="288"/>
        <source>The amount is too large (at most {max_amount}).</source>
        <translation>Jumlah terlalu besar (maksimal {max_amount}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="291"/>
        <location filename="../ui/messages.py" line="324"/>
        <source>Choose a reason.</source>
        <translation>Pilih alasan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="292"/>
        <source>Unknown reason: {reason}.</source>
        <translation>Alasan tidak dikenal: {reason}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="293"/>
        <source>Write a note when the reason is &apos;Other&apos;.</source>
        <translation>Tulis catatan untuk alasan &apos;Lainnya&apos;.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="294"/>
        <location filename="../ui/messages.py" line="314"/>
        <source>The note is too long (at most {maximum} characters).</source>
        <translation>Catatan terlalu panjang (maksimal {maximum} karakter).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="297"/>
        <source>The drawer should hold only {available}; you cannot take out more.</source>
        <translation>Laci seharusnya hanya berisi {available}; tidak bisa mengambil lebih dari itu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="300"/>
        <source>The opening float must be a whole amount.</source>
        <translation>Kas awal harus berupa jumlah bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="303"/>
        <source>The opening float cannot be negative.</source>
        <translation>Kas awal tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="304"/>
        <source>The opening float is too large (at most {max_amount}).</source>
        <translation>Kas awal terlalu besar (maksimal {max_amount}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="307"/>
        <source>A shift is already open (opened by {opened_by}).</source>
        <translation>Shift sudah dibuka (oleh {opened_by}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="310"/>
        <source>No shift is open. Open a shift first.</source>
        <translation>Belum ada shift yang dibuka. Buka shift terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="311"/>
        <source>Count the cash before closing the shift.</source>
        <translation>Hitung uang kas sebelum menutup shift.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="317"/>
        <source>The counted amount for {tender} cannot be negative.</source>
        <translation>Jumlah hitungan untuk {tender} tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="320"/>
        <source>The report is saved but was not printed ({reason}).</source>
        <translation>Laporan tersimpan tetapi tidak tercetak ({reason}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="323"/>
        <source>Choose who approves.</source>
        <translation>Pilih siapa yang menyetujui.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="325"/>
        <source>{name} is locked after wrong PINs: try again in {seconds} s.</source>
        <translation>{name} terkunci karena PIN salah: coba lagi dalam {seconds} detik.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="328"/>
        <source>No supervisor or manager may approve this.</source>
        <translation>Tidak ada supervisor atau manajer yang boleh menyetujui ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="331"/>
        <source>This approver is not active on this till.</source>
        <translation>Penyetuju ini tidak aktif di kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="334"/>
        <source>Wrong approver PIN. Nothing was changed.</source>
        <translation>PIN penyetuju salah. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="335"/>
        <source>Wait until the scans and the weighing are finished.</source>
        <translation>Tunggu sampai pemindaian dan penimbangan selesai.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="338"/>
        <source>Park or finish the current sale first.</source>
        <translation>Tunda atau selesaikan transaksi ini dulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="339"/>
        <source>Choose a parked sale first.</source>
        <translation>Pilih transaksi yang ditunda dulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="340"/>
        <source>This parked sale was already recalled.</source>
        <translation>Transaksi yang ditunda ini sudah dipanggil.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="341"/>
        <source>Too many parked sales (at most {maximum}).</source>
        <translation>Terlalu banyak transaksi ditunda (paling banyak {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="342"/>
        <source>This parked sale cannot be read.</source>
        <translation>Transaksi yang ditunda ini tidak dapat dibaca.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="343"/>
        <source>Not available on this till.</source>
        <translation>Tidak tersedia di kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="344"/>
        <source>The discount limit must be 0 to 100%.</source>
        <translation>Batas diskon harus 0 sampai 100%.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="347"/>
        <source>The grace period must be 0 to {maximum} seconds.</source>
        <translation>Masa tenggang harus 0 sampai {maximum} detik.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="350"/>
        <source>{name} is not locked.</source>
        <translation>{name} tidak terkunci.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="351"/>
        <source>Unknown or inactive user.</source>
        <translation>Pengguna tidak dikenal atau tidak aktif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="354"/>
        <source>Something went wrong (code {code}).</source>
        <translation>Terjadi kesalahan (kode {code}).</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="190"/>
        <location filename="../ui/shift_dialogs.py" line="193"/>
        <source>Open shift</source>
        <translation>Buka shift</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="191"/>
        <source>Opening float (cash in the drawer now):</source>
        <translation>Kas awal (uang di laci saat ini):</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="192"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <location filename="../ui/pairing_dialog.py" line="161"/>
        <source>Contacting the cloud at %1…</source>
        <translation>Menghubungi cloud di %1…</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="199"/>
        <source>Paired with %1: store %2, till %3. Sales now go to the cloud.</source>
        <translation>Terhubung dengan %1: toko %2, mesin kasir %3. Penjualan kini dikirim ke cloud.</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="206"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="254"/>
        <source>Pair this till with the cloud</source>
        <translation>Hubungkan mesin kasir ini dengan cloud</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="257"/>
        <source>Type the cloud&apos;s address and the enrollment code from the owner&apos;s back office. The till sells without the cloud too: close this to pair later.</source>
        <translation>Ketik alamat cloud dan kode pendaftaran dari back office pemilik. Mesin kasir tetap bisa berjualan tanpa cloud: tutup jendela ini untuk menghubungkan nanti.</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="262"/>
        <source>Server address</source>
        <translation>Alamat server</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="263"/>
        <source>Enrollment code</source>
        <translation>Kode pendaftaran</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="264"/>
        <source>Till code (optional)</source>
        <translation>Kode mesin kasir (opsional)</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="265"/>
        <source>Name (optional)</source>
        <translation>Nama (opsional)</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="269"/>
        <source>Pair</source>
        <translation>Hubungkan</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="271"/>
        <source>Not now</source>
        <translation>Nanti saja</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="319"/>
        <source>Ask a manager or supervisor to pair this till with the cloud.</source>
        <translation>Minta manajer atau supervisor untuk menghubungkan mesin kasir ini dengan cloud.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../ui/payment_dialog.py" line="340"/>
        <source>Fully paid. Press Enter to finish.</source>
        <translation>Sudah lunas. Tekan Enter untuk selesai.</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="382"/>
        <source>Saving the sale…</source>
        <translation>Menyimpan transaksi…</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="485"/>
        <source>Payment</source>
        <translation>Pembayaran</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="486"/>
        <source>Total due</source>
        <translation>Total tagihan</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="487"/>
        <source>Paid</source>
        <translation>Dibayar</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="488"/>
        <source>Remaining</source>
        <translation>Sisa</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="489"/>
        <source>Change</source>
        <translation>Kembalian</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="490"/>
        <source>Cash amount received</source>
        <translation>Uang tunai diterima</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="491"/>
        <source>Type the amount, Enter</source>
        <translation>Ketik nominal, Enter</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="492"/>
        <source>Card (bank EDC)</source>
        <translation>Kartu (EDC bank)</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="493"/>
        <location filename="../ui/payment_dialog.py" line="497"/>
        <location filename="../ui/payment_dialog.py" line="501"/>
        <source>Amount</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="494"/>
        <source>Approval code</source>
        <translation>Kode approval</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="495"/>
        <source>Last 4 digits</source>
        <translation>4 digit terakhir</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="498"/>
        <location filename="../ui/payment_dialog.py" line="502"/>
        <source>Reference</source>
        <translation>Referensi</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="459"/>
        <location filename="../ui/payment_dialog.py" line="499"/>
        <location filename="../ui/payment_dialog.py" line="506"/>
        <source>E-wallet</source>
        <translation>E-Wallet</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="500"/>
        <source>Provider</source>
        <translation>Penyedia</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="452"/>
        <location filename="../ui/payment_dialog.py" line="503"/>
        <source>Cash</source>
        <translation>Tunai</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="455"/>
        <location filename="../ui/payment_dialog.py" line="504"/>
        <source>Card</source>
        <translation>Kartu</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="507"/>
        <source>Remove payment</source>
        <translation>Hapus pembayaran</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="508"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="509"/>
        <source>Finish</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>PermissionsDialog</name>
    <message>
        <location filename="../ui/permissions_dialog.py" line="184"/>
        <source>Permissions</source>
        <translation>Hak akses</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="189"/>
        <source>Cashier discount limit</source>
        <translation>Batas diskon kasir</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="190"/>
        <source>Free line removal within</source>
        <translation>Hapus baris tanpa persetujuan dalam</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="191"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="192"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <location filename="../ui/receipt_preview.py" line="135"/>
        <source>Last receipt</source>
        <translation>Struk terakhir</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="136"/>
        <source>Reprint</source>
        <translation>Cetak ulang</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="137"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../ui/refund_dialog.py" line="225"/>
        <source>Receipt {receipt} · {date} · {cashier} · total {total}</source>
        <translation>Struk {receipt} · {date} · {cashier} · total {total}</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="237"/>
        <source>Everything on this receipt was already returned.</source>
        <translation>Semua barang di struk ini sudah diretur.</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="240"/>
        <source>Offline: returns made on other tills may not be known yet.</source>
        <translation>Offline: retur di kasir lain mungkin belum diketahui.</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="316"/>
        <source>To refund: {amount}</source>
        <translation>Total retur: {amount}</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="409"/>
        <source>Return / refund</source>
        <translation>Retur / pengembalian</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="410"/>
        <source>Receipt number, or scan the receipt&apos;s QR code</source>
        <translation>Nomor struk, atau pindai kode QR struk</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="411"/>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Item</source>
        <translation>Barang</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Sold</source>
        <translation>Terjual</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Returned</source>
        <translation>Sudah diretur</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="413"/>
        <source>Return now</source>
        <translation>Retur sekarang</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="415"/>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="416"/>
        <source>To original payment</source>
        <translation>Ke pembayaran asal</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="417"/>
        <source>All in cash</source>
        <translation>Semua tunai</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="418"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="422"/>
        <source>Customer changed their mind</source>
        <translation>Pelanggan berubah pikiran</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="423"/>
        <source>Wrong item</source>
        <translation>Barang salah</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="424"/>
        <source>Damaged</source>
        <translation>Rusak</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="425"/>
        <source>Price error</source>
        <translation>Harga salah</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="426"/>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="431"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="432"/>
        <source>Refund</source>
        <translation>Retur</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="597"/>
        <source>Report printed.</source>
        <translation>Laporan dicetak.</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="603"/>
        <source>%1 report %2</source>
        <translation>Laporan %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="605"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="606"/>
        <source>Print</source>
        <translation>Cetak</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../ui/sale_screen.py" line="537"/>
        <source>Weighing...</source>
        <translation>Menimbang...</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="635"/>
        <source>Type the weight of %1 in kg.</source>
        <translation>Ketik berat %1 dalam kg.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="637"/>
        <source>The scale could not weigh %1. Type its weight in kg.</source>
        <translation>Timbangan tidak dapat menimbang %1. Ketik beratnya dalam kg.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="649"/>
        <source>Weight</source>
        <translation>Berat</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="743"/>
        <source>Quantity</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="744"/>
        <source>New quantity for %1</source>
        <translation>Jumlah baru untuk %1</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="919"/>
        <source>Line discount</source>
        <translation>Diskon baris</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="920"/>
        <source>Discount for %1: type 10% or an amount. Empty removes it.</source>
        <translation>Diskon untuk %1: ketik 10% atau nominal. Kosongkan untuk menghapus.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="835"/>
        <location filename="../ui/sale_screen.py" line="938"/>
        <source>Order discount</source>
        <translation>Diskon transaksi</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="939"/>
        <source>Discount on the whole sale: type 10% or an amount. Empty removes it.</source>
        <translation>Diskon untuk seluruh transaksi: ketik 10% atau nominal. Kosongkan untuk menghapus.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="995"/>
        <source>Sale cancelled.</source>
        <translation>Transaksi dibatalkan.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="975"/>
        <source>Press Cancel again to void this sale.</source>
        <translation>Tekan Batal sekali lagi untuk membatalkan transaksi ini.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="363"/>
        <source>Park sale</source>
        <translation>Tunda transaksi</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="365"/>
        <source>Recall parked sale</source>
        <translation>Panggil transaksi</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="368"/>
        <location filename="../ui/sale_screen.py" line="869"/>
        <source>Change price</source>
        <translation>Ubah harga</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="370"/>
        <source>Permissions</source>
        <translation>Hak akses</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="870"/>
        <source>New unit price for %1 (now %2)</source>
        <translation>Harga satuan baru untuk %1 (sekarang %2)</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1027"/>
        <source>Sale parked. F3 recalls it.</source>
        <translation>Transaksi ditunda. Tekan F3 untuk memanggilnya.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1077"/>
        <source>Parked sale recalled.</source>
        <translation>Transaksi yang ditunda sudah dipanggil.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1122"/>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1306"/>
        <source>Total %1  ·  Paid %2</source>
        <translation>Total %1  ·  Dibayar %2</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1314"/>
        <source>Sale %1 saved.</source>
        <translation>Transaksi %1 tersimpan.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1343"/>
        <source>Receipt %1 reprinted (copy).</source>
        <translation>Struk %1 dicetak ulang (salinan).</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sale_screen.py" line="1398"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
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
        <translation>Pindai barcode, atau ketik 3*kode lalu Enter</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1448"/>
        <source>Search product</source>
        <translation>Cari produk</translation>
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
        <translation>Diskon</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1451"/>
        <source>Tax</source>
        <translation>Pajak</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1452"/>
        <source>Rounding</source>
        <translation>Pembulatan</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1453"/>
        <location filename="../ui/sale_screen.py" line="1465"/>
        <source>Qty</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1455"/>
        <source>Order disc.</source>
        <translation>Diskon total</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1456"/>
        <source>Receipt</source>
        <translation>Struk</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1457"/>
        <source>Cash drawer</source>
        <translation>Laci kas</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="971"/>
        <location filename="../ui/sale_screen.py" line="1458"/>
        <source>Cancel sale</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1459"/>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1460"/>
        <source>Log out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1461"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1464"/>
        <source>Pay</source>
        <translation>Bayar</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1466"/>
        <source>Delete line</source>
        <translation>Hapus baris</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="1467"/>
        <source>Change</source>
        <translation>Kembalian</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../ui/search_dialog.py" line="235"/>
        <source>Search product</source>
        <translation>Cari produk</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Type a name, SKU or barcode</source>
        <translation>Ketik nama, SKU atau barcode</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>Price</source>
        <translation>Harga</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="238"/>
        <source>↑↓ choose · Enter add · Esc back</source>
        <translation>↑↓ pilih · Enter tambah · Esc kembali</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="239"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="240"/>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
</context>
<context>
    <name>StoreOperations</name>
    <message>
        <location filename="../ui/store_operations.py" line="62"/>
        <source>Cash in</source>
        <translation>Kas masuk</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="67"/>
        <source>Cash out</source>
        <translation>Kas keluar</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="72"/>
        <source>X report</source>
        <translation>Laporan X</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="77"/>
        <source>Close shift (Z)</source>
        <translation>Tutup shift (Z)</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="84"/>
        <source>Return / refund</source>
        <translation>Retur / pengembalian</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="144"/>
        <source>Shift open with %1 in the drawer.</source>
        <translation>Shift dibuka dengan %1 di laci.</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="166"/>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="257"/>
        <source>Refund %1: %2 given back.</source>
        <translation>Retur %1: %2 dikembalikan.</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../ui/sync_status.py" line="49"/>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="51"/>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="55"/>
        <source>%1 h</source>
        <translation>%1 jam</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="58"/>
        <source>%1 days</source>
        <translation>%1 hari</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="96"/>
        <source>Cloud: not paired</source>
        <translation>Cloud: belum terhubung</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="97"/>
        <source>Cloud: connecting…</source>
        <translation>Cloud: menghubungkan…</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="98"/>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="99"/>
        <source>Syncing…</source>
        <translation>Menyinkronkan…</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="100"/>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="101"/>
        <source>Cloud error</source>
        <translation>Cloud bermasalah</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="102"/>
        <source>Cloud refused this till</source>
        <translation>Cloud menolak kasir ini</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="103"/>
        <source>Sync stopped</source>
        <translation>Sinkronisasi berhenti</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="116"/>
        <source>%1 unsent</source>
        <translation>%1 belum terkirim</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="118"/>
        <source>(oldest %1)</source>
        <translation>(terlama %1)</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="121"/>
        <source>all sales sent</source>
        <translation>semua terkirim</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="123"/>
        <source>%1 need attention</source>
        <translation>%1 perlu diperiksa</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="141"/>
        <source>Sales older than 24 hours are not in the cloud yet: connect the till.</source>
        <translation>Penjualan lebih dari 24 jam belum masuk cloud: sambungkan kasir ke internet.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="145"/>
        <source>Last contact: %1</source>
        <translation>Kontak terakhir: %1</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="149"/>
        <source>Click to pair this till with the cloud.</source>
        <translation>Klik untuk menghubungkan mesin kasir ini dengan cloud.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="151"/>
        <source>Click to sync now.</source>
        <translation>Klik untuk sinkron sekarang.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="164"/>
        <source>%1 sales are not in the cloud yet. They are kept safely on this till and will be sent when it is online again.</source>
        <translation>%1 penjualan belum masuk cloud. Semuanya tersimpan aman di kasir ini dan akan dikirim saat kasir daring kembali.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="189"/>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <location filename="../ui/dialogs.py" line="100"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/dialogs.py" line="101"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
</TS>
