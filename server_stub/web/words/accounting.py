"""Words of Laporan → Akuntansi: the daily accounting export and the stock value journal. The
files' own column headers live with their layout (``accounting_export.ACCOUNTING_FIELDS``)."""

WORDS: dict[str, tuple[str, str]] = {
    "accounting.kind": ("Akuntansi", "Accounting"),
    "accounting.title": ("Ekspor akuntansi", "Accounting export"),
    "accounting.intro": (
        "File untuk akuntan: penjualan, PPN, diskon, pembulatan, refund, pembayaran per jenis "
        "dan selisih kas per toko per hari, siap dipetakan ke akun Jurnal.id atau Accurate. "
        "Lembar Keterangan di file Excel menjelaskan setiap kolom.",
        "Files for the accountant: sales, PPN, discounts, rounding, refunds, payments by kind "
        "and cash over/short per store and day, ready to map to Jurnal.id or Accurate "
        "accounts. The Keterangan sheet of the Excel file explains every column.",
    ),
    "accounting.max_days": (
        "Periode paling lama {days} hari, dalam hari lokal toko.",
        "A period covers at most {days} days, in the stores' local days.",
    ),
    "accounting.preset.last_month": ("Bulan lalu", "Last month"),
    "accounting.daily.title": ("Akuntansi harian", "Daily accounting"),
    "accounting.daily.explain": (
        "Satu baris per toko per hari: penjualan pada hari transaksi, refund pada hari uang "
        "dikembalikan, selisih kas dari laporan Z yang ditutup hari itu.",
        "One row per store and day: sales on the day they were rung, refunds on the day the "
        "money went back, cash over/short from the Z reports closed that day.",
    ),
    "accounting.stock.title": ("Jurnal nilai persediaan", "Stock value journal"),
    "accounting.stock.explain": (
        "Mutasi stok per hari, toko, produk dan jenis (penjualan, refund, terima barang, "
        "penyesuaian, retur) dengan kuantitas dan nilai, untuk jurnal persediaan dan HPP.",
        "Stock movements per day, store, product and kind (sale, refund, goods received, "
        "adjustment, return) with quantity and value, for the inventory and cost of goods "
        "journal.",
    ),
    "accounting.stock.cost_note": (
        "Mutasi stok tidak menyimpan harga modalnya sendiri: nilainya dihitung dengan harga "
        "modal produk saat ini. Produk tanpa harga modal tidak diberi nilai.",
        "Stock movements keep no cost price of their own: their value uses the product's "
        "current cost price. Products without a cost price get no value.",
    ),
    "accounting.preview": ("Pratinjau akuntansi harian", "Daily accounting preview"),
    "accounting.truncated": (
        "Menampilkan {shown} dari {total} baris. Unduh file untuk semua baris.",
        "Showing {shown} of {total} rows. Download the file for every row.",
    ),
    "accounting.none": (
        "Belum ada penjualan, refund atau laporan Z pada periode ini.",
        "No sales, refunds or Z reports in this period.",
    ),
}
