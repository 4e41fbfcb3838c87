/**
 * What must never be missed: words that say life or safety is in danger now, by kind of danger,
 * read clause by clause with what turns them off. A cue counts unless, in its clause,
 *   - it is negated just before ("bukan kebakaran", "tidak ada korban"),
 *   - it is over ("sudah padam", "sudah ditemukan") or in the past ("kemarin", "tahun lalu")
 *     while nothing says it is still going on ("masih", "belum", "sejak", "sekarang"),
 *   - it is a possibility, not an event ("kalau ada kebakaran", "rawan longsor", a question about
 *     a procedure),
 * and innocent uses of the same words are masked out first ("akta kematian", "buaya darat",
 * "pemadam kebakaran", "KTP hilang"). The table is data: extend it, and the tests in
 * tests/unit/emergency.test.ts say what each row is for.
 */
import { compilePattern, PatternIndex, type CompiledPattern } from "./patterns.js";
import { normalize, type NormalizedText } from "./normalize.js";
import { DANGERS, type Danger } from "./taxonomy.js";

/** A cue: any of `patterns`, and, when `with` is given, also one of those in the same clause. */
type Cue = { patterns: string[]; with?: string[] };
const cue = (...patterns: string[]): Cue => ({ patterns });
const cueWith = (patterns: string[], context: string[]): Cue => ({ patterns, with: context });

const PEOPLE =
  "anak|anaknya|bocah|balita|bayi|adik|adek|kakek|nenek|mbah|simbah|lansia|warga|orang|suami|istri|pemuda|remaja|siswa|murid|nelayan|pendaki|penumpang|pengendara|pemotor|keluarga|tetangga|korban|saudara|ayah|bapak|bapaknya|ibu|ibunya|kakak|mama|papa|teman|temen|temenku|temanku|rombongan|sopir|supir|rekan|kawan|sahabat|pacar|cucu|cucunya|keponakan|paman|bibi|om|tante|abang|putri|putra|putrinya|putranya|gadis|colleague|friend|son|daughter|child|boy|girl|father|mother";
/** "bapak" and "ibu" are normalised to "pak" and "bu", which also address the reader ("pak, ..."). */
const PEOPLE_AROUND = `${PEOPLE}|pak|bu`;
const WATER = ["air", "banjir*", "hujan"];
const TRAPPED = [
  "menimpa",
  "tertimpa",
  "terjebak",
  "terjepit",
  "korban",
  "dalam",
  "terluka",
  "luka",
  "tertimbun",
  "pengendara",
  "orang",
  "warga",
];

/** People still in, on, under or next to a structure. */
const STILL_OCCUPIED_SOURCES = [
  "masih .. di dalam|dalamnya|tinggal|belajar|mengajar|ngajar|dipakai|dipake|digunakan|jualan|berjualan|dihuni|ditempati|lewat|melintas",
  "masih ada orang|warga|murid|siswa|keluarga|pedagang|penghuni",
  "orang|warga|anak|murid|siswa|pedagang|motor|mobil|kendaraan|truk .. lewat|melintas|menyeberang|nyeberang|berkumpul|dikumpul*",
  "di bawahnya|sebelahnya|sampingnya|dekatnya",
  "masih .. di atas|atasnya",
  "orang|warga|anak|rumah .. di bawah|hilir",
  "penghuni",
];

