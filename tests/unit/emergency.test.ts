import { describe, expect, it } from "vitest";
import { findEmergencyCues } from "@server/triage/emergency.js";
import { DANGERS, type Danger } from "@server/triage/taxonomy.js";
import { triage } from "@server/triage/triage.js";

const activeDangers = (text: string) =>
  new Set(findEmergencyCues(text).flatMap((cue) => (cue.status === "active" ? [cue.danger] : [])));
const statuses = (text: string) => findEmergencyCues(text).map((cue) => cue.status);

// Written for this test, in the registers citizens use: standard, informal, regional.
const EVERY_DANGER: Record<Danger, string[]> = {
  flood: [
    "TOLONG air sungai sudah masuk rumah warga RT 04, setinggi lutut dan terus naik",
    "air sdh sepinggang di dlm rumah, nenek blm bs keluar",
    "banyu wis mlebu omah, anak2 tak gendong ning loteng",
  ],
  fire: ["Kebakaran di pemukiman padat gang Melati, api membesar!", "rumah tetangga kobong, genine gedhe"],
  landslide: ["Longsor di jalan poros, ada mobil tertimbun", "tanahnya bergerak, retakan tanah tambah lebar"],
  collapse: ["Atap kelas ambruk menimpa murid yang sedang belajar", "dinding rumah kami retak makin lebar, mau roboh"],
  weapon: ["Ada orang mabuk bawa parang mengancam warga di pasar", "tawuran pelajar pakai celurit di simpang tiga"],
  live_cable: ["Kabel listrik putus menjuntai ke jalan, masih ada percikan api", "anak kesetrum di tiang listrik"],
  gas: ["Bau gas menyengat dari rumah sebelah, tabung bocor", "ada ledakan di warung gorengan"],
  missing_person: ["Anak saya umur 6 tahun hilang sejak tadi sore, belum pulang", "bapak saya tidak pulang dari hutan"],
  medical: [
    "Ibu saya pingsan dan kejang, ambulans belum datang",
    "istri mau melahirkan, bidan tidak ada, pendarahan",
    "anak tidak bisa bernapas, tolong",
  ],
  animal: ["Ada buaya naik ke lanting dekat anak2 mandi", "ular kobra masuk kamar adik", "anjing gila berkeliaran"],
  drowning: ["Bocah tenggelam di kolam, belum muncul", "perahu terbalik di sungai, dua penumpang hanyut"],
  fallen_tree: ["Pohon besar tumbang menutup jalan, pengendara tertimpa", "wit gedhe ambruk nimpa omah"],
  accident: ["Kecelakaan truk di tanjakan, dua orang terjepit", "tabrakan motor, korban tergeletak di jalan"],
  rescue: ["Warga terjebak di lantai dua, tolong segera dievakuasi!", "kondisi darurat, kirim bantuan"],
};

describe("the emergency rules", () => {
  it("cover every kind of danger the taxonomy names", () => {
    expect(Object.keys(EVERY_DANGER).sort()).toEqual([...DANGERS].sort());
  });

  for (const danger of DANGERS)
    it.each(EVERY_DANGER[danger])(`read ${danger} in %s, and triage says darurat`, (text) => {
      expect(activeDangers(text)).toContain(danger);
      expect(triage(text).urgency).toMatchObject({ code: "darurat", source: "rules" });
    });

  it.each([
    ["bukan kebakaran, cuma asap bakar sampah", "negated"],
    ["Alhamdulillah tidak ada korban jiwa", "negated"],
    ["kebakaran kemarin sudah padam, tolong bantu korban", "resolved"],
    ["Banjir masuk rumah tadi malam, sekarang sudah surut", "resolved"],
    ["Longsor tahun lalu di jalan ini belum diperbaiki", "past"],
    ["jalan rusak akibat longsor, mohon diperbaiki", "past"],
    ["Kalau terjadi kebakaran, lapor ke mana ya?", "possible"],
    ["Daerah kami rawan longsor, mohon dipasang rambu", "possible"],
    ["Pohon besar condong, takutnya tumbang kena rumah orang", "possible"],
  ] as const)("do not count %s (%s)", (text, status) => {
    expect(statuses(text)).toContain(status);
    expect(activeDangers(text).size).toBe(0);
  });

  it.each([
    "Bagaimana cara mengurus akta kematian ayah saya?",
    "harga cabai bikin jantungan",
    "Hati-hati sama buaya darat di kampung sebelah",
    "KTP saya hilang, bagaimana mengurus yang baru?",
    "Pos pemadam kebakaran di kecamatan kami jauh, usul dibangun yang baru",
    "Sinyal internet putus dari pagi",
    "Darurat sampah! TPS penuh sudah seminggu",
    "DBD di RW 03, empat anak masuk rumah sakit minggu ini",
    "Got mampet, air masuk ke jalan setinggi mata kaki",
    "Terima kasih tim SAR yang semalaman mencari korban tenggelam",
    "Gas melon langka lagi, ibu-ibu pada ngamuk di pangkalan",
    "Nenek saya yang stroke belum dapat kursi roda dari dinsos",
    "Sudah lapor dari tahun lalu tapi tidak ada kabar sampai sekarang",
    "Cek status bantuan di website tidak ketemu namanya",
    "Tebing sungai makin mendekat ke rumah warga, mohon dibangun turap",
    "Kirain kebakaran, ternyata cuma orang bakar sampah",
    "Alhamdulillah anak yang hilang semalam sudah ketemu di rumah temannya",
  ])("leave innocent uses alone: %s", (text) => {
    expect(activeDangers(text).size).toBe(0);
  });

  it.each([
    ["Orang mabuk ngamuk bawa parang di pasar", "weapon"],
    ["Bapak saya tiba tiba stroke, tidak bisa bicara", "medical"],
    ["Adik hilang dari sore, sudah lapor polsek tapi belum ketemu", "missing_person"],
    ["Anak kami pergi ke hutan sejak pagi, sudah dicari sekampung tidak ketemu", "missing_person"],
    ["Ibu hamil ketuban pecah, bayi sungsang harus operasi, perahu tidak bisa menyeberang", "medical"],
    ["Plafon kelas melendut dan berderak, takut roboh menimpa murid", "collapse"],
  ] as const)("still read %s as %s", (text, danger) => {
    expect(activeDangers(text)).toContain(danger);
  });

  it("keep a missing person missing whatever day they went, until found", () => {
    expect(activeDangers("Nenek kami hilang kemarin sore di kebun")).toContain("missing_person");
    expect(activeDangers("Nenek kami hilang kemarin sore, alhamdulillah sudah ditemukan")).not.toContain(
      "missing_person",
    );
  });

  it("let what is still going on beat what is over", () => {
    expect(activeDangers("Api sudah dipadamkan di satu rumah tapi masih menjalar ke rumah lain")).toContain("fire");
    expect(activeDangers("Matikan dulu listriknya! kabel putus jatuh ke air banjir")).toContain("live_cable");
  });
});
