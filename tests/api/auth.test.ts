import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedIn } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
beforeAll(async () => {
  siar = await startTestSiar({ LOGIN_MAX_FAILURES: "3" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
});
afterAll(async () => siar?.close());

async function userId(email: string): Promise<string> {
  const response = await admin.get(`/api/users?q=${encodeURIComponent(email)}`);
  return response.body.data[0].id;
}

describe("signing in", () => {
  it("sets an httpOnly, SameSite session cookie and returns the user, abilities and a CSRF token", async () => {
    const response = await fetch(`${siar.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "Humas@Sanggau.demo", password: "siar-demo-2026" }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^siar_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const body = await response.json();
    expect(body.user).toMatchObject({ email: "humas@sanggau.demo", role: "humas" });
    expect(body.user.passwordHash).toBeUndefined();
    expect(body.abilities).toMatchObject({ compose: true, manageUsers: false });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it("marks the cookie Secure behind a TLS-terminating proxy", async () => {
    const response = await fetch(`${siar.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
      body: JSON.stringify({ email: "humas@sanggau.demo", password: "siar-demo-2026" }),
    });
    expect(response.headers.getSetCookie()[0]).toMatch(/; Secure/i);
  });

  it("refuses a wrong password with a message in the caller's language", async () => {
    const indonesian = await new ApiClient(siar.url, "id").login("petugas.pupr@sanggau.demo", "salah-sekali");
    expect(indonesian.status).toBe(401);
    expect(indonesian.body.error).toMatchObject({ code: "invalid_credentials", message: "Email atau kata sandi salah." });
    const english = await new ApiClient(siar.url, "en-US,en;q=0.9").login("nobody@sanggau.demo", "whatever-it-is");
    expect(english.status).toBe(401);
    expect(english.body.error).toMatchObject({ code: "invalid_credentials", message: "Wrong e-mail or password." });
    // A successful login resets the failure count for this account.
    expect((await new ApiClient(siar.url).login("petugas.pupr@sanggau.demo")).status).toBe(200);
  });

  it("rejects malformed input with a 400 that names the field", async () => {
    const client = new ApiClient(siar.url);
    const missing = await client.post("/api/auth/login", { email: "" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_failed");
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["email", "password"]));
    const broken = await client.request("POST", "/api/auth/login", "{not json", { "content-type": "application/json" });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_json");
    const form = await client.request("POST", "/api/auth/login", "email=a&password=b", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
  });

  it("locks an account after repeated failures, even for the right password, until an admin resets it", async () => {
    const email = "petugas.tayanhulu@sanggau.demo";
    const client = new ApiClient(siar.url);
    expect((await client.login(email, "salah-1-xxxx")).status).toBe(401);
    expect((await client.login(email, "salah-2-xxxx")).status).toBe(401);
    const locking = await client.login(email, "salah-3-xxxx");
    expect(locking.status).toBe(423);
    expect(locking.body.error.code).toBe("account_locked");
    expect(Number(locking.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await client.login(email)).status).toBe(423);

    const listed = await admin.get(`/api/users/${await userId(email)}`);
    expect(listed.body.locked).toBe(true);
    const reset = await admin.post(`/api/users/${await userId(email)}/reset-password`);
    expect(reset.status).toBe(200);
    const relogin = await client.login(email, reset.body.temporaryPassword);
    expect(relogin.status).toBe(200);
    expect(relogin.body.user.mustChangePassword).toBe(true);

    const events = await admin.get(`/api/audit-events?targetId=${await userId(email)}&limit=50`);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["auth.login_failed", "auth.account_locked", "user.reset_password", "auth.login"]),
    );
  });
});

describe("per-address rate limit", () => {
  it("answers 429 with Retry-After once an address exceeds its login attempts", async () => {
    const limited = await startTestSiar({ LOGIN_RATE_LIMIT_PER_IP: "3" });
    try {
      const client = new ApiClient(limited.url);
      for (let i = 0; i < 3; i++) expect((await client.login(`x${i}@sanggau.demo`, "wrong-password")).status).toBe(401);
      const blocked = await client.login("admin@sanggau.demo");
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe("rate_limited");
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("session protection", () => {
  it("refuses a state change without the session's CSRF token", async () => {
    const client = await signedIn(siar.url, "admin@sanggau.demo");
    const token = client.csrfToken;
    client.csrfToken = undefined;
    const without = await client.post("/api/auth/tokens", { name: "x" });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe("csrf_failed");
    client.csrfToken = "forged-token-value";
    expect((await client.post("/api/auth/tokens", { name: "x" })).status).toBe(403);
    client.csrfToken = token;
    expect((await client.post("/api/auth/tokens", { name: "x" })).status).toBe(201);
  });

  it("ends the session on logout", async () => {
    const client = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await client.get("/api/auth/session")).status).toBe(200);
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    const after = await client.get("/api/auth/session");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthenticated");
  });
});

describe("passwords", () => {
  it("changes one's own password, ending the account's other sessions", async () => {
    const email = "camat.kapuas@sanggau.demo";
    const here = await signedIn(siar.url, email);
    const elsewhere = await signedIn(siar.url, email);
    expect((await here.post("/api/auth/password", { currentPassword: "wrong-current", newPassword: "kapuas-baru-2026" })).body.error.code).toBe(
      "wrong_current_password",
    );
    const weak = await here.post("/api/auth/password", { currentPassword: "siar-demo-2026", newPassword: "pendek" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("weak_password");
    expect((await here.post("/api/auth/password", { currentPassword: "siar-demo-2026", newPassword: "kapuas-baru-2026" })).status).toBe(204);
    expect((await here.get("/api/auth/session")).status).toBe(200);
    expect((await elsewhere.get("/api/auth/session")).status).toBe(401);
    expect((await new ApiClient(siar.url).login(email)).status).toBe(401);
    expect((await new ApiClient(siar.url).login(email, "kapuas-baru-2026")).status).toBe(200);
  });

  it("makes a user with a temporary password change it before anything else", async () => {
    const created = await admin.post("/api/users", {
      email: "baru.humas@sanggau.demo",
      name: "Humas Baru",
      role: "humas",
      unitIds: [(await admin.get("/api/units?type=kabupaten")).body.data[0].id],
    });
    expect(created.status).toBe(201);
    expect(created.body.temporaryPassword).toMatch(/^\w{14}$/);
    const client = await signedIn(siar.url, "baru.humas@sanggau.demo", created.body.temporaryPassword);
    const blocked = await client.get("/api/units");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("password_change_required");
    expect((await client.post("/api/auth/password", { currentPassword: created.body.temporaryPassword, newPassword: "humas-baru-2026!" })).status).toBe(204);
    expect((await client.get("/api/units")).status).toBe(200);
  });
});

describe("deactivating a user", () => {
  it("ends their sessions and stops them signing in, with a clear reason", async () => {
    const email = "petugas.kapuas@sanggau.demo";
    const officer = await signedIn(siar.url, email);
    expect((await admin.patch(`/api/users/${await userId(email)}`, { active: false })).status).toBe(200);
    expect((await officer.get("/api/auth/session")).status).toBe(401);
    const again = await new ApiClient(siar.url).login(email);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe("account_inactive");
    expect((await admin.patch(`/api/users/${await userId(email)}`, { active: true })).status).toBe(200);
    expect((await new ApiClient(siar.url).login(email)).status).toBe(200);
  });
});

describe("personal API tokens", () => {
  it("authenticate scripts without cookies or CSRF, show the secret once, and stop working when revoked", async () => {
    const owner = await signedIn(siar.url, "pimpinan@sanggau.demo");
    const created = await owner.post("/api/auth/tokens", { name: "laporan mingguan", expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^siar_/);
    expect(created.body.apiToken.prefix).toBe(created.body.token.slice(0, 11));
    const listed = await owner.get("/api/auth/tokens");
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const script = new ApiClient(siar.url);
    script.bearer = created.body.token;
    expect((await script.get("/api/audit-events")).status).toBe(200);
    expect((await script.post("/api/auth/tokens", { name: "from a script" })).status).toBe(201);

    const stranger = await signedIn(siar.url, "humas@sanggau.demo");
    expect((await stranger.delete(`/api/auth/tokens/${created.body.apiToken.id}`)).status).toBe(403);
    expect((await owner.delete(`/api/auth/tokens/${created.body.apiToken.id}`)).status).toBe(200);
    const refused = await script.get("/api/audit-events");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_token");
  });

  it("rejects garbage bearer tokens", async () => {
    const script = new ApiClient(siar.url);
    script.bearer = "siar_not-a-real-token";
    expect((await script.get("/api/units")).status).toBe(401);
    script.bearer = "something-else";
    expect((await script.get("/api/units")).status).toBe(401);
  });
});
