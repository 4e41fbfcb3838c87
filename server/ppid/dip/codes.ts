import type { DipBody, DipClass, DipFormat } from "@server/db/generated/enums.js";

// The DIP's codes with their names in both languages: one definition for the API, the staff app,
// the public pages and the exports.

type Label = { id: string; en: string };

/** The classes of UU 14/2008, in the order the DIP lists them. */
export const DIP_CLASSES = ["berkala", "serta_merta", "setiap_saat", "dikecualikan"] as const satisfies DipClass[];
/** The classes of the public list; excepted entries have a list of their own. */
export const PUBLIC_DIP_CLASSES = ["berkala", "serta_merta", "setiap_saat"] as const satisfies DipClass[];

export const DIP_CLASS_LABELS: Record<DipClass, Label & { article: string }> = {
  berkala: { id: "Informasi berkala", en: "Periodic information", article: "Pasal 9" },
  serta_merta: { id: "Informasi serta-merta", en: "Immediate information", article: "Pasal 10" },
  setiap_saat: { id: "Informasi tersedia setiap saat", en: "Information available at any time", article: "Pasal 11" },
  dikecualikan: { id: "Informasi yang dikecualikan", en: "Excepted information", article: "Pasal 17" },
};

/** The exemptions of UU 14/2008 Pasal 17, letters a–j. */
export const EXEMPTION_LETTERS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] as const;
export type ExemptionLetter = (typeof EXEMPTION_LETTERS)[number];

export const EXEMPTION_LABELS: Record<ExemptionLetter, Label> = {
  a: { id: "dapat menghambat proses penegakan hukum", en: "could obstruct law enforcement" },
  b: {
    id: "dapat mengganggu perlindungan hak atas kekayaan intelektual dan dari persaingan usaha tidak sehat",
    en: "could harm intellectual property rights or protection from unfair competition",
  },
  c: { id: "dapat membahayakan pertahanan dan keamanan negara", en: "could endanger national defence and security" },
  d: { id: "dapat mengungkapkan kekayaan alam Indonesia", en: "could reveal Indonesia's natural resources" },
  e: { id: "dapat merugikan ketahanan ekonomi nasional", en: "could harm national economic resilience" },
  f: { id: "dapat merugikan kepentingan hubungan luar negeri", en: "could harm foreign relations" },
  g: {
    id: "dapat mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir atau wasiat seseorang",
    en: "could reveal private authentic deeds or a person's last will",
  },
  h: { id: "dapat mengungkap rahasia pribadi", en: "could reveal personal secrets" },
  i: {
    id: "memorandum atau surat antar atau intra badan publik yang menurut sifatnya dirahasiakan",
    en: "memoranda or letters between or within public bodies that are confidential by nature",
  },
  j: { id: "tidak boleh diungkapkan berdasarkan undang-undang", en: "may not be disclosed under a law" },
};

/** The desa bodies of Perki 1/2018 that keep a list under their desa. */
export const DIP_BODIES = ["pemerintah_desa", "bpd", "bum_desa"] as const satisfies DipBody[];
export const DIP_BODY_LABELS: Record<DipBody, Label> = {
  pemerintah_desa: { id: "Pemerintah Desa", en: "Village government" },
  bpd: { id: "Badan Permusyawaratan Desa (BPD)", en: "Village consultative body (BPD)" },
  bum_desa: { id: "Badan Usaha Milik Desa (BUM Desa)", en: "Village-owned enterprise (BUM Desa)" },
};

export const DIP_FORMATS = ["softcopy", "hardcopy"] as const satisfies DipFormat[];
export const DIP_FORMAT_LABELS: Record<DipFormat, Label> = {
  softcopy: { id: "Softcopy", en: "Soft copy" },
  hardcopy: { id: "Hardcopy", en: "Hard copy" },
};
