import type { Server } from "socket.io";
import type { DefaultEventsMap } from "socket.io";
import type { DomainEventMap, DomainEvents } from "@server/events.js";

// Staff must see a change live whichever process made it, so the events that sockets are told
// about reach every process through socket.io's adapter (serverSideEmit; on PostgreSQL the
// adapter of server/realtime/cluster.ts carries it to the other processes). Each process then
// tells its own sockets, each as its user may see it. Only the sockets hear the other
// processes' events: the work that follows an event (triage on arrival, the webhook queue)
// stays with the process that raised it.

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
  "notifications.changed",
];
/**
 * Events raised within this window go to the other processes together: a burst of arrivals
 * (thousands of webhooks filed and triaged) is one message per window, not one NOTIFY per event,
 * which would queue on the adapter's few connections and hold up every live update behind it.
 */
const BATCH_MS = 20;

export type LiveEvent = { [K in keyof DomainEventMap]: { name: K; payload: DomainEventMap[K] } }[keyof DomainEventMap];
/** What the processes send each other besides socket.io's own messages. */
type ServerSideEvents = { live: (events: LiveEvent[]) => void };
/** Siar's socket.io server, typed with what its processes send each other. */
export type SocketServer = Server<DefaultEventsMap, DefaultEventsMap, ServerSideEvents>;
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
 * Passes this process's live events to its sockets and, when `clustered` (PostgreSQL's adapter;
 * the in-memory one serves a single process), to the other processes, and theirs to it.
 * Returns the events and a function that stops passing them.
 */
export function shareLiveEvents(
  events: DomainEvents,
  io: SocketServer,
  clustered: boolean,
): { live: LiveEvents; stop(): void } {
  const live = new LiveEvents();
  let pending: LiveEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  const share = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length) io.serverSideEmit("live", pending);
    pending = [];
  };
  if (clustered) io.on("live", (batch) => batch.forEach((event) => live.deliver(event)));
  const stops = LIVE.map((name) =>
    events.on(name, (payload) => {
      const event = { name, payload } as LiveEvent;
      live.deliver(event);
      if (!clustered) return;
      pending.push(event);
      timer ??= setTimeout(share, BATCH_MS);
    }),
  );
  return {
    live,
    stop: () => {
      stops.forEach((stop) => stop());
      share();
    },
  };
}
