import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Server } from "socket.io";
import type { Logger } from "pino";
import type { Database } from "@server/db/client.js";
import { SOCKET_CLUSTER_LOCK_KEY, withAdvisoryLock } from "@server/db/locks.js";

// Several Siar processes may serve one PostgreSQL, each with its own sockets. socket.io's
// PostgreSQL adapter joins them: a broadcast, a room's sockets (fetchSockets) and a
// serverSideEmit reach every process, through LISTEN/NOTIFY on the channel "socket.io#/".
// Messages over NOTIFY's 8000 bytes go through the table below, which the adapter empties of
// rows older than its cleanup interval.

const ATTACHMENTS_TABLE = "socket_io_attachments";
/** The adapter's connections: one LISTENs for good, the others NOTIFY (and store large messages). */
const POOL_SIZE = 4;
/**
 * Each process says it is alive at least this often, and is taken for gone when silent three
 * times as long (the adapter's defaults are 5 s and 10 s): a newly started process is seen
 * within seconds, and a room's sockets are asked of a killed process only briefly.
 */
const HEARTBEAT_MS = 2000;

/** How long start-up waits for the adapter's LISTEN connection before going on without it. */
const LISTENING_WITHIN_MS = 10_000;

export type SocketCluster = {
  adapter: ReturnType<typeof createAdapter>;
  /** Resolves once this process hears the others (or after LISTENING_WITHIN_MS), and has said it is there. */
  listening(io: Server): Promise<void>;
  close(): Promise<void>;
};

/**
 * The adapter opens its LISTEN connection in the background, and announces this process before
 * it can hear the answers; a process closed before that connection is up would leave it checked
 * out of the pool for good (and the pool's end waiting on it). Its state is read from the
 * adapter's fields (version 0.5, pinned in package-lock.json).
 */
async function untilListening(io: Server): Promise<void> {
  const adapter = io.of("/").adapter as unknown as { client?: { client?: unknown }; init(): void };
  const end = Date.now() + LISTENING_WITHIN_MS;
  while (!adapter.client?.client && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  // Said again, now that the answers are heard: the other processes are known at once.
  adapter.init();
}

/** Connects this process's sockets to the other processes' on the same PostgreSQL. */
export async function joinSocketCluster(db: Database, databaseUrl: string, logger: Logger): Promise<SocketCluster> {
  // Processes starting together take turns creating the table.
  await withAdvisoryLock(db, SOCKET_CLUSTER_LOCK_KEY, (conn) =>
    conn.query(
      `CREATE TABLE IF NOT EXISTS ${ATTACHMENTS_TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)`,
    ),
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  const lost = (error: Error) => logger.warn({ err: error }, "socket cluster connection lost");
  // An idle connection's error reaches the pool; the LISTEN connection is checked out for good, so it gets its own.
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  const adapter = createAdapter(pool, {
    tableName: ATTACHMENTS_TABLE,
    heartbeatInterval: HEARTBEAT_MS,
    heartbeatTimeout: 3 * HEARTBEAT_MS,
    errorHandler: (error) => logger.warn({ err: error }, "socket cluster message not passed"),
  });
  return {
    adapter,
    listening: untilListening,
    // After io.close() (which closes the adapter and its timers): its last message, that this process leaves, goes out first.
    close: () => pool.end(),
  };
}
