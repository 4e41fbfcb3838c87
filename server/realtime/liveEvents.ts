import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Logger } from "pino";
import type { PrismaClient } from "@server/db/client.js";
import type { DomainEventMap, DomainEvents } from "@server/events.js";

// Several Siar processes may serve one PostgreSQL, each with its own sockets. Staff must see a
// change live whichever process made it, so the events that sockets are told about travel
// between processes by PostgreSQL's LISTEN/NOTIFY. Only the sockets hear the other processes'
// events: the work that follows an event (triage on arrival, the webhook queue) stays with the
// process that raised it.

/** The events every process's sockets hear, and its public page cache (server/routes/public/pageCache.ts). */
const LIVE: (keyof DomainEventMap)[] = [
  "user.accessChanged",
  "post.changed",
  "site.changed",
  "ppid.changed",
  "units.changed",
  "channel.needsReconnect",
  "inbox.itemReceived",
  "inbox.itemChanged",
  "inbox.escalated",
  "inbox.earlyWarning",
  "inbox.emergency",
];
const CHANNEL = "siar_live_events";
/** Events raised within this window go out together: a burst of arrivals is one notification per window, not one per event. */
const BATCH_MS = 20;
/** NOTIFY takes at most 8000 bytes; events are a few dozen each. */
const MAX_PAYLOAD_BYTES = 7000;
const RECONNECT_MS = 1000;

type LiveEvent = { [K in keyof DomainEventMap]: { name: K; payload: DomainEventMap[K] } }[keyof DomainEventMap];
type Listener = (payload: never) => void;

/** Domain events as this process's sockets hear them: its own at once, the other processes' as they arrive. */
export class LiveEvents {
  private readonly listeners = new Map<keyof DomainEventMap, Set<Listener>>();

  on<K extends keyof DomainEventMap>(name: K, listener: (payload: DomainEventMap[K]) => void): void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener);
  }

  /** @internal */
  deliver(event: LiveEvent): void {
    for (const listener of this.listeners.get(event.name) ?? [])
      (listener as (payload: unknown) => void)(event.payload);
  }
}

/**
 * Starts passing live events: this process's own to its sockets, and, with a PostgreSQL URL, to
 * and from the other processes on that database (PGlite serves a single process). Returns the
 * events and a function that stops it.
 */
export async function startLiveEvents(
  events: DomainEvents,
  cluster: { databaseUrl: string; prisma: PrismaClient; logger: Logger } | null,
): Promise<{ live: LiveEvents; stop(): Promise<void> }> {
  const live = new LiveEvents();
  const publish = cluster ? await joinCluster(live, cluster) : null;
  const stops = LIVE.map((name) =>
    events.on(name, (payload) => {
      const event = { name, payload } as LiveEvent;
      live.deliver(event);
      publish?.send(event);
    }),
  );
  return {
    live,
    stop: async () => {
      for (const stop of stops) stop();
      await publish?.stop();
    },
  };
}

/** LISTENs on a connection of its own (reconnected when lost) and NOTIFYs this process's events in batches. */
async function joinCluster(
  live: LiveEvents,
  { databaseUrl, prisma, logger }: { databaseUrl: string; prisma: PrismaClient; logger: Logger },
) {
  const self = randomBytes(6).toString("hex");
  let stopped = false;
  let listener: pg.Client | null = null;

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on("error", (error) => logger.warn({ err: error }, "live events connection lost"));
    client.on("end", () => {
      if (!stopped)
        setTimeout(
          () =>
            void listen().catch((error: unknown) =>
              logger.warn({ err: error }, "live events not reconnected; retrying"),
            ),
          RECONNECT_MS,
        );
    });
    client.on("notification", ({ channel, payload }) => {
      if (channel !== CHANNEL || !payload) return;
      try {
        const { from, events } = JSON.parse(payload) as { from: string; events: LiveEvent[] };
        if (from !== self) for (const event of events) live.deliver(event);
      } catch (error) {
        logger.warn({ err: error }, "unreadable live event from another process");
      }
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  };
  await listen();

  let pending: LiveEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing = Promise.resolve();
  const flush = async () => {
    const events = pending;
    pending = [];
    // Split so that each notification stays under PostgreSQL's limit.
    const batches: LiveEvent[][] = [[]];
    let bytes = 0;
    for (const event of events) {
      const size = JSON.stringify(event).length;
      if (bytes + size > MAX_PAYLOAD_BYTES && batches.at(-1)!.length) {
        batches.push([]);
        bytes = 0;
      }
      batches.at(-1)!.push(event);
      bytes += size;
    }
    for (const batch of batches) {
      await prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify({ from: self, events: batch })})`.catch(
        (error: unknown) =>
          logger.warn({ err: error, events: batch.length }, "live events not shared with the other processes"),
      );
    }
  };
  const flushNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    flushing = flushing.then(flush);
  };
  return {
    send(event: LiveEvent) {
      pending.push(event);
      timer ??= setTimeout(flushNow, BATCH_MS);
    },
    async stop() {
      stopped = true;
      if (pending.length) flushNow();
      await flushing;
      await listener?.end();
    },
  };
}
