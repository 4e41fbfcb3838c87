import { ArrivalDesk } from "@server/inbox/arrival.js";
import { WebhookProcessor } from "@server/inbox/webhookQueue.js";
import type { ApiClient } from "./client.js";
import type { TestSiar } from "./siar.js";

/**
 * The test's own arrival desk and webhook processor for a server, kept like the server keeps its
 * own: each desk listens for routing changes, so one per call would pile up listeners.
 */
const inboxes = new WeakMap<TestSiar, { desk: ArrivalDesk; webhooks: WebhookProcessor }>();
export function testInbox(siar: TestSiar): { desk: ArrivalDesk; webhooks: WebhookProcessor } {
  let inbox = inboxes.get(siar);
  if (!inbox) {
    const desk = new ArrivalDesk(siar.services);
    inboxes.set(siar, (inbox = { desk, webhooks: new WebhookProcessor(siar.services, desk) }));
  }
  return inbox;
}

/** Publishes a Facebook Page post of ours for citizens to comment on; returns its id on Facebook. */
export async function publishPagePost(
  siar: TestSiar,
  author: ApiClient,
  post: { unitId: string; channelId: string; title: string; body: string },
): Promise<string> {
  const created = await author.post("/api/posts", {
    unitId: post.unitId,
    title: post.title,
    body: post.body,
    channelIds: [post.channelId],
  });
  await author.post(`/api/posts/${created.body.id}/submit`);
  // The worker may deliver in the background (its own interval, slots freed later): wait for the remote id.
  for (let attempt = 0; attempt < 50; attempt++) {
    await siar.worker.tick();
    const remoteId: string | null = (await author.get(`/api/posts/${created.body.id}`)).body.deliveries[0].remoteId;
    if (remoteId) return remoteId;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the Page post was not published");
}

/** A citizen comments on our Page post: the sandbox sends the webhook, Siar files and triages it. Returns the item's id. */
export async function commentArrives(siar: TestSiar, pagePostId: string, text: string): Promise<string> {
  const sandbox = siar.services.sandbox!.control;
  const [comment] = sandbox.injectFacebookComments({ postId: pagePostId, texts: [text] });
  await webhooksFiled(siar);
  const item = await siar.services.prisma.inboxItem.findUniqueOrThrow({
    where: { source_platformId: { source: "facebook_comment", platformId: comment!.id } },
  });
  await testInbox(siar).desk.receive(item.id);
  return item.id;
}

/**
 * Waits until every kept webhook is filed. The server's own processor may hold a receipt's
 * lease (on PostgreSQL it runs beside the test's), so this files what it can and waits for the rest.
 */
export async function webhooksFiled(siar: TestSiar): Promise<void> {
  await siar.services.sandbox?.control.waitForWebhooks();
  for (let attempt = 0; attempt < 100; attempt++) {
    await testInbox(siar).webhooks.processPending();
    if ((await siar.services.prisma.webhookReceipt.count({ where: { processedAt: null, attempts: { lt: 10 } } })) === 0)
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("webhooks were not filed within 5 s");
}

/**
 * Makes the database refuse to file any inbox item whose text holds `marker`, with the given
 * SQLSTATE (check_violation: a message no retry will file; lock_not_available: a failure that
 * may pass). A test-only trigger: sanitising cannot make such an item storable. Returns its removal.
 */
export async function refuseFiling(
  siar: TestSiar,
  marker: string,
  errcode: "check_violation" | "lock_not_available" = "check_violation",
): Promise<() => Promise<void>> {
  const { prisma } = siar.services;
  const name = `refuse_${marker.replace(/\W/g, "_").toLowerCase()}`;
  await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW."text" LIKE '%${marker}%' THEN RAISE EXCEPTION 'refused for the test: %', NEW."text" USING ERRCODE = '${errcode}'; END IF;
      RETURN NEW;
    END $$`);
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON "InboxItem" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON "InboxItem"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${name}()`);
  };
}
