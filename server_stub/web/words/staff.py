"""Words of the Staf page (the people who log in at the tills)."""

WORDS: dict[str, tuple[str, str]] = {
    "staff.new": ("Tambah staf", "Add staff"),
    "staff.create": ("Tambah staf", "Add staff"),
    "staff.created": (
        "Staf ditambahkan. Kasir di tokonya menerimanya saat sinkron berikutnya.",
        "Staff member added. The store's tills get them at their next sync.",
    ),
    "staff.name": ("Nama", "Name"),
    "staff.role": ("Peran", "Role"),
    "staff.role.cashier": ("Kasir", "Cashier"),
    "staff.role.supervisor": ("Supervisor", "Supervisor"),
    "staff.role.manager": ("Manajer", "Manager"),
    "staff.role_help": (
        "Supervisor dan manajer boleh menyetujui diskon, retur dan pembatalan di kasir.",
        "Supervisors and managers may approve discounts, refunds and voids at the till.",
    ),
    "staff.works_in": ("Bekerja di toko", "Works in"),
    "staff.status": ("Status", "Status"),
    "staff.active": ("Aktif", "Active"),
    "staff.inactive": ("Nonaktif", "Inactive"),
    "staff.view": ("Lihat", "View"),
    "staff.details": ("Data staf", "Details"),
    "staff.none": ("Belum ada staf di sini.", "No staff here yet."),
    "staff.no_stores": (
        "Belum ada toko yang bisa Anda kelola.",
        "There is no store you can manage yet.",
    ),
    "staff.pin": ("PIN", "PIN"),
    "staff.new_pin": ("PIN baru", "New PIN"),
    "staff.pin_again": ("Ulangi PIN", "PIN again"),
    "staff.pin_help": (
        "4 sampai 6 angka. PIN tidak pernah ditampilkan lagi.",
        "4 to 6 digits. A PIN is never shown again.",
    ),
    "staff.pin_set_at": ("PIN terakhir diatur {at}.", "PIN last set {at}."),
    "staff.reset_pin": ("Atur ulang PIN", "Reset PIN"),
    "staff.pin_reset": (
        "PIN baru tersimpan. Kasir menerimanya saat sinkron berikutnya.",
        "New PIN saved. The tills get it at their next sync.",
    ),
    "staff.deactivate": ("Nonaktifkan", "Deactivate"),
    "staff.deactivate_confirm": ("Nonaktifkan {name}?", "Deactivate {name}?"),
    "staff.deactivate_help": (
        "Setelah sinkron berikutnya, staf ini tidak bisa masuk di kasir mana pun. "
        "Penjualannya tetap tercatat, dan Anda bisa mengaktifkannya kembali.",
        "After the next sync this person cannot log in at any till. Their sales stay on "
        "record, and you can activate them again.",
    ),
    "staff.deactivated": ("Staf dinonaktifkan.", "Staff member deactivated."),
    "staff.activate": ("Aktifkan kembali", "Activate again"),
    "staff.activated": ("Staf aktif kembali.", "Staff member active again."),
    "staff.is_inactive": (
        "Staf ini nonaktif: tidak bisa masuk di kasir.",
        "This person is inactive: they cannot log in at the tills.",
    ),
    "staff.shared": (
        "Staf ini juga bekerja di toko yang tidak Anda kelola; hanya pemilik yang bisa "
        "mengubahnya.",
        "This person also works in a store you do not manage; only the owner can change them.",
    ),
    "staff.err.name": (
        "Isi nama (paling banyak 100 huruf).",
        "Enter a name (100 characters at most).",
    ),
    "staff.err.role": (
        "Pilih kasir, supervisor atau manajer.",
        "Choose cashier, supervisor or manager.",
    ),
    "staff.err.stores": ("Pilih paling sedikit satu toko.", "Choose at least one store."),
    "staff.err.pin": ("PIN harus 4 sampai 6 angka.", "The PIN must be 4 to 6 digits."),
    "staff.err.pin_again": ("Kedua PIN tidak sama.", "The two PINs differ."),
}
