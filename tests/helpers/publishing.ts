import { PUBLISHING_CHANNELS } from "@server/channels/rules.js";
import { expect } from "vitest";
import { type ApiClient, signedIn } from "./client.js";
import { startTestSiar, type TestSiar } from "./siar.js";

/** Creates a post and submits it: scheduled (or in review when it needs approval). */
export async function publishNow(client: ApiClient, body: Record<string, unknown>) {
  const created = await client.post("/api/posts", body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await client.post(`/api/posts/${created.body.id}/submit`);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body;
}

/** Drives the worker tick by tick until the post has gone out (or failed); the post as `client` reads it. */
export async function tickUntilSettled(siar: TestSiar, client: ApiClient, postId: string, rounds = 10) {
  for (let i = 0; i < rounds; i++) {
    await siar.worker.tick();
    const post = (await client.get(`/api/posts/${postId}`)).body;
    if (["published", "partially_published", "failed"].includes(post.status)) return post;
  }
  return (await client.get(`/api/posts/${postId}`)).body;
}

export type PublishingSiar = {
  siar: TestSiar;
  humas: ApiClient;
  channels: Record<string, string>;
  kabupatenId: string;
};

/** A Siar on the sandbox whose worker the test drives tick by tick, humas signed in, the demo channels by kind. */
export async function startPublishingSiar(): Promise<PublishingSiar> {
  // The cron tick is slowed right down: tests drive the worker with explicit ticks.
  const siar = await startTestSiar({ SIAR_SANDBOX: "true", PUBLISH_INTERVAL_SECONDS: "59" });
  const humas = await signedIn(siar.url, "humas@sanggau.demo");
  const channels: Record<string, string> = {};
  // Channels posts go to: the demo's WhatsApp number is an inbox only.
  for (const channel of (await humas.get("/api/channels")).body.data)
    if ((PUBLISHING_CHANNELS as readonly string[]).includes(channel.kind)) channels[channel.kind] = channel.id;
  const kabupatenId = (await humas.get("/api/units?type=kabupaten")).body.data[0].id;
  return { siar, humas, channels, kabupatenId };
}

/** Uploads a file to a unit's media as `client` would from the composer. */
export async function uploadMedia(
  siar: TestSiar,
  client: ApiClient,
  unitId: string,
  file: { bytes: Buffer; type: string; name: string },
) {
  const response = await fetch(`${siar.url}/api/media?unitId=${unitId}&name=${file.name}`, {
    method: "POST",
    headers: { "content-type": file.type, cookie: client.cookie!, "x-csrf-token": client.csrfToken! },
    body: new Uint8Array(file.bytes),
  });
  return { status: response.status, body: await response.json() };
}
