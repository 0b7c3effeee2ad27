"""Words of the Kasir & perangkat page (tills, their health, pairing and revoking)."""

WORDS: dict[str, tuple[str, str]] = {
    "tills.title": ("Kasir & perangkat", "Tills & devices"),
    "tills.none": (
        "Belum ada kasir yang dipasangkan. Buat kode pasangan di bawah.",
        "No till is paired yet. Create a pairing code below.",
    ),
    "tills.summary": (
        "{red} perlu tindakan, {amber} perlu dilihat, {green} baik",
        "{red} need action, {amber} need a look, {green} good",
    ),
    "tills.till": ("Kasir", "Till"),
    "tills.store": ("Toko", "Store"),
    "tills.status": ("Status", "Status"),
    "tills.version": ("Versi aplikasi", "App version"),
    "tills.last_contact": ("Kontak terakhir", "Last contact"),
    "tills.last_sync": ("Sinkron terakhir", "Last sync"),
    "tills.unsent": ("Belum terkirim", "Unsent sales"),
    "tills.oldest": ("Tertua", "Oldest"),
    "tills.attention": ("Perlu diperiksa", "Need attention"),
    "tills.clock": ("Selisih jam", "Clock difference"),
    "tills.printer": ("Printer", "Printer"),
    "tills.unknown": ("belum ada kabar", "not reported yet"),
    "tills.never": ("belum pernah", "never"),
    "tills.colour.red": ("Perlu tindakan", "Needs action"),
    "tills.colour.amber": ("Perlu dilihat", "Needs a look"),
    "tills.colour.green": ("Baik", "Good"),
    "tills.reason.silent": (
        "Tidak ada kabar selama {age} saat toko buka",
        "Silent for {age} during opening hours",
    ),
    "tills.reason.unsent_old": (
        "Ada penjualan belum terkirim selama {age}",
        "A sale has been unsent for {age}",
    ),
    "tills.reason.quiet": ("Tidak ada kabar selama {age}", "Not heard from for {age}"),
    "tills.reason.unsent": ("{n} penjualan menunggu dikirim", "{n} sales waiting to be sent"),
    "tills.reason.needs_attention": (
        "{n} penjualan ditolak cloud, perlu diperiksa",
        "{n} sales refused by the cloud need attention",
    ),
    "tills.reason.clock": ("Jam kasir selisih {diff}", "Till clock off by {diff}"),
    "tills.reason.printer": ("Printer: {state}", "Printer: {state}"),
    "tills.reason.never_heard": ("Belum pernah terhubung", "Not connected yet"),
    "tills.reason.closed": (
        "Tidak aktif selama {age}; toko sedang tutup",
        "Quiet for {age}; the store is closed",
    ),
    "tills.age.minutes": ("{n} menit", "{n} min"),
    "tills.age.hours": ("{n} jam", "{n} h"),
    "tills.age.days": ("{n} hari", "{n} days"),
    "tills.clock.ok": ("sesuai", "in step"),
    "tills.clock.ahead": ("{amount} lebih cepat", "{amount} ahead"),
    "tills.clock.behind": ("{amount} lebih lambat", "{amount} behind"),
    "tills.clock.seconds": ("{n} detik", "{n} s"),
    "tills.printer.ready": ("Siap", "Ready"),
    "tills.printer.none": ("Tidak ada printer", "No printer"),
    "tills.printer.paper_out": ("Kertas habis", "Out of paper"),
    "tills.printer.paper_near_end": ("Kertas hampir habis", "Paper running low"),
    "tills.printer.cover_open": ("Tutup printer terbuka", "Cover open"),
    "tills.printer.offline": ("Printer offline", "Printer offline"),
    "tills.printer.unavailable": ("Tidak tersambung", "Not connected"),
    "tills.printer.error": ("Printer error", "Printer error"),
    "tills.printer.unknown": ("Tidak diketahui", "Unknown"),
    "tills.printer.closed": ("Menyambung…", "Connecting…"),
    "tills.printer.open": ("Menyambung…", "Connecting…"),
    "tills.revoke": ("Cabut", "Revoke"),
    "tills.revoke.title": ("Cabut kasir {till}?", "Revoke till {till}?"),
    "tills.revoke.body": (
        "Kasir ini tidak akan bisa sinkron lagi: penjualan berikutnya tetap tersimpan di "
        "kasir, tetapi tidak masuk ke cloud sampai kasir dipasangkan ulang dengan kode baru.",
        "This till will no longer sync: its next sales stay safe on the till but do not reach "
        "the cloud until it is paired again with a new code.",
    ),
    "tills.revoke.unsent": (
        "Masih ada {n} penjualan yang belum terkirim dari kasir ini.",
        "This till still has {n} sales not sent yet.",
    ),
    "tills.revoke.confirm": ("Ya, cabut kasir ini", "Yes, revoke this till"),
    "tills.revoked": ("Kasir sudah dicabut.", "The till was revoked."),
    "tills.pair.title": ("Pasangkan kasir", "Pair a till"),
    "tills.pair.help": (
        "Kode berlaku sekali. Di kasir yang baru dipasang, tempel tautan atau pindai kode QR "
        "pada layar pertama.",
        "A code works once. On a new till, paste the link or scan the QR code on its first screen.",
    ),
    "tills.pair.till_code": ("Kode kasir (boleh kosong)", "Till code (optional)"),
    "tills.pair.till_code_help": (
        "Mis. T02. Kosong: kasir mendapat nomor berikutnya yang bebas.",
        "E.g. T02. Empty: the till gets the next free number.",
    ),
    "tills.pair.replace": (
        "Ganti perangkat yang sekarang memakai kode kasir ini",
        "Replace the device that holds this till code now",
    ),
    "tills.pair.ttl": ("Berlaku selama", "Valid for"),
    "tills.pair.create": ("Buat kode pasangan", "Create pairing code"),
    "tills.pair.code": ("Kode pasangan", "Pairing code"),
    "tills.pair.expires": ("Berlaku sampai {when}", "Valid until {when}"),
    "tills.pair.link": ("Tautan pasangan", "Pairing link"),
    "tills.pair.copy": ("Salin", "Copy"),
    "tills.pair.qr": ("Pindai di kasir", "Scan at the till"),
    "tills.pair.server": ("Alamat cloud", "Cloud address"),
    "tills.pair.https_needed": (
        "Kasir hanya menerima alamat https (kecuali di komputer yang sama). Buka halaman ini "
        "lewat alamat https cloud agar tautan dan kode QR bisa dipakai; kode di atas tetap "
        "berlaku.",
        "Tills accept only https addresses (except on the same computer). Open this page "
        "through the cloud's https address for a link and QR code that work; the code above "
        "stays valid.",
    ),
    "tills.pair.another": ("Kembali ke daftar kasir", "Back to the tills"),
    "tills.pair.no_store": (
        "Belum ada toko. Buat toko dulu di halaman Toko.",
        "There is no store yet. Create one on the Stores page first.",
    ),
    "tills.err.till_code": (
        "Kode kasir hanya huruf, angka, - dan _, paling banyak 16.",
        "A till code is letters, digits, - and _, at most 16.",
    ),
    "tills.err.till_code_in_use": (
        "Kode kasir ini dipakai perangkat lain; centang \u201cganti\u201d atau pilih kode lain.",
        "This till code is held by another device; tick \u201creplace\u201d or pick another.",
    ),
    "tills.ttl.15": ("15 menit", "15 minutes"),
    "tills.ttl.60": ("1 jam", "1 hour"),
    "tills.ttl.1440": ("24 jam", "24 hours"),
}
