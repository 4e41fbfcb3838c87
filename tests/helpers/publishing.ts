import { expect } from "vitest";
import type { ApiClient } from "./client.js";
import type { TestSiar } from "./siar.js";

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
