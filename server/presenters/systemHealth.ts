import type { systemHealth } from "@server/observability/systemHealth.js";

type Gathered = Awaited<ReturnType<typeof systemHealth>>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The system health page's figures, with times as ISO strings. */
export function presentSystemHealth(health: Gathered) {
  return {
    ...health,
    jobs: health.jobs.map((job) => ({
      name: job.name,
      running: job.running,
      startedAt: iso(job.startedAt),
      finishedAt: iso(job.finishedAt),
      lastError: job.lastError,
      lastFailedAt: iso(job.lastFailedAt),
      process: job.process,
    })),
    channels: {
      ...health.channels,
      toReconnect: health.channels.toReconnect.map((channel) => ({
        ...channel,
        statusChangedAt: channel.statusChangedAt.toISOString(),
      })),
    },
    disk: health.disk.map((folder) => ({ ...folder, measuredAt: folder.measuredAt.toISOString() })),
    backup: {
      ...health.backup,
      latest: health.backup.latest ? { ...health.backup.latest, at: health.backup.latest.at.toISOString() } : null,
    },
  };
}

export type SystemHealth = ReturnType<typeof presentSystemHealth>;
