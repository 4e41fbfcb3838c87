import type { Locale } from "./i18n/locale.js";

// Every error the API can return, with its HTTP status and its message in both languages.
const catalogue = {
  validation_failed: { status: 400, id: "Data yang dikirim tidak valid.", en: "The submitted data is not valid." },
  invalid_json: { status: 400, id: "Isi permintaan bukan JSON yang valid.", en: "The request body is not valid JSON." },
  unstorable_text: {
    status: 400,
    id: "Teks berisi karakter yang tidak dapat disimpan (karakter NUL atau Unicode yang rusak). Hapus karakter itu, lalu kirim lagi.",
    en: "The text contains characters that cannot be stored (a NUL or broken Unicode). Remove them and send again.",
  },
  invalid_cursor: { status: 400, id: "Penanda halaman tidak valid.", en: "The page cursor is not valid." },
  unsupported_media_type: {
    status: 415,
    id: "Permintaan harus dikirim sebagai JSON (Content-Type: application/json).",
    en: "The request must be sent as JSON (Content-Type: application/json).",
  },
  payload_too_large: { status: 413, id: "Isi permintaan terlalu besar.", en: "The request body is too large." },
  unauthenticated: { status: 401, id: "Silakan masuk terlebih dahulu.", en: "Please sign in first." },
  invalid_credentials: { status: 401, id: "Email atau kata sandi salah.", en: "Wrong e-mail or password." },
  invalid_token: {
    status: 401,
    id: "Token API tidak valid, kedaluwarsa, atau dicabut.",
    en: "The API token is invalid, expired or revoked.",
  },
  token_scope_missing: {
    status: 403,
    id: "Token API ini tidak memiliki cakupan \u201c{scope}\u201d yang diperlukan untuk permintaan ini. Buat token dengan cakupan itu.",
    en: "This API token lacks the \u201c{scope}\u201d scope this request needs. Create a token with that scope.",
  },
  account_inactive: {
    status: 403,
    id: "Akun ini telah dinonaktifkan. Hubungi admin.",
    en: "This account has been deactivated. Contact an administrator.",
  },
  sign_in_throttled: {
    status: 429,
    id: "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {wait}.",
    en: "Too many failed sign-in attempts. Try again in {wait}.",
  },
  rate_limited: {
    status: 429,
    id: "Terlalu banyak permintaan. Coba lagi dalam {wait}.",
    en: "Too many requests. Try again in {wait}.",
  },
  csrf_failed: {
    status: 403,
    id: "Permintaan ditolak karena token keamanan (CSRF) tidak cocok. Muat ulang halaman.",
    en: "Request refused: the security (CSRF) token does not match. Reload the page.",
  },
  password_change_required: {
    status: 403,
    id: "Anda harus mengganti kata sandi sebelum melanjutkan.",
    en: "You must change your password before continuing.",
  },
  wrong_current_password: { status: 400, id: "Kata sandi saat ini salah.", en: "The current password is wrong." },
  weak_password: {
    status: 400,
    id: "Kata sandi minimal 10 karakter dan tidak boleh sama dengan email.",
    en: "The password needs at least 10 characters and must differ from the e-mail address.",
  },
  forbidden: { status: 403, id: "Anda tidak berwenang melakukan tindakan ini.", en: "You are not allowed to do this." },
  not_found: { status: 404, id: "Data tidak ditemukan.", en: "Not found." },
  calendar_day_not_found: {
    status: 404,
    id: "Tanggal ini bukan hari libur, cuti bersama atau penutupan kantor dalam kalender kerja.",
    en: "This date is not a holiday, cuti bersama or office closure in the working calendar.",
  },
  route_not_found: { status: 404, id: "Alamat API tidak dikenal.", en: "Unknown API address." },
  email_taken: {
    status: 409,
    id: "Email ini sudah dipakai pengguna lain.",
    en: "This e-mail address is already in use.",
  },
  push_desa_mismatch: {
    status: 403,
    id: "Kode desa yang dikirim OpenSID bukan kode desa pemilik token ini. Periksa kode desa di OpenSID atau minta admin menerbitkan token untuk desa yang benar.",
    en: "The desa code OpenSID sent is not the code of the desa this token belongs to. Check the desa code in OpenSID or ask an admin for a token for the right desa.",
  },
  lapor_handoff_exists: {
    status: 409,
    id: "Item ini sudah tercatat diteruskan ke atau diterima dari LAPOR!. Ubah catatan yang ada.",
    en: "This item is already recorded as forwarded to or received from LAPOR!. Update that record instead.",
  },
  lapor_handoff_missing: {
    status: 404,
    id: "Item ini belum tercatat diteruskan ke atau diterima dari LAPOR!.",
    en: "This item is not recorded as forwarded to or received from LAPOR! yet.",
  },
  lapor_date_in_future: {
    status: 400,
    id: "Tanggal LAPOR! tidak boleh di masa depan.",
    en: "A LAPOR! date cannot be in the future.",
  },
  unit_code_taken: { status: 409, id: "Kode unit ini sudah dipakai.", en: "This unit code is already in use." },
  invalid_unit_parent: {
    status: 400,
    id: "Induk unit tidak sesuai: Kabupaten → OPD/Dinas atau Kecamatan → Desa/Kelurahan.",
    en: "Invalid parent unit: Kabupaten → OPD/Dinas or Kecamatan → Desa/Kelurahan.",
  },
  unit_cycle: {
    status: 400,
    id: "Unit tidak dapat dipindahkan ke bawah dirinya sendiri.",
    en: "A unit cannot be moved below itself.",
  },
  unit_has_active_children: {
    status: 409,
    id: "Unit masih memiliki sub-unit aktif; nonaktifkan sub-unit terlebih dahulu.",
    en: "The unit still has active sub-units; deactivate them first.",
  },
  unit_inactive: { status: 400, id: "Unit yang dipilih sudah nonaktif.", en: "The chosen unit is inactive." },
  unknown_region: {
    status: 400,
    id: "Kode kabupaten/kota tidak dikenal dalam data wilayah resmi (contoh kode: 61.03).",
    en: "No kabupaten/kota has this code in the official area data (a code looks like 61.03).",
  },
  region_import_parent: {
    status: 400,
    id: "Wilayah hanya dapat diimpor ke bawah unit kabupaten/kota.",
    en: "Areas can only be imported below a kabupaten/kota unit.",
  },
  region_mismatch: {
    status: 409,
    id: "Unit ini sudah mewakili kabupaten/kota lain; wilayahnya tidak dapat diimpor ke sini.",
    en: "This unit already stands for another kabupaten/kota; these areas cannot be imported here.",
  },
  region_elsewhere: {
    status: 409,
    id: "Kabupaten/kota ini sudah diwakili unit lain; impor wilayahnya ke unit itu.",
    en: "Another unit already stands for this kabupaten/kota; import its areas there.",
  },
  unit_merge_same: {
    status: 400,
    id: "Pilih dua unit yang berbeda untuk digabung.",
    en: "Choose two different units to merge.",
  },
  unit_merge_related: {
    status: 409,
    id: "Unit tidak dapat digabung dengan unit di atas atau di bawahnya.",
    en: "A unit cannot be merged with a unit above or below it.",
  },
  unit_merge_incompatible: {
    status: 409,
    id: "Hanya unit sejenis yang dapat digabung (desa dengan desa/kelurahan, kecamatan dengan kecamatan, OPD dengan OPD); unit teratas tidak dapat digabung.",
    en: "Only units of the same kind can be merged (desa with desa/kelurahan, kecamatan with kecamatan, OPD with OPD); the top unit cannot be merged.",
  },
  unit_merge_two_areas: {
    status: 409,
    id: "Kedua unit adalah wilayah resmi dengan kode berbeda, jadi tidak dapat digabung.",
    en: "Both units are official areas with different codes, so they cannot be merged.",
  },
  unit_merge_conflict: {
    status: 409,
    id: "Unit tidak dapat digabung karena keduanya memiliki data yang hanya boleh ada satu (misalnya akun kanal yang sama).",
    en: "The units cannot be merged: both have a record there may be only one of (such as the same channel account).",
  },
  cannot_deactivate_self: {
    status: 400,
    id: "Anda tidak dapat menonaktifkan akun sendiri.",
    en: "You cannot deactivate your own account.",
  },
  last_admin: {
    status: 409,
    id: "Harus ada setidaknya satu admin aktif.",
    en: "At least one active administrator must remain.",
  },
  smtp_not_configured: {
    status: 409,
    id: "Pengiriman email belum diatur: isi SMTP_URL dan SMTP_FROM pada konfigurasi server.",
    en: "E-mail is not configured: set SMTP_URL and SMTP_FROM in the server's environment.",
  },
  sandbox_disabled: {
    status: 404,
    id: "Simulasi platform tidak aktif pada instalasi ini.",
    en: "The platform simulation is not enabled on this installation.",
  },
  unsupported_media_file: {
    status: 415,
    id: "Jenis berkas tidak didukung. Gunakan gambar JPEG, PNG atau WebP, atau video MP4/MOV.",
    en: "Unsupported file type. Use a JPEG, PNG or WebP image, or an MP4/MOV video.",
  },
  unreadable_media_file: {
    status: 400,
    id: "Berkas rusak atau isinya tidak sesuai dengan jenisnya.",
    en: "The file is damaged or its content does not match its type.",
  },
  channel_rules_violated: {
    status: 422,
    id: "Unggahan belum memenuhi aturan kanal yang dipilih.",
    en: "The post does not meet the rules of the chosen channels.",
  },
  channel_verification_failed: {
    status: 422,
    id: "Platform menolak kredensial kanal ini.",
    en: "The platform refused this channel's credentials.",
  },
  channel_needs_reconnect: {
    status: 409,
    id: "Sambungan kanal ini tidak berlaku lagi. Hubungkan ulang akunnya di halaman Kanal.",
    en: "This channel's connection is no longer valid. Connect the account again on the Channels page.",
  },
  channel_not_available: {
    status: 400,
    id: "Kanal yang dipilih tidak tersedia untuk unit ini atau sedang tidak terhubung.",
    en: "A chosen channel is not available to this unit or is not connected.",
  },
  whatsapp_window_closed: {
    status: 409,
    id: "Lebih dari 24 jam sejak pesan terakhir warga: WhatsApp hanya mengizinkan templat pesan yang disetujui. Pilih templat.",
    en: "More than 24 hours since the citizen's last message: WhatsApp allows only approved message templates. Choose a template.",
  },
  whatsapp_template_not_approved: {
    status: 422,
    id: "Templat ini tidak ada atau belum disetujui Meta untuk akun WhatsApp Business ini.",
    en: "This template does not exist or is not approved by Meta for this WhatsApp Business Account.",
  },
  whatsapp_template_parameters: {
    status: 422,
    id: "Jumlah isian templat tidak sama dengan jumlah {{n}} di teksnya.",
    en: "The number of template fields does not match the {{n}} in its text.",
  },
  whatsapp_template_listed: {
    status: 409,
    id: "Templat ini sudah terdaftar untuk nomor ini.",
    en: "This template is already listed for this number.",
  },
  whatsapp_only: {
    status: 400,
    id: "Hanya berlaku untuk kanal atau pesan WhatsApp.",
    en: "This applies only to WhatsApp channels or messages.",
  },
  https_required: {
    status: 400,
    id: "Alamat situs harus memakai https://: kata sandi aplikasi WordPress hanya berlaku lewat HTTPS, dan tanpa HTTPS kata sandi itu terkirim terbuka.",
    en: "The site address must use https://: WordPress application passwords work only over HTTPS, and without it the password travels in the clear.",
  },
  webhooks_not_configured: {
    status: 409,
    id: "Webhook Meta belum diatur: isi META_APP_ID, META_APP_SECRET dan META_WEBHOOK_VERIFY_TOKEN.",
    en: "Meta webhooks are not set up: set META_APP_ID, META_APP_SECRET and META_WEBHOOK_VERIFY_TOKEN.",
  },
  channel_already_connected: {
    status: 409,
    id: "Akun ini sudah terhubung sebagai kanal unit tersebut.",
    en: "This account is already connected as a channel of that unit.",
  },
  channel_connected_elsewhere: {
    status: 409,
    id: "Akun ini sudah terhubung sebagai kanal {unit}. Unit di bawah {unit} sudah dapat menerbitkan lewat kanal itu. Hubungkan lagi hanya bila unit ini memang harus memakai akun yang sama: komentar dan pesannya lalu masuk ke kedua unit.",
    en: "This account is already connected as a channel of {unit}. Units under {unit} can already publish through that channel. Connect it again only if this unit must use the same account too: its comments and messages then reach both units.",
  },
  post_not_editable: {
    status: 409,
    id: "Unggahan ini tidak dapat diubah pada statusnya sekarang.",
    en: "This post cannot be changed in its current status.",
  },
  invalid_post_transition: {
    status: 409,
    id: "Tindakan ini tidak berlaku untuk status unggahan sekarang.",
    en: "This action does not apply to the post's current status.",
  },
  schedule_in_past: {
    status: 400,
    id: "Waktu terbit sudah lewat. Pilih waktu yang akan datang.",
    en: "The publishing time has passed. Choose a time in the future.",
  },
  invalid_report_place: {
    status: 400,
    id: "Lokasi laporan harus kecamatan atau desa/kelurahan yang aktif.",
    en: "A report's place must be an active kecamatan or desa/kelurahan.",
  },
  assignee_cannot_handle: {
    status: 400,
    id: "Petugas yang dipilih tidak dapat menangani item ini (nonaktif atau di luar unitnya).",
    en: "The chosen person cannot handle this item (inactive or outside its unit).",
  },
  invalid_item_transition: {
    status: 409,
    id: "Status item tidak dapat diubah seperti itu.",
    en: "The item's status cannot change that way.",
  },
  platform_unavailable: {
    status: 503,
    id: "Platform sedang tidak dapat dihubungi. Balasan belum terkirim; coba lagi sebentar lagi.",
    en: "The platform cannot be reached right now. The reply was not sent; try again shortly.",
  },
  reply_outcome_unknown: {
    status: 504,
    id: "Platform tidak memberi jawaban pasti, jadi balasan mungkin sudah terkirim. Periksa percakapan di platform sebelum mengirim ulang.",
    en: "The platform gave no clear answer, so the reply may have been posted. Check the conversation on the platform before sending it again.",
  },
  reply_rejected: {
    status: 422,
    id: "Platform menolak balasan ini.",
    en: "The platform refused this reply.",
  },
  unknown_template_variable: {
    status: 400,
    id: "Templat memakai variabel yang tidak dikenal. Gunakan hanya {nama}, {nomor}, {unit} atau {formulir_ppid}.",
    en: "The template uses an unknown variable. Use only {nama}, {nomor}, {unit} or {formulir_ppid}.",
  },
  dead_letter_resolved: {
    status: 409,
    id: "Entri ini sudah ditangani (disimpan atau diabaikan).",
    en: "This entry has already been handled (filed or dismissed).",
  },
  dead_letter_retry_failed: {
    status: 422,
    id: "Pesan ini masih belum dapat disimpan. Alasannya diperbarui di daftar.",
    en: "This message still cannot be filed. The reason is updated in the list.",
  },
  ppid_utama_taken: {
    status: 409,
    id: "Sudah ada unit lain yang menjadi PPID Utama; satu badan publik hanya memiliki satu PPID Utama.",
    en: "Another unit is already the PPID Utama; a public body has only one.",
  },
  ppid_already_decided: {
    status: 409,
    id: "Permohonan ini sudah diputuskan dan pemberitahuan tertulisnya sudah terbit.",
    en: "This request has already been decided and its written notice issued.",
  },
  ppid_not_decided: {
    status: 409,
    id: "Permohonan ini belum diputuskan.",
    en: "This request has not been decided yet.",
  },
  ppid_already_extended: {
    status: 409,
    id: "Jangka waktu permohonan ini sudah pernah diperpanjang; perpanjangan hanya boleh satu kali (UU 14/2008 pasal 22 ayat 8).",
    en: "This request's deadline has already been extended; it may be extended only once (Law 14/2008 art. 22(8)).",
  },
  ppid_extension_too_late: {
    status: 409,
    id: "Batas waktu pemberitahuan sudah lewat; perpanjangan harus diberitahukan sebelum batas waktu.",
    en: "The notice deadline has passed; an extension must be notified before it.",
  },
  ppid_exemption_required: {
    status: 422,
    id: "Informasi hanya boleh dikecualikan berdasarkan Pasal 17 (huruf a–j) dengan uji konsekuensi tertulis dan jangka waktu pengecualian.",
    en: "Information may be withheld only on an exemption of Article 17 (a–j), with a written consequence test and the period of exemption.",
  },
  ppid_decision_details_required: {
    status: 422,
    id: "Keputusan ini memerlukan keterangan tambahan pada pemberitahuan tertulis.",
    en: "This decision needs more details in the written notice.",
  },
  ppid_file_unsupported: {
    status: 415,
    id: "Jenis berkas tidak didukung. Gunakan PDF, gambar (JPEG/PNG), dokumen atau lembar kerja (DOCX, XLSX, ODT, ODS) atau CSV.",
    en: "Unsupported file type. Use PDF, images (JPEG/PNG), documents or spreadsheets (DOCX, XLSX, ODT, ODS) or CSV.",
  },
  ppid_original_withheld: {
    status: 409,
    id: "Berkas asli yang memiliki salinan hitam (redaksi) tidak boleh dibagikan kepada pemohon; bagikan salinannya.",
    en: "An original that has a redacted copy cannot be shared with the applicant; share the redacted copy.",
  },
  ppid_redact_original_only: {
    status: 400,
    id: "Salinan hitam dibuat dari berkas asli, bukan dari salinan lain.",
    en: "A redacted copy is made from an original, not from another copy.",
  },
  ppid_inbox_item_linked: {
    status: 409,
    id: "Item ini sudah dijadikan permohonan informasi.",
    en: "This item has already been made into an information request.",
  },
  ppid_objection_reason_absent: {
    status: 422,
    id: "Alasan keberatan yang dipilih belum ada untuk permohonan ini.",
    en: "A chosen reason for objecting does not exist yet for this request.",
  },
  ppid_objection_window_closed: {
    status: 422,
    id: "Batas waktu pengajuan keberatan (30 hari kerja sejak alasannya ada) sudah lewat.",
    en: "The time to object (30 working days after the reason arose) has passed.",
  },
  ppid_objection_answered: {
    status: 409,
    id: "Keberatan ini sudah ditanggapi atasan PPID.",
    en: "The atasan PPID has already answered this objection.",
  },
  ppid_objection_not_answered: {
    status: 409,
    id: "Keberatan ini belum ditanggapi atasan PPID.",
    en: "The atasan PPID has not answered this objection yet.",
  },
  ppid_dispute_exists: {
    status: 409,
    id: "Sengketa atas keberatan ini sudah dicatat.",
    en: "A dispute about this objection has already been recorded.",
  },
  ppid_dispute_missing: {
    status: 409,
    id: "Belum ada sengketa yang dicatat untuk keberatan ini.",
    en: "No dispute has been recorded for this objection.",
  },
  ppid_survey_done: {
    status: 409,
    id: "Survei kepuasan untuk permohonan ini sudah diisi.",
    en: "The satisfaction survey for this request has already been answered.",
  },
  site_not_available: {
    status: 400,
    id: "Unit ini tidak memiliki situs web (hanya kecamatan, desa/kelurahan, dan OPD yang diaktifkan).",
    en: "This unit has no website (only kecamatan, desa/kelurahan and enabled OPD do).",
  },
  post_site_not_allowed: {
    status: 403,
    id: "Anda tidak dapat menulis untuk situs unit ini; pilih situs utama atau situs unit dalam lingkup Anda.",
    en: "You cannot write for this unit's site; choose the main site or a unit site within your scope.",
  },
  site_entry_nothing_to_review: {
    status: 409,
    id: "Tidak ada perubahan yang menunggu pada isian ini.",
    en: "Nothing is waiting on this entry.",
  },
  site_entry_not_deletable: {
    status: 409,
    id: "Isian yang sudah terbit hanya dapat dihapus oleh peninjau.",
    en: "A published entry can be removed only by a reviewer.",
  },
  site_attachment_not_found: {
    status: 400,
    id: "Foto atau berkas yang dilampirkan tidak ditemukan pada unit ini.",
    en: "An attached photo or file was not found in this unit.",
  },
  site_slug_taken: {
    status: 409,
    id: "Alamat (slug) ini sudah dipakai unit lain di tingkat yang sama.",
    en: "This address (slug) is already used by another unit at the same level.",
  },
  site_host_taken: {
    status: 409,
    id: "Nama host ini sudah dipetakan ke situs unit lain.",
    en: "This host name is already mapped to another unit's site.",
  },
  unsupported_logo_file: {
    status: 415,
    id: "Logo harus gambar PNG atau JPEG, paling besar 512 KB.",
    en: "The logo must be a PNG or JPEG image of at most 512 KB.",
  },
  unsupported_document_file: {
    status: 415,
    id: "Berkas unduhan harus PDF.",
    en: "A download must be a PDF file.",
  },
  unsupported_dip_file: {
    status: 415,
    id: "Jenis berkas tidak didukung. Gunakan PDF, lembar kerja (XLSX, XLS, ODS, CSV) atau gambar (JPEG, PNG, WebP).",
    en: "Unsupported file type. Use a PDF, a spreadsheet (XLSX, XLS, ODS, CSV) or an image (JPEG, PNG, WebP).",
  },
  dip_exemption_incomplete: {
    status: 422,
    id: "Informasi yang dikecualikan harus menyebut huruf Pasal 17 (a–j), uji konsekuensinya (teks atau dokumen) dan tanggal berakhirnya pengecualian.",
    en: "Excepted information needs its letter of Article 17 (a–j), its consequence test (text or document) and the date the exception ends.",
  },
  dip_body_needs_desa: {
    status: 400,
    id: "Pemerintah desa, BPD dan BUM Desa hanya dapat dipilih untuk unit desa.",
    en: "Village government, BPD and BUM Desa can be chosen for a desa unit only.",
  },
  invalid_dip_transition: {
    status: 409,
    id: "Tindakan ini tidak berlaku untuk status entri DIP sekarang.",
    en: "This action does not apply to the DIP entry's current status.",
  },
  not_a_ppid_unit: {
    status: 400,
    id: "Unit ini belum ditetapkan sebagai PPID Utama atau PPID Pelaksana.",
    en: "This unit is not designated as a PPID Utama or PPID Pelaksana.",
  },
  internal: {
    status: 500,
    id: "Terjadi kesalahan pada server. Coba lagi.",
    en: "Something went wrong on the server. Please try again.",
  },
  webhook_url_invalid: {
    status: 400,
    id: "Alamat webhook harus berupa URL http:// atau https:// yang lengkap (di produksi: https://, kecuali localhost).",
    en: "The webhook address must be a full http:// or https:// URL (in production: https://, except localhost).",
  },
  webhook_delivery_in_progress: {
    status: 409,
    id: "Pengiriman ini masih dalam antrean dan akan dicoba lagi dengan sendirinya; hanya pengiriman yang berhasil atau gagal yang dapat dikirim ulang.",
    en: "This delivery is still queued and will be tried again by itself; only a delivery that succeeded or failed can be replayed.",
  },
  // Open311 GeoReport v2 (server/routes/open311.ts): sent as the spec's [{code, description}].
  open311_format_unknown: {
    status: 404,
    id: "Format tidak dikenal: gunakan .json atau .xml.",
    en: "Unknown format: use .json or .xml.",
  },
  open311_address_unknown: { status: 404, id: "Alamat Open311 tidak dikenal.", en: "Unknown Open311 address." },
  open311_service_unknown: {
    status: 404,
    id: "service_code tidak dikenal: {value}.",
    en: "Unknown service_code: {value}.",
  },
  open311_request_unknown: {
    status: 404,
    id: "service_request_id tidak dikenal.",
    en: "Unknown service_request_id.",
  },
  open311_api_key_invalid: {
    status: 403,
    id: "api_key tidak valid: gunakan token API Siar dengan cakupan inbox.",
    en: "Invalid api_key received: use a Siar API token with the inbox scope.",
  },
  open311_body_unreadable: {
    status: 400,
    id: "Isi permintaan tidak dapat dibaca.",
    en: "The request body cannot be read.",
  },
  open311_field_invalid: { status: 400, id: "{field}: {value}", en: "{field}: {value}" },
  open311_service_code_invalid: {
    status: 400,
    id: "service_code: layanan \u201c{value}\u201d tidak dikenal.",
    en: "service_code: unknown service \u201c{value}\u201d.",
  },
  open311_date_invalid: {
    status: 400,
    id: "{field}: bukan tanggal-waktu W3C (misalnya 2026-12-01T00:00:00Z).",
    en: "{field}: not a W3C date-time (e.g. 2026-12-01T00:00:00Z).",
  },
  open311_status_invalid: { status: 400, id: "status: open atau closed.", en: "status: open or closed." },
  open311_coordinates_unpaired: {
    status: 400,
    id: "lat dan long harus diisi bersama.",
    en: "lat and long go together.",
  },
  open311_place_missing: {
    status: 400,
    id: "lat/long atau address_string wajib diisi.",
    en: "lat/long or address_string is required.",
  },
  open311_place_unknown: {
    status: 400,
    id: "address_string: sebutkan desa/kelurahan atau kecamatan yang dilaporkan.",
    en: "address_string: name the desa/kelurahan or kecamatan the report is about.",
  },
  open311_contact_missing: {
    status: 400,
    id: "email atau phone wajib diisi: kantor menjawab warga di sana.",
    en: "email or phone is required: the office answers the citizen there.",
  },
  open311_phone_invalid: {
    status: 400,
    id: "phone: bukan nomor telepon Indonesia.",
    en: "phone: not an Indonesian phone number.",
  },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

export type ErrorCode = keyof typeof catalogue;

/** A code's HTTP status and English message, for the API reference (server/openapi/). */
export function errorEntry(code: ErrorCode): { status: number; message: string } {
  return { status: catalogue[code].status, message: catalogue[code].en };
}

/** An expected failure: carries a code, its HTTP status, and details for the client. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(catalogue[code].en);
    this.name = "AppError";
    this.status = catalogue[code].status;
  }

  /**
   * The message in `locale`; "{wait}" becomes the time until `details.retryAfterSeconds` has passed,
   * "{unit}" the unit the details name (`details.unit`), "{scope}" the token scope (`details.scope`),
   * "{field}" and "{value}" the field and value a refusal is about (`details.field`, `details.value`).
   */
  messageIn(locale: Locale): string {
    const details = (this.details ?? {}) as Record<string, unknown>;
    const message = catalogue[this.code][locale].replace("{wait}", () =>
      formatWait(typeof details.retryAfterSeconds === "number" ? details.retryAfterSeconds : null, locale),
    );
    return (["unit", "scope", "field", "value"] as const).reduce(
      (text, name) =>
        typeof details[name] === "string" ? text.replaceAll(`{${name}}`, () => details[name] as string) : text,
      message,
    );
  }
}

const WAIT_UNITS = {
  id: { second: ["detik", "detik"], minute: ["menit", "menit"], hour: ["jam", "jam"] },
  en: { second: ["second", "seconds"], minute: ["minute", "minutes"], hour: ["hour", "hours"] },
};

/** "45 detik", "12 minutes", "2 jam": rounded up, so the caller never comes back too early. */
export function formatWait(seconds: number | null, locale: Locale): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0)
    return locale === "id" ? "beberapa saat" : "a little while";
  const [amount, unit] =
    seconds < 60
      ? [Math.ceil(seconds), "second" as const]
      : seconds < 120 * 60
        ? [Math.ceil(seconds / 60), "minute" as const]
        : [Math.ceil(seconds / 3600), "hour" as const];
  return `${amount} ${WAIT_UNITS[locale][unit][amount === 1 ? 0 : 1]}`;
}