export const EMERGENCY_CUES: Record<Danger, Cue[]> = {
  flood: [
    cueWith(
      [
        "masuk .. rumah|kamar|dapur",
        "rumah .. terendam|kebanjiran|tenggelam",
        "merendam rumah|permukiman|pemukiman|kampung",
      ],
      WATER,
    ),
    cue("terendam banjir", "banjir bandang", "air bah", "tanggul .. jebol|bobol", "bendungan .. jebol|bobol"),
    cueWith(
      ["dalam rumah", "ke rumah", "lantai rumah", "setinggi", "sedalam"],
      ["banjir*", "air .. naik|tinggi|deras|meluap"],
    ),
    cueWith(
      ["lutut|selutut|pinggang|sepinggang|dada|sedada|leher|seleher|paha|sepaha|atap|plafon"],
      ["air", "banjir*"],
    ),
    cueWith(
      ["terus naik", "naik terus", "makin tinggi", "semakin tinggi", "makin naik", "cepat naik"],
      ["air", "banjir*"],
    ),
    cueWith(["mengungsi", "terjebak", "terisolasi", "dievakuasi", "evakuasi", "perahu karet"], ["air", "banjir*"]),
    cueWith(["entering|inside|into .. house*|home*", "waist|chest|knee|roof", "rising"], ["flood*", "water"]),
  ],
  fire: [
    cue(
      "on fire",
      "kebakaran",
      "terbakar",
      "dilalap api",
      "jago merah",
      "kobaran api",
      "api .. membesar|menjalar|merambat|berkobar",
      "house|building|shop .. burning",
    ),
    cueWith(["merambat|menjalar|mendekat*|mengepung"], ["api", "asap"]),
    cueWith(["api"], ["rumah", "dapur", "gudang", "kios", "toko", "asrama", "gedung", "menyala"]),
    cueWith(["asap .. tebal|hitam|mengepul"], ["rumah", "api", "dapur", "gudang", "toko"]),
  ],
  landslide: [
    cue("longsor*", "tertimbun", "tertimbun*", "pergerakan tanah", "tanah* .. bergerak|retak*|amblas|ambles|turun"),
    cue("tebing* .. runtuh|retak*|ambrol|gugur", "retak* tanah*", "menggantung"),
    cue("landslide*", "mudslide*", "is|are|was|were buried"),
    cue("erupsi", "meletus", "letusan", "awan panas", "lahar", "semburan lumpur", "lumpur .. muncrat|menyembur"),
    cueWith(["puting beliung", "angin ribut", "angin kencang", "gempa", "tsunami"], TRAPPED),
    cueWith(["mengungsi", "evakuasi", "dievakuasi"], ["tebing", "tanah*", "retak*"]),
  ],
  collapse: [
    cue("hampir|mau|nyaris|akan|meh|arep roboh|ambruk|runtuh|rubuh|ambrol"),
    cueWith(["roboh", "ambruk", "runtuh", "rubuh", "ambrol"], TRAPPED),
    cue("jembatan .. putus", "rumah* .. miring", "dinding .. retak* .. miring"),
    // A structure falling or about to while people are on, in, under or next to it.
    cueWith(["roboh|ambruk|runtuh|rubuh|ambrol"], STILL_OCCUPIED_SOURCES),
    // A ceiling, roof or wall giving way with people still under or inside it.
    cueWith(
      ["plafon*|atap|dinding|tembok|lantai ..9 jebol|ambrol|runtuh|roboh|ambruk|rubuh|melendut|melengkung|goyang"],
      ["masih", "di bawahnya", "di dalam", "siswa|murid|guru|pedagang|penghuni|pengunjung|jemaah|penumpang"],
    ),
    cue("retak* .. tambah|makin|semakin lebar|besar|amba|panjang"),
    // A bridge sagging or cracking while people or vehicles are still on it.
    cueWith(["jembatan ..9 retak*|amblas|ambles|turun|miring|goyang|melengkung|melendut"], STILL_OCCUPIED_SOURCES),
    // Feared to fall ("takut runtuh", "bisa roboh kapan aja"): counts only when the message shows
    // the signs and people still on or under it (see DANGER_READINGS), wherever it says so.
    cue("takut|takutnya|khawatir|kuatir|cemas|bisa|bakal ..2 roboh|ambruk|runtuh|rubuh|ambrol|jebol"),
    cueWith(
      ["miring", "bengkok", "keropos", "goyang", "melengkung", "melendut", "berderak", "krek*"],
      ["hampir|mau|akan|sebelum|nyaris roboh|ambruk|runtuh|rubuh|ambrol|jatuh", "di bawahnya", "menimpa"],
    ),
  ],
  weapon: [
    cue("bacok*", "membacok", "dibacok", "pembacokan", "tusuk", "menusuk", "ditusuk", "penusukan", "tawuran"),
    cue("tikam", "ditikam", "menikam", "tertikam", "penikaman"),
    cue("penembakan", "ditembak", "tembakan", "penyanderaan", "disandera", "sandera"),
    // Colloquially "ngamuk" is also plain anger ("emak2 pada ngamuk"): amok counts with a weapon, harm or damage.
    cueWith(
      ["mengamuk", "ngamuk"],
      [
        "parang|golok|celurit|clurit|sajam|pisau|mandau|senjata|kayu|batu",
        "merusak|memukul*|melukai|menyerang|mengejar|mengancam|luka*|berdarah",
        "odgj|orang gila|mabuk",
      ],
    ),
    cue("bersenjata", "todong*", "ditodong", "menodong*", "pembunuhan", "dibunuh", "membunuh", "bunuh"),
    cue("bentrok*", "amuk massa", "kerusuhan", "ricuh", "main hakim sendiri", "carok", "dikeroyok", "pengeroyokan"),
    cueWith(
      [
        "parang|golok|celurit|clurit|sajam|pisau|mandau|samurai|pedang|senpi|pistol|senapan|senapang|bedil|panah|busur|tombak|linggis|badik|arit|sabit|senjata",
      ],
      [
        "bawa",
        "membawa",
        "pegang",
        "memegang",
        "acung*",
        "mengacung*",
        "ancam*",
        "mengancam",
        "serang*",
        "menyerang",
        "kejar*",
        "mengejar",
        "tembak*",
        "menembak*",
        "nembak*",
      ],
    ),
    cueWith(
      ["pukul*", "memukul*", "dipukul*", "menganiaya", "dianiaya", "aniaya", "kdrt", "menyiksa", "disiksa"],
      ["minta tolong", "teriak*", "menjerit", "berdarah", "parang", "kayu", "pisau", "sedang", "lagi"],
    ),
    cueWith(["machete|knife|gun|pistol|rifle|sword"], ["threaten*", "attack*", "waving", "chasing", "stab*", "shoot*"]),
    cue("stabbed", "stabbing", "shooting", "was|been shot"),
    cue("senjata tajam", "senjata api", "senjata rakitan", "molotov", "bom", "granat", "dihakimi", "diamuk massa"),
  ],
  live_cable: [
    cue(
      "kabel* .. putus|menjuntai|terjuntai|jatuh|melintang|terkelupas|mengelupas|terbuka|percik*|memercik|nyetrum|menyetrum|menyentuh|nempel|berasap|terbakar",
      "kabel* .. bunga api",
    ),
    cue("tiang listrik|pln .. roboh|tumbang|miring|patah|rubuh|jatuh|ambruk|condong"),
    cue("tersetrum", "kesetrum", "tersengat listrik", "kesengat listrik", "korsleting", "konslet*", "korslet*"),
    cue("listrik bocor", "nyetrum", "menyetrum", "setrum*"),
    cue("live .. cable*|wire*", "cable*|wire* .. down|lying|fallen|sparks|sparking", "electrocuted"),
    cue("trafo|gardu ..9 meledak|terbakar|berasap|asap|berdesis|mendesis|percik*", "trafo|gardu .. bunga api"),
  ],
  gas: [
    // Fuel leaking where someone smokes or a flame burns.
    cueWith(["bensin|solar|minyak|bbm|pertalite|pertamax ..4 bocor|tumpah|ngalir|mengalir"], ["rokok|merokok|api"]),
    cue("bau gas", "gas .. bocor", "bocor .. gas", "kebocoran gas", "elpiji|lpg|tabung .. bocor|meledak"),
    cue("gas leak", "smell of gas", "smells of gas", "explosion"),
    cue("ledakan", "meledak", "bahan kimia|amonia|klorin .. bocor", "bocor .. kimia|amonia|klorin"),
  ],
  missing_person: [
    cue(
      `${PEOPLE} .. hilang|menghilang`,
      "pak|bu ..1 hilang|menghilang",
      "orang hilang",
      "hilang kontak",
      "belum ditemukan",
      "tidak ditemukan",
    ),
    cue("not come back|home", "not returned", "search team", "went missing"),
    // Someone lost where people get lost, or a child taken away.
    cue("hilang|tersesat di hutan|laut|sungai|gunung|bukit|kebun"),
    cueWith(["dibawa .. pergi|kabur|lari"], ["anak", "putri", "perempuan", "gadis", "bocah", "adik"]),
    cueWith(
      ["hp|handphone|telepon|ponsel .. tidak|belum aktif", "hp|handphone|telepon|ponsel mati"],
      ["pergi", "belum pulang", "tidak pulang", "dibawa", "berangkat"],
    ),
    cueWith(
      ["tidak|tak bisa|dapat dihubungi"],
      ["dibawa", "pergi", "berangkat", "merantau", "melaut", "kabur", "agen", "calo"],
    ),
    cueWith(["pikun|demensia|alzheimer|odgj"], ["keluar rumah", "pergi", "belum|tidak pulang|kembali"]),
    cue("missing", "bantu cari", "bantu mencari", "pencarian korban", "tersesat", "diculik", "penculikan", "menculik"),
    cueWith(["hilang", "menghilang"], ["umur|usia|berumur|berusia", "memakai|pakai baju|kaos|celana|jilbab"]),
    cueWith(["belum pulang", "tidak pulang", "belum kembali", "tidak kembali", "belum turun"], [PEOPLE_AROUND]),
    // No news, not found: of someone who went somewhere or is being searched for, not of a report or a record.
    cueWith(
      ["tidak ada kabar", "belum ada kabar", "belum|tidak ketemu"],
      ["pergi", "berangkat", "melaut", "cari*", "mencari", "dicari", "pencarian", "hilang", "hutan", "sungai", "kebun"],
    ),
  ],
  medical: [
    cue("pingsan", "kejang*", "tidak sadarkan diri", "tak sadarkan diri", "tidak sadar", "sesak napas|nafas"),
    cue(
      "susah|sulit napas|nafas|bernapas|bernafas",
      "tidak bisa napas|nafas|bernapas|bernafas",
      "tidak bernapas|bernafas|bernyawa",
    ),
    cue("butuh|perlu|cari donor darah", "butuh|perlu darah"),
    cue(
      "# orang|anak|warga|murid|siswa .. muntah*|keracunan|pingsan",
      "keracunan massal",
      "puluhan|belasan|ratusan orang|warga .. muntah*",
    ),
    cue(
      "collapsed",
      "unconscious",
      "not breathing",
      "heart attack",
      "seizure",
      "bleeding",
      "ambulans .. still|hasn't|not",
    ),
    cueWith(
      [
        "mengerang|merintih",
        "tidak menyahut|merespons|merespon|menjawab panggilan",
        "dipanggil* ..2 tidak|tak menjawab|menyahut|merespons|merespon|bangun",
        "tidak ada respon*",
      ],
      ["terkunci", "sendiri", "sendirian", "dipanggil*", "pingsan", "jatuh"],
    ),
    cue("pendarahan", "perdarahan", "muntah darah", "berdarah darah", "serangan jantung", "sekarat"),
    cue("bibir* .. biru|membiru|kebiruan"),
    // Signs that an illness has turned: blackwater, delirium with fever, shock in dengue, coughing blood.
    cue("kencing* ..2 hitam"),
    cueWith(["mengigau|ngigau|meracau"], ["demam", "panas", "malaria", "sakit"]),
    cueWith(["tangan|kaki* ..2 dingin", "dingin .. tangan|kaki*"], ["db|dbd|demam|panas|trombosit|muntah*|pucat"]),
    cueWith(["batuk* ..2 darah"], ["segelas", "sesak", "tidak|tak berhenti"]),
    // Talk of ending one's life with the means at hand.
    cueWith(["mau|ingin|pengen|pingin mati", "mengakhiri|akhiri hidup*"], ["tali", "racun", "pisau", "obat", "pamit*"]),
    // "Nenek yang stroke" is a long illness; a stroke that strikes now is the emergency.
    cue(
      "kena|terkena|serangan|gejala stroke",
      "stroke .. mendadak|tiba tiba|barusan|tadi",
      "mendadak|tiba tiba stroke",
    ),
    cue("kritis", "koma", "overdosis", "hipotermia", "keracunan", "tersedak", "digigit|dipatuk|dipatok ular"),
    // Signs of tetanus; oxygen at home running out within hours.
    cue("rahang* ..2 kaku|terkunci", "kaku rahang*"),
    cueWith(["oksigen ..6 habis|tinggal|menipis"], ["jam", "menit", "sesak", "konsentrator"]),
    cue("bunuh diri", "gantung diri", "mau|akan|hendak lompat|loncat", "tersambar|disambar petir", "sambaran petir"),
    cue("jatuh ke|dari sumur|jurang|sungai|laut|tebing|atap|lantai|ketinggian"),
    cueWith(
      ["ketuban pecah", "pecah ketuban", "mau|akan|hendak melahirkan|lahiran", "kontraksi"],
      [
        "tidak ada",
        "belum datang",
        "tidak bisa",
        "tidak berani",
        "jauh",
        "darurat",
        "ambulans",
        "bidan .. tidak|belum",
        "sungsang",
        "operasi",
        "pendarahan",
        "perahu",
      ],
    ),
    cueWith(
      ["ambulans .. tidak|belum|telat", "tidak ada ambulans", "butuh ambulans", "minta ambulans"],
      ["sakit", "pasien", "demam", "luka", "hamil", "ibu", "anak", "warga", "darah", "korban", "rujuk", "dirujuk"],
    ),
  ],
  animal: [
    cue(
      "buaya",
      "buaye",
      "anjing gila",
      "anjing rabies",
      "ular kobra|piton|sanca|sawa|berbisa|weling|welang|tadung",
      "king kobra",
      "crocodile",
      "python|cobra",
    ),
    cue("ular .. masuk|di .. rumah|kamar|dapur|sekolah|kelas"),
    // A dog that is rabid or attacking now, or bit someone today. Bites earlier in the week with
    // the dog merely around are a rabies worry (tinggi), as the corpus's writers read them.
    cueWith(["anjing*"], ["berbusa", "mengamuk|ngamuk", "ngiler", "sempoyongan"]),
    cueWith(
      ["anjing* ..9 gigit*|menggigit|digigit", "gigit*|digigit ..2 anjing*"],
      ["hari ini", "tadi", "barusan", "pagi|siang|sore|malam ini"],
    ),
    cueWith(
      ["beruang", "harimau", "macan", "gajah", "babi hutan", "tawon", "lebah", "monyet|kera"],
      ["serang*", "menyerang", "mengamuk", "masuk", "mengejar", "menyengat", "disengat", "sengat*", "menggigit"],
    ),
  ],
  drowning: [
    cue(
      "drowning",
      "drowned",
      "tenggelam",
      "hanyut",
      "terseret|terbawa|diseret arus",
      "tercebur",
      "terjun ke sungai",
      "mati lemas",
    ),
    cueWith(
      ["belum muncul", "tidak muncul", "belum naik"],
      ["sungai", "laut", "danau", "air", "arus", "kolam", "waduk"],
    ),
    cue("kapal|perahu|speedboat|sampan|klotok|pompong .. terbalik|karam|tenggelam|bocor"),
  ],
  fallen_tree: [
    cueWith(
      ["pohon .. tumbang|roboh|rubuh|ambruk|patah|tumbang*"],
      [
        "jalan",
        "menimpa",
        "tertimpa",
        "rumah",
        "kabel",
        "warga",
        "orang",
        "kendaraan",
        "motor",
        "mobil",
        "melintang",
        "menutup",
      ],
    ),
    // Leaning or uprooted over a house or people still under it.
    cueWith(
      ["pohon ..9 miring|condong|doyong|terangkat|retak*"],
      [...STILL_OCCUPIED_SOURCES, "ke arah|atas rumah|sekolah|kelas|jalan|kabel", "ke rumah"],
    ),
  ],
  accident: [
    cueWith(
      [
        "kecelakaan",
        "tabrakan",
        "bertabrakan",
        "tertabrak",
        "ditabrak",
        "terguling",
        "terbalik",
        "masuk jurang",
        "rem blong",
      ],
      ["korban", "luka*", "terluka", "tergeletak", "meninggal", "tewas", "terjepit", "berdarah", "patah", "pingsan"],
    ),
    cue("terjepit", "terlindas", "korban jiwa", "luka parah", "luka berat", "tergeletak", "tabrak lari"),
    cue("kepalanya ..1 bocor|berdarah|pecah|robek"),
    cueWith(["accident|crash|collision"], ["injured", "trapped", "bleeding", "unconscious", "victim*", "dead"]),
  ],
  rescue: [
    cue("tolong .. selamatkan|evakuasi|dievakuasi", "segera dievakuasi", "minta|butuh|perlu evakuasi"),
    cueWith(["terjebak"], ["api", "asap", "banjir*", "air", "longsor*", "reruntuhan", "lift", "dalam"]),
    cue("darurat", "sos", "nyawa .. terancam|bahaya", "emergency", "trapped", "help us"),
  ],
};

