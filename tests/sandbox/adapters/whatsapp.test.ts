/** The WhatsApp adapter against the sandbox's Cloud API: connecting, replies, templates, the window rule, errors, media. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendTemplate, whatsappAdapter } from "@server/channels/whatsapp";
import type { Sandbox } from "@server/sandbox/index";
import { startServer, startTestSandbox, type TestServer } from "../helpers";
import { channelErrorOf, targetFor } from "./fixtures";

type Change = { field: string; value: Record<string, unknown> & { statuses?: Record<string, unknown>[] } };
let sandbox: Sandbox;
let receiver: TestServer;
const bodies: { object: string; entry: { id: string; changes: Change[] }[] }[] = [];

beforeAll(async () => {
  receiver = await startServer((req, res) => {
    const url = new URL(req.url!, "http://receiver");
    if (req.method === "GET") return res.writeHead(200).end(url.searchParams.get("hub.challenge"));
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200).end();
    });
  });
  sandbox = await startTestSandbox({
    webhook: { callbackUrl: `${receiver.url}/hook`, appSecret: "s", verifyToken: "v", retry: { attempts: 1 } },
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(() => {
  sandbox.control.reset();
  bodies.length = 0;
});

const target = () => targetFor(sandbox, "whatsapp");
const replyTo = (waId: string) => ({
  source: "whatsapp_message" as const,
  platformId: "wamid.x",
  threadKey: waId,
  authorPlatformId: waId,
  authorHandle: null,
  parentPlatformId: null,
});
async function statusesOf(messageId: string) {
  await sandbox.control.waitForWebhooks();
  return bodies
    .flatMap((body) => body.entry.flatMap((entry) => entry.changes))
    .flatMap((change) => change.value.statuses ?? [])
    .filter((status) => status.id === messageId);
}

describe("WhatsApp Cloud API in the sandbox", () => {
  it("verifies the phone number and names it by its verified name and display number", async () => {
    const account = await whatsappAdapter.verify(target());
    expect(account).toEqual({
      externalId: sandbox.credentials.whatsapp.phoneNumberId,
      name: "Pemkab Sanggau (62 811-5600-1122)",
    });
    const wrong = await channelErrorOf(whatsappAdapter.verify({ ...target(), credentials: { accessToken: "nope" } }));
    expect(wrong.failure).toBe("reconnect");
  });

  it("sends a citizen's message as a signed messages webhook with contacts, metadata and the message", async () => {
    const { id, waId } = sandbox.control.whatsapp.citizenWrites({ text: "Jalan rusak di Kapuas", name: "Budi" });
    await sandbox.control.waitForWebhooks();
    const [body] = bodies;
    expect(body?.object).toBe("whatsapp_business_account");
    const value = body!.entry[0]!.changes[0]!.value as Record<string, unknown>;
    expect(value.metadata).toEqual({
      display_phone_number: "6281156001122",
      phone_number_id: sandbox.credentials.whatsapp.phoneNumberId,
    });
    expect(value.contacts).toEqual([{ profile: { name: "Budi" }, wa_id: waId }]);
    expect(value.messages).toEqual([
      expect.objectContaining({ id, from: waId, type: "text", text: { body: "Jalan rusak di Kapuas" } }),
    ]);
  });

  it("delivers free text within the 24-hour window, with sent, delivered and read statuses", async () => {
    const { waId } = sandbox.control.whatsapp.citizenWrites({ text: "Halo" });
    const sent = await whatsappAdapter.reply!(target(), replyTo(waId), "Terima kasih, laporan Anda kami terima.");
    expect(sent.remoteId).toMatch(/^wamid\./);
    expect((await statusesOf(sent.remoteId)).map((status) => status.status)).toEqual(["sent", "delivered", "read"]);
    expect(sandbox.control.whatsapp.sent()).toEqual([
      expect.objectContaining({ to: waId, type: "text", category: "service" }),
    ]);
  });

  it("fails free text outside the window with 131047 by status webhook, and takes an approved template", async () => {
    const { waId } = sandbox.control.whatsapp.citizenWrites({ text: "Halo", ageMs: 25 * 3600_000 });
    const late = await whatsappAdapter.reply!(target(), replyTo(waId), "Maaf terlambat");
    const [failed] = await statusesOf(late.remoteId);
    expect(failed).toMatchObject({ status: "failed", errors: [{ code: 131047, title: "Re-engagement message" }] });

    const template = await sendTemplate(target(), waId, {
      name: "laporan_ditindaklanjuti",
      language: "id",
      parameters: ["SGU-2026-00042", "jalan sudah diperbaiki"],
    });
    expect((await statusesOf(template.remoteId)).map((status) => status.status)).toEqual(["sent", "delivered", "read"]);
    expect(sandbox.control.whatsapp.sent().at(-1)).toMatchObject({
      type: "template",
      category: "utility",
      text: "Laporan Anda SGU-2026-00042 telah ditindaklanjuti: jalan sudah diperbaiki",
    });
  });

  it("refuses unknown or unapproved templates and wrong parameter counts with the Cloud API's codes", async () => {
    const { waId } = sandbox.control.whatsapp.citizenWrites();
    const send = (name: string, parameters: string[]) =>
      sendTemplate(target(), waId, { name, language: "id", parameters });
    expect((await channelErrorOf(send("tidak_ada", []))).code).toBe("whatsapp:132001");
    expect((await channelErrorOf(send("promo_festival", ["x"]))).code).toBe("whatsapp:132001");
    const count = await channelErrorOf(send("laporan_ditindaklanjuti", ["satu"]));
    expect([count.code, count.failure]).toEqual(["whatsapp:132000", "permanent"]);
  });

  it("answers 130429 when the number's throughput is used up, as a transient failure", async () => {
    const { waId } = sandbox.control.whatsapp.citizenWrites();
    sandbox.control.whatsapp.setThroughput(0);
    const error = await channelErrorOf(whatsappAdapter.reply!(target(), replyTo(waId), "Halo"));
    expect([error.code, error.failure]).toEqual(["whatsapp:130429", "transient"]);
    expect(error.retryAt).toBeInstanceOf(Date);
  });

  it("lists the account's templates and serves media through the media endpoint to the token only", async () => {
    const { whatsapp } = sandbox.credentials;
    const auth = { authorization: `Bearer ${whatsapp.accessToken}` };
    const templates = await (
      await fetch(`${whatsapp.baseUrl}/${whatsapp.apiVersion}/${whatsapp.wabaId}/message_templates`, { headers: auth })
    ).json();
    expect(templates.data.map((t: { name: string; status: string }) => `${t.name}:${t.status}`)).toEqual([
      "laporan_ditindaklanjuti:APPROVED",
      "promo_festival:PENDING",
    ]);
    sandbox.control.whatsapp.citizenWrites({ type: "image", text: "Foto jalan" });
    await sandbox.control.waitForWebhooks();
    const message = (
      bodies[0]!.entry[0]!.changes[0]!.value.messages as { image: { id: string; caption: string } }[]
    )[0]!;
    expect(message.image.caption).toBe("Foto jalan");
    const info = await (
      await fetch(`${whatsapp.baseUrl}/${whatsapp.apiVersion}/${message.image.id}`, { headers: auth })
    ).json();
    expect(info).toMatchObject({ messaging_product: "whatsapp", mime_type: "image/jpeg", id: message.image.id });
    const bytes = await fetch(info.url, { headers: auth });
    expect([bytes.status, bytes.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    expect((await bytes.arrayBuffer()).byteLength).toBe(info.file_size);
    expect((await fetch(info.url)).status).toBe(400);
  });
});
