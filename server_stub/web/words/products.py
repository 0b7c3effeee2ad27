"""Words of the Produk page: search, the edit form, CSV import and export."""

WORDS: dict[str, tuple[str, str]] = {
    "products.title": ("Produk", "Products"),
    "products.search": ("Cari produk", "Search products"),
    "products.search_hint": (
        "Nama, SKU atau barcode",
        "Name, SKU or barcode",
    ),
    "products.search_button": ("Cari", "Search"),
    "products.import": ("Impor CSV", "Import CSV"),
    "products.export": ("Ekspor CSV", "Export CSV"),
    "products.none_found": ("Tidak ada produk yang cocok.", "No product matches."),
    "products.empty_catalog": (
        "Belum ada produk. Tambah produk baru atau impor file CSV untuk mulai.",
        "No products yet. Add a new product or import a CSV file to start.",
    ),
    "products.first_page": ("Halaman pertama", "First page"),
    "products.more": ("Berikutnya", "Next"),
    "products.exact": ("Cocok persis", "Exact match"),
    "products.col.name": ("Nama", "Name"),
    "products.col.sku": ("SKU", "SKU"),
    "products.col.barcodes": ("Barcode", "Barcodes"),
    "products.col.category": ("Kategori", "Category"),
    "products.col.price": ("Harga jual", "Price"),
    "products.col.cost": ("Harga modal", "Cost price"),
    "products.col.margin": ("Margin", "Margin"),
    "products.col.tax": ("Kategori pajak", "Tax category"),
    "products.col.in_store_code": ("Kode toko (PLU)", "In-store code (PLU)"),
    "products.col.active": ("Aktif", "Active"),
    "products.col.unit": ("Satuan", "Unit"),
    "products.inactive": ("Nonaktif", "Inactive"),
    "products.edit_title": ("Ubah produk", "Edit product"),
    "products.new": ("Produk baru", "New product"),
    "products.new_title": ("Produk baru", "New product"),
    "products.new_intro": (
        "Kasir menerima produk baru saat sinkron berikutnya. Banyak produk sekaligus? Pakai "
        "impor CSV.",
        "The tills get a new product at their next sync. Many products at once? Use the CSV "
        "import.",
    ),
    "products.new_save": ("Tambah produk", "Add product"),
    "products.sku_hint": (
        "Kode unik produk, mis. IND-001. Impor CSV mencocokkan produk dengan SKU.",
        "The product's unique code, e.g. IND-001. The CSV import matches products by SKU.",
    ),
    "products.created": (
        "Produk ditambahkan. Kasir menerima produk ini saat sinkron berikutnya.",
        "Product added. The tills get it at their next sync.",
    ),
    "products.barcodes_hint": (
        "Satu barcode per baris (paling banyak 20).",
        "One barcode per line (at most 20).",
    ),
    "products.cost_hint": (
        "Hanya terlihat di kantor toko, tidak pernah dikirim ke kasir. Kosongkan bila belum tahu.",
        "Only shown in the back office, never sent to the tills. Leave empty if unknown.",
    ),
    "products.in_store_code_hint": (
        "Kode pendek untuk diketik kasir, mis. 201 untuk daging.",
        "A short code cashiers type, e.g. 201 for beef.",
    ),
    "products.active_hint": (
        "Produk nonaktif tidak bisa dijual di kasir.",
        "Inactive products cannot be sold at the tills.",
    ),
    "products.saved": (
        "Produk tersimpan. Kasir menerima perubahan saat sinkron berikutnya.",
        "Product saved. The tills get the change at their next sync.",
    ),
    "products.err.sku": (
        "SKU wajib diisi (paling panjang 64 huruf).",
        "An SKU is required (64 characters at most).",
    ),
    "products.err.sku_taken": (
        "SKU ini sudah dipakai produk lain.",
        "This SKU belongs to another product.",
    ),
    "products.err.name": (
        "Nama wajib diisi (paling panjang 200 huruf).",
        "A name is required (200 characters at most).",
    ),
    "products.err.price": (
        "Tulis harga dalam rupiah bulat, mis. 12.500.",
        "Write the price in whole rupiah, e.g. 12.500.",
    ),
    "products.col.reorder_point": ("Titik pesan ulang", "Reorder point"),
    "products.reorder_point_hint": (
        "Jika stok sebuah toko turun sampai angka ini, webhook stock.low dikirim. Kosongkan "
        "bila tidak perlu.",
        "When a store's stock falls to this number, the stock.low webhook is sent. Leave it "
        "empty if you do not need it.",
    ),
    "products.err.reorder_point": (
        "Tulis jumlah stok, misalnya 24 atau 2,5 (paling banyak 3 angka di belakang koma), "
        "atau kosongkan.",
        "Write a stock quantity such as 24 or 2.5 (at most 3 decimals), or leave it empty.",
    ),
    "products.err.cost": (
        "Tulis harga modal dalam rupiah bulat, atau kosongkan.",
        "Write the cost in whole rupiah, or leave it empty.",
    ),
    "products.err.category": (
        "Kategori paling panjang 200 huruf.",
        "A category is 200 characters at most.",
    ),
    "products.err.tax": ("Pilih kategori pajak yang ada.", "Choose an existing tax category."),
    "products.err.barcode": (
        "Barcode hanya huruf, angka dan tanda baca biasa, paling panjang 64.",
        "Barcodes are plain letters, digits and punctuation, 64 characters at most.",
    ),
    "products.err.barcode_repeat": (
        "Barcode yang sama tertulis dua kali.",
        "The same barcode is listed twice.",
    ),
    "products.err.barcode_many": ("Paling banyak 20 barcode.", "At most 20 barcodes."),
    "products.err.barcode_taken": (
        "Barcode sudah dipakai produk lain.",
        "A barcode belongs to another product.",
    ),
    "products.err.in_store_code": (
        "Kode toko: huruf besar, angka, - atau _, paling panjang 16.",
        "In-store code: capital letters, digits, - or _, 16 characters at most.",
    ),
    "products.err.conflict": (
        "Perubahan lain baru saja menyimpan produk ini; coba lagi.",
        "Another change saved this product just now; try again.",
    ),
    "products.import_title": ("Impor produk dari CSV", "Import products from CSV"),
    "products.import_intro": (
        "Produk dicocokkan dengan SKU: SKU baru ditambah, SKU lama diubah. "
        "Sebelum apa pun disimpan, Anda melihat baris yang ditolak beserta alasannya.",
        "Products are matched by SKU: new SKUs are added, existing ones changed. "
        "Before anything is saved you see the rejected rows and why.",
    ),
    "products.import_columns": ("Kolom yang dibaca", "Columns read"),
    "products.import_columns_note": (
        "sku, name dan price wajib. barcodes dipisah |. Tanpa kolom cost_price, harga modal "
        "tidak berubah. File ekspor bisa langsung diimpor kembali.",
        "sku, name and price are required. barcodes are separated by |. Without a cost_price "
        "column, costs stay as they are. An exported file imports back as it is.",
    ),
    "products.import_file": ("File CSV", "CSV file"),
    "products.import_check": ("Periksa file", "Check the file"),
    "products.preview_title": ("Pratinjau impor", "Import preview"),
    "products.preview_nothing_written": (
        "Belum ada yang disimpan.",
        "Nothing has been saved yet.",
    ),
    "products.preview_new": ("Produk baru", "New products"),
    "products.preview_changed": ("Produk diubah", "Products changed"),
    "products.preview_unchanged": ("Tidak berubah", "Unchanged"),
    "products.preview_rejected": ("Baris ditolak", "Rejected rows"),
    "products.preview_row": ("Baris", "Row"),
    "products.preview_reason": ("Alasan", "Reason"),
    "products.preview_more_rejected": (
        "… dan {count} baris ditolak lainnya.",
        "… and {count} more rejected rows.",
    ),
    "products.preview_fix": (
        "Perbaiki baris ini di file Anda lalu unggah lagi, atau impor hanya baris yang benar.",
        "Fix these rows in your file and upload it again, or import only the good rows.",
    ),
    "products.confirm_all": ("Impor {count} produk", "Import {count} products"),
    "products.confirm_skip": (
        "Impor {count} baris yang benar, lewati yang ditolak",
        "Import the {count} good rows, skip the rejected",
    ),
    "products.upload_again": ("Unggah file yang sudah diperbaiki", "Upload the corrected file"),
    "products.import_empty": ("File ini tidak berisi produk.", "This file holds no products."),
    "products.import_unreadable": (
        "File ini tidak bisa dibaca sampai selesai; perbaiki lalu unggah lagi.",
        "This file cannot be read to the end; fix it and upload it again.",
    ),
    "products.import_missing_columns": (
        "Judul kolom kurang: {columns}. Kolom yang dibaca: {all}.",
        "The header lacks: {columns}. Columns read: {all}.",
    ),
    "products.import_not_text": (
        'File ini bukan teks CSV. Simpan sebagai "CSV UTF-8" lalu unggah lagi.',
        'This file is not CSV text. Save it as "CSV UTF-8" and upload it again.',
    ),
    "products.import_no_file": ("Pilih file CSV dulu.", "Choose a CSV file first."),
    "products.import_expired": (
        "File ini sudah tidak tersimpan (lebih dari sehari, atau sudah diimpor). Unggah lagi.",
        "This file is no longer kept (over a day old, or already imported). Upload it again.",
    ),
    "products.import_changed": (
        "Katalog berubah sejak pratinjau; periksa baris yang ditolak.",
        "The catalog changed since the preview; check the rejected rows.",
    ),
    "products.import_done": ("Impor selesai", "Import done"),
    "products.import_done_text": (
        "{created} produk baru, {updated} diubah, {unchanged} tidak berubah, {skipped} dilewati. "
        "Kasir menerima perubahan saat sinkron berikutnya.",
        "{created} new, {updated} changed, {unchanged} unchanged, {skipped} skipped. "
        "The tills get the changes at their next sync.",
    ),
    "products.back_to_list": ("Kembali ke daftar produk", "Back to the product list"),
}
