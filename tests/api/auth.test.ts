import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@server/demo/seed.js";
import { ApiClient, signedIn, type ApiResponse } from "../helpers/client.js";
import { startTestSiar, type TestSiar } from "../helpers/siar.js";

let siar: TestSiar;
let admin: ApiClient;
beforeAll(async () => {
  siar = await startTestSiar({ LOGIN_MAX_FAILURES: "3" });
  admin = await signedIn(siar.url, "admin@sanggau.demo");
});
afterAll(async () => siar?.close());

/** A sign-in as sent from `address` (through the loopback proxy the test server trusts). */
function signInFrom(
  url: string,
  address: string,
  email: string,
  password = DEMO_PASSWORD,
  language = "id",
): Promise<ApiResponse> {
  return new ApiClient(url, language).request(
    "POST",
    "/api/auth/login",
    { email, password },
    { "x-forwarded-for": address },
  );
}

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
    expect(indonesian.body.error).toMatchObject({
      code: "invalid_credentials",
      message: "Email atau kata sandi salah.",
    });
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
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(["email", "password"]),
    );
    const broken = await client.request("POST", "/api/auth/login", "{not json", { "content-type": "application/json" });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_json");
    const form = await client.request("POST", "/api/auth/login", "email=a&password=b", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
  });

  it("slows guessing on an account from one address, saying how long to wait, without keeping it out elsewhere", async () => {
    const email = "petugas.tayanhulu@sanggau.demo";
    const guesser = "198.51.100.20";
    expect((await signInFrom(siar.url, guesser, email, "salah-1-xxxx")).status).toBe(401);
    expect((await signInFrom(siar.url, guesser, email, "salah-2-xxxx")).status).toBe(401);
    const third = await signInFrom(siar.url, guesser, email, "salah-3-xxxx");
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe("sign_in_throttled");
    const retryAfter = Number(third.headers.get("retry-after"));
    // The window runs from the first failure (LOGIN_LOCKOUT_MINUTES, 15 by default).
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(third.body.error.details.retryAfterSeconds).toBe(retryAfter);
    expect(third.body.error.message).toMatch(
      /^Terlalu banyak percobaan masuk yang gagal\. Coba lagi dalam \d+ (menit|detik)\.$/,
    );
    const english = await signInFrom(siar.url, guesser, email, DEMO_PASSWORD, "en");
    expect(english.status).toBe(429);
    expect(english.body.error.message).toMatch(
      /^Too many failed sign-in attempts\. Try again in \d+ (minutes?|seconds?)\.$/,
    );

    // The account's owner, elsewhere, is not affected; an admin's password reset lifts the wait.
    expect((await signInFrom(siar.url, "198.51.100.21", email)).status).toBe(200);
    const reset = await admin.post(`/api/users/${await userId(email)}/reset-password`);
    expect(reset.status).toBe(200);
    const relogin = await signInFrom(siar.url, guesser, email, reset.body.temporaryPassword);
    expect(relogin.status).toBe(200);
    expect(relogin.body.user.mustChangePassword).toBe(true);
    const events = await admin.get(`/api/audit-events?targetId=${await userId(email)}&limit=50`);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["auth.login_failed", "auth.login_throttled", "user.reset_password", "auth.login"]),
    );
    expect(JSON.stringify(events.body.data)).not.toContain("salah-");
  });

  it("answers alike for an existing and a missing account, before and after the failure budget", async () => {
    const answers = async (email: string, address: string) => {
      const seen = [];
      for (const password of ["salah-1-xxxx", "salah-2-xxxx", "salah-3-xxxx", DEMO_PASSWORD]) {
        const response = await signInFrom(siar.url, address, email, password);
        const error = {
          ...response.body.error,
          message: response.body.error.message.replace(/\d+/g, "N"),
          details: Object.keys(response.body.error.details ?? {}),
        };
        seen.push({ status: response.status, retryAfter: response.headers.has("retry-after"), error });
      }
      return seen;
    };
    const existing = await answers("humas@sanggau.demo", "198.51.100.30");
    const missing = await answers("tidak.ada@sanggau.demo", "198.51.100.31");
    expect(missing).toEqual(existing);
    expect(existing.map((answer) => answer.status)).toEqual([401, 401, 429, 429]);
    // The address typed in for a missing account is not written to the audit log.
    const rows = await siar.services.prisma.auditEvent.findMany({
      where: { action: { startsWith: "auth.login" } },
      select: { actorLabel: true, changes: true },
    });
    expect(JSON.stringify(rows)).not.toContain("tidak.ada");
  });

  it("accepts every successful sign-in from one address: an office behind one NAT address is never refused", async () => {
    const office = "198.51.100.40";
    for (let i = 0; i < 45; i++) expect((await signInFrom(siar.url, office, "pimpinan@sanggau.demo")).status).toBe(200);
  });
});

