"""Words of the frame every page shares: the menu, the header, errors, common buttons."""

WORDS: dict[str, tuple[str, str]] = {
    "app.name": ("Kantor Toko", "Back office"),
    "nav.menu": ("Menu", "Menu"),
    "nav.home": ("Beranda", "Home"),
    "nav.sales": ("Penjualan", "Sales"),
    "nav.reports": ("Laporan", "Reports"),
    "nav.tills": ("Kasir & perangkat", "Tills & devices"),
    "nav.products": ("Produk", "Products"),
    "nav.staff": ("Staf", "Staff"),
    "nav.stores": ("Toko", "Stores"),
    "nav.alerts": ("Peringatan", "Alerts"),
    "common.previous": ("Sebelumnya", "Previous"),
    "common.next": ("Berikutnya", "Next"),
    "common.store": ("Toko", "Store"),
    "common.all_stores": ("Semua toko", "All stores"),
    "common.show": ("Tampilkan", "Show"),
    "common.save": ("Simpan", "Save"),
    "common.cancel": ("Batal", "Cancel"),
    "common.edit": ("Ubah", "Edit"),
    "common.back": ("Kembali", "Back"),
    "common.yes": ("Ya", "Yes"),
    "common.no": ("Tidak", "No"),
    "common.saved": ("Tersimpan.", "Saved."),
    "common.nothing_yet": ("Belum ada data.", "Nothing here yet."),
    "common.fix_errors": ("Periksa isian yang ditandai.", "Check the marked fields."),
    "home.placeholder": (
        "Selamat datang. Ringkasan penjualan akan tampil di sini.",
        "Welcome. The sales summary will show here.",
    ),
    "error.403.title": ("Permintaan ditolak", "Request refused"),
    "error.403.body": (
        "Halaman ini sudah kedaluwarsa atau permintaan tidak sah. Muat ulang halaman lalu "
        "coba lagi.",
        "This page has expired or the request was not valid. Reload the page and try again.",
    ),
    "error.400.title": ("Permintaan tidak sah", "Bad request"),
    "error.400.body": (
        "Isian yang dikirim tidak bisa dibaca. Kembali lalu coba lagi.",
        "What was sent could not be read. Go back and try again.",
    ),
    "error.404.title": ("Tidak ditemukan", "Not found"),
    "error.404.body": (
        "Halaman atau data yang dicari tidak ada.",
        "The page or record you are looking for does not exist.",
    ),
    "error.back_home": ("Ke Beranda", "Go home"),
}
