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
    ["Dinding gudang kosong retak, bisa roboh menimpa pagar", "possible"],
    // Feared to fall with no sign of giving way and nobody on it named: a risk to report, not an emergency.
    ["Jembatan gantung ini sudah tua. Takut nanti runtuh kalau banjir besar", "possible"],
    ["gak ada yg kesetrum, cuma lampu rumah mati", "negated"],
    ["Alhamdulillah gaada korban jiwa", "negated"],
    ["dudu kebakaran, mung wong bakar sampah", "negated"],
    ["matur nuwun pak, geni neng gudang wis mati", "resolved"],
    ["Kemarin, rumah tetangga kebakaran, mohon bantuan bahan bangunan", "past"],
    // A poor household's house in lasting disrepair, told to ask for housing aid.
    ["Kakek Amat tinggal sendiri, rumah papannya hampir roboh, belum pernah dapat bedah rumah", "possible"],
    // Burnt down last week, and "once it burns": what is left and what might be.
    ["Rumah Pak Darius habis terbakar minggu lalu, sekarang sekeluarga numpang di balai desa", "past"],
    ["Kampung kami rumah kayu semua, sekali terbakar habis satu gang, mohon ada pos damkar", "possible"],
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
    "Anjing liar banyak berkeliaran di kompleks, suka mengejar motor",
    "Kabel telepon lama menjuntai di pinggir jalan",
    // Figures of speech, a clash of dates, a map of hazards.
    "harga pupuk naik terus, petani kecil pada sekarat",
    "jadwal ujian semester jangan bentrok dengan hari raya",
    "Mohon dikirim peta rawan banjir dan longsor untuk desa kami",
    "PROMO followers murah 🔥🔥 buat toko online",
    // Bites earlier in the week, the dog merely around: a rabies worry, not an attack now.
    "minggu ini sudah dua anak digigit anjing liar di pasar, vaksin rabies di puskesmas kosong",
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
    // Regional words for the people and the water.
    ["ade budak tenggelam di lubuk sungai, belum timbul", "drowning"],
    ["aek dah masok rumah sepinggang, nenek ndak bise jalan", "flood"],
    // Firearms by their everyday names.
    ["ade pemuda mabok bawak senapang nembak2 ke udare depan balai desa", "weapon"],
    // A ceiling giving way over people who are still inside.
    ["plafon aula sekolah sudah jebol sebagian, murid masih di dalam", "collapse"],
    // A missing child described by age and clothes, many words from "hilang".
    ["adek sy Aurel umur 6 thn ilang dr td siang di pasar, pake baju pink", "missing_person"],
    // A dog that bites today is the danger, not one that is merely around.
    ["anjing liar di kompleks menggigit dua anak tadi pagi, masih di jalan", "animal"],
    // Residents who write in English.
    ["Flood water is entering the houses along the river, waist high", "flood"],
    ["A man with a machete is threatening people at the terminal", "weapon"],
    ["Live electric cable lying across the road, sparks visible", "live_cable"],
    ["Our friend went hiking yesterday and has not come back", "missing_person"],
    ["There is a landslide on the road, a car is buried", "landslide"],
    // Someone lost in the forest, a girl taken away whose phone is off.
    ["rekan kerja saya hilang di hutan waktu cari gaharu", "missing_person"],
    ["anak perempuan saya dibawa pergi orang kenalan facebook, HP nya tidak aktif", "missing_person"],
    // A structure feared to fall that already leans, with people on or next to it.
    ["jembatan kayu sudah miring, tiangnya lapuk, anak sekolah lewat tiap pagi, takut runtuh hari ini", "collapse"],
    ["tembok kelas retak dan miring, murid dikumpul di sebelahnya, kami takut tembok rubuh", "collapse"],
    // The same with the signs, the people and the fear each in a sentence of its own.
    ["Dermaga kayu tiangnya patah dan lantainya miring. Pekerja masih di atasnya. Bisa ambruk kapan saja", "collapse"],
    ["Tanggul desa retak, rembesannya makin deras. Rumah warga di bawah, kami takut jebol malam ini", "collapse"],
    // Someone who does not answer behind a locked door; an elderly person with dementia gone out (Banjar).
    ["nenek tinggal sendiri, pintu terkunci, dipanggil cuma terdengar mengerang", "medical"],
    ["abah ulun pikun kaluar rumah tadi baisukan kada bulik sampai malam", "missing_person"],
    // "kemarin" in a later part of the clause dates that part, not the seizure now.
    ["anak tetangga kejang2 panas tinggi, jalan ke puskesmas putus longsor kemarin", "medical"],
    // Started last night and still getting worse: "mulai" and "hari ini" are now.
    ["nenek batuk sejak asap semalam, skrg bibirnya mulai membiru", "medical"],
    ["sapi tetangga digigit anjing kemarin, hari ini anjingnya berbusa keliling kampung", "animal"],
    ["tebingnya retak sejak hujan semalam, tanah mulai turun ke arah rumah", "landslide"],
    // A stabbing; a transformer hissing next to a school.
    ["pemuda ditikam orang tak dikenal di depan warnet, perutnya berdarah", "weapon"],
    ["gardu PLN dekat TK Pertiwi di ujung gang mengeluarkan asap dan berdesis", "live_cable"],
    // A girl taken abroad by a recruiter who cannot be reached.
    ["adik sy dibawa calo TKI ke Sarawak, sudah seminggu tidak bisa dihubungi", "missing_person"],
    // A tree leaning over a house; a referral with no ambulance.
    ["pohon mahoni di depan sekolah miring ke arah kelas, akarnya terangkat", "fallen_tree"],
    ["bayi panas tinggi disuruh rujuk ke RSUD tapi ambulans tidak ada", "medical"],
    // A bridge sinking under traffic; a worker gone to a mine whose phone is dead.
    ["jembatan kayu penghubung dua dusun kami amblas di tengah, motor masih lewat", "collapse"],
    ["abang sy berangkat ke tambang emas di hulu, sudah 4 hari hp mati", "missing_person"],
    // An old man alone who does not answer; stiff jaw after a wound; home oxygen running out.
    ["nenek sebelah tinggal sendiri, pintu terkunci, dipanggil dari luar tidak menjawab", "medical"],
    ["tangan kena kawat berkarat minggu lalu, sekarang rahangnya kaku", "medical"],
    ["mati lampu sejak pagi, bapak pakai konsentrator oksigen, tabungnya tinggal 2 jam", "medical"],
    // Melayu spelling of a crocodile; fuel spilling where people smoke.
    ["ade buaye besak di tepian dekat tempat budak2 mandi", "animal"],
    // A rabid dog still about; an illness that has turned; talk of ending one's life with the means at hand.
    ["anjing di gang sebelah mulutnya berbusa, jalannya sempoyongan", "animal"],
    ["kakak sy malaria seminggu, sekarang kencingnya hitam dan mengigau terus", "medical"],
    ["anak DBD hari kelima, tangan dan kakinya dingin, muntah terus", "medical"],
    ["adik sy bilang mau mati aja, dia nyimpan racun rumput di kamar", "medical"],
    ["bapak batuk darah hampir segelas, napasnya berat", "medical"],
    // A poor family's house giving way tonight, the children still sleeping in it.
    ["sy janda, dinding rumah sdh miring mau roboh, anak2 masih tidur di dalam, takut malam ini ambruk", "collapse"],
    ["bensin tumpah dari jeriken di kios, orang masih merokok di situ", "gas"],
    ["pemotor terpeleset oli di tanjakan, kepalanya bocor, blm ada yg nolong", "accident"],
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