describe("sign-in protection against many addresses", () => {
  let guarded: TestSiar;
  beforeAll(async () => {
    // The server believes X-Forwarded-For from the loopback proxy (TRUST_PROXY), so each test picks its addresses.
    guarded = await startTestSiar({
      TRUST_PROXY: "loopback",
      LOGIN_MAX_FAILURES: "3",
      LOGIN_MAX_FAILURES_PER_ACCOUNT: "10",
      LOGIN_RATE_LIMIT_PER_IP: "5",
    });
  });
  afterAll(async () => guarded?.close());

  it("lets a stranger hammering admin@ from many addresses slow only unknown addresses, never the admin's own", async () => {
    const adminsDesk = "192.0.2.10";
    expect((await signInFrom(guarded.url, adminsDesk, "admin@sanggau.demo")).status).toBe(200);
    for (let host = 1; host <= 20; host++) {
      for (let attempt = 0; attempt < 3; attempt++)
        await signInFrom(guarded.url, `203.0.113.${host}`, "admin@sanggau.demo", `tebakan-${attempt}-xyz`);
    }
    const fromDesk = await signInFrom(guarded.url, adminsDesk, "admin@sanggau.demo");
    expect(fromDesk.status).toBe(200);
    // A guess from yet another address must wait, as the admin would from a new place.
    const newPlace = await signInFrom(guarded.url, "203.0.113.99", "admin@sanggau.demo");
    expect(newPlace.status).toBe(429);
    expect(Number(newPlace.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("checks no more guesses than the budget when they arrive all at once", async () => {
    const address = "203.0.113.160";
    const guesses = Array.from({ length: 12 }, (_, i) =>
      signInFrom(guarded.url, address, "camat.kapuas@sanggau.demo", `serentak-${i}-xyz`),
    );
    const statuses = (await Promise.all(guesses)).map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    const user = await guarded.services.prisma.user.findUniqueOrThrow({
      where: { email: "camat.kapuas@sanggau.demo" },
    });
    expect(
      await guarded.services.prisma.auditEvent.count({
        where: { action: "auth.login_failed", targetId: user.id, ip: address },
      }),
    ).toBe(3);
    // The owner, from an address of their own, signs in.
    expect((await signInFrom(guarded.url, "203.0.113.161", "camat.kapuas@sanggau.demo")).status).toBe(200);
  });

  it("makes one address that fails on many accounts wait, whatever account it tries next", async () => {
    const sprayer = "203.0.113.150";
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await signInFrom(guarded.url, sprayer, `x${i}@sanggau.demo`, "wrong-password")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const blocked = await signInFrom(guarded.url, sprayer, "humas@sanggau.demo");
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("sign_in_throttled");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await signInFrom(guarded.url, "203.0.113.151", "humas@sanggau.demo")).status).toBe(200);
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
    expect(
      (await here.post("/api/auth/password", { currentPassword: "wrong-current", newPassword: "kapuas-baru-2026" }))
        .body.error.code,
    ).toBe("wrong_current_password");
    const weak = await here.post("/api/auth/password", { currentPassword: "siar-demo-2026", newPassword: "pendek" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("weak_password");
    expect(
      (await here.post("/api/auth/password", { currentPassword: "siar-demo-2026", newPassword: "kapuas-baru-2026" }))
        .status,
    ).toBe(204);
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
    expect(
      (
        await client.post("/api/auth/password", {
          currentPassword: created.body.temporaryPassword,
          newPassword: "humas-baru-2026!",
        })
      ).status,
    ).toBe(204);
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
