<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en_US">
<context>
    <name>Approval</name>
    <message>
        <location filename="../ui/approval.py" line="66"/>
        <source>Discount above the limit</source>
        <translation>Diskon melebihi batas</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="69"/>
        <source>Change a price</source>
        <translation>Ubah harga</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="70"/>
        <source>Remove a line after the grace period</source>
        <translation>Hapus baris setelah masa tenggang</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="73"/>
        <source>Refund</source>
        <translation>Retur</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="74"/>
        <source>Open the drawer without a sale</source>
        <translation>Buka laci tanpa transaksi</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="77"/>
        <source>Reprint a receipt</source>
        <translation>Cetak ulang struk</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="78"/>
        <source>Take cash out</source>
        <translation>Ambil kas</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="79"/>
        <source>Close the shift</source>
        <translation>Tutup shift</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="80"/>
        <source>Change settings</source>
        <translation>Ubah pengaturan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="81"/>
        <source>Type a weight</source>
        <translation>Ketik berat</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="82"/>
        <source>Unlock a user</source>
        <translation>Buka kunci pengguna</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="83"/>
        <source>Pair the till with the cloud</source>
        <translation>Hubungkan mesin kasir dengan cloud</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="92"/>
        <source>Customer changed their mind</source>
        <translation>Pelanggan berubah pikiran</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="95"/>
        <source>Wrong item</source>
        <translation>Barang salah</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="96"/>
        <source>Damaged goods</source>
        <translation>Barang rusak</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="97"/>
        <source>Wrong price</source>
        <translation>Harga salah</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="98"/>
        <source>Promotion</source>
        <translation>Promosi</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="99"/>
        <source>Loyal customer</source>
        <translation>Pelanggan setia</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="100"/>
        <source>Change for a customer</source>
        <translation>Tukar uang untuk pelanggan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="103"/>
        <source>Petty cash</source>
        <translation>Kas kecil</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="104"/>
        <source>Scale fault</source>
        <translation>Timbangan rusak</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="105"/>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="112"/>
        <source>Cashier</source>
        <translation>Kasir</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="113"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="114"/>
        <source>Manager</source>
        <translation>Manajer</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../ui/approval.py" line="323"/>
        <source>Approval</source>
        <translation>Persetujuan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="325"/>
        <source>%1 needs approval: %2</source>
        <translation>%1 perlu persetujuan: %2</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="332"/>
        <source>Supervisor or manager</source>
        <translation>Supervisor atau manajer</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="334"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="336"/>
        <source>Reason (as chosen by the cashier)</source>
        <translation>Alasan (pilihan kasir)</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="337"/>
        <source>PIN of the approver</source>
        <translation>PIN penyetuju</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="338"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/approval.py" line="339"/>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
</context>
<context>
    <name>BackupStatus</name>
    <message>
        <location filename="../ui/backup_status.py" line="63"/>
        <source>Backup failed</source>
        <translation>Cadangan gagal</translation>
    </message>
    <message>
        <location filename="../ui/backup_status.py" line="67"/>
        <source>Shown until the next backup succeeds.</source>
        <translation>Tampil sampai pencadangan berikutnya berhasil.</translation>
    </message>
    <message>
        <location filename="../ui/backup_status.py" line="71"/>
        <source>New receipt series from %1</source>
        <translation>Seri struk baru mulai %1</translation>
    </message>
    <message>
        <location filename="../ui/backup_status.py" line="76"/>
        <source>This till was restored from a backup without reaching the cloud, so its receipt numbers continue in a new series that cannot repeat an earlier number. The next receipt is %1.</source>
        <translation>Kasir ini dipulihkan dari cadangan tanpa terhubung ke cloud, jadi nomor struknya berlanjut di seri baru yang tidak bisa mengulang nomor sebelumnya. Struk berikutnya %1.</translation>
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
        <location filename="../ui/shift_dialogs.py" line="305"/>
        <source>Cash in / out</source>
        <translation>Kas masuk / keluar</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="306"/>
        <source>Cash in</source>
        <translation>Kas masuk</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="307"/>
        <source>Cash out</source>
        <translation>Kas keluar</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="308"/>
        <source>Amount</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="309"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="310"/>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="312"/>
        <source>Change fund</source>
        <translation>Modal kembalian</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="313"/>
        <source>Safe drop</source>
        <translation>Setor ke brankas</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="314"/>
        <source>Petty cash</source>
        <translation>Kas kecil</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="315"/>
        <source>Supplier payment</source>
        <translation>Pembayaran pemasok</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="316"/>
        <source>Other (note required)</source>
        <translation>Lainnya (wajib isi catatan)</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="320"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="321"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message numerus="yes">
        <location filename="../ui/shift_dialogs.py" line="468"/>
        <source>%n sale(s) not yet sent to the cloud; the Z report will say so.</source>
        <translation>
            <numerusform>%n penjualan belum terkirim ke cloud; laporan Z akan mencatatnya.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="518"/>
        <location filename="../ui/shift_dialogs.py" line="531"/>
        <source>Close shift</source>
        <translation>Tutup shift</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="519"/>
        <source>Count the drawer: pieces of each note and coin.</source>
        <translation>Hitung isi laci: jumlah lembar/keping tiap pecahan uang kertas dan koin.</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="521"/>
        <source>coin</source>
        <translation>koin</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="521"/>
        <source>note</source>
        <translation>kertas</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="525"/>
        <source>Counted</source>
        <translation>Hasil hitung</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="526"/>
        <source>Expected</source>
        <translation>Seharusnya</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="527"/>
        <source>Difference</source>
        <translation>Selisih</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="528"/>
        <source>Note (why there is a difference)</source>
        <translation>Catatan (alasan selisih)</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="529"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="530"/>
        <source>Check</source>
        <translation>Periksa</translation>
    </message>
