import { useState } from "react";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { SelectField, TextAreaField, TextField } from "@web/components/Field";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n, type MessageKey } from "@web/i18n";
import { ACTIVITY_KINDS, type ActivityKind, sandboxApi } from "./api";
import { FaultsPanel, RateLimitsPanel } from "./components/FaultControls";
import { HeldByPlatforms } from "./components/HeldByPlatforms";

const ACTIVITY_LABELS: Record<ActivityKind, MessageKey> = {
  "facebook/comments": "sandbox.facebookComment",
  "facebook/messages": "sandbox.facebookMessage",
  "instagram/comments": "sandbox.instagramComment",
  "x/mentions": "sandbox.xMention",
};

/**
 * The demo's simulated platforms, driven from the app (admins, demo mode only): citizens'
 * comments, mentions and messages, faults and exhausted rate limits, and what the platforms hold.
 */
export function SandboxPage() {
  const { t } = useI18n();
  const held = useLoad(() => sandboxApi.held(), []);
  return (
    <Page title={t("admin.sandbox")}>
      <p>{t("sandbox.intro")}</p>
      <InjectPanel onInjected={held.reload} />
      <FaultsPanel />
      <RateLimitsPanel />
      <section className="panel" aria-labelledby="sandbox-held-title">
        <h2 id="sandbox-held-title">{t("sandbox.held")}</h2>
        <button type="button" className="button--secondary" onClick={held.reload}>
          {t("sandbox.refresh")}
        </button>
        <ErrorAlert error={held.error} />
        {held.data && <HeldByPlatforms held={held.data} />}
      </section>
    </Page>
  );
}

function InjectPanel({ onInjected }: { onInjected(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ActivityKind>("facebook/comments");
  const [text, setText] = useState("");
  const [count, setCount] = useState("1");
  const [injected, setInjected] = useState<number | null>(null);
  const inject = useAction(async () => {
    // A text of one's own is sent once; without one the sandbox writes `count` citizens' texts.
    const answer = await sandboxApi.inject(
      kind,
      text.trim() ? { texts: [text.trim()] } : { count: Number(count) || 1 },
    );
    setInjected(answer.data.length);
    onInjected();
  });
  return (
    <form
      className="form panel"
      aria-labelledby="sandbox-inject-title"
      onSubmit={(event) => {
        event.preventDefault();
        setInjected(null);
        void inject.run();
      }}
    >
      <h2 id="sandbox-inject-title">{t("sandbox.inject")}</h2>
      <SelectField label={t("sandbox.kind")} value={kind} onChange={(e) => setKind(e.target.value as ActivityKind)}>
        {ACTIVITY_KINDS.map((option) => (
          <option key={option} value={option}>
            {t(ACTIVITY_LABELS[option])}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t("sandbox.text")}
        hint={t("sandbox.textHint")}
        rows={3}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {!text.trim() && (
        <TextField
          label={t("sandbox.count")}
          type="number"
          min={1}
          max={100}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
      )}
      <ErrorAlert error={inject.error} />
      {injected !== null && <Notice>{t("sandbox.injected", { count: injected })}</Notice>}
      <div className="actions">
        <button type="submit" disabled={inject.busy}>
          {t("sandbox.send")}
        </button>
      </div>
    </form>
  );
}
