import { describe, expect, it } from "vitest";
import DEMO_PLACES from "@server/demo/places.js";
import { recognisePlace } from "@server/triage/places.js";

// Place recognition over the demo's whole tree: every desa and kelurahan of Kabupaten Sanggau.
const placeIn = (text: string) => recognisePlace(text, DEMO_PLACES)?.place;

describe("recognising places of the whole kabupaten", () => {
  it("knows every kecamatan, desa and kelurahan of Sanggau", () => {
    expect(DEMO_PLACES.filter((place) => place.type === "kecamatan")).toHaveLength(15);
    expect(DEMO_PLACES.length).toBe(184);
    expect(placeIn("jalan di desa Suruh Tembawang putus")).toMatchObject({
      name: "Suruh Tembawang",
      kecamatanName: "Entikong",
    });
  });

  it("reads 'desa X', 'ds. X', 'kel X', 'kec. X' and a camat's or lurah's title", () => {
    expect(placeIn("banjir di ds. Lape")).toMatchObject({ name: "Lape", type: "desa" });
    expect(placeIn("kel Bunut gelap tiap malam")).toMatchObject({ name: "Bunut", type: "kelurahan" });
    expect(placeIn("pungli di kec. Meliau")).toMatchObject({ name: "Meliau", type: "kecamatan" });
    expect(placeIn("pak camat Parindu tidak pernah di kantor")).toMatchObject({ name: "Parindu", type: "kecamatan" });
    expect(placeIn("lurah Beringin baik sekali")).toMatchObject({ name: "Beringin", type: "kelurahan" });
  });

  it("takes a distinctive name in any case, an everyday word only announced or capitalised inside a sentence", () => {
    expect(placeIn("sampah di semuntai belum diangkut")).toMatchObject({ name: "Semuntai" });
    expect(placeIn("pisang goreng di pasar mahal")).toBeUndefined();
    expect(placeIn("Kawat listrik putus di jalan")).toBeUndefined();
    expect(placeIn("Hilir sungai tercemar limbah")).toBeUndefined();
    expect(placeIn("tanggung jawab dinas")).toBeUndefined();
    expect(placeIn("Listrik padam di Pisang sejak kemarin")).toMatchObject({
      name: "Pisang",
      kecamatanName: "Jangkang",
    });
    expect(placeIn("Kerusakan jalan di desa hilir parah")).toMatchObject({ name: "Hilir", kecamatanName: "Balai" });
  });

  it("picks a namesake by the kecamatan named with it, else the first in official order", () => {
    expect(placeIn("Jalan rusak di Sungai Mawang, Mukok")).toMatchObject({ kecamatanName: "Mukok" });
    expect(placeIn("Jalan rusak di Sungai Mawang kecamatan kapuas")).toMatchObject({ kecamatanName: "Kapuas" });
    expect(placeIn("Jalan rusak di Sungai Mawang")).toMatchObject({
      unitId: "desa-sungai-mawang",
      kecamatanName: "Kapuas",
    });
  });
});