/**
 * Innocent uses of emergency words, taken out of the clause before cues are looked for. A
 * pattern here should be an unambiguous phrase: whatever it matches is never an emergency cue.
 */
export const INNOCENT_USES: string[] = [
  "akta|surat|santunan|keterangan kematian",
  "pemadam kebakaran",
  "masuk rumah sakit",
  "kolong rumah",
  "buaya darat",
  "asap kebakaran",
  "kebakaran hutan|lahan",
  "karhutla",
  "korban tenggelam|banjir|kebakaran|longsor|kecelakaan|hanyut|bencana",
  "tempat|jalur|titik|rute|posko|jalan|lokasi|rencana evakuasi",
  "bersih*|membersihkan|pembersihan|sisa|material .. longsor*",
  "sinyal|jaringan|internet|wifi .. putus|hilang|mati",
  "kabel internet|wifi|telepon|tv|fiber|optik|indihome",
  `ktp|kk|kartu|dompet|motor|hp|handphone|berkas|data|nama|namanya|surat|akta|ijazah|sertifikat|barang|uang|kambing|sapi|ayam|babi|buku|paket|sandal|helm|plat|jatah|sinyal .. hilang`,
  "harga .. meledak|terbakar|jantungan|sekarat|pingsan|sesak napas|nafas",
  "petani|pedagang|nelayan|usaha*|umkm|ekonomi|bisnis|toko|warung .. sekarat",
  "jadwal* .. bentrok",
  "bentrok dengan|sama jadwal|hari|acara|ujian|libur|jam",
  // A list of hazards is a map or a data request: "peta rawan banjir dan longsor".
  "rawan banjir|longsor|kebakaran dan|atau|serta banjir|longsor|kebakaran",
  "jantungan",
  "tenggelam dalam",
  "matahari tenggelam",
  "hati|perasaan|emosi .. terbakar|hancur|meledak",
  "semangat .. membara|berkobar|terbakar",
  "korban php|perasaan|janji|pencitraan|prank|penipuan|pinjol|judi",
  "darurat sampah|literasi|narkoba|stunting|sinyal|jalan",
  "setinggi|sedalam|sebatas mata kaki",
  "semata kaki",
  "banjir promo|diskon|order|pesanan|orderan|job|rezeki|pujian|komentar",
  "kebakaran jenggot",
];

