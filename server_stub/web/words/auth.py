"""Words of signing in, TOTP enrollment, recovery codes, invitations and the users list."""

WORDS: dict[str, tuple[str, str]] = {
    "auth.sign_in": ("Masuk", "Sign in"),
    "auth.sign_out": ("Keluar", "Sign out"),
    "auth.sign_out_everywhere": ("Keluar dari semua perangkat", "Sign out everywhere"),
    "auth.sign_out_everywhere_confirm": (
        "Keluar dari semua browser dan aplikasi yang memakai akun ini?",
        "Sign out of every browser and app using this account?",
    ),
    "auth.signed_out": ("Anda sudah keluar.", "You are signed out."),
    "auth.signed_out_everywhere": (
        "Anda sudah keluar dari semua perangkat.",
        "You are signed out everywhere.",
    ),
    "auth.idle_note": (
        "Demi keamanan, sesi berakhir setelah {minutes} menit tanpa aktivitas.",
        "For safety, a session ends after {minutes} minutes without activity.",
    ),
    "auth.email": ("Email", "E-mail"),
    "auth.password": ("Kata sandi", "Password"),
    "auth.password_again": ("Ulangi kata sandi", "Password again"),
    "auth.code": ("Kode autentikator", "Authenticator code"),
    "auth.code_help": (
        "6 angka dari aplikasi autentikator, atau salah satu kode pemulihan.",
        "6 digits from your authenticator app, or one of your recovery codes.",
    ),
    "auth.code_help_first": (
        "Masuk pertama kali? Kosongkan saja; Anda akan memasang aplikasi autentikator.",
        "First sign-in? Leave it empty; you will set up your authenticator app.",
    ),
    "auth.bad_login": (
        "Email, kata sandi, atau kode salah.",
        "The e-mail, password or code is wrong.",
    ),
    "auth.throttled": (
        "Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.",
        "Too many attempts. Try again in {seconds} seconds.",
    ),
    "auth.enroll_title": ("Pasang aplikasi autentikator", "Set up your authenticator app"),
    "auth.enroll_intro": (
        "Pindai kode QR ini dengan aplikasi autentikator (Google Authenticator, Microsoft "
        "Authenticator, Aegis, 2FAS), lalu ketik kode 6 angka yang muncul.",
        "Scan this QR code with an authenticator app (Google Authenticator, Microsoft "
        "Authenticator, Aegis, 2FAS), then type the 6-digit code it shows.",
    ),
    "auth.enroll_secret": (
        "Tidak bisa memindai? Ketik kunci ini di aplikasi:",
        "Cannot scan? Type this key into the app:",
    ),
    "auth.enroll_confirm": ("Konfirmasi", "Confirm"),
    "auth.enroll_bad_code": (
        "Kode tidak cocok. Periksa jam ponsel lalu ketik kode terbaru.",
        "The code does not match. Check the phone's clock and type the newest code.",
    ),
    "auth.recovery_title": ("Kode pemulihan", "Recovery codes"),
    "auth.recovery_intro": (
        "Simpan kode-kode ini di tempat aman (cetak atau tulis). Jika ponsel hilang, satu kode "
        "bisa dipakai sekali sebagai pengganti kode autentikator. Kode ini hanya ditampilkan "
        "sekarang.",
        "Keep these codes somewhere safe (print or write them down). If you lose your phone, "
        "each code works once instead of the authenticator code. They are shown only now.",
    ),
    "auth.recovery_done": ("Sudah saya simpan, lanjut", "I have saved them, continue"),
    "auth.recovery_used": (
        "Anda masuk dengan kode pemulihan. Sisa kode: {left}.",
        "You signed in with a recovery code. Codes left: {left}.",
    ),
    "auth.recovery_spent": (
        "Anda masuk dengan kode pemulihan; kode itu tidak berlaku lagi. Buat kode baru di bawah "
        "bila tinggal sedikit.",
        "You signed in with a recovery code; that code no longer works. Make new codes below "
        "when few are left.",
    ),
    "auth.invite_title": ("Buat akun Anda", "Create your account"),
    "auth.invite_intro": (
        "Anda diundang ke {org} sebagai {role}. Buat kata sandi untuk {email}.",
        "You are invited to {org} as {role}. Choose a password for {email}.",
    ),
    "auth.invite_invalid": (
        "Tautan undangan ini salah, sudah dipakai, atau kedaluwarsa. Minta undangan baru.",
        "This invitation link is wrong, used or expired. Ask for a new invitation.",
    ),
    "auth.password_short": (
        "Kata sandi minimal {n} karakter.",
        "A password has at least {n} characters.",
    ),
    "auth.password_mismatch": ("Kedua kata sandi tidak sama.", "The two passwords differ."),
    "auth.continue": ("Lanjut", "Continue"),
    "role.owner": ("Pemilik", "Owner"),
    "role.manager": ("Manajer", "Manager"),
}
