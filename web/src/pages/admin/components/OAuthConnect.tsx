import { useId, useState } from "react";
import { api, ApiError } from "@web/api/client";
import type { Schemas, Unit } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { FieldGroup, SelectField } from "@web/components/Field";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n, type MessageKey } from "@web/i18n";
import { ShareAccountConfirm } from "./ShareAccountConfirm";
import { UnitOptions } from "./UnitOptions";

// The codes the server's OAuth callbacks and steps return (server/channels/oauth/failure.ts).
const OAUTH_ERRORS: Record<string, MessageKey> = {
  access_denied: "oauthError.access_denied",
  invalid_state: "oauthError.invalid_state",
  platform_error: "oauthError.platform_error",
  no_pages: "oauthError.no_pages",
  not_configured: "oauthError.not_configured",
};

/** A failed step's message: the OAuth reason in the admin's language where there is one. */
function useOAuthErrorText() {
  const { t } = useI18n();
  return (code: string) => t(OAUTH_ERRORS[code] ?? "oauthError.platform_error");
}

function oauthCodeOf(error: unknown): string | undefined {
  const details = error instanceof ApiError ? (error.details as { oauthError?: string } | null) : null;
  return details?.oauthError;
}

/** "Connect with Facebook / X" for a chosen unit; each button is a full navigation to the platform. */
export function OAuthConnectButtons({ units }: { units: Unit[] }) {
  const { t } = useI18n();
  const available = useLoad(() => api.get<Schemas["OAuthApps"]>("/channels/oauth"), []);
  const [unitId, setUnitId] = useState("");
  const chosen = unitId || units[0]?.id || "";
  if (!available.data || (!available.data.meta && !available.data.x) || !chosen) return null;
  const start = (provider: "meta" | "x") =>
    `/api/channels/oauth/${provider}/start?unitId=${encodeURIComponent(chosen)}`;
  return (
    <section className="panel" aria-labelledby="oauth-connect-title">
      <h2 id="oauth-connect-title">{t("channels.oauthTitle")}</h2>
      <p className="muted">{t("channels.oauthHint")}</p>
      <SelectField label={t("channels.unit")} value={chosen} onChange={(e) => setUnitId(e.target.value)}>
        <UnitOptions units={units} />
      </SelectField>
      <div className="actions">
        {available.data.meta && (
          <a className="button" href={start("meta")}>
            {t("channels.connectFacebook")}
          </a>
        )}
        {available.data.x && (
          <a className="button" href={start("x")}>
            {t("channels.connectX")}
          </a>
        )}
      </div>
    </section>
  );
}

/** A Page, and the unit that already has it or its Instagram account as a channel: connected only when confirmed. */
type ManagedPage = Schemas["MetaPage"];

/** After Facebook Login: which Pages (and their linked Instagram accounts) to connect. */
export function MetaPageSelection({
  state,
  onDone,
  onCancel,
}: {
  state: string;
  onDone(count: number): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const errorText = useOAuthErrorText();
  const pages = useLoad(
    async () => (await api.get<{ data: ManagedPage[] }>("/channels/oauth/meta/pages", { state })).data,
    [state],
  );
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const toggle = (key: string) => setChosen((current) => ({ ...current, [key]: !current[key] }));
  const [shareAccount, setShareAccount] = useState(false);
  const choosesSharedAccount = (pages.data ?? []).some(
    (page) =>
      (chosen[`page:${page.id}`] && page.connectedElsewhere.facebook) ||
      (chosen[`ig:${page.id}`] && page.connectedElsewhere.instagram),
  );
  const connect = useAction(async () => {
    let count = 0;
    for (const page of pages.data ?? []) {
      const connectFacebook = Boolean(chosen[`page:${page.id}`]);
      const connectInstagram = Boolean(page.instagram && chosen[`ig:${page.id}`]);
      if (!connectFacebook && !connectInstagram) continue;
      const done = await api.post<{ data: Schemas["ConnectedChannel"][] }>("/channels/oauth/meta/complete", {
        state,
        pageId: page.id,
        connectFacebook,
        connectInstagram,
        shareAccount,
      });
      count += done.data.length;
    }
    if (count === 0) throw new Error(t("channels.nothingChosen"));
    onDone(count);
  });
  const failure = connect.error ?? pages.error;
  const code = oauthCodeOf(failure);

  return (
    <PanelForm
      title={t("channels.choosePages")}
      error={code ? errorText(code) : failure}
      busy={connect.busy || pages.loading}
      onSubmit={() => void connect.run()}
      onCancel={onCancel}
    >
      <p className="muted">{t("channels.choosePagesHint")}</p>
      {(pages.data ?? []).map((page) => (
        <FieldGroup key={page.id} legend={page.name}>
          <AccountOption
            label={t("channels.pageOption", { name: page.name })}
            elsewhere={page.connectedElsewhere.facebook}
            checked={Boolean(chosen[`page:${page.id}`])}
            onToggle={() => toggle(`page:${page.id}`)}
          />
          {page.instagram ? (
            <AccountOption
              label={t("channels.instagramOption", { username: page.instagram.username })}
              elsewhere={page.connectedElsewhere.instagram}
              checked={Boolean(chosen[`ig:${page.id}`])}
              onToggle={() => toggle(`ig:${page.id}`)}
            />
          ) : (
            <p className="muted">{t("channels.noInstagram")}</p>
          )}
        </FieldGroup>
      ))}
      {choosesSharedAccount && <ShareAccountConfirm checked={shareAccount} onChange={setShareAccount} />}
    </PanelForm>
  );
}

/** What came back from a platform: a connected account or the reason nothing was connected. */
export function OAuthOutcome({ params }: { params: URLSearchParams }) {
  const { t } = useI18n();
  const errorText = useOAuthErrorText();
  const error = params.get("oauthError");
  const connected = params.get("oauthConnected");
  const unitId = params.get("unitId");
  // X came back with an account another unit has: name it and let the admin connect it anyway.
  if (error === "connected_elsewhere" && unitId)
    return (
      <div className="alert alert--error" role="alert">
        <p>{t("channels.connectedElsewhere", { unit: params.get("elsewhere") ?? "" })}</p>
        <a
          className="button"
          href={`/api/channels/oauth/x/start?unitId=${encodeURIComponent(unitId)}&shareAccount=true`}
        >
          {t("channels.connectAnyway")}
        </a>
      </div>
    );
  if (error) return <ErrorAlert error={errorText(error)} />;
  if (connected === "x") return <Notice>{t("channels.oauthConnectedX")}</Notice>;
  return null;
}

/** One account to connect; one another unit already has says which unit has it. */
function AccountOption({
  label,
  elsewhere,
  checked,
  onToggle,
}: {
  label: string;
  elsewhere: string | null;
  checked: boolean;
  onToggle(): void;
}) {
  const { t } = useI18n();
  const warningId = useId();
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={elsewhere ? warningId : undefined}
          onChange={onToggle}
        />
        {label}
      </label>
      {elsewhere && (
        <p id={warningId} className="field__hint" data-testid="connected-elsewhere">
          {t("channels.connectedElsewhere", { unit: elsewhere })}
        </p>
      )}
    </>
  );
}
