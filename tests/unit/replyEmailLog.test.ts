import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailReply } from "@server/inbox/replyEmail.js";
import { createLogger } from "@server/logger.js";

const CITIZEN = {
  itemId: "item-77",
  email: "siti.aminah@contoh.id",
  name: "Siti Aminah",
  trackingNumber: "SIAR-2601-7Q4K9M",
};

/** A mail server that refuses every recipient, quoting the address as real servers do. */
let server: SMTPServer;
let port: number;
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onRcptTo(address, _session, callback) {
      callback(
        Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a reply e-mail the mail server refuses", () => {
  it("is logged with the item's id, without the citizen's address, name or tracking number", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    const config = {
      publicBaseUrl: "https://siar.example.go.id",
      reports: { smtp: { url: `smtp://127.0.0.1:${port}`, from: "siar@example.go.id" } },
    };
    const outcome = await emailReply(
      { config: config as never, logger },
      CITIZEN,
      "Terima kasih, jalan akan diperbaiki.",
    );
    expect(outcome.status).toBe("failed");
    const output = lines.join("");
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: "reply e-mail failed",
      itemId: "item-77",
      err: { code: "EENVELOPE" },
    });
    for (const value of [CITIZEN.email, CITIZEN.name, CITIZEN.trackingNumber]) expect(output).not.toContain(value);
  });
});