/** Just before a cue (two words), these say it is not there ("bukan kebakaran", "tidak ada korban"). */
const NEGATIONS = compileAll([
  "bukan",
  "bukannya",
  "tanpa",
  "tidak|belum|tak ada|ade",
  "tidak|belum|tak ada|ade yang",
  "tidak terjadi",
  "tidak sampai",
  "hoaks|hoax",
]);
/** In the three words before a cue, these say it might happen, or happens as a rule, not that it does now. */
const POSSIBILITIES = compileAll([
  "kalau|kalo|jika|apabila|bila|seandainya|andaikan|misal|misalnya",
  "kirain|kirai|dikira|disangka|nyangka|sangka|kukira|kupikir",
  "antisipasi",
  "mencegah|cegah|pencegahan",
  "sering|kadang|biasanya|selalu|setiap|tiap",
  "tunggu|nunggu|menunggu",
  "simulasi|sosialisasi|pelatihan|latihan|penyuluhan",
  "asuransi",
]);
/**
 * The word right before a cue makes it a risk, not an event ("rawan longsor", "takut roboh") or
 * the past cause of something now ("akibat longsor", "setelah kebakaran"). Only the word right
 * before: "bahaya, kabel putus!" and "kami takut, air masuk rumah" are emergencies.
 */
