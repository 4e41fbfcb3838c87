import { useState } from "react";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { SelectField, TextField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { type Fault, sandboxApi } from "../api";

const PLATFORMS: Fault["platform"][] = ["graph", "x", "wordpress", "*"];
const PLATFORM_NAMES: Record<Fault["platform"], string> = {
  graph: "Facebook/Instagram (Graph API)",
  x: "X",
  wordpress: "WordPress",
  "*": "*",
};

/** Faults the platforms answer with: an HTTP status on matching requests, listed and removable. */
export function FaultsPanel() {
  const { t } = useI18n();
  const faults = useLoad(() => sandboxApi.faults(), []);
  const [platform, setPlatform] = useState<Fault["platform"]>("graph");
  const [path, setPath] = useState("*");
  const [status, setStatus] = useState("503");
  const [times, setTimes] = useState("");
  const change = useAction(async (call: () => Promise<unknown>) => {
    await call();
    faults.reload();
  });
  const add = () =>
    change.run(() =>
      sandboxApi.addFault({
        platform,
        path: path.trim() || "*",
        status: Number(status),
        ...(times ? { times: Number(times) } : {}),
      }),
    );
  return (
    <form
      className="form panel"
      aria-labelledby="sandbox-faults-title"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <h2 id="sandbox-faults-title">{t("sandbox.faults")}</h2>
      <SelectField
        label={t("sandbox.platform")}
        value={platform}
        onChange={(e) => setPlatform(e.target.value as Fault["platform"])}
      >
        {PLATFORMS.map((option) => (
          <option key={option} value={option}>
            {option === "*" ? t("sandbox.everyPlatform") : PLATFORM_NAMES[option]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("sandbox.path")}
        hint={t("sandbox.pathHint")}
        value={path}
        onChange={(e) => setPath(e.target.value)}
      />
      <TextField
        label={t("sandbox.status")}
        type="number"
        min={400}
        max={599}
        value={status}
        onChange={(e) => setStatus(e.target.value)}
      />
      <TextField
        label={t("sandbox.times")}
        hint={t("sandbox.timesHint")}
        type="number"
        min={1}
        value={times}
        onChange={(e) => setTimes(e.target.value)}
      />
      <ErrorAlert error={change.error ?? faults.error} />
      <div className="actions">
        <button type="submit" disabled={change.busy}>
          {t("sandbox.addFault")}
        </button>
        <button
          type="button"
          className="button--secondary"
          disabled={change.busy}
          onClick={() => void change.run(sandboxApi.clearFaults)}
        >
          {t("sandbox.clearFaults")}
        </button>
      </div>
      {(faults.data?.data ?? []).length === 0 ? (
        <p className="muted">{t("sandbox.noFaults")}</p>
      ) : (
        <ul data-testid="sandbox-faults">
          {faults.data!.data.map((fault) => (
            <li key={fault.id}>
              {t("sandbox.faultLine", {
                platform: fault.platform === "*" ? t("sandbox.everyPlatform") : PLATFORM_NAMES[fault.platform],
                path: fault.path,
                status: fault.timeout ? t("sandbox.timeout") : String(fault.status ?? "—"),
              })}{" "}
              <button
                type="button"
                className="button--secondary"
                disabled={change.busy}
                onClick={() => void change.run(() => sandboxApi.removeFault(fault.id))}
              >
                {t("sandbox.removeFault")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

// Meta's rate-limit codes the sandbox can exhaust: app, user, API-too-many-calls and throttling.
const GRAPH_CODES = [4, 17, 32, 613] as const;

/** Uses up a platform's rate limit, so delivery and polling meet the platform's "slow down" answer. */
export function RateLimitsPanel() {
  const { t } = useI18n();
  const [target, setTarget] = useState("graph:4");
  const [endpoint, setEndpoint] = useState("POST /2/tweets");
  const [done, setDone] = useState<"exhausted" | "reset" | null>(null);
  const change = useAction(async (call: () => Promise<unknown>, outcome: "exhausted" | "reset") => {
    await call();
    setDone(outcome);
  });
  const exhaust = () =>
    change.run(
      () =>
        target === "x"
          ? sandboxApi.exhaust({ platform: "x", endpoint: endpoint.trim() })
          : sandboxApi.exhaust({ platform: "graph", code: Number(target.split(":")[1]) }),
      "exhausted",
    );
  return (
    <section className="form panel" aria-labelledby="sandbox-limits-title">
      <h2 id="sandbox-limits-title">{t("sandbox.rateLimits")}</h2>
      <SelectField label={t("sandbox.limit")} value={target} onChange={(e) => setTarget(e.target.value)}>
        {GRAPH_CODES.map((code) => (
          <option key={code} value={`graph:${code}`}>
            {t("sandbox.graphLimit", { code })}
          </option>
        ))}
        <option value="x">{t("sandbox.xLimit")}</option>
      </SelectField>
      {target === "x" && (
        <TextField label={t("sandbox.endpoint")} value={endpoint} onChange={(e) => setEndpoint(e.target.value)} />
      )}
      <ErrorAlert error={change.error} />
      {done && <Notice>{t(done === "exhausted" ? "sandbox.limitExhausted" : "sandbox.limitsReset")}</Notice>}
      <div className="actions">
        <button type="button" disabled={change.busy} onClick={() => void exhaust()}>
          {t("sandbox.exhaust")}
        </button>
        <button
          type="button"
          className="button--secondary"
          disabled={change.busy}
          onClick={() => void change.run(sandboxApi.resetRateLimits, "reset")}
        >
          {t("sandbox.resetLimits")}
        </button>
      </div>
    </section>
  );
}
