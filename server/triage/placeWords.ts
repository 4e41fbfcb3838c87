/**
 * Everyday Indonesian words that are also names, or parts of names, of desa, kelurahan and
 * kecamatan: a river ("kapuas"), a tree ("beringin"), a direction ("hilir"), a wish ("makmur").
 * A place whose name is made only of such words ("Balai", "Kampung Baru", "Sungai Batu") is
 * recognised when the text announces it ("desa", "kec.") or writes it with a capital letter
 * inside a sentence; otherwise "rapat di balai desa" would be a report from Kecamatan Balai.
 * Mostly the words most frequent in the official names of all of Indonesia's areas.
 */
export const COMMON_PLACE_WORDS: ReadonlySet<string> = new Set(
  `
  air alam aman anyar asam asri atas ayu bagan bakti bakung balai bambu bandar bangun banjar bantai baru barat
  batang batu bawah bawang benteng benua beringin besar betung bhakti bintang binjai bukit bulan bulu buluh bumi
  bunga bunut candi cempaka cempedak cinta cupang dalam damai danau darat datar daya desa dewa dua dukuh durian
  dusun empat gading gajah gedung gunung harapan hijau hilir hitam hulu ilir indah jadi jalan jambu janji jati jawa
  jaya kali kampung kanan kapuas karang karya kawat kayu kebon kebun kecil kelapa kembang kemiri kiri kota kramat
  kuala kubu kumbang kuning ladang lalang lama lapangan larangan laut lawang lebak lebar lembah lestari lima lintang
  lubuk lumut luar maju makmur manis marga mas masjid mata mekar melati melayu menang merah meranti mesjid muara
  muda mulia mulya naga negara negeri nusa padang padi pagar pandan panggung pangkalan panjang pantai parit pasar
  pasir payung pekan pedalaman perkebunan permai pesisir pintu pinang pisang pondok pulau pulo pusat putih raja
  rahayu rantau rawa raya rimba sakti sari satu sawah sebrang seberang sejahtera sekolah selat selatan sentosa
  sepakat setia simpang sinar sosok suka sumber sumur sungai taman tambak tanah tangga tanggung tani tanjung
  tebing teluk telaga tengah terusan tiga timur tinggi tua tugu tunggal ujung ulu utama utara waru
  `
    .trim()
    .split(/\s+/),
);

/** Whether every word of a place's name is an everyday word. */
export function isMadeOfCommonWords(name: string): boolean {
  return name
    .toLocaleLowerCase("id")
    .split(/\s+/)
    .every((word) => COMMON_PLACE_WORDS.has(word));
}