const RISKS = compileAll([
  "rawan|potensi|berpotensi|ancaman|bahaya|waspada|waspadai|risiko|resiko",
  "takut|takutnya|khawatir|kuatir|cemas|bisa|dapat|berisiko|sebelum",
  // "sekali terbakar, habis sekampung": once it burns.
  "sekali",
]);
/** "habis terbakar", "abis longsor": burnt down, after: what is left, not the event. */
const CAUSES = compileAll(["sejak|setelah|sesudah|akibat|dampak|imbas|pasca|bekas|sisa|habis|abis"]);
/** Anywhere in the message: the danger is over. */
const RESOLVED = compileAll([
  "sudah|telah|berhasil padam|dipadamkan|surut|ditemukan|dievakuasi|aman|ditangani|diatasi|tertangani|terkendali|dibersihkan|diperbaiki|dipotong|disingkirkan|pulang|sembuh|selamat|siuman|ditangkap",
  "sudah .. padam|dipadamkan|surut|ditemukan|dievakuasi|ditangani|diatasi|dibersihkan|siuman",
  // Only right after: "sudah dicari ... tidak ketemu" is still missing.
  "sudah|telah|akhirnya ketemu",
  "api* .. sudah|telah mati",
  "hoaks|hoax",
]);
/**
 * Anywhere in the message: the event lies in the past. Not "dulu", which also means "first"
 * ("matikan dulu listriknya!").
 */
