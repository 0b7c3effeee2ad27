"""Words of the Webhook page (endpoints, their secret, the delivery log) and its home notice."""

WORDS: dict[str, tuple[str, str]] = {
    "webhooks.nav": ("Webhook", "Webhooks"),
    "webhooks.title": ("Webhook", "Webhooks"),
    "webhooks.intro": (
        "Webhook mengirim kejadian toko (penjualan, retur, stok, ...) ke aplikasi lain, "
        "misalnya akuntansi atau toko online, begitu terjadi. Tiap kiriman ditandatangani "
        "dan dicoba ulang sampai 3 hari bila penerima tidak menjawab.",
        "Webhooks send the shop's events (sales, refunds, stock, ...) to other applications, "
        "such as accounting or an online shop, as they happen. Each delivery is signed and "
        "retried for up to 3 days when the receiver does not answer.",
    ),
    "webhooks.none": ("Belum ada webhook.", "No webhooks yet."),
    "webhooks.new": ("Webhook baru", "New webhook"),
    "webhooks.create": ("Buat webhook", "Create webhook"),
    "webhooks.url": ("Alamat (URL)", "Address (URL)"),
    "webhooks.url_help": (
        "Harus https. Alamat di jaringan lokal toko hanya bila diizinkan di bawah.",
        "Must be https. An address on the shop's own network only when allowed below.",
    ),
    "webhooks.description": ("Keterangan", "Description"),
    "webhooks.events": ("Kejadian", "Events"),
    "webhooks.event": ("Kejadian", "Event"),
    "webhooks.allow_lan": (
        "Izinkan alamat jaringan lokal (LAN)",
        "Allow a local network (LAN) address",
    ),
    "webhooks.allow_lan_help": (
        "Hanya untuk penerima di jaringan toko sendiri, misalnya 192.168.x.x.",
        "Only for a receiver on the shop's own network, such as 192.168.x.x.",
    ),
    "webhooks.status": ("Status", "Status"),
    "webhooks.on": ("Aktif", "On"),
    "webhooks.off": ("Nonaktif", "Off"),
    "webhooks.off_failing": ("Nonaktif: gagal 3 hari", "Off: failing for 3 days"),
    "webhooks.open": ("Buka", "Open"),
    "webhooks.look": ("Lihat", "View"),
    "webhooks.endpoint": ("Webhook", "Webhook"),
    "webhooks.failing": (
        "Webhook ke {url} dinonaktifkan pada {when}: pengirimannya gagal selama 3 hari. "
        "Periksa penerimanya, lalu aktifkan lagi.",
        "The webhook to {url} was switched off at {when}: its deliveries failed for 3 days. "
        "Check the receiver, then switch it on again.",
    ),
    "webhooks.failing_here": (
        "Dinonaktifkan pada {when}: pengiriman gagal selama 3 hari. Setelah penerima "
        "diperbaiki, aktifkan lagi; kiriman yang gagal bisa dikirim ulang satu per satu.",
        "Switched off at {when}: deliveries failed for 3 days. Once the receiver is fixed, "
        "switch it on again; failed deliveries can be sent again one by one.",
    ),
    "webhooks.switch_off": ("Nonaktifkan", "Switch off"),
    "webhooks.switch_on": ("Aktifkan", "Switch on"),
    "webhooks.switched_off": ("Webhook dinonaktifkan.", "Webhook switched off."),
    "webhooks.switched_on": ("Webhook diaktifkan.", "Webhook switched on."),
    "webhooks.send_test": ("Kirim uji coba", "Send a test"),
    "webhooks.test_sent": (
        "Kejadian uji coba dikirim; hasilnya tampil di log sebentar lagi.",
        "A test event is on its way; its result shows in the log in a moment.",
    ),
    "webhooks.rotate": ("Ganti rahasia", "New secret"),
    "webhooks.rotate_confirm": (
        "Buat rahasia baru? Rahasia lama masih berlaku 24 jam.",
        "Make a new secret? The old one keeps working for 24 hours.",
    ),
    "webhooks.delete": ("Hapus", "Remove"),
    "webhooks.delete_confirm": (
        "Hapus webhook ini beserta lognya? Tidak ada lagi yang dikirim ke sana.",
        "Remove this webhook and its log? Nothing more is sent there.",
    ),
    "webhooks.deleted": ("Webhook dihapus.", "Webhook removed."),
    "webhooks.edit": ("Ubah webhook", "Change webhook"),
    "webhooks.log": ("Log pengiriman", "Delivery log"),
    "webhooks.all": ("Semua status", "Every status"),
    "webhooks.state.pending": ("Menunggu", "Pending"),
    "webhooks.state.failed": ("Gagal, dicoba lagi", "Failed, will retry"),
    "webhooks.state.delivered": ("Terkirim", "Delivered"),
    "webhooks.state.dead": ("Gagal total", "Gave up"),
    "webhooks.attempts": ("{n}× dicoba", "{n} attempts"),
    "webhooks.next_try": ("coba lagi {when}", "next try {when}"),
    "webhooks.answer": ("Jawaban", "Answer"),
    "webhooks.excerpt": ("Isi jawaban (500 bita pertama)", "Answer (first 500 bytes)"),
    "webhooks.when": ("Waktu", "When"),
    "webhooks.redeliver": ("Kirim ulang", "Redeliver"),
    "webhooks.redelivering": ("Dikirim ulang sebentar lagi.", "Sending it again in a moment."),
    "webhooks.switch_on_first": (
        "Aktifkan webhook dulu sebelum mengirim ulang.",
        "Switch the webhook on before redelivering.",
    ),
    "webhooks.older": ("Lebih lama", "Older"),
    "webhooks.no_deliveries": ("Belum ada pengiriman.", "No deliveries yet."),
    "webhooks.created": ("Webhook dibuat", "Webhook created"),
    "webhooks.rotated": ("Rahasia baru dibuat", "New secret made"),
    "webhooks.secret_title": ("Rahasia webhook", "Webhook secret"),
    "webhooks.secret": ("Rahasia penandatangan", "Signing secret"),
    "webhooks.copy": ("Salin", "Copy"),
    "webhooks.secret_once": (
        "Rahasia ini hanya ditampilkan sekali. Simpan sekarang di aplikasi penerima.",
        "This secret is shown only once. Store it in the receiving application now.",
    ),
    "webhooks.rotation_help": (
        "Sampai {when} setiap kiriman ditandatangani dengan rahasia lama dan yang baru.",
        "Until {when} every delivery is signed with both the old and the new secret.",
    ),
    "webhooks.verify_help": (
        "Penerima memeriksa header webhook-signature (Standard Webhooks) dengan rahasia ini "
        "dan mengabaikan webhook-id yang sudah pernah diterima.",
        "The receiver checks the webhook-signature header (Standard Webhooks) with this "
        "secret and ignores a webhook-id it has seen before.",
    ),
    "webhooks.back_to_endpoint": ("Ke webhook ini", "To this webhook"),
    "webhooks.err.url": ("Alamat ini tidak bisa dibaca.", "This address cannot be read."),
    "webhooks.err.scheme": (
        "Alamat harus diawali https://.",
        "The address must start with https://.",
    ),
    "webhooks.err.credentials": (
        "Jangan taruh nama pengguna atau kata sandi di alamat.",
        "Do not put a user name or password in the address.",
    ),
    "webhooks.err.resolve": (
        "Nama host ini tidak ditemukan.",
        "This host name cannot be found.",
    ),
    "webhooks.err.lan": (
        "Ini alamat jaringan lokal: centang izin LAN bila memang penerimanya di toko.",
        "This is a local network address: tick the LAN permission if the receiver is in the shop.",
    ),
    "webhooks.err.loopback": (
        "Alamat ke server ini sendiri tidak diizinkan.",
        "An address of this server itself is not allowed.",
    ),
    "webhooks.err.address": (
        "Alamat ini tidak pernah diizinkan (misalnya alamat metadata cloud).",
        "This address is never allowed (a cloud metadata address, for example).",
    ),
    "webhooks.err.events": ("Pilih setidaknya satu kejadian.", "Pick at least one event."),
    "webhooks.err.too_many": (
        "Sudah ada 20 webhook; hapus satu dulu.",
        "There are 20 webhooks already; remove one first.",
    ),
    "webhooks.event.sale.created": ("penjualan tersimpan", "a sale is stored"),
    "webhooks.event.refund.created": ("retur tersimpan", "a refund is stored"),
    "webhooks.event.shift.closed": ("shift ditutup (laporan Z)", "a shift closed (Z report)"),
    "webhooks.event.product.updated": ("produk dibuat atau diubah", "a product made or changed"),
    "webhooks.event.stock.changed": ("stok berubah", "stock changed"),
    "webhooks.event.stock.low": (
        "stok menipis (sampai titik pesan ulang produk)",
        "stock low (down to the product's reorder point)",
    ),
    "webhooks.event.customer.created": (
        "pelanggan baru (belum dikirim: belum ada data pelanggan)",
        "new customer (not sent yet: no customers are kept yet)",
    ),
    "webhooks.event.journal.alert": ("peringatan jurnal kasir", "a till journal alert"),
}
