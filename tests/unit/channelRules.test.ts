import { describe, expect, it } from "vitest";
import { measureText, renderText, validateForChannel, type Draft } from "@server/channels/rules.js";

const draft = (overrides: Partial<Draft> = {}): Draft => ({
  title: "Pemadaman listrik terjadwal",
  body: "Pemadaman listrik terjadwal di Kecamatan Kapuas pada Sabtu pukul 08.00–12.00 WIB.",
  link: null,
  hashtags: [],
  media: [],
  overrides: {},
  ...overrides,
});
const jpeg = (width: number, height: number, bytes = 200_000) => ({
  kind: "image" as const,
  mimeType: "image/jpeg",
  bytes,
  width,
  height,
});
const mp4 = (bytes = 20_000_000) => ({
  kind: "video" as const,
  mimeType: "video/mp4",
  bytes,
  width: 1280,
  height: 720,
});
const codes = (channel: Parameters<typeof validateForChannel>[0], d: Draft) =>
  validateForChannel(channel, d).map((v) => v.code);

describe("channel rules", () => {
  it("counts X posts the way X does: URLs weigh 23 whatever their length", () => {
    const url = "https://sanggau.go.id/pengumuman/pemadaman-listrik-terjadwal-kecamatan-kapuas-2026";
    expect(measureText("x", `Info ${url}`)).toBe(5 + 23);
    expect(measureText("facebook", `Info ${url}`)).toBe(5 + url.length);
  });

  it("puts the link and hashtags into the text where the platform has no link field", () => {
    const d = draft({ link: "https://sanggau.go.id/p/1", hashtags: ["#SanggauSigap", "PLN"] });
    expect(renderText("x", d)).toBe(`${d.body}\n\nhttps://sanggau.go.id/p/1\n\n#SanggauSigap #PLN`);
    expect(renderText("facebook", d)).toBe(`${d.body}\n\n#SanggauSigap #PLN`);
    expect(renderText("x", { ...d, overrides: { x: "Singkat saja" } })).toContain("Singkat saja");
  });

  it("refuses an X post over 280 weighted characters, on the field that causes it", () => {
    const long = draft({ overrides: { x: "a".repeat(281) } });
    expect(validateForChannel("x", long)).toEqual([
      expect.objectContaining({
        field: "override.x",
        code: "text_too_long",
        message: expect.objectContaining({ id: expect.stringContaining("281 dari batas 280") }),
      }),
    ]);
    expect(codes("x", draft({ body: "a".repeat(280) }))).toEqual([]);
  });

  it("requires an image or video for Instagram, in a supported aspect ratio", () => {
    expect(codes("instagram", draft())).toEqual(["media_required"]);
    expect(codes("instagram", draft({ media: [jpeg(1080, 1350)] }))).toEqual([]);
    expect(codes("instagram", draft({ media: [jpeg(1080, 566)] }))).toEqual([]);
    expect(codes("instagram", draft({ media: [jpeg(1080, 1920)] }))).toEqual(["aspect_ratio"]);
    expect(codes("instagram", draft({ media: [jpeg(2000, 1000)] }))).toEqual(["aspect_ratio"]);
  });

  it("takes an upright 9:16 video as an Instagram Reel, which a photo of that shape is not; X videos from 1:3 to 3:1", () => {
    const video = (width: number, height: number) => ({
      kind: "video" as const,
      mimeType: "video/mp4",
      bytes: 5_000_000,
      width,
      height,
    });
    expect(codes("instagram", draft({ media: [video(1080, 1920)] }))).toEqual([]);
    expect(codes("x", draft({ media: [video(1080, 1920)] }))).toEqual([]);
    const tooTall = validateForChannel("x", draft({ media: [video(400, 1600)] }));
    expect(tooTall).toEqual([
      expect.objectContaining({
        field: "media",
        code: "aspect_ratio",
        message: expect.objectContaining({ id: expect.stringContaining("video 400×1600") }),
      }),
    ]);
    expect(tooTall[0]!.message.id).toContain("antara 1:3 (tegak) dan 3:1 (mendatar)");
    expect(validateForChannel("instagram", draft({ media: [jpeg(1080, 1920)] }))[0]!.message.id).toContain(
      "gambar 1080×1920",
    );
  });

  it("limits Instagram captions to 2,200 characters and 30 hashtags", () => {
    const tags = Array.from({ length: 31 }, (_, i) => `tag${i}`);
    expect(codes("instagram", draft({ media: [jpeg(1080, 1080)], hashtags: tags }))).toEqual(["too_many_hashtags"]);
    expect(codes("instagram", draft({ media: [jpeg(1080, 1080)], body: "x".repeat(2201) }))).toEqual(["text_too_long"]);
  });

  it("takes at most 4 images on X, no mixed media, and 5 MB per image", () => {
    const five = Array.from({ length: 5 }, () => jpeg(1200, 800));
    expect(codes("x", draft({ media: five }))).toEqual(["too_many_images"]);
    const mixed = [
      jpeg(1200, 800),
      { kind: "video" as const, mimeType: "video/mp4", bytes: 1_000_000, width: 1280, height: 720 },
    ];
    expect(codes("x", draft({ media: mixed }))).toEqual(["mixed_media"]);
    expect(codes("x", draft({ media: [jpeg(1200, 800, 6 * 1024 * 1024)] }))).toEqual(["file_too_large"]);
  });

  it("takes one video on a Facebook Page, alone: not two, not with images", () => {
    expect(codes("facebook", draft({ media: [mp4()] }))).toEqual([]);
    expect(codes("facebook", draft({ media: [mp4(), mp4()] }))).toEqual(["too_many_videos"]);
    expect(codes("facebook", draft({ media: [mp4(), jpeg(1200, 800)] }))).toEqual(["mixed_media"]);
    expect(validateForChannel("facebook", draft({ media: [mp4(), mp4()] }))[0]!.message.id).toBe(
      "Facebook menerima paling banyak 1 video.",
    );
  });

  it("takes one video on WordPress, up to Siar's own upload cap, without a featured image beside it", () => {
    expect(codes("wordpress", draft({ media: [mp4()] }))).toEqual([]);
    expect(codes("wordpress", draft({ media: [mp4(), jpeg(1200, 800)] }))).toEqual(["mixed_media"]);
    expect(codes("wordpress", draft({ media: [mp4(301 * 1024 * 1024)] }))).toEqual(["file_too_large"]);
  });
});