const PAST = compileAll([
  "kemarin|kemaren|semalam|kmrn|pernah|silam",
  "waktu itu",
  "tempo hari",
  "# hari|minggu|bulan|tahun .. lalu|yang lalu",
  "minggu|bulan|tahun lalu",
  "# hari|minggu|bulan|tahun terakhir",
  "tadi malam",
]);
/** Anywhere in the message: the danger is still there (this beats "over"). */
const STILL_GOING = compileAll([
  "masih",
  "belum .. padam|surut|ditemukan|ketemu|dievakuasi|pulang|kembali|kabar|tertolong|ditolong|keluar|selamat|aman|turun",
  "tidak ketemu",
  "sampai|hingga sekarang|kini",
  "sampai|hingga saat ini",
  "terus",
  "makin|semakin",
]);
/** Anywhere in the message: it is going on now (this beats "in the past"). */
const NOW = compileAll([
  "sekarang",
  "saat ini",
  "sejak|dari kemarin|semalam|tadi|pagi|siang|sore|malam|subuh",
  "barusan",
  "mulai",
  "hari ini",
]);
/** The clause asks how to do something or whom to call: information, not an event. */
const INFORMATION_REQUEST = compileAll([
  "cara|caranya|prosedur|syarat|persyaratan|nomor|kontak|hotline|jadwal|biaya|klaim",
  "kemana .. lapor|melapor|menghubungi|hubungi",
  "ke mana .. lapor|melapor|menghubungi|hubungi",
]);

