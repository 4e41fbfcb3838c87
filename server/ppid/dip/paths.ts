// The public addresses of the PPID pages and the DIP, defined once for pages, presenters and exports.

export const PPID_PATH = "/ppid";
export const DIP_PATH = "/ppid/dip";
export const EXCEPTED_DIP_PATH = "/ppid/dip/dikecualikan";
/** The public form for information requests; linked from the profile and the DIP. */
export const REQUEST_FORM_PATH = "/ppid/permohonan";
/** The applicant's lookup; each case is at /ppid/lacak/<number>/<access code>. */
export const TRACKING_PATH = "/ppid/lacak";
/** The public register of requests (no personal data). */
export const REGISTER_PATH = "/ppid/register";

export const dipItemPath = (itemId: string) => `${DIP_PATH}/${itemId}`;
export const dipFileVersionPath = (itemId: string, versionId: string) => `${DIP_PATH}/${itemId}/berkas/${versionId}`;
/** A PPID's profile: the PPID Utama's at /ppid, a PPID Pelaksana's at /ppid/<unit code>. */
export const ppidProfilePath = (unit: { code: string | null; id: string; ppidLevel: string | null }) =>
  unit.ppidLevel === "utama" ? PPID_PATH : `${PPID_PATH}/${encodeURIComponent(unit.code ?? unit.id)}`;
