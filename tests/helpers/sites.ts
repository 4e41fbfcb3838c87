import sharp from "sharp";
import type { ApiClient } from "./client.js";
import type { TestSiar } from "./siar.js";

// Unit-site fixtures: unit ids by code, a small generated photo, a project's content.

export async function unitIdOf(siar: TestSiar, code: string): Promise<string> {
  return (await siar.services.prisma.unit.findUniqueOrThrow({ where: { code } })).id;
}

/** A small PNG of one colour, as a phone would never send but the media check accepts. */
export function smallPhoto(colour = "#2e7d32"): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** Uploads a photo for a unit as the client's user; returns its media id. */
export async function uploadPhoto(client: ApiClient, unitId: string): Promise<string> {
  const response = await fetch(`${client.baseUrl}/api/media?unitId=${unitId}&name=foto.png`, {
    method: "POST",
    headers: { "content-type": "image/png", cookie: client.cookie!, "x-csrf-token": client.csrfToken! },
    body: new Uint8Array(await smallPhoto()),
  });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export function projectContent(overrides: Record<string, unknown> = {}) {
  return {
    title: "Jalan Rabat Beton Dusun Hilir",
    location: "Dusun Hilir RT 03",
    latitude: 0.12,
    longitude: 110.6,
    budgetYear: 2026,
    funding: { danaDesa: 150_000_000, provinsi: 0, kabupaten: 25_000_000, swadaya: 5_000_000 },
    amount: 180_000_000,
    volume: "450 m × 3 m",
    executor: "TPK Desa Sungai Mawang",
    benefits: "Akses hasil kebun ke jalan kabupaten.",
    startDate: "2026-03-01",
    targetDate: "2026-08-31",
    progress: 40,
    stages: [],
    status: "berjalan",
    ...overrides,
  };
}
