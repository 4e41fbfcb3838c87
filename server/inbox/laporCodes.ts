// SP4N-LAPOR! hand-off codes, shared by the server and the staff app (no imports: the app bundles it).

/** forwarded: Siar sent the report to LAPOR!; received: LAPOR! disposed it to this office. */
export const LAPOR_DIRECTIONS = ["forwarded", "received"] as const;
export type LaporDirection = (typeof LAPOR_DIRECTIONS)[number];

/**
 * LAPOR!'s statuses as its administrators' pages name them: not yet verified, verified (disposed
 * to the authority), being followed up, finished, refused (archived or not the office's authority).
 */
export const LAPOR_STATUSES = ["belum_diverifikasi", "diverifikasi", "diproses", "selesai", "ditolak"] as const;
export type LaporStatus = (typeof LAPOR_STATUSES)[number];
export const CLOSED_LAPOR_STATUSES: readonly LaporStatus[] = ["selesai", "ditolak"];

/**
 * The follow-up period (Perpres 76/2013, PermenPAN-RB 62/2018 on SP4N): standard (normative) 5
 * working days, dispute (not needing an inspection) 14, field_check (an inspection in the field) 60.
 */
export const LAPOR_FOLLOW_UP_CLASSES = ["standard", "dispute", "field_check"] as const;
export type LaporFollowUpClass = (typeof LAPOR_FOLLOW_UP_CLASSES)[number];

/** LAPOR! tracking numbers vary by channel and era: letters and digits, 4–30 of them. */
export const LAPOR_TRACKING_NUMBER = /^[A-Za-z0-9]{4,30}$/;