</context>
<context>
    <name>DevicePanel</name>
    <message>
        <location filename="../ui/device_panel.py" line="171"/>
        <source>The printer is ready again. Receipts waiting: %1. Click the printer in the status bar to print them.</source>
        <translation>Printer siap lagi. Struk menunggu: %1. Klik printer di bilah status untuk mencetaknya.</translation>
    </message>
    <message>
        <location filename="../ui/device_panel.py" line="201"/>
        <source>Cash drawer opened.</source>
        <translation>Laci kas dibuka.</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../ui/device_settings.py" line="104"/>
        <source>Testing %1…</source>
        <translation>Menguji %1…</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="147"/>
        <source>Print waiting receipts (%1)</source>
        <translation>Cetak struk yang menunggu (%1)</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="152"/>
        <source>Devices</source>
        <translation>Perangkat</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="154"/>
        <source>Print a test receipt</source>
        <translation>Cetak struk uji</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="155"/>
        <source>Open the drawer</source>
        <translation>Buka laci kas</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="156"/>
        <source>Wait for a scan</source>
        <translation>Tunggu satu scan</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="157"/>
        <source>Show a test message</source>
        <translation>Tampilkan pesan uji</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="158"/>
        <source>Read the weight</source>
        <translation>Baca berat</translation>
    </message>
    <message>
        <location filename="../ui/device_settings.py" line="162"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>DeviceStatusBar</name>
    <message numerus="yes">
        <location filename="../ui/device_status.py" line="67"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n menunggu</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="70"/>
        <source>Drawer open</source>
        <translation>Laci terbuka</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="71"/>
        <source>The cash drawer is open.</source>
        <translation>Laci kas terbuka.</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="87"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="88"/>
        <source>Drawer</source>
        <translation>Laci kas</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="89"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="90"/>
        <source>Display</source>
        <translation>Layar pelanggan</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="91"/>
        <source>Scale</source>
        <translation>Timbangan</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="96"/>
        <source>paper low</source>
        <translation>kertas hampir habis</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="97"/>
        <source>paper out</source>
        <translation>kertas habis</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="98"/>
        <source>cover open</source>
        <translation>tutup terbuka</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="99"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="100"/>
        <source>error</source>
        <translation>galat</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="103"/>
        <source>ready</source>
        <translation>siap</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="105"/>
        <source>starting</source>
        <translation>menyambung</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="107"/>
        <source>not connected</source>
        <translation>tidak tersambung</translation>
    </message>
    <message>
        <location filename="../ui/device_status.py" line="108"/>
        <source>off</source>
        <translation>mati</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <location filename="../ui/held_dialog.py" line="86"/>
        <source>No parked sales.</source>
        <translation>Tidak ada transaksi yang ditunda.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/held_dialog.py" line="90"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="105"/>
        <source>Parked sales</source>
        <translation>Transaksi ditunda</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="106"/>
        <source>Choose the sale to continue</source>
        <translation>Pilih transaksi yang akan dilanjutkan</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="107"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/held_dialog.py" line="108"/>
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
        <location filename="../ui/login.py" line="237"/>
        <source>No staff on this till yet: they come from the cloud when the till syncs.</source>
        <translation>Belum ada petugas di kasir ini: datang dari cloud saat kasir sinkron.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="241"/>
        <source>Cashier</source>
        <translation>Kasir</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="242"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="243"/>
        <source>Manager</source>
        <translation>Manajer</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="259"/>
        <location filename="../ui/login.py" line="493"/>
        <source>PIN for %1</source>
        <translation>PIN untuk %1</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="286"/>
        <source>Locked. %1, enter your PIN to continue the sale.</source>
        <translation>Terkunci. %1, masukkan PIN Anda untuk melanjutkan transaksi.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="301"/>
        <source>Cancel unlock</source>
        <translation>Batal buka kunci</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="303"/>
        <source>Unlock (manager)</source>
        <translation>Buka kunci (manajer)</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="337"/>
        <source>Manager PIN to unlock %1</source>
        <translation>PIN manajer untuk membuka kunci %1</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="339"/>
        <source>PIN of %1 to unlock %2</source>
        <translation>PIN %1 untuk membuka kunci %2</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="343"/>
        <source>A manager taps their own name and types their PIN.</source>
        <translation>Manajer menekan namanya sendiri lalu mengetik PIN-nya.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="362"/>
        <source>%1 is unlocked.</source>
        <translation>%1 tidak terkunci lagi.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="442"/>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN salah. Coba lagi.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="449"/>
        <source>Wrong PIN. Locked: try again in %1.</source>
        <translation>PIN salah. Terkunci: coba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="451"/>
        <source>Locked after wrong PINs: try again in %1.</source>
        <translation>Terkunci karena PIN salah: coba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="482"/>
        <source>Cashier login</source>
        <translation>Masuk Kasir</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="483"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="484"/>
        <source>Log in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="485"/>
        <source>Change PIN</source>
        <translation>Ganti PIN</translation>
    </message>
    <message>
        <location filename="../ui/login.py" line="497"/>
        <source>Choose your name</source>
        <translation>Pilih nama Anda</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="328"/>
        <source>Cashier</source>
        <translation>Kasir</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="331"/>
        <source>Till %1</source>
        <translation>Mesin kasir %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="333"/>
        <source>Cashier: %1</source>
        <translation>Kasir: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="337"/>
        <source>Switch language</source>
        <translation>Ganti bahasa</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../ui/messages.py" line="33"/>
        <source>Scan or type a barcode first.</source>
        <translation>Pindai atau ketik barcode terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="34"/>
        <source>“{text}” is not a quantity. Type it as 3*barcode.</source>
        <translation>“{text}” bukan jumlah. Ketik seperti 3*barcode.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="37"/>
        <source>{name} is not sold by weight; this scale label cannot be used.</source>
        <translation>{name} tidak dijual per berat; label timbangan ini tidak bisa dipakai.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="40"/>
        <source>Barcode {barcode} has a wrong check digit. Scan it again.</source>
        <translation>Barcode {barcode} salah (check digit tidak cocok). Pindai ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="43"/>
        <source>Product not found: {barcode}</source>
        <translation>Produk tidak ditemukan: {barcode}</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="45"/>
        <source>That quantity is not a number.</source>
        <translation>Jumlah itu bukan angka.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="46"/>
        <source>Quantity must be more than zero.</source>
        <translation>Jumlah harus lebih dari nol.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="47"/>
        <source>This item is sold per piece: type a whole quantity.</source>
        <translation>Barang ini dijual per buah: ketik jumlah bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="50"/>
        <source>Quantity too large (at most {maximum}).</source>
        <translation>Jumlah terlalu besar (maksimal {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="51"/>
        <source>The price of this item is not valid.</source>
        <translation>Harga barang ini tidak valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="52"/>
        <source>A discount cannot be negative.</source>
        <translation>Diskon tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="53"/>
        <source>A discount cannot be more than 100%.</source>
        <translation>Diskon tidak boleh lebih dari 100%.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="56"/>
        <source>That discount is not valid.</source>
        <translation>Diskon itu tidak valid.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="57"/>
        <source>The discount is larger than the line amount.</source>
        <translation>Diskon lebih besar dari jumlah baris.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="60"/>
        <source>That line is no longer in the cart.</source>
        <translation>Baris itu sudah tidak ada di keranjang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="62"/>
        <source>The cart is empty.</source>
        <translation>Keranjang kosong.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="63"/>
        <source>The total is zero; nothing to pay.</source>
        <translation>Total nol; tidak ada yang perlu dibayar.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="64"/>
        <source>Payment has started: cancel the payment to change the cart.</source>
        <translation>Pembayaran sudah dimulai: batalkan pembayaran untuk mengubah keranjang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="67"/>
        <source>Receipt {receipt_no} not found.</source>
        <translation>Struk {receipt_no} tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="68"/>
        <source>Not fully paid yet: {remaining} remaining.</source>
        <translation>Belum lunas: kurang {remaining}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="71"/>
        <source>The total changed during payment. Start the payment again.</source>
        <translation>Total berubah saat pembayaran. Ulangi pembayaran.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="74"/>
        <location filename="../ui/messages.py" line="405"/>
        <source>The amount must be more than zero.</source>
        <translation>Nominal harus lebih dari nol.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="75"/>
        <source>That amount is too large.</source>
        <translation>Nominal terlalu besar.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="76"/>
        <source>The sale is already fully paid.</source>
        <translation>Transaksi sudah lunas.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="77"/>
        <source>Only cash can be more than what is due ({remaining}).</source>
        <translation>Hanya tunai yang boleh melebihi sisa tagihan ({remaining}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="80"/>
        <source>Type the approval code from the EDC slip (letters and digits).</source>
        <translation>Ketik kode approval dari slip EDC (huruf dan angka).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="83"/>
        <source>Type the last 4 digits of the card number.</source>
        <translation>Ketik 4 digit terakhir nomor kartu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="86"/>
        <source>Type the payment reference (letters and digits).</source>
        <translation>Ketik nomor referensi pembayaran (huruf dan angka).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="90"/>
        <source>The database is busy (locked by another program). Try again.</source>
        <translation>Database sedang sibuk (dikunci program lain). Coba lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="93"/>
        <source>The disk is full: the sale was not saved. Call store IT.</source>
        <translation>Disk penuh: transaksi tidak tersimpan. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="96"/>
        <source>The disk cannot be written: the sale was not saved. Call store IT.</source>
        <translation>Disk tidak bisa ditulisi: transaksi tidak tersimpan. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="99"/>
        <source>The database is damaged: the sale was not saved. Call store IT.</source>
        <translation>Database rusak: transaksi tidak tersimpan. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="102"/>
        <source>The database was made by a newer version of the till ({revision}). Call store IT.</source>
        <translation>Database dibuat oleh versi aplikasi kasir yang lebih baru ({revision}). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="106"/>
        <source>Unexpected error; nothing was changed. Try again or call store IT.</source>
        <translation>Terjadi kesalahan; tidak ada yang berubah. Coba lagi atau hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="109"/>
        <source>The sale is saved but the receipt was not printed ({reason}). Press F10.</source>
        <translation>Transaksi tersimpan tetapi struk tidak tercetak ({reason}). Tekan F10.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="113"/>
        <source>The receipt printer is not connected. Sales are saved; receipts wait to be reprinted.</source>
        <translation>Printer struk tidak tersambung. Penjualan tetap tersimpan; struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="117"/>
        <source>The printer is out of paper: load a new roll. The receipt waits to be reprinted.</source>
        <translation>Kertas printer habis: pasang gulungan baru. Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="121"/>
        <source>The printer&apos;s paper roll is nearly finished.</source>
        <translation>Gulungan kertas printer hampir habis.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="124"/>
        <source>The printer cover is open: close it. The receipt waits to be reprinted.</source>
        <translation>Tutup printer terbuka: tutup kembali. Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="127"/>
        <source>The printer is offline (off or in error). The receipt waits to be reprinted.</source>
        <translation>Printer offline (mati atau galat). Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="130"/>
        <source>The printer reports an error (paper jam or cutter). Call store IT.</source>
        <translation>Printer melaporkan galat (kertas macet atau pemotong). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="133"/>
        <source>The receipt could not be sent to the printer ({reason}). It waits to be reprinted.</source>
        <translation>Struk tidak dapat dikirim ke printer ({reason}). Struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="137"/>
        <source>The cash drawer is not connected.</source>
        <translation>Laci kas tidak tersambung.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="138"/>
        <source>Opening the cash drawer without a sale needs a supervisor&apos;s approval.</source>
        <translation>Membuka laci kas tanpa transaksi memerlukan persetujuan supervisor.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="141"/>
        <source>The cash drawer did not open: the printer it is connected to is not working. Open it with its key to give change. The sale is saved; the receipt waits to be reprinted.</source>
        <translation>Laci kas tidak terbuka: printer tempat laci tersambung tidak berfungsi. Buka laci dengan kuncinya untuk memberi kembalian. Penjualan tersimpan; struk menunggu dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="146"/>
        <source>The barcode scanner is not connected. Type the code or use the search.</source>
        <translation>Scanner barcode tidak tersambung. Ketik kodenya atau gunakan pencarian.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="149"/>
        <source>The customer display is not connected.</source>
        <translation>Layar pelanggan tidak tersambung.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="150"/>
        <source>The scale is not connected.</source>
        <translation>Timbangan tidak tersambung.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="151"/>
        <source>The scale does not answer. Check its cable and that it is on.</source>
        <translation>Timbangan tidak menjawab. Periksa kabelnya dan pastikan timbangan menyala.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="154"/>
        <source>The scale&apos;s answer cannot be read ({reply}). Call store IT.</source>
        <translation>Jawaban timbangan tidak terbaca ({reply}). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="157"/>
        <source>The weight is not steady yet. Wait a moment and weigh again.</source>
        <translation>Berat belum stabil. Tunggu sebentar lalu timbang lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="160"/>
        <source>Too heavy for the scale. Weigh it in smaller parts.</source>
        <translation>Terlalu berat untuk timbangan. Timbang dalam beberapa bagian.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="163"/>
        <source>The scale shows less than zero: empty it and set it to zero.</source>
        <translation>Timbangan menunjukkan kurang dari nol: kosongkan lalu nolkan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="166"/>
        <source>Nothing is on the scale.</source>
        <translation>Tidak ada barang di timbangan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="167"/>
        <source>Typing a weight by hand needs a manager.</source>
        <translation>Mengetik berat secara manual memerlukan manajer.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="170"/>
        <source>No {device} is set up on this till (config file, [devices]).</source>
        <translation>Tidak ada {device} yang dipasang di kasir ini (file konfigurasi, [devices]).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="174"/>
        <source>A PIN is {min_length} to {max_length} digits.</source>
        <translation>PIN terdiri dari {min_length} sampai {max_length} angka.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="175"/>
        <source>Type your current PIN first.</source>
        <translation>Ketik PIN Anda yang sekarang dulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="176"/>
        <source>The two new PINs are not the same. Type the new PIN twice.</source>
        <translation>Kedua PIN baru tidak sama. Ketik PIN baru dua kali.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="179"/>
        <source>The new PIN is the same as the current one.</source>
        <translation>PIN baru sama dengan PIN yang sekarang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="180"/>
        <source>The current PIN is wrong. Your PIN was not changed.</source>
        <translation>PIN yang sekarang salah. PIN Anda tidak diubah.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="183"/>
        <source>Locked after wrong PINs: try again in {seconds} seconds.</source>
        <translation>Terkunci karena PIN salah: coba lagi dalam {seconds} detik.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="186"/>
        <source>Your PIN was just changed from the office. Log in with the new PIN.</source>
        <translation>PIN Anda baru saja diubah dari kantor. Masuk dengan PIN yang baru.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="189"/>
        <source>This name can no longer log in at this till. Ask the store owner.</source>
        <translation>Nama ini tidak bisa lagi masuk di kasir ini. Tanyakan ke pemilik toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="192"/>
        <source>{name} can no longer log in at this till and has been logged out.</source>
        <translation>{name} tidak bisa lagi masuk di kasir ini dan sudah dikeluarkan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="195"/>
        <source>{name} can no longer log in at this till and has been logged out. Change for the last sale: {amount}.</source>
        <translation>{name} tidak bisa lagi masuk di kasir ini dan sudah dikeluarkan. Kembalian penjualan terakhir: {amount}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="200"/>
        <source>The role of {name} has changed. Log in again to continue.</source>
        <translation>Peran {name} sudah berubah. Masuk lagi untuk melanjutkan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="203"/>
        <source>This till has no store settings yet. Call store IT.</source>
        <translation>Mesin kasir ini belum punya pengaturan toko. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="206"/>
        <source>The rounding step must be one of {allowed}.</source>
        <translation>Kelipatan pembulatan harus salah satu dari {allowed}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="209"/>
        <source>The till is already running (process {pid}); use that window.</source>
        <translation>Aplikasi kasir sudah berjalan (proses {pid}); gunakan jendela itu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="213"/>
        <source>There is no database at {path} to back up.</source>
        <translation>Tidak ada database di {path} untuk dicadangkan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="216"/>
        <source>{path} already exists; choose another backup file.</source>
        <translation>{path} sudah ada; pilih file cadangan lain.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="219"/>
        <source>The backup failed its integrity check ({detail}). Call store IT.</source>
        <translation>Cadangan gagal pemeriksaan integritas ({detail}). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="222"/>
        <source>The backup could not be written to {path} ({reason}).</source>
        <translation>Cadangan tidak dapat ditulis ke {path} ({reason}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="225"/>
        <source>{path} is not a usable till backup ({detail}); nothing was changed.</source>
        <translation>{path} bukan cadangan kasir yang dapat dipakai ({detail}); tidak ada yang diubah.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="229"/>
        <source>This computer has no OS keyring to keep the till&apos;s cloud credential. Either set one up (on Linux install and unlock a Secret Service keyring such as gnome-keyring; Windows and macOS have one built in), or add the line credential_store = &quot;file&quot; under [sync] in {config} to keep it in a file only this user can read.</source>
        <translation>Komputer ini tidak punya keyring OS untuk menyimpan kredensial cloud kasir. Siapkan keyring (di Linux pasang dan buka keyring Secret Service seperti gnome-keyring; Windows dan macOS sudah punya), atau tambahkan baris credential_store = &quot;file&quot; di bawah [sync] dalam {config} agar disimpan di berkas yang hanya bisa dibaca pengguna ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="237"/>
        <source>The keyring on this computer ({backend}) cannot keep the till&apos;s cloud credential safely. Either set up an OS keyring (on Linux a Secret Service keyring such as gnome-keyring), or add the line credential_store = &quot;file&quot; under [sync] in {config} to keep it in a file only this user can read.</source>
        <translation>Keyring di komputer ini ({backend}) tidak dapat menyimpan kredensial cloud kasir dengan aman. Siapkan keyring OS (di Linux keyring Secret Service seperti gnome-keyring), atau tambahkan baris credential_store = &quot;file&quot; di bawah [sync] dalam {config} agar disimpan di berkas yang hanya bisa dibaca pengguna ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="244"/>
        <source>The keyring refused to keep the till&apos;s cloud credential ({reason}). Unlock the keyring and try again, or add the line credential_store = &quot;file&quot; under [sync] in {config}.</source>
        <translation>Keyring menolak menyimpan kredensial cloud kasir ({reason}). Buka kunci keyring lalu coba lagi, atau tambahkan baris credential_store = &quot;file&quot; di bawah [sync] dalam {config}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="250"/>
        <source>The cloud at {url} shows a certificate this till does not trust ({reason}). Check the address. A server with its own certificate authority needs that authority&apos;s file named as ca_bundle under [sync] in the config file.</source>
        <translation>Cloud di {url} menunjukkan sertifikat yang tidak dipercaya kasir ini ({reason}). Periksa alamatnya. Server dengan otoritas sertifikat sendiri perlu berkas otoritas itu ditulis sebagai ca_bundle di bawah [sync] dalam berkas pengaturan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="265"/>
        <source>The cloud at {url} does not answer. Check the address and port, and this till&apos;s network connection, then try again.</source>
        <translation>Cloud di {url} tidak menjawab. Periksa alamat dan port, serta koneksi jaringan kasir ini, lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="270"/>
        <source>The cloud does not accept this enrollment code: it is mistyped, already used or expired. Check it, or ask the owner for a new one.</source>
        <translation>Cloud tidak menerima kode pendaftaran ini: salah ketik, sudah dipakai, atau kedaluwarsa. Periksa kodenya, atau minta kode baru kepada pemilik.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="256"/>
        <source>“{url}” is not a server address. Type it as https://host[:port].</source>
        <translation>“{url}” bukan alamat server. Ketik sebagai https://host[:port].</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="259"/>
        <source>The cloud at {url} must be reached over https (plain http only on this PC).</source>
        <translation>Cloud di {url} harus dihubungi lewat https (http biasa hanya di PC ini).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="262"/>
        <source>The certificate file {path} named in [sync] ca_bundle does not exist.</source>
        <translation>Berkas sertifikat {path} yang disebut di [sync] ca_bundle tidak ada.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="275"/>
        <source>The cloud answered with an error ({reason}). Try again later.</source>
        <translation>Cloud menjawab dengan kesalahan ({reason}). Coba lagi nanti.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="278"/>
        <source>Type the cloud&apos;s address, for example https://cloud.example.co.id.</source>
        <translation>Ketik alamat cloud, misalnya https://cloud.example.co.id.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="281"/>
        <source>Type the enrollment code from the owner&apos;s back office (XXXX-XXXX).</source>
        <translation>Ketik kode pendaftaran dari back office pemilik (XXXX-XXXX).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="284"/>
        <source>This is not a pairing link. A pairing link looks like pos-pair:?server=…&amp;code=…; copy it again from the owner&apos;s back office, or type the address and code instead.</source>
        <translation>Ini bukan tautan pemasangan. Tautan pemasangan berbentuk pos-pair:?server=…&amp;code=…; salin lagi dari back office pemilik, atau ketik alamat dan kodenya.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="290"/>
        <source>The settings file {path} cannot be used: {detail}. Correct it, or rename it to start with the default settings; then start the till again.</source>
        <translation>Berkas pengaturan {path} tidak dapat dipakai: {detail}. Perbaiki, atau ganti nama berkas itu agar kasir mulai dengan pengaturan bawaan; lalu jalankan kasir lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="295"/>
        <source>The till cannot write to {path} (read-only or no permission). Make the data folder writable for this user (or mount its disk read-write), then start the till again.</source>
        <translation>Kasir tidak dapat menulis ke {path} (hanya-baca atau tanpa izin). Jadikan folder data dapat ditulis oleh pengguna ini (atau pasang disknya dalam mode baca-tulis), lalu jalankan kasir lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="300"/>
        <source>The disk holding {path} is full. Free some space on it (or ask store IT to), then start the till again. No sale was lost.</source>
        <translation>Disk tempat {path} penuh. Kosongkan sebagian ruangnya (atau minta IT toko), lalu jalankan kasir lagi. Tidak ada penjualan yang hilang.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="305"/>
        <source>The till cannot use its data folder {path} ({detail}). Call store IT.</source>
        <translation>Kasir tidak dapat memakai folder datanya {path} ({detail}). Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="309"/>
        <source>The till cannot read or write its database {path} ({detail}). Check the disk, then start the till again, or call store IT.</source>
        <translation>Kasir tidak dapat membaca atau menulis databasenya {path} ({detail}). Periksa disknya, lalu jalankan kasir lagi, atau hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="314"/>
        <source>The till&apos;s database {path} is damaged. It was moved aside to {moved} (nothing was deleted), and there is no verified backup in {folder}. Call store IT before the next start: a new start begins an empty till that must be paired again.</source>
        <translation>Database kasir {path} rusak. Database itu sudah dipindahkan ke {moved} (tidak ada yang dihapus), dan tidak ada cadangan terverifikasi di {folder}. Hubungi IT toko sebelum menjalankan kasir lagi: kasir yang dijalankan lagi mulai kosong dan harus dipasangkan lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="320"/>
        <source>The till&apos;s database {path} is damaged. It was moved aside to {moved} (nothing was deleted). The newest verified backup is {backup}, from {created}. Restore it and start? (From the command line: pos-desktop db restore {backup})</source>
        <translation>Database kasir {path} rusak. Database itu sudah dipindahkan ke {moved} (tidak ada yang dihapus). Cadangan terverifikasi terbaru adalah {backup}, dari {created}. Pulihkan cadangan itu dan mulai? (Dari baris perintah: pos-desktop db restore {backup})</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="326"/>
        <source>The till cannot open its window: system libraries are missing ({libraries}). Install them with: sudo apt install {packages}</source>
        <translation>Kasir tidak dapat membuka jendelanya: pustaka sistem tidak ada ({libraries}). Pasang dengan: sudo apt install {packages}</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="331"/>
        <source>There is no screen to open the till on (DISPLAY is not set). Start it from the desktop session of the till&apos;s user.</source>
        <translation>Tidak ada layar untuk membuka kasir (DISPLAY tidak diatur). Jalankan dari sesi desktop pengguna kasir.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="337"/>
        <source>Select a line in the cart first.</source>
        <translation>Pilih baris di keranjang terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="338"/>
        <source>“{text}” is not a quantity.</source>
        <translation>“{text}” bukan jumlah.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="339"/>
        <source>“{text}” is not an amount.</source>
        <translation>“{text}” bukan nominal.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="340"/>
        <source>“{text}” is not a discount. Type 10% or an amount.</source>
        <translation>“{text}” bukan diskon. Ketik 10% atau nominal.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="343"/>
        <source>No sale yet on this till.</source>
        <translation>Belum ada transaksi di mesin kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="344"/>
        <source>Finish or cancel the sale before logging out.</source>
        <translation>Selesaikan atau batalkan transaksi sebelum keluar.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="345"/>
        <source>No cash drawer is connected to this till.</source>
        <translation>Tidak ada laci kas yang terhubung ke mesin kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="348"/>
        <source>No product matches “{text}”.</source>
        <translation>Tidak ada produk yang cocok dengan “{text}”.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="349"/>
        <source>Only {remaining} of “{name}” can still be returned.</source>
        <translation>Hanya {remaining} “{name}” yang masih bisa diretur.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="352"/>
        <source>The quantity to return for “{name}” must be more than zero.</source>
        <translation>Jumlah retur “{name}” harus lebih dari nol.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="355"/>
        <source>“{name}” is counted in whole pieces; return a whole number.</source>
        <translation>“{name}” dihitung per buah; masukkan bilangan bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="358"/>
        <source>That is not a valid quantity for “{name}” (at most three decimals).</source>
        <translation>Jumlah untuk “{name}” tidak valid (maksimal tiga desimal).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="361"/>
        <source>The receipt has no line {line_no}.</source>
        <translation>Struk ini tidak punya baris {line_no}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="362"/>
        <source>Choose at least one item to return.</source>
        <translation>Pilih minimal satu barang untuk diretur.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="363"/>
        <source>Receipt {receipt_no} belongs to another store; it can only be refunded there.</source>
        <translation>Struk {receipt_no} milik toko lain; retur hanya bisa di toko tersebut.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="366"/>
        <source>Type or scan the receipt number.</source>
        <translation>Ketik atau pindai nomor struk.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="367"/>
        <source>No sale with receipt {receipt_no} in this store.</source>
        <translation>Tidak ada penjualan dengan struk {receipt_no} di toko ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="370"/>
        <source>Receipt {receipt_no} is not on this till and the cloud cannot be reached; try again when online, or at the till that sold it.</source>
        <translation>Struk {receipt_no} tidak ada di kasir ini dan server tidak terjangkau; coba lagi saat online, atau di kasir yang menjualnya.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="374"/>
        <source>The till&apos;s database is older than this program; start the till once to upgrade it, then verify again.</source>
        <translation>Database kasir lebih lama dari program ini; jalankan kasir sekali untuk memperbaruinya, lalu periksa lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="378"/>
        <source>You are not allowed to do this ({permission}); a supervisor or manager must approve.</source>
        <translation>Anda tidak berwenang melakukan ini ({permission}); supervisor atau manajer harus menyetujui.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="382"/>
        <source>You cannot approve your own request; another supervisor or manager must.</source>
        <translation>Anda tidak bisa menyetujui permintaan sendiri; supervisor atau manajer lain harus menyetujui.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="385"/>
        <source>This person may not approve this ({permission}).</source>
        <translation>Orang ini tidak berwenang menyetujui ini ({permission}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="388"/>
        <source>Unknown role: {role}.</source>
        <translation>Peran tidak dikenal: {role}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="389"/>
        <source>Managers must keep the right to change settings, or nobody could change them back.</source>
        <translation>Manajer harus tetap boleh mengubah pengaturan, agar pengaturan selalu bisa diubah kembali.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="393"/>
        <source>The count for {denomination} must be a whole number.</source>
        <translation>Jumlah {denomination} harus bilangan bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="396"/>
        <source>The count for {denomination} cannot be negative.</source>
        <translation>Jumlah {denomination} tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="399"/>
        <source>Too many pieces of {denomination} (at most {maximum}).</source>
        <translation>Jumlah {denomination} terlalu banyak (maksimal {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="402"/>
        <source>Unknown denomination: {denomination}.</source>
        <translation>Pecahan tidak dikenal: {denomination}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="406"/>
        <source>The amount is too large (at most {max_amount}).</source>
        <translation>Jumlah terlalu besar (maksimal {max_amount}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="409"/>
        <location filename="../ui/messages.py" line="451"/>
        <source>Choose a reason.</source>
        <translation>Pilih alasan.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="410"/>
        <source>Unknown reason: {reason}.</source>
        <translation>Alasan tidak dikenal: {reason}.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="411"/>
        <source>Write a note when the reason is &apos;Other&apos;.</source>
        <translation>Tulis catatan untuk alasan &apos;Lainnya&apos;.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="412"/>
        <location filename="../ui/messages.py" line="441"/>
        <source>The note is too long (at most {maximum} characters).</source>
        <translation>Catatan terlalu panjang (maksimal {maximum} karakter).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="415"/>
        <source>The drawer should hold only {available}; you cannot take out more.</source>
        <translation>Laci seharusnya hanya berisi {available}; tidak bisa mengambil lebih dari itu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="418"/>
        <source>The opening float must be a whole amount.</source>
        <translation>Kas awal harus berupa jumlah bulat.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="421"/>
        <source>The opening float cannot be negative.</source>
        <translation>Kas awal tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="422"/>
        <source>The opening float is too large (at most {max_amount}).</source>
        <translation>Kas awal terlalu besar (maksimal {max_amount}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="425"/>
        <source>A shift is already open (opened by {opened_by}).</source>
        <translation>Shift sudah dibuka (oleh {opened_by}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="428"/>
        <source>No shift is open. Open a shift first.</source>
        <translation>Belum ada shift yang dibuka. Buka shift terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="429"/>
        <source>The approval was given for another reason than this refund&apos;s. Ask for it again.</source>
        <translation>Persetujuan diberikan untuk alasan yang berbeda dari alasan retur ini. Minta persetujuan lagi.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="433"/>
        <source>No shift is open, so nothing can be sold yet: open a shift with the cash in the drawer, then press Enter to sell what you scanned.</source>
        <translation>Shift belum dibuka, jadi belum bisa menjual: buka shift dengan kas awal di laci, lalu tekan Enter untuk menjual yang sudah dipindai.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="438"/>
        <source>Count the cash before closing the shift.</source>
        <translation>Hitung uang kas sebelum menutup shift.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="444"/>
        <source>The counted amount for {tender} cannot be negative.</source>
        <translation>Jumlah hitungan untuk {tender} tidak boleh negatif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="447"/>
        <source>The report is saved but was not printed ({reason}).</source>
        <translation>Laporan tersimpan tetapi tidak tercetak ({reason}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="450"/>
        <source>Choose who approves.</source>
        <translation>Pilih siapa yang menyetujui.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="452"/>
        <source>{name} is locked after wrong PINs: try again in {seconds} s.</source>
        <translation>{name} terkunci karena PIN salah: coba lagi dalam {seconds} detik.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="455"/>
        <source>No supervisor or manager may approve this.</source>
        <translation>Tidak ada supervisor atau manajer yang boleh menyetujui ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="458"/>
        <source>This approver is not active on this till.</source>
        <translation>Penyetuju ini tidak aktif di kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="461"/>
        <source>Wrong approver PIN. Nothing was changed.</source>
        <translation>PIN penyetuju salah. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="462"/>
        <source>Wait until the scans and the weighing are finished.</source>
        <translation>Tunggu sampai pemindaian dan penimbangan selesai.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="465"/>
        <source>Park or finish the current sale first.</source>
        <translation>Tunda atau selesaikan transaksi ini dulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="466"/>
        <source>Choose a parked sale first.</source>
        <translation>Pilih transaksi yang ditunda dulu.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="467"/>
        <source>This parked sale was already recalled.</source>
        <translation>Transaksi yang ditunda ini sudah dipanggil.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="468"/>
        <source>Too many parked sales (at most {maximum}).</source>
        <translation>Terlalu banyak transaksi ditunda (paling banyak {maximum}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="469"/>
        <source>This parked sale cannot be read.</source>
        <translation>Transaksi yang ditunda ini tidak dapat dibaca.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="470"/>
        <source>Not available on this till.</source>
        <translation>Tidak tersedia di kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="471"/>
        <source>The discount limit must be 0 to 100%.</source>
        <translation>Batas diskon harus 0 sampai 100%.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="474"/>
        <source>The grace period must be 0 to {maximum} seconds.</source>
        <translation>Masa tenggang harus 0 sampai {maximum} detik.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="477"/>
        <source>{name} is not locked.</source>
        <translation>{name} tidak terkunci.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="478"/>
        <source>Unknown or inactive user.</source>
        <translation>Pengguna tidak dikenal atau tidak aktif.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="481"/>
        <source>Something went wrong (code {code}).</source>
        <translation>Terjadi kesalahan (kode {code}).</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="187"/>
        <location filename="../ui/shift_dialogs.py" line="190"/>
        <source>Open shift</source>
        <translation>Buka shift</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="188"/>
        <source>Opening float (cash in the drawer now):</source>
        <translation>Kas awal (uang di laci saat ini):</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="189"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <location filename="../ui/pairing_dialog.py" line="216"/>
        <source>Contacting the cloud at %1…</source>
        <translation>Menghubungi cloud di %1…</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="256"/>
        <source>Paired. Receiving the store&apos;s staff and products from the cloud…</source>
        <translation>Sudah terpasang. Menerima staf dan produk toko dari cloud…</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="265"/>
        <source>Paired with %1: store %2, till %3. Sales now go to the cloud.</source>
        <translation>Terhubung dengan %1: toko %2, mesin kasir %3. Penjualan kini dikirim ke cloud.</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="273"/>
        <source>Store %1 received: %2 staff, %3 products.</source>
        <translation>Toko %1 diterima: %2 staf, %3 produk.</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="281"/>
        <source>Paired with store %1, but the cloud stopped answering before all staff and products arrived; the till keeps receiving them in the background.</source>
        <translation>Sudah terpasang dengan toko %1, tetapi cloud berhenti menjawab sebelum semua staf dan produk tiba; kasir terus menerimanya di latar belakang.</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="287"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="298"/>
        <location filename="../ui/pairing_dialog.py" line="364"/>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="339"/>
        <source>Pair this till with the cloud</source>
        <translation>Hubungkan mesin kasir ini dengan cloud</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="343"/>
        <source>This till has no store yet. Paste the pairing link from the owner&apos;s back office, or type the cloud&apos;s address and the enrollment code. The store&apos;s settings, staff and products then come from the cloud.</source>
        <translation>Kasir ini belum punya toko. Tempel tautan pemasangan dari back office pemilik, atau ketik alamat cloud dan kode pendaftaran. Pengaturan toko, staf, dan produk lalu datang dari cloud.</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="351"/>
        <source>Type the cloud&apos;s address and the enrollment code from the owner&apos;s back office. The till sells without the cloud too: close this to pair later.</source>
        <translation>Ketik alamat cloud dan kode pendaftaran dari back office pemilik. Mesin kasir tetap bisa berjualan tanpa cloud: tutup jendela ini untuk menghubungkan nanti.</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="356"/>
        <source>Pairing link (optional)</source>
        <translation>Tautan pemasangan (opsional)</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="357"/>
        <source>Server address</source>
        <translation>Alamat server</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="358"/>
        <source>Enrollment code</source>
        <translation>Kode pendaftaran</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="359"/>
        <source>Till code (optional)</source>
        <translation>Kode mesin kasir (opsional)</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="360"/>
        <source>Name (optional)</source>
        <translation>Nama (opsional)</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="364"/>
        <source>Pair</source>
        <translation>Hubungkan</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="366"/>
        <source>Not now</source>
        <translation>Nanti saja</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="366"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../ui/pairing_dialog.py" line="415"/>
        <source>Ask a manager or supervisor to pair this till with the cloud.</source>
        <translation>Minta manajer atau supervisor untuk menghubungkan mesin kasir ini dengan cloud.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../ui/payment_dialog.py" line="345"/>
        <source>Fully paid. Press Enter to finish.</source>
        <translation>Sudah lunas. Tekan Enter untuk selesai.</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="387"/>
        <source>Saving the sale…</source>
        <translation>Menyimpan transaksi…</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="489"/>
        <source>Payment</source>
        <translation>Pembayaran</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="490"/>
        <source>Total due</source>
        <translation>Total tagihan</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="491"/>
        <source>Paid</source>
        <translation>Dibayar</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="492"/>
        <source>Remaining</source>
        <translation>Sisa</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="493"/>
        <source>Change</source>
        <translation>Kembalian</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="494"/>
        <source>Cash amount received</source>
        <translation>Uang tunai diterima</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="495"/>
        <source>Type the amount, Enter</source>
        <translation>Ketik nominal, Enter</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="496"/>
        <source>Card (bank EDC)</source>
        <translation>Kartu (EDC bank)</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="497"/>
        <location filename="../ui/payment_dialog.py" line="501"/>
        <location filename="../ui/payment_dialog.py" line="505"/>
        <source>Amount</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="498"/>
        <source>Approval code</source>
        <translation>Kode approval</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="499"/>
        <source>Last 4 digits</source>
        <translation>4 digit terakhir</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="502"/>
        <location filename="../ui/payment_dialog.py" line="506"/>
        <source>Reference</source>
        <translation>Referensi</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="463"/>
        <location filename="../ui/payment_dialog.py" line="503"/>
        <location filename="../ui/payment_dialog.py" line="510"/>
        <source>E-wallet</source>
        <translation>E-Wallet</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="504"/>
        <source>Provider</source>
        <translation>Penyedia</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="456"/>
        <location filename="../ui/payment_dialog.py" line="507"/>
        <source>Cash</source>
        <translation>Tunai</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="459"/>
        <location filename="../ui/payment_dialog.py" line="508"/>
        <source>Card</source>
        <translation>Kartu</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="511"/>
        <source>Remove payment</source>
        <translation>Hapus pembayaran</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="512"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/payment_dialog.py" line="513"/>
        <source>Finish</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>PermissionsDialog</name>
    <message>
        <location filename="../ui/permissions_dialog.py" line="173"/>
        <source>Permissions</source>
        <translation>Hak akses</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="178"/>
        <source>Cashier discount limit</source>
        <translation>Batas diskon kasir</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="179"/>
        <source>Free line removal within</source>
        <translation>Hapus baris tanpa persetujuan dalam</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="180"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/permissions_dialog.py" line="181"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
</context>
<context>
    <name>PinChangeDialog</name>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="138"/>
        <location filename="../ui/pin_change_dialog.py" line="149"/>
        <source>Change PIN</source>
        <translation>Ganti PIN</translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="140"/>
        <source>%1: change your PIN (%2 to %3 digits).</source>
        <translation>%1: ganti PIN Anda (%2 sampai %3 angka).</translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="145"/>
        <source>Current PIN</source>
        <translation>PIN sekarang</translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="146"/>
        <source>New PIN</source>
        <translation>PIN baru</translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="147"/>
        <source>New PIN again</source>
        <translation>Ulangi PIN baru</translation>
    </message>
    <message>
        <location filename="../ui/pin_change_dialog.py" line="148"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <location filename="../ui/receipt_preview.py" line="129"/>
        <source>Last receipt</source>
        <translation>Struk terakhir</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="130"/>
        <source>Reprint</source>
        <translation>Cetak ulang</translation>
    </message>
    <message>
        <location filename="../ui/receipt_preview.py" line="131"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../ui/refund_dialog.py" line="244"/>
        <source>Receipt {receipt} · {date} · {cashier} · total {total}</source>
        <translation>Struk {receipt} · {date} · {cashier} · total {total}</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="256"/>
        <source>Everything on this receipt was already returned.</source>
        <translation>Semua barang di struk ini sudah diretur.</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="259"/>
        <source>Offline: returns made on other tills may not be known yet.</source>
        <translation>Offline: retur di kasir lain mungkin belum diketahui.</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="334"/>
        <source>To refund: {amount}</source>
        <translation>Total retur: {amount}</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="346"/>
        <source>Refund of receipt {receipt}: {amount}</source>
        <translation>Retur struk {receipt}: {amount}</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="429"/>
        <source>Return / refund</source>
        <translation>Retur / pengembalian</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="430"/>
        <source>Receipt number, or scan the receipt&apos;s QR code</source>
        <translation>Nomor struk, atau pindai kode QR struk</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="431"/>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Item</source>
        <translation>Barang</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Sold</source>
        <translation>Terjual</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Returned</source>
        <translation>Sudah diretur</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="433"/>
        <source>Return now</source>
        <translation>Retur sekarang</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="435"/>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="436"/>
        <source>To original payment</source>
        <translation>Ke pembayaran asal</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="437"/>
        <source>All in cash</source>
        <translation>Semua tunai</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="438"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="445"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/refund_dialog.py" line="446"/>
        <source>Refund</source>
        <translation>Retur</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../ui/shift_dialogs.py" line="586"/>
        <source>Report printed.</source>
        <translation>Laporan dicetak.</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="592"/>
        <source>%1 report %2</source>
        <translation>Laporan %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="594"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../ui/shift_dialogs.py" line="595"/>
        <source>Print</source>
        <translation>Cetak</translation>
    </message>
</context>
<context>
    <name>RestoreCommand</name>
    <message>
        <location filename="../ui/restore_command.py" line="29"/>
        <source>Restored the database from {source}.</source>
        <translation>Database dipulihkan dari {source}.</translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="30"/>
        <source>The previous database was moved to {moved} (not deleted).</source>
        <translation>Database sebelumnya dipindahkan ke {moved} (tidak dihapus).</translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="33"/>
        <source>The restored database has no store yet; nothing to renumber.</source>
        <translation>Database yang dipulihkan belum punya toko; tidak ada nomor yang perlu disesuaikan.</translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="36"/>
        <source>The cloud could not be reached: receipts continue in a new series from {next_no}, so no earlier receipt number repeats.</source>
        <translation>Cloud tidak dapat dihubungi: struk berlanjut di seri baru mulai {next_no}, jadi tidak ada nomor struk lama yang terulang.</translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="41"/>
        <source>Receipt numbers continue at {next_no}, after every number this till issued.</source>
        <translation>Nomor struk berlanjut di {next_no}, setelah semua nomor yang pernah dipakai kasir ini.</translation>
    </message>
    <message>
        <location filename="../ui/restore_command.py" line="45"/>
        <source>The audit journal continues as {journal_id} from entry {seq}.</source>
        <translation>Jurnal audit berlanjut sebagai {journal_id} mulai entri {seq}.</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../ui/weighing.py" line="96"/>
        <source>Weighing...</source>
        <translation>Menimbang...</translation>
    </message>
    <message>
        <location filename="../ui/weighing.py" line="142"/>
        <source>Type the weight of %1 in kg.</source>
        <translation>Ketik berat %1 dalam kg.</translation>
    </message>
    <message>
        <location filename="../ui/weighing.py" line="144"/>
        <source>The scale could not weigh %1. Type its weight in kg.</source>
        <translation>Timbangan tidak dapat menimbang %1. Ketik beratnya dalam kg.</translation>
    </message>
    <message>
        <location filename="../ui/weighing.py" line="152"/>
        <source>Weight</source>
        <translation>Berat</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="164"/>
        <source>Quantity</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="165"/>
        <source>New quantity for %1</source>
        <translation>Jumlah baru untuk %1</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="183"/>
        <source>Line discount</source>
        <translation>Diskon baris</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="184"/>
        <source>Discount for %1: type 10% or an amount. Empty removes it.</source>
        <translation>Diskon untuk %1: ketik 10% atau nominal. Kosongkan untuk menghapus.</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="104"/>
        <location filename="../ui/sale_edits.py" line="203"/>
        <source>Order discount</source>
        <translation>Diskon transaksi</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="204"/>
        <source>Discount on the whole sale: type 10% or an amount. Empty removes it.</source>
        <translation>Diskon untuk seluruh transaksi: ketik 10% atau nominal. Kosongkan untuk menghapus.</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="277"/>
        <source>Sale cancelled.</source>
        <translation>Transaksi dibatalkan.</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="263"/>
        <source>Press Cancel again to void this sale.</source>
        <translation>Tekan Batal sekali lagi untuk membatalkan transaksi ini.</translation>
    </message>
    <message>
        <location filename="../ui/sale_keys.py" line="57"/>
        <source>Park sale</source>
        <translation>Tunda transaksi</translation>
    </message>
    <message>
        <location filename="../ui/sale_keys.py" line="62"/>
        <source>Recall parked sale</source>
        <translation>Panggil transaksi</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="221"/>
        <location filename="../ui/sale_keys.py" line="67"/>
        <source>Change price</source>
        <translation>Ubah harga</translation>
    </message>
    <message>
        <location filename="../ui/sale_keys.py" line="72"/>
        <source>Permissions</source>
        <translation>Hak akses</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="222"/>
        <source>New unit price for %1 (now %2)</source>
        <translation>Harga satuan baru untuk %1 (sekarang %2)</translation>
    </message>
    <message>
        <location filename="../ui/sale_parking.py" line="59"/>
        <source>Sale parked. F3 recalls it.</source>
        <translation>Transaksi ditunda. Tekan F3 untuk memanggilnya.</translation>
    </message>
    <message>
        <location filename="../ui/sale_parking.py" line="107"/>
        <source>Parked sale recalled.</source>
        <translation>Transaksi yang ditunda sudah dipanggil.</translation>
    </message>
    <message>
        <location filename="../ui/sale_screen.py" line="447"/>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="337"/>
        <source>Total %1  ·  Paid %2</source>
        <translation>Total %1  ·  Dibayar %2</translation>
    </message>
    <message>
        <location filename="../ui/sale_checkout.py" line="80"/>
        <source>Sale %1 saved.</source>
        <translation>Transaksi %1 tersimpan.</translation>
    </message>
    <message>
        <location filename="../ui/sale_checkout.py" line="126"/>
        <source>Receipt %1 reprinted (copy).</source>
        <translation>Struk %1 dicetak ulang (salinan).</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="423"/>
        <source>Scan a barcode, or type 3*code and Enter</source>
        <translation>Pindai barcode, atau ketik 3*kode lalu Enter</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="426"/>
        <source>Search product</source>
        <translation>Cari produk</translation>
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
        <translation>Diskon</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="430"/>
        <source>Tax</source>
        <translation>Pajak</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="431"/>
        <source>Rounding</source>
        <translation>Pembulatan</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="432"/>
        <location filename="../ui/sale_layout.py" line="450"/>
        <source>Qty</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="437"/>
        <source>Order disc.</source>
        <translation>Diskon total</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="440"/>
        <source>Receipt</source>
        <translation>Struk</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="442"/>
        <source>Cash drawer</source>
        <translation>Laci kas</translation>
    </message>
    <message>
        <location filename="../ui/sale_edits.py" line="106"/>
        <location filename="../ui/sale_layout.py" line="443"/>
        <source>Cancel sale</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="444"/>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="445"/>
        <source>Log out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="446"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="449"/>
        <source>Pay</source>
        <translation>Bayar</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="452"/>
        <source>Delete line</source>
        <translation>Hapus baris</translation>
    </message>
    <message>
        <location filename="../ui/sale_layout.py" line="454"/>
        <source>Change</source>
        <translation>Kembalian</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../ui/search_dialog.py" line="234"/>
        <source>Search product</source>
        <translation>Cari produk</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="235"/>
        <source>Type a name, SKU or barcode</source>
        <translation>Ketik nama, SKU atau barcode</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="236"/>
        <source>Price</source>
        <translation>Harga</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="237"/>
        <source>↑↓ choose · Enter add · Esc back</source>
        <translation>↑↓ pilih · Enter tambah · Esc kembali</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="238"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/search_dialog.py" line="239"/>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../ui/staff_panel.py" line="52"/>
        <source>Change my PIN</source>
        <translation>Ganti PIN saya</translation>
    </message>
    <message>
        <location filename="../ui/staff_panel.py" line="128"/>
        <source>PIN of %1 changed.</source>
        <translation>PIN %1 sudah diganti.</translation>
    </message>
</context>
<context>
    <name>StartupFailureBox</name>
    <message>
        <location filename="../ui/startup_failure.py" line="38"/>
        <source>The till cannot start</source>
        <translation>Kasir tidak dapat dimulai</translation>
    </message>
    <message>
        <location filename="../ui/startup_failure.py" line="42"/>
        <source>This is also written to the log: %1</source>
        <translation>Hal ini juga ditulis di log: %1</translation>
    </message>
    <message>
        <location filename="../ui/startup_failure.py" line="47"/>
        <source>Restore the backup</source>
        <translation>Pulihkan cadangan</translation>
    </message>
    <message>
        <location filename="../ui/startup_failure.py" line="49"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
</context>
<context>
    <name>StoreOperations</name>
    <message>
        <location filename="../ui/store_operations.py" line="65"/>
        <source>Cash in</source>
        <translation>Kas masuk</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="70"/>
        <source>Cash out</source>
        <translation>Kas keluar</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="75"/>
        <source>X report</source>
        <translation>Laporan X</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="80"/>
        <source>Close shift (Z)</source>
        <translation>Tutup shift (Z)</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="88"/>
        <source>Return / refund</source>
        <translation>Retur / pengembalian</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="162"/>
        <source>Shift open with %1 in the drawer.</source>
        <translation>Shift dibuka dengan %1 di laci.</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="187"/>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <location filename="../ui/store_operations.py" line="278"/>
        <source>Refund %1: %2 given back.</source>
        <translation>Retur %1: %2 dikembalikan.</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../ui/sync_status.py" line="56"/>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="58"/>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="62"/>
        <source>%1 h</source>
        <translation>%1 jam</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="65"/>
        <location filename="../ui/sync_status.py" line="81"/>
        <source>%1 days</source>
        <translation>%1 hari</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="74"/>
        <source>%1 minutes</source>
        <translation>%1 menit</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="78"/>
        <source>%1 hours</source>
        <translation>%1 jam</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="90"/>
        <source>Till clock differs from the server</source>
        <translation>Jam kasir berbeda dengan server</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="91"/>
        <source>The server says this till&apos;s clock is wrong: ask store IT to set the date and time.</source>
        <translation>Server menyatakan jam mesin kasir ini salah: minta IT toko mengatur tanggal dan jam.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="98"/>
        <source>Till clock %1 off</source>
        <translation>Jam kasir selisih %1</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="100"/>
        <source>This till&apos;s clock is %1 ahead of the server: ask store IT to set the date and time.</source>
        <translation>Jam mesin kasir ini %1 lebih cepat dari server: minta IT toko mengatur tanggal dan jam.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="105"/>
        <source>This till&apos;s clock is %1 behind the server: ask store IT to set the date and time.</source>
        <translation>Jam mesin kasir ini %1 lebih lambat dari server: minta IT toko mengatur tanggal dan jam.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="148"/>
        <source>Cloud: not paired</source>
        <translation>Cloud: belum terhubung</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="149"/>
        <source>Cloud: connecting…</source>
        <translation>Cloud: menghubungkan…</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="150"/>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="151"/>
        <source>Syncing…</source>
        <translation>Menyinkronkan…</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="152"/>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="153"/>
        <source>Cloud error</source>
        <translation>Cloud bermasalah</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="154"/>
        <source>Cloud refused this till</source>
        <translation>Cloud menolak kasir ini</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="156"/>
        <source>Sync stopped</source>
        <translation>Sinkronisasi berhenti</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="162"/>
        <source>Disk full</source>
        <translation>Disk penuh</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="163"/>
        <source>Disk error</source>
        <translation>Disk bermasalah</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="168"/>
        <source>This till&apos;s disk is full, so sync cannot save what the cloud sends. Sales already made are safe. Call store IT to free space.</source>
        <translation>Disk mesin kasir ini penuh, jadi sinkronisasi tidak bisa menyimpan data dari cloud. Penjualan yang sudah terjadi tetap aman. Hubungi IT toko untuk mengosongkan ruang.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="172"/>
        <source>This till&apos;s disk or database cannot be written, so sync is stopped. Sales already made are safe. Call store IT.</source>
        <translation>Disk atau database mesin kasir ini tidak bisa ditulisi, jadi sinkronisasi berhenti. Penjualan yang sudah terjadi tetap aman. Hubungi IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="195"/>
        <source>%1 unsent</source>
        <translation>%1 belum terkirim</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="198"/>
        <source>(oldest %1)</source>
        <translation>(terlama %1)</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="201"/>
        <source>all sales sent</source>
        <translation>semua terkirim</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="203"/>
        <source>%1 need attention</source>
        <translation>%1 perlu diperiksa</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="231"/>
        <source>Sales older than 24 hours are not in the cloud yet: connect the till.</source>
        <translation>Penjualan lebih dari 24 jam belum masuk cloud: sambungkan kasir ke internet.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="235"/>
        <source>Last contact: %1</source>
        <translation>Kontak terakhir: %1</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="239"/>
        <source>Click to pair this till with the cloud.</source>
        <translation>Klik untuk menghubungkan mesin kasir ini dengan cloud.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="241"/>
        <source>Click to sync now.</source>
        <translation>Klik untuk sinkron sekarang.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="243"/>
        <source>Sync now</source>
        <translation>Sinkron sekarang</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="267"/>
        <source>%1 sales are not in the cloud yet. They are kept safely on this till and will be sent when it is online again.</source>
        <translation>%1 penjualan belum masuk cloud. Semuanya tersimpan aman di kasir ini dan akan dikirim saat kasir daring kembali.</translation>
    </message>
    <message>
        <location filename="../ui/sync_status.py" line="292"/>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
</context>
<context>
    <name>TotalCaption</name>
    <message>
        <location filename="../ui/sale_layout.py" line="84"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sale_layout.py" line="84"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <location filename="../ui/dialogs.py" line="108"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../ui/dialogs.py" line="109"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>UpdateStatus</name>
    <message>
        <location filename="../ui/update_status.py" line="44"/>
        <source>the file was changed</source>
        <translation>berkas telah diubah</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="46"/>
        <source>older update data than already seen</source>
        <translation>data pembaruan lebih lama dari yang sudah diterima</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="48"/>
        <source>the update data has expired</source>
        <translation>data pembaruan sudah kedaluwarsa</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="50"/>
        <source>the update data does not match</source>
        <translation>data pembaruan tidak cocok satu sama lain</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="52"/>
        <source>the signature is not valid</source>
        <translation>tanda tangan tidak sah</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="53"/>
        <source>the release cannot be used</source>
        <translation>rilis tidak dapat dipakai</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="72"/>
        <source>Update %1 ready; installed after the shift is closed</source>
        <translation>Pembaruan %1 siap; dipasang setelah shift ditutup</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="75"/>
        <source>Downloaded and verified. Nothing changes during a shift.</source>
        <translation>Sudah diunduh dan diperiksa. Tidak ada yang berubah selama shift.</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="81"/>
        <source>Update %1 installed; it starts when the till restarts</source>
        <translation>Pembaruan %1 terpasang; berlaku saat kasir dimulai ulang</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="84"/>
        <source>The database was backed up and the current version is kept.</source>
        <translation>Basis data sudah dicadangkan dan versi sekarang tetap disimpan.</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="90"/>
        <source>Update refused: %1</source>
        <translation>Pembaruan ditolak: %1</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="93"/>
        <source>The till keeps its current version. Tell the store's IT.</source>
        <translation>Kasir tetap memakai versi sekarang. Beri tahu petugas IT toko.</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="99"/>
        <source>Update %1 failed to start; back on version %2</source>
        <translation>Pembaruan %1 gagal dimulai; kembali ke versi %2</translation>
    </message>
    <message>
        <location filename="../ui/update_status.py" line="104"/>
        <source>The database was put back as it was before the update.</source>
        <translation>Basis data dikembalikan seperti sebelum pembaruan.</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <location filename="../ui/about.py" line="28"/>
        <source>About POS Desktop</source>
        <translation>Tentang POS Desktop</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="36"/>
        <source>Offline-first cashier till for Indonesian retail.</source>
        <translation>Kasir offline untuk toko ritel di Indonesia.</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="38"/>
        <source>Data folder: {folder}</source>
        <translation>Folder data: {folder}</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="39"/>
        <source>Log folder: {folder}</source>
        <translation>Folder log: {folder}</translation>
    </message>
    <message>
        <location filename="../ui/about.py" line="49"/>
        <source>POS Desktop, version {version}</source>
        <translation>POS Desktop, versi {version}</translation>
    </message>
</context>
</TS>
