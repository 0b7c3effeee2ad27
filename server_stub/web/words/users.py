"""Words of the Pengguna (users) section and the own-account page."""

WORDS: dict[str, tuple[str, str]] = {
    "users.title": ("Pengguna", "Users"),
    "users.my_account": ("Akun saya", "My account"),
    "users.role": ("Peran", "Role"),
    "users.status": ("Status", "Status"),
    "users.active": ("Aktif", "Active"),
    "users.inactive": ("Nonaktif", "Inactive"),
    "users.pending": ("Belum bergabung", "Not joined yet"),
    "users.activate": ("Aktifkan", "Activate"),
    "users.deactivate": ("Nonaktifkan", "Deactivate"),
    "users.confirm_toggle": ("Ubah status pengguna ini?", "Change this user's status?"),
    "users.new_link": ("Tautan undangan baru", "New invitation link"),
    "users.invite": ("Undang pengguna", "Invite a user"),
    "users.invite_help": (
        "Manajer hanya melihat toko yang dicentang. Anda akan mendapat tautan sekali pakai "
        "untuk dikirim lewat WhatsApp atau email.",
        "A manager sees only the ticked stores. You get a one-time link to send by WhatsApp "
        "or e-mail.",
    ),
    "users.manager_stores": ("Toko untuk manajer", "Stores for a manager"),
    "users.invite_button": ("Buat undangan", "Create invitation"),
    "users.invite_ready": ("Undangan untuk {email} siap", "Invitation for {email} is ready"),
    "users.invite_send": (
        "Kirim tautan ini kepada orangnya. Tautan hanya bisa dipakai sekali dan hanya tampil "
        "sekarang.",
        "Send this link to the person. It works once and is shown only now.",
    ),
    "users.invite_expires": ("Berlaku sampai {when}.", "Valid until {when}."),
    "users.copy": ("Salin tautan", "Copy link"),
    "users.codes_left": (
        "Kode pemulihan yang belum dipakai: {left}.",
        "Unused recovery codes: {left}.",
    ),
    "users.new_codes": ("Buat kode pemulihan baru", "Make new recovery codes"),
    "users.new_codes_confirm": (
        "Kode pemulihan lama tidak berlaku lagi. Lanjutkan?",
        "The old recovery codes stop working. Continue?",
    ),
    "users.totp_reset": ("Atur ulang autentikator", "Reset authenticator"),
    "users.totp_reset_confirm": (
        "Pengguna ini harus memasang aplikasi autentikator lagi saat masuk berikutnya, dan "
        "semua sesinya berakhir. Lanjutkan?",
        "This user must set up the authenticator app again at the next sign-in, and all of "
        "their sessions end. Continue?",
    ),
    "users.totp_reset_done": (
        "Autentikator diatur ulang. Pengguna memasangnya lagi saat masuk dengan kata sandinya.",
        "Authenticator reset. The user sets it up again when signing in with their password.",
    ),
    "users.err.role": ("Pilih peran yang ada.", "Choose an existing role."),
    "users.err.role_above_own": (
        "Anda tidak bisa memberi peran di atas peran Anda sendiri.",
        "You cannot give a role above your own.",
    ),
    "users.err.email": ("Tulis alamat email yang benar.", "Write a valid e-mail address."),
    "users.err.email_taken": (
        "Sudah ada pengguna dengan email ini.",
        "A user with this e-mail exists.",
    ),
    "users.err.stores": ("Toko tidak ditemukan.", "Store not found."),
    "users.err.no_stores": (
        "Centang minimal satu toko untuk manajer.",
        "Tick at least one store for a manager.",
    ),
}
