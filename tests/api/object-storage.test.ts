import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "@server/backup/archive.js";
import { restoreBackup } from "@server/backup/restore.js";
import { ConfigError, loadConfig } from "@server/config.js";
import { submitWebReport } from "@server/inbox/webReports.js";
import { reencodeCitizenPhoto } from "@server/media/storage.js";
import { startS3Sandbox, type S3Sandbox } from "@server/sandbox/s3.js";
import { startSiar } from "@server/server.js";
import { type ApiClient, signedIn } from "../helpers/client.js";
import { emptyInstallation } from "../helpers/installation.js";
import { uploadMedia } from "../helpers/publishing.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

// SIAR_STORAGE=s3 against the local S3 imitation: uploads land in the bucket and are served by
// Siar at /media/..., citizens' photos stay private, a wrong secret stops start-up with a clear
// message, and a backup of the bucket restores into an emptied one.

const BUCKET = "siar-files";
let s3: S3Sandbox;
let siar: TestSiar;
let humas: ApiClient;
let admin: ApiClient;
const s3Env = () => ({
  SIAR_STORAGE: "s3",
  S3_ENDPOINT: s3.url,
  S3_BUCKET: BUCKET,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
});
const objects = () => s3.bucket(BUCKET)!;
// Outside the data folder, which goes when the first installation closes.
const backups = fs.mkdtempSync(path.join(os.tmpdir(), "siar-s3-backups-"));

beforeAll(async () => {
  s3 = await startS3Sandbox(); // no bucket yet: Siar creates it at start
  siar = await startTestSiar({ ...s3Env(), BACKUP_DIR: backups });
  [humas, admin] = await Promise.all([
    signedIn(siar.url, "humas@sanggau.demo"),
    signedIn(siar.url, "admin@sanggau.demo"),
  ]);
}, 120_000);
afterAll(async () => {
  await siar?.close();
  await s3?.close();
  fs.rmSync(backups, { recursive: true, force: true });
});

const poster = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();

let uploadedKey: string;
let uploadedBytes: Buffer;
let reportId: string;
let photoKey: string;