/**
 * A structure feared to fall ("takut roboh", "bisa ambruk") is about to give way when it already
 * shows the signs and people are still in or under it: that risk is the emergency itself.
 */
const GIVING_WAY = compileAll([
  "retak*|miring|goyang|melendut|melengkung|keropos|lapuk|berderak|krek*|amblas|ambles|condong|bunyi",
]);
const STILL_OCCUPIED = compileAll(STILL_OCCUPIED_SOURCES);
/** A poor household's house "hampir roboh" for months, told to ask for housing aid. */
const CHRONIC_HOUSING = compileAll([
  "bedah rumah",
  "rtlh",
  "tidak layak huni",
  "bantuan rumah",
  "bansos|dinsos|pkh",
  "sebatang kara",
  "tinggal sendiri|sendirian",
  "janda*|yatim*|miskin",
  "kurang|tidak mampu",
  "tidak|belum pernah dapat|mendapat|dapet",
]);
const GETTING_WORSE = compileAll([
  "makin|semakin|tambah|terus",
  "berderak|krek*|bunyi",
  "sekarang|barusan",
  "malam|hari ini",
  "sebentar lagi",
]);

/** How the time and fear of some kinds of danger are read unlike the others'. */
type DangerReading = {
  /** Feared and already giving way with people still in or under it: the risk is the emergency itself. */
  imminentWhenFeared?: true;
  /** A state of long standing, not an event tonight, unless the message says it is getting worse now. */
  chronicWhen?: RegExp[];
  /** Goes on whatever day it started, until over (someone missing stays missing until found). */
  lasting?: true;
};
const DANGER_READINGS: Partial<Record<Danger, DangerReading>> = {
  collapse: { imminentWhenFeared: true, chronicWhen: CHRONIC_HOUSING },
  missing_person: { lasting: true },
};

const NEGATION_WORDS = 3;
const POSSIBILITY_WORDS = 3;

export type EmergencyStatus = "active" | "negated" | "resolved" | "past" | "possible";
export type EmergencyCue = { danger: Danger; matched: string; status: EmergencyStatus };

/**
 * A pattern with the regex that finds all its matches; `gapped`: the pattern allows other words in
 * between, which may turn it off ("pohon condong, takutnya tumbang").
 */
type CuePattern = { compiled: CompiledPattern; all: RegExp; gapped: boolean };
type CompiledCue = { danger: Danger; patterns: CuePattern[]; context: RegExp[] };

function cuePattern(source: string): CuePattern {
  const compiled = compilePattern(source);
  return { compiled, all: new RegExp(compiled.regex.source, "gu"), gapped: /(^| )\.\.\d?( |$)/.test(source) };
}
function compileAll(sources: string[]): RegExp[] {
  return sources.map((source) => compilePattern(source).regex);
}

const COMPILED_CUES: CompiledCue[] = DANGERS.flatMap((danger) =>
  EMERGENCY_CUES[danger].map((c) => ({
    danger,
    patterns: c.patterns.map(cuePattern),
    context: compileAll(c.with ?? []),
  })),
);
const INNOCENT = INNOCENT_USES.map(cuePattern);
// Most messages hold no emergency word: the index rules out the patterns none of their words can start.
const INDEX = new PatternIndex([...COMPILED_CUES.flatMap((c) => c.patterns), ...INNOCENT].map((p) => p.compiled));

const anyMatch = (regexes: RegExp[], text: string) => regexes.some((regex) => regex.test(text));

type Clause = {
  text: string;
  question: boolean;
  /** Where each comma-separated part of the clause ends in `text`, in order. */
  partEnds: number[];
};

/** Clauses end at full stops, semicolons, line breaks, "?" and "!"; a question keeps its "?". */
function clausesOf(text: string): Clause[] {
  return (text.match(/[^.;\n!?]+[.;\n!?]*/gu) ?? []).map((clause) => {
    const parts = clause.split(",").map((part) =>
      normalize(part)
        .text.replace(/(^| )[?!]/gu, " ")
        .trim(),
    );
    const partEnds: number[] = [];
    let at = 0;
    for (const part of parts) {
      if (part) at += part.length + 1;
      partEnds.push(at + 1);
    }
    return {
      text: ` ${normalize(clause).text} `.replace(/ [?!]/gu, " "),
      question: clause.includes("?"),
      partEnds,
    };
  });
}

/**
 * The clause up to the end of the comma-separated part holding `at`: a time word counts for
 * the cue's own part and the parts before it ("kemarin, rumah terbakar"), not for a later part
 * about something else ("anak kejang, jalan putus longsor kemarin").
 */
