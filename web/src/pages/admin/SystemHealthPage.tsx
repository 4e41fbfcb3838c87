import { useEffect, useState } from "react";
import type { SystemHealth } from "@web/api/types";
import { api } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useI18n, type MessageKey } from "@web/i18n";

const QUEUE_LABELS: Record<SystemHealth["queues"][number]["queue"], MessageKey> = {
  deliveries_due: "systemHealth.queue.deliveries_due",
  webhook_receipts: "systemHealth.queue.webhook_receipts",
  email_messages: "systemHealth.queue.email_messages",
  dead_letters: "systemHealth.queue.dead_letters",
  notification_emails: "systemHealth.queue.notification_emails",
};

/** What an administrator checks first when something seems wrong (GET /api/system/health). */
export function SystemHealthPage() {
  const { t } = useI18n();
  const [health, setHealth] = useState<SystemHealth | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    api
      .get<SystemHealth>("/system/health")
      .then(setHealth)
      .catch((failure: unknown) => setError(failure));
  useEffect(() => void load(), []);

  return (
    <Page title={t("admin.systemHealth")}>
      <p className="muted">{t("systemHealth.intro")}</p>
      <ErrorAlert error={error} />
      <button type="button" className="button--secondary" onClick={() => void load()}>
        {t("systemHealth.refresh")}
      </button>
      {!health ? (
        <p>{t("common.loading")}</p>
      ) : (
        <>
          <Overview health={health} />
          <Queues health={health} />
          <Jobs health={health} />
          <Channels health={health} />
          <Storage health={health} />
        </>
      )}
    </Page>
  );
}

function Overview({ health }: { health: SystemHealth }) {
  const { t } = useI18n();
  const { migrations, database } = health;
  return (
    <section data-testid="health-overview">
      <h2>{t("systemHealth.overview")}</h2>
      <dl className="facts">
        <dt>{t("systemHealth.siarVersion")}</dt>
        <dd data-testid="health-version">{health.siarVersion}</dd>
        <dt>{t("systemHealth.nodeVersion")}</dt>
        <dd>{health.nodeVersion}</dd>
        <dt>{t("systemHealth.database")}</dt>
        <dd>
          {database.kind === "pglite" ? t("systemHealth.pglite") : "PostgreSQL"} {database.serverVersion}
        </dd>
        <dt>{t("systemHealth.migrations")}</dt>
        <dd data-testid="health-migrations">
          {t("systemHealth.migrationsApplied", { count: migrations.applied, latest: migrations.latest ?? "—" })}
          {migrations.pending.length > 0 && (
            <strong className="alert alert--error">
              {t("systemHealth.migrationsPending", { count: migrations.pending.length })}
            </strong>
          )}
        </dd>
        <dt>{t("systemHealth.metrics")}</dt>
        <dd>{t(health.metricsEnabled ? "systemHealth.metricsOn" : "systemHealth.metricsOff")}</dd>
      </dl>
    </section>
  );
}

function Queues({ health }: { health: SystemHealth }) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{t("systemHealth.queues")}</h2>
      <table className="table" data-testid="health-queues">
        <thead>
          <tr>
            <th>{t("systemHealth.queue")}</th>
            <th>{t("systemHealth.depth")}</th>
            <th>{t("systemHealth.oldest")}</th>
          </tr>
        </thead>
        <tbody>
          {health.queues.map((queue) => (
            <tr key={queue.queue} data-queue={queue.queue}>
              <td>{t(QUEUE_LABELS[queue.queue])}</td>
              <td>{queue.depth}</td>
              <td>{queue.depth > 0 ? duration(t, queue.oldestAgeSeconds) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Jobs({ health }: { health: SystemHealth }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section>
      <h2>{t("systemHealth.jobs")}</h2>
      <table className="table" data-testid="health-jobs">
        <thead>
          <tr>
            <th>{t("systemHealth.job")}</th>
            <th>{t("systemHealth.lastRun")}</th>
            <th>{t("systemHealth.lastError")}</th>
          </tr>
        </thead>
        <tbody>
          {health.jobs.map((job) => (
            <tr key={job.name}>
              <td>{job.name}</td>
              <td>
                {job.running
                  ? t("systemHealth.running")
                  : job.finishedAt
                    ? formatDateTime(job.finishedAt)
                    : t("systemHealth.notYet")}
                {job.process && <div className="muted">{job.process}</div>}
              </td>
              <td>
                {job.lastError ?? (job.lastFailedAt ? t("systemHealth.recovered") : "—")}
                {job.lastFailedAt && <div className="muted">{formatDateTime(job.lastFailedAt)}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Channels({ health }: { health: SystemHealth }) {
  const { t } = useI18n();
  const { channels } = health;
  return (
    <section data-testid="health-channels">
      <h2>{t("systemHealth.channels")}</h2>
      <p>
        {t("systemHealth.channelCounts", {
          connected: channels.connected,
          needsReconnect: channels.needsReconnect,
          disabled: channels.disabled,
        })}
      </p>
      {channels.toReconnect.length > 0 && (
        <ul>
          {channels.toReconnect.map((channel) => (
            <li key={channel.id}>
              {channel.name} ({channel.kind}, {channel.unitName}){channel.statusReason && `: ${channel.statusReason}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Storage({ health }: { health: SystemHealth }) {
  const { t, formatDateTime } = useI18n();
  const { latest } = health.backup;
  return (
    <section>
      <h2>{t("systemHealth.storage")}</h2>
      <p data-testid="health-store">
        {t(health.storage.kind === "s3" ? "systemHealth.storeS3" : "systemHealth.storeLocal", {
          location: health.storage.location,
        })}
      </p>
      {health.storage.problem && (
        <p className="alert alert--error" role="alert">
          {t("systemHealth.storeUnmeasured", { problem: health.storage.problem })}
        </p>
      )}
      <table className="table" data-testid="health-disk">
        <thead>
          <tr>
            <th>{t("systemHealth.folder")}</th>
            <th>{t("systemHealth.size")}</th>
            <th>{t("systemHealth.files")}</th>
          </tr>
        </thead>
        <tbody>
          {health.disk.map((folder) => (
            <tr key={folder.folder}>
              <td>{folder.folder}</td>
              <td>
                {folder.complete ? "" : "≥ "}
                {bytes(folder.bytes)}
              </td>
              <td>{folder.files}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t("systemHealth.backup")}</h3>
      <p data-testid="health-backup">
        {latest
          ? t("systemHealth.backupLatest", {
              file: latest.file,
              size: bytes(latest.bytes),
              at: formatDateTime(latest.at),
            })
          : t("systemHealth.backupNone")}
      </p>
      <p className="muted">
        {t("systemHealth.backupWhere", { dir: health.backup.dir })}{" "}
        {health.backup.schedule
          ? t("systemHealth.backupSchedule", { schedule: health.backup.schedule })
          : t("systemHealth.backupNoSchedule")}
      </p>
    </section>
  );
}

function bytes(count: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function duration(t: ReturnType<typeof useI18n>["t"], seconds: number): string {
  if (seconds < 120) return t("systemHealth.seconds", { count: seconds });
  if (seconds < 7200) return t("systemHealth.minutes", { count: Math.floor(seconds / 60) });
  return t("systemHealth.hours", { count: Math.floor(seconds / 3600) });
}
