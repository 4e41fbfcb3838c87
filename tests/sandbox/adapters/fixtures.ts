/** Shared pieces of the adapter tests: a sandbox, a host for media files, posts and targets. */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { ChannelError, type ChannelTarget, type OutgoingMedia, type OutgoingPost } from "@server/channels/adapter";
import type { ChannelKind } from "@server/db/generated/enums";
import type { Sandbox } from "@server/sandbox/index";
import { PNG_BYTES, startServer, startTestSandbox, type TestServer } from "../helpers";

/** A valid 16x16 baseline JPEG (from CPython's imghdr test data). */
export const JPEG_BYTES = Buffer.from(
  "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z",
  "base64",
);

const FILES = {
  "pengumuman.jpg": { kind: "image", mimeType: "image/jpeg", bytes: JPEG_BYTES },
  "peta.png": { kind: "image", mimeType: "image/png", bytes: PNG_BYTES },
  "video.mp4": {
    kind: "video",
    mimeType: "video/mp4",
    bytes: Buffer.concat([Buffer.from("\0\0\0\x18ftypmp42"), Buffer.alloc(2048, 1)]),
  },
  "halaman.html": { kind: "image", mimeType: "text/html", bytes: Buffer.from("<html>bukan gambar</html>") },
} as const satisfies Record<string, { kind: OutgoingMedia["kind"]; mimeType: string; bytes: Buffer }>;

export type MediaName = keyof typeof FILES;

export interface AdapterWorld {
  sandbox: Sandbox;
  /** An OutgoingMedia for a fixture file: on disk for uploads, and served over HTTP for platforms that fetch. */
  media(name: MediaName): OutgoingMedia;
  close(): Promise<void>;
}

/** A sandbox, plus the fixture files on disk and on a local HTTP server standing in for PUBLIC_BASE_URL. */
export async function startAdapterWorld(): Promise<AdapterWorld> {
  const sandbox = await startTestSandbox();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-adapter-media-"));
  for (const [name, file] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), file.bytes);
  const host: TestServer = await startServer((req, res) => {
    const file = FILES[(req.url ?? "").slice(1) as MediaName];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.mimeType }).end(file.bytes);
  });
  return {
    sandbox,
    media: (name) => {
      const file = FILES[name];
      return {
        kind: file.kind,
        mimeType: file.mimeType,
        publicUrl: `${host.url}/${name}`,
        fileName: name,
        read: () => fs.promises.readFile(path.join(dir, name)),
        bytes: file.bytes.length,
        width: 16,
        height: 16,
      };
    },
    close: async () => {
      await Promise.all([sandbox.close(), host.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A post as the publishing worker hands it over, with a text unique to this call unless given. */
export function outgoingPost(overrides: Partial<OutgoingPost> = {}): OutgoingPost {
  const deliveryId = randomUUID();
  return {
    deliveryId,
    title: "Pelayanan KTP keliling",
    text: `Pelayanan KTP keliling di Kecamatan Kapuas, Sabtu pukul 08.00 WIB. (${deliveryId.slice(0, 8)})`,
    link: null,
    media: [],
    websiteUrl: `https://siar.sanggau.go.id/pengumuman/${deliveryId}`,
    ...overrides,
  };
}

/** The seeded sandbox account of each platform, as a connected channel would be stored. */
export function targetFor(
  sandbox: Sandbox,
  kind: Exclude<ChannelKind, "website" | "email">,
  credentials?: Record<string, string>,
): ChannelTarget {
  const { graph, x, wordpress, whatsapp } = sandbox.credentials;
  const graphSettings = { baseUrl: graph.baseUrl, apiVersion: graph.apiVersion };
  const targets: Record<typeof kind, ChannelTarget> = {
    facebook: {
      kind,
      externalId: graph.pageId,
      settings: graphSettings,
      credentials: { pageAccessToken: graph.pageAccessToken },
    },
    instagram: {
      kind,
      externalId: graph.igUserId,
      settings: graphSettings,
      credentials: { accessToken: graph.pageAccessToken },
    },
    x: {
      kind,
      externalId: x.userId,
      settings: { baseUrl: x.baseUrl, username: x.username },
      credentials: {
        appKey: x.appKey,
        appSecret: x.appSecret,
        accessToken: x.accessToken,
        accessSecret: x.accessSecret,
      },
    },
    wordpress: {
      kind,
      externalId: wordpress.baseUrl,
      settings: { baseUrl: wordpress.baseUrl },
      credentials: { username: wordpress.username, applicationPassword: wordpress.applicationPassword },
    },
    whatsapp: {
      kind,
      externalId: whatsapp.phoneNumberId,
      settings: { baseUrl: whatsapp.baseUrl, apiVersion: whatsapp.apiVersion, wabaId: whatsapp.wabaId },
      credentials: { accessToken: whatsapp.accessToken },
    },
  };
  const target = targets[kind];
  return credentials ? { ...target, credentials } : target;
}

/** The ChannelError a call fails with; fails the test if it succeeds or throws something else. */
export async function channelErrorOf(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

/** Asserts that a date lies within a window around the expected moment. */
export function expectAround(actual: Date | undefined, expectedMs: number, toleranceMs = 5_000): void {
  expect(actual).toBeInstanceOf(Date);
  expect(Math.abs(actual!.getTime() - expectedMs)).toBeLessThanOrEqual(toleranceMs);
}
