import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "@server/sandbox/index";
import { PNG_BYTES, startTestSandbox } from "./helpers";

let sandbox: Sandbox;
/** Basic authentication with the seeded user's application password. */
let withAuth: { authorization: string };

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const { username, applicationPassword } = sandbox.credentials.wordpress;
  withAuth = { authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`).toString("base64")}` };
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

async function wp(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const response = await fetch(`${sandbox.credentials.wordpress.baseUrl}/wp-json/wp/v2${path}`, {
    ...rest,
    headers: {
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...(rest.headers as Record<string, string>),
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("Posts (https://developer.wordpress.org/rest-api/reference/posts/)", () => {
  it("POST /wp/v2/posts with an application password creates a published post (201, Location, rendered fields)", async () => {
    const created = await wp("/posts", {
      method: "POST",
      headers: withAuth,
      json: {
        title: "Jadwal Posyandu Desa Semuntai",
        content: "Posyandu dibuka pukul 08.00.\n\nBawa buku KIA.",
        status: "publish",
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${sandbox.url}/wp-json/wp/v2/posts/${created.body.id}`);
    expect(created.body).toMatchObject({
      id: expect.any(Number),
      status: "publish",
      type: "post",
      slug: "jadwal-posyandu-desa-semuntai",
      title: { raw: "Jadwal Posyandu Desa Semuntai", rendered: "Jadwal Posyandu Desa Semuntai" },
      content: { rendered: "<p>Posyandu dibuka pukul 08.00.</p>\n<p>Bawa buku KIA.</p>\n", protected: false },
      author: 1,
      featured_media: 0,
    });
    expect(created.body.link).toMatch(/\/\d{4}\/\d{2}\/\d{2}\/jadwal-posyandu-desa-semuntai\/$/);

    const publicRead = await wp(`/posts/${created.body.id}`);
    expect(publicRead.body.title).toEqual({ rendered: "Jadwal Posyandu Desa Semuntai" });
  });

  it("status future with a future date schedules the post; a past date publishes it at once", async () => {
    const future = new Date(sandbox.state.now() + 2 * 24 * 3600 * 1000).toISOString();
    const scheduled = await wp("/posts", {
      method: "POST",
      headers: withAuth,
      json: { title: "Nanti", content: "x", status: "future", date_gmt: future },
    });
    expect(scheduled.body).toMatchObject({ status: "future", date_gmt: future.slice(0, 19) });
    // The site runs on WIB (UTC+7): `date` is local time.
    expect(Date.parse(`${scheduled.body.date}Z`) - Date.parse(`${scheduled.body.date_gmt}Z`)).toBe(7 * 3600 * 1000);

    const past = await wp("/posts", {
      method: "POST",
      headers: withAuth,
      json: { title: "Kemarin", content: "x", status: "future", date: "2024-01-02T09:00:00" },
    });
    expect(past.body).toMatchObject({
      status: "publish",
      date: "2024-01-02T09:00:00",
      date_gmt: "2024-01-02T02:00:00",
    });
  });

  it("lists published posts with X-WP-Total and X-WP-TotalPages; drafts need authentication", async () => {
    for (const [title, status] of [
      ["A", "publish"],
      ["B", "publish"],
      ["C", "draft"],
    ] as const) {
      await wp("/posts", { method: "POST", headers: withAuth, json: { title, status } });
    }
    const list = await wp("/posts?per_page=1");
    expect(list.body).toHaveLength(1);
    expect(list.headers.get("x-wp-total")).toBe("2");
    expect(list.headers.get("x-wp-totalpages")).toBe("2");

    const drafts = await wp("/posts?status=draft");
    expect(drafts.body).toMatchObject({
      code: "rest_invalid_param",
      data: { status: 400, params: { status: expect.any(String) } },
    });
    expect(
      (await wp("/posts?status=draft", { headers: withAuth })).body.map(
        (p: { title: { rendered: string } }) => p.title.rendered,
      ),
    ).toEqual(["C"]);
    expect((await wp("/posts?page=9")).body.code).toBe("rest_post_invalid_page_number");
  });

  it("POST /posts/:id updates; DELETE trashes, DELETE ?force=true deletes for good", async () => {
    const { body: post } = await wp("/posts", {
      method: "POST",
      headers: withAuth,
      json: { title: "Draf", status: "draft" },
    });
    const updated = await wp(`/posts/${post.id}`, {
      method: "POST",
      headers: withAuth,
      json: { title: { raw: "Final" }, status: "publish" },
    });
    expect(updated.body).toMatchObject({ status: "publish", title: { raw: "Final" } });

    expect((await wp(`/posts/${post.id}`, { method: "DELETE", headers: withAuth })).body.status).toBe("trash");
    expect((await wp(`/posts/${post.id}`, { method: "DELETE", headers: withAuth })).status).toBe(410);
    const forced = await wp(`/posts/${post.id}?force=true`, { method: "DELETE", headers: withAuth });
    expect(forced.body).toMatchObject({ deleted: true, previous: { id: post.id } });
    expect((await wp(`/posts/${post.id}`)).body).toEqual({
      code: "rest_post_invalid_id",
      message: "Invalid post ID.",
      data: { status: 404 },
    });
  });

  it("invalid input is rest_invalid_param 400 with data.params; empty posts are empty_content", async () => {
    const invalid = await wp("/posts", {
      method: "POST",
      headers: withAuth,
      json: { title: "x", status: "published" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({
      code: "rest_invalid_param",
      message: "Invalid parameter(s): status",
      data: { status: 400, params: { status: "status is not one of publish, future, draft, pending, private." } },
    });
    expect((await wp("/posts", { method: "POST", headers: withAuth, json: {} })).body.code).toBe("empty_content");
    expect(
      (await wp("/posts", { method: "POST", headers: withAuth, json: { title: "x", featured_media: 999 } })).body.code,
    ).toBe("rest_invalid_featured_media");
  });
});

// https://developer.wordpress.org/rest-api/using-the-rest-api/authentication/#basic-authentication-with-application-passwords
describe("Authentication", () => {
  it("without credentials creating is 401 rest_cannot_create; a wrong application password is 401 incorrect_password", async () => {
    const anonymous = await wp("/posts", { method: "POST", json: { title: "x" } });
    expect(anonymous).toMatchObject({ status: 401, body: { code: "rest_cannot_create", data: { status: 401 } } });

    const wrong = `Basic ${Buffer.from(`${sandbox.credentials.wordpress.username}:wrong pass word`).toString("base64")}`;
    expect(
      await wp("/posts", { method: "POST", headers: { authorization: wrong }, json: { title: "x" } }),
    ).toMatchObject({ status: 401, body: { code: "incorrect_password" } });
    expect(await wp("/users/me")).toMatchObject({ status: 401, body: { code: "rest_not_logged_in" } });
    expect((await wp("/users/me", { headers: withAuth })).body.slug).toBe("humas");
  });

  it("the application password is accepted with or without its spaces", async () => {
    const { username, applicationPassword } = sandbox.credentials.wordpress;
    const compact = `Basic ${Buffer.from(`${username}:${applicationPassword.replaceAll(" ", "")}`).toString("base64")}`;
    expect((await wp("/users/me", { headers: { authorization: compact } })).status).toBe(200);
  });
});

// https://developer.wordpress.org/rest-api/reference/media/#create-a-media-item
describe("Media", () => {
  it("uploads a raw body with Content-Disposition, serves it at source_url, and sets it as a featured image", async () => {
    const uploaded = await wp("/media", {
      method: "POST",
      headers: {
        ...withAuth,
        "content-type": "image/png",
        "content-disposition": 'attachment; filename="banjir-kapuas.png"',
      },
      body: PNG_BYTES,
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      type: "attachment",
      media_type: "image",
      mime_type: "image/png",
      media_details: { filesize: PNG_BYTES.length },
    });
    const file = await fetch(uploaded.body.source_url);
    expect(file.headers.get("content-type")).toContain("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_BYTES)).toBe(true);

    const post = await wp("/posts", {
      method: "POST",
      headers: withAuth,
      json: { title: "Banjir", status: "publish", featured_media: uploaded.body.id },
    });
    expect(post.body.featured_media).toBe(uploaded.body.id);
  });

  it("uploads multipart `file`; a missing Content-Disposition or a disallowed type is refused", async () => {
    const form = new FormData();
    form.append("file", new Blob([PNG_BYTES], { type: "image/png" }), "poster.png");
    const multipart = await fetch(`${sandbox.url}/wp-json/wp/v2/media`, {
      method: "POST",
      headers: withAuth,
      body: form,
    });
    expect(multipart.status).toBe(201);

    const noDisposition = await wp("/media", {
      method: "POST",
      headers: { ...withAuth, "content-type": "image/png" },
      body: PNG_BYTES,
    });
    expect(noDisposition.body.code).toBe("rest_upload_no_content_disposition");
    const script = await wp("/media", {
      method: "POST",
      headers: {
        ...withAuth,
        "content-type": "application/x-sh",
        "content-disposition": 'attachment; filename="x.sh"',
      },
      body: "echo",
    });
    expect(script).toMatchObject({ status: 500, body: { code: "rest_upload_sideload_error" } });
  });

  it("unknown routes answer rest_no_route 404 in WordPress's envelope", async () => {
    expect(await wp("/nothing-here")).toMatchObject({
      status: 404,
      body: { code: "rest_no_route", data: { status: 404 } },
    });
  });
});

describe("Listing posts by date (https://developer.wordpress.org/rest-api/reference/posts/#arguments)", () => {
  it("after and before narrow the list by publish date, exclusively; zoneless dates are site-local (WIB)", async () => {
    const create = (title: string) =>
      wp("/posts", { method: "POST", headers: withAuth, json: { title, content: "Isi", status: "publish" } });
    const old = await create("Berita lama");
    sandbox.control.advanceClock(60 * 60 * 1000);
    const boundary = new Date(sandbox.state.now() - 1000);
    await create("Berita baru");

    const after = await wp(`/posts?after=${boundary.toISOString()}&context=edit`, { headers: withAuth });
    expect(after.body.map((p: { title: { raw: string } }) => p.title.raw)).toEqual(["Berita baru"]);
    const siteLocal = new Date(boundary.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 19);
    expect((await wp(`/posts?before=${siteLocal}`)).body.map((p: { id: number }) => p.id)).toEqual([old.body.id]);
    const invalid = await wp("/posts?after=kemarin");
    expect(invalid).toMatchObject({ status: 400, body: { code: "rest_invalid_param" } });
  });
});