function clauseUpTo(clause: Clause, at: number): string {
  const end = clause.partEnds.find((partEnd) => partEnd > at) ?? clause.text.length;
  return clause.text.slice(0, end);
}

/**
 * What the text says about time: over (read in the whole message: "... sudah padam"), or in the
 * past (read in the cue's clause: "pasien kritis, jembatan putus kemarin" is an emergency now).
 */
type Timing = { resolved: boolean; past: boolean };

function timingOf(message: string, clause: string, clauseSoFar: string): Timing {
  const stillGoing = anyMatch(STILL_GOING, message);
  return {
    resolved: !stillGoing && anyMatch(RESOLVED, message),
    past: !anyMatch(STILL_GOING, clause) && !anyMatch(NOW, clause) && anyMatch(PAST, clauseSoFar),
  };
}

const imminent = (message: string) => anyMatch(GIVING_WAY, message) && anyMatch(STILL_OCCUPIED, message);

const lastWords = (text: string, count: number) => ` ${text.trim().split(/ +/).slice(-count).join(" ")} `;

/** The status of one cue occurrence from the few words before it, its clause and the whole message. */
function statusOf(
  danger: Danger,
  {
    clause,
    before,
    question,
    message,
    fearedCue,
  }: { clause: string; before: string; question: boolean; message: string; fearedCue: boolean },
  timing: Timing,
): EmergencyStatus {
  if (anyMatch(NEGATIONS, lastWords(before, NEGATION_WORDS))) return "negated";
  const reading = DANGER_READINGS[danger] ?? {};
  const feared =
    fearedCue || anyMatch(POSSIBILITIES, lastWords(before, POSSIBILITY_WORDS)) || anyMatch(RISKS, lastWords(before, 1));
  if (feared && !(reading.imminentWhenFeared && imminent(message))) return "possible";
  const chronic = reading.chronicWhen && anyMatch(reading.chronicWhen, message);
  if (chronic && !anyMatch(GETTING_WORSE, message) && !imminent(message)) return "possible";
  if (anyMatch(CAUSES, lastWords(before, 2))) return "past";
  if (timing.resolved) return "resolved";
  if (timing.past && !reading.lasting) return "past";
  if (question && anyMatch(INFORMATION_REQUEST, clause)) return "possible";
  return "active";
}

/** Every emergency cue in the text with its status; the text is an emergency if one is active. */
/** The cues whose patterns could start at one of these words (most messages have none). */
const possibleCues = (tokens: readonly string[]) => {
  const candidates = INDEX.candidates(tokens);
  return { candidates, cues: COMPILED_CUES.filter((c) => c.patterns.some((p) => candidates.has(p.compiled))) };
};

/** `normalized`: the whole text normalised, when the caller has it: a message without a possible cue ends there. */
export function findEmergencyCues(text: string, normalized: NormalizedText = normalize(text)): EmergencyCue[] {
  const found: EmergencyCue[] = [];
  if (possibleCues(normalized.tokens).cues.length === 0) return found;
  const clauses = clausesOf(text);
  const { candidates, cues } = possibleCues(clauses.flatMap((clause) => clause.text.trim().split(/ +/)));
  if (cues.length === 0) return found;
  const innocent = INNOCENT.filter((p) => candidates.has(p.compiled));
  const message = clauses.map((c) => c.text).join(" ");
  for (const whole of clauses) {
    const { text: raw, question } = whole;
    let clause = raw;
    for (const { all } of innocent) clause = clause.replace(all, (match) => " ".repeat(match.length));
    for (const { danger, patterns, context } of cues) {
      if (context.length > 0 && !anyMatch(context, clause)) continue;
      for (const { compiled, all, gapped } of patterns) {
        if (!candidates.has(compiled)) continue;
        for (const match of clause.matchAll(all)) {
          const matched = match[1]!;
          const start = match.index + match[0].indexOf(matched);
          const timing = timingOf(message, raw, clauseUpTo(whole, start));
          const lastWordAt = start + matched.lastIndexOf(" ");
          // A cue that itself begins with a fear ("takut .. runtuh") is a risk, like one right after it.
          const fearedCue = anyMatch(RISKS, lastWords(matched.split(" ")[0]!, 1));
          const status = (gapped ? [start, lastWordAt] : [start])
            .map((at) =>
              statusOf(danger, { clause, before: clause.slice(0, at), question, message, fearedCue }, timing),
            )
            .find((s) => s !== "active");
          found.push({ danger, matched, status: status ?? "active" });
        }
      }
    }
  }
  // One cue per danger and words: overlapping patterns of the same danger say the same thing.
  const seen = new Set<string>();
  return found.filter((c) => {
    const key = `${c.danger}\0${c.matched}\0${c.status}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