describe("files in an S3 bucket", () => {
  it("keeps an upload in the bucket, not the data folder, and serves it at /media/ as before", async () => {
    uploadedBytes = await poster(900, 600);
    const kabupatenId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
    const uploaded = await uploadMedia(siar, humas, kabupatenId, {
      bytes: uploadedBytes,
      type: "image/png",
      name: "p.png",
    });
    expect(uploaded.status).toBe(201);
    uploadedKey = uploaded.body.url.split("/media/")[1];
    expect(objects().get(`media/${uploadedKey}`)?.body.equals(uploadedBytes)).toBe(true);
    expect(objects().get(`media/${uploadedKey}.jpg`)?.contentType).toBe("image/jpeg"); // Instagram's rendition
    expect(fs.existsSync(path.join(siar.services.config.dataDir, "media"))).toBe(false);

    const whole = await fetch(`${siar.url}/media/${uploadedKey}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("image/png");
    expect(whole.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await whole.arrayBuffer()).equals(uploadedBytes)).toBe(true);
    const etag = whole.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(
      (
        await fetch(`${siar.url}/media/${uploadedKey}`, {
          headers: { "if-none-match": etag, "cache-control": "max-age=0" },
        })
      ).status,
    ).toBe(304);
    const part = await fetch(`${siar.url}/media/${uploadedKey}`, { headers: { range: "bytes=0-7" } });
    expect([part.status, part.headers.get("content-range")]).toEqual([206, `bytes 0-7/${uploadedBytes.length}`]);
    expect(Buffer.from(await part.arrayBuffer()).equals(uploadedBytes.subarray(0, 8))).toBe(true);
    const beyond = await fetch(`${siar.url}/media/${uploadedKey}`, {
      headers: { range: `bytes=${uploadedBytes.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect((await fetch(`${siar.url}/media/${"0".repeat(32)}.png`)).status).toBe(404);

    // A variant is made on its first request (if the background has not made it yet) and kept in the bucket.
    const variant = await fetch(`${siar.url}/media/${uploadedKey}.w480.jpg`);
    expect([variant.status, variant.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    expect((await sharp(Buffer.from(await variant.arrayBuffer())).metadata()).width).toBe(480);
    expect(objects().has(`media/${uploadedKey}.w480.jpg`)).toBe(true);
    await expect.poll(() => objects().has(`media/${uploadedKey}.w480.avif`), { timeout: 60_000 }).toBe(true);
  });

  it("keeps a citizen's photo private: staff read it through Siar, nobody else", async () => {
    const place = await siar.services.prisma.unit.findFirstOrThrow({ where: { type: "desa", active: true } });
    const photo = await reencodeCitizenPhoto(
      await sharp({ create: { width: 640, height: 480, channels: 3, background: "#845" } })
        .jpeg()
        .toBuffer(),
    );
    ({ itemId: reportId } = await submitWebReport(siar.services, {
      name: "Warga Uji",
      contact: { phone: "+6281234567890" },
      placeUnitId: place.id,
      citizenCategory: null,
      text: "Jalan rusak di depan sekolah, mohon diperbaiki.",
      location: null,
      photo,
    }));
    const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({
      where: { id: reportId },
      include: { photo: true },
    });
    photoKey = item.photo!.storageKey;
    expect(objects().get(`citizen-photos/${photoKey}`)?.body.equals(photo.body)).toBe(true);

    expect((await fetch(`${siar.url}/api/inbox/${reportId}/photo`)).status).toBe(401);
    expect((await fetch(`${siar.url}/media/${photoKey}`)).status).toBe(404);
    expect((await fetch(`${s3.url}/${BUCKET}/citizen-photos/${photoKey}`)).status).toBe(403);
    const seen = await fetch(`${siar.url}/api/inbox/${reportId}/photo`, { headers: { cookie: admin.cookie! } });
    expect([seen.status, seen.headers.get("content-type"), seen.headers.get("cache-control")]).toEqual([
      200,
      "image/jpeg",
      "private, no-cache",
    ]);
    expect(Buffer.from(await seen.arrayBuffer()).equals(photo.body)).toBe(true);
  });

  it("reports the store and what it holds on the system health page", async () => {
    const { body } = await admin.get("/api/system/health");
    expect(body.storage).toEqual({ kind: "s3", location: `s3://${BUCKET} (${s3.url})`, problem: null });
    const media = body.disk.find((folder: { folder: string }) => folder.folder === "media");
    expect(media).toMatchObject({ complete: true });
    expect(media.files).toBeGreaterThanOrEqual(2);
    expect(media.bytes).toBeGreaterThanOrEqual(uploadedBytes.length);
  });

  it("refuses to start with a wrong secret key, saying which setting to check", async () => {
    const env = {
      ...s3Env(),
      S3_SECRET_ACCESS_KEY: "not-the-right-secret",
      NODE_ENV: "test",
      SIAR_DATA_DIR: "/nonexistent/siar",
    };
    const refused = await startSiar(loadConfig(env)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([
      expect.stringMatching(/^S3_SECRET_ACCESS_KEY: .*SignatureDoesNotMatch/),
    ]);
  });

  it("backs the bucket up and restores it after the files are lost", async () => {
    const { config } = siar.services;
    const archive = await createBackup(config, siar.services.db);
    const archived = [...objects().keys()];
    expect(archived).toEqual(expect.arrayContaining([`media/${uploadedKey}`, `citizen-photos/${photoKey}`]));
    await siar.close();
    objects().clear(); // the wipe: every object gone, and a new database

    const target = await emptyInstallation(config, s3Env());
    try {
      const restoredConfig = loadConfig(target.env);
      const result = await restoreBackup(restoredConfig, archive);
      expect(result.files).toBeGreaterThanOrEqual(archived.length);
      expect([...objects().keys()]).toEqual(expect.arrayContaining(archived));
      expect(fs.existsSync(path.join(restoredConfig.dataDir, "media"))).toBe(false);
      siar = await startSiar(restoredConfig);
      const served = await fetch(`${siar.url}/media/${uploadedKey}`);
      expect(Buffer.from(await served.arrayBuffer()).equals(uploadedBytes)).toBe(true);
      const staff = await signedIn(siar.url, "admin@sanggau.demo");
      const photo = await fetch(`${siar.url}/api/inbox/${reportId}/photo`, { headers: { cookie: staff.cookie! } });
      expect(photo.status).toBe(200);
    } finally {
      await siar.close();
      siar = undefined as unknown as TestSiar;
      await target.drop();
    }
  }, 240_000);
});
