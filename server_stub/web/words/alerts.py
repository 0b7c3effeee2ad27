"""Words of the Peringatan page (journal alerts, over-refunds, flagged sales)."""

WORDS: dict[str, tuple[str, str]] = {
    "alerts.status": ("Status", "Status"),
    "alerts.open": ("Terbuka", "Open"),
    "alerts.resolved_tab": ("Selesai", "Resolved"),
    "alerts.all": ("Semua", "All"),
    "alerts.filters": ("Saring peringatan", "Filter alerts"),
    "alerts.kind": ("Jenis", "Kind"),
    "alerts.all_kinds": ("Semua jenis", "All kinds"),
    "alerts.kind.journal": ("Jurnal kasir", "Till journal"),
    "alerts.kind.refund": ("Retur berlebih", "Over-refund"),
    "alerts.kind.sale": ("Penjualan ditandai", "Flagged sale"),
    "alerts.when": ("Waktu", "When"),
    "alerts.till": ("Kasir", "Till"),
    "alerts.reasons": ("Alasan", "Reasons"),
    "alerts.reference": ("Nomor", "Number"),
    "alerts.total": ("Jumlah", "Amount"),
    "alerts.state": ("Penyelesaian", "Resolution"),
    "alerts.done": ("Selesai", "Resolved"),
    "alerts.open_one": ("Terbuka", "Open"),
    "alerts.resolved_by": ("oleh {who}, {at}", "by {who}, {at}"),
    "alerts.look": ("Lihat", "View"),
    "alerts.resolve": ("Selesaikan", "Resolve"),
    "alerts.none_open": (
        "Tidak ada peringatan terbuka. Semua beres.",
        "No open alerts. All is well.",
    ),
    "alerts.none": ("Tidak ada peringatan di sini.", "No alerts here."),
    "alerts.reason.totals_mismatch": ("Total tidak cocok", "Totals mismatch"),
    "alerts.reason.unknown_product": ("Produk tak dikenal", "Unknown product"),
    "alerts.reason.clock_skew": ("Jam kasir meleset", "Till clock off"),
    "alerts.reason.stale_profile": ("Profil toko lama", "Superseded store profile"),
    "alerts.reason.duplicate_receipt_no": ("Nomor struk terpakai ulang", "Reused receipt number"),
    "alerts.reason.till_code_mismatch": ("Kode kasir berbeda", "Till code differs"),
    "alerts.reason.over_refund": ("Retur melebihi penjualan", "Refund over what was sold"),
    "alerts.reason.unknown_original": ("Penjualan asal tak dikenal", "Original sale unknown"),
    "alerts.reason.gap": ("Entri jurnal hilang", "Journal gap"),
    "alerts.reason.break": ("Rantai jurnal putus", "Journal chain broken"),
    "alerts.reason.tampered": ("Entri jurnal diubah", "Journal entry altered"),
    "alerts.reason.conflict": ("Entri jurnal bentrok", "Conflicting journal entry"),
    "alerts.detail.over_refund": (
        "Baris {line}: terjual {sold}, sudah diretur {before}, retur ini {this}.",
        "Line {line}: sold {sold}, refunded before {before}, this refund {this}.",
    ),
    "alerts.detail.clock_skew": (
        "Jam kasir berselisih {seconds} detik dengan server.",
        "The till's clock was {seconds} seconds off the server's.",
    ),
    "alerts.detail.stale_profile": (
        "Dijual dengan profil toko versi {rung}, padahal versi {current} sudah berlaku.",
        "Sold under store profile version {rung} when version {current} was in force.",
    ),
    "alerts.detail.till_code_mismatch": (
        "Struk menyebut kasir lain; perangkat ini adalah kasir {code}.",
        "The receipt names another till; this device is till {code}.",
    ),
    "alerts.detail.duplicate_receipt_no": (
        "Nomor struk ini sudah dipakai penjualan lain di kasir yang sama.",
        "This receipt number was already used by another sale of the same till.",
    ),
    "alerts.detail.unknown_original": (
        "Penjualan yang diretur belum ada di cloud.",
        "The refunded sale is not in the cloud yet.",
    ),
    "alerts.detail.unknown_product": (
        "Tidak ada di katalog: {ids}.",
        "Not in the catalog: {ids}.",
    ),
    "alerts.detail.journal": ("Entri jurnal #{seq}.", "Journal entry #{seq}."),
    "alerts.refund_help": (
        "Retur ini disimpan tetapi tidak dihitung dalam stok dan total. Menyelesaikannya "
        "tidak mengubah angka apa pun; catat apa yang sudah dilakukan.",
        "This refund is kept but not counted in stock or totals. Resolving it changes no "
        "figure; note what was done about it.",
    ),
    "alerts.open_sale": ("Buka penjualan", "Open the sale"),
    "alerts.open_other_sale": ("Buka penjualan lainnya", "Open the other sale"),
    "alerts.open_original": ("Buka penjualan asal", "Open the original sale"),
    "alerts.resolution": ("Penyelesaian", "Resolution"),
    "alerts.note": ("Catatan", "Note"),
    "alerts.note_help": (
        'Apa yang sudah dilakukan, mis. "Sudah dicek dengan Siti, uang dikembalikan". '
        "Nama Anda dan waktunya ikut tersimpan.",
        'What was done, e.g. "Checked with Siti, money returned". Your name and the time '
        "are kept with it.",
    ),
    "alerts.mark_resolved": ("Tandai selesai", "Mark resolved"),
    "alerts.resolved": ("Peringatan ditandai selesai.", "Alert marked resolved."),
    "alerts.err.note": (
        "Tulis catatan (paling banyak 1000 huruf).",
        "Write a note (1000 characters at most).",
    ),
    "alerts.err.already": (
        "Peringatan ini sudah diselesaikan orang lain; catatannya ada di bawah.",
        "Someone resolved this alert already; their note is below.",
    ),
}
