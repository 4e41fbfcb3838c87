import { useState, type FormEvent } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import type { ApiToken, Schemas } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { FieldGroup, SelectField, TextField } from "@web/components/Field";
import { ListTable, loadedList } from "@web/components/ListTable";
import { OneTimeSecret } from "@web/components/OneTimeSecret";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";

const SCOPES = [
  "read",
  "inbox",
  "publishing",
  "ppid",
  "admin",
] as const satisfies readonly ApiToken["scopes"][number][];
type Scope = (typeof SCOPES)[number];

/** Personal API tokens: the secret is shown once at creation; afterwards only its prefix. */
export function ApiTokensSection() {
  const { t } = useI18n();
  const tokens = useLoad(async () => (await api.get<{ data: ApiToken[] }>("/auth/tokens")).data, []);
  const [createdToken, setCreatedToken] = useState<string | null>(null);
  const revoke = useAction(async (id: string) => {
    await api.delete<ApiToken>(`/auth/tokens/${id}`);
    tokens.reload();
  });

  return (
    <section aria-labelledby="tokens-heading" className="panel">
      <h2 id="tokens-heading">{t("tokens.title")}</h2>
      <p>{t("tokens.intro")}</p>
      {createdToken ? (
        <OneTimeSecret title={t("tokens.created")} value={createdToken} onDismiss={() => setCreatedToken(null)} />
      ) : (
        <CreateTokenForm
          onCreated={(token) => {
            setCreatedToken(token);
            tokens.reload();
          }}
        />
      )}
      <ErrorAlert error={revoke.error} />
      <ListTable
        list={loadedList(tokens)}
        caption={t("tokens.title")}
        emptyText={t("tokens.none")}
        columns={[
          t("tokens.name"),
          t("tokens.prefix"),
          t("tokens.scopes"),
          t("tokens.unitLimit"),
          t("tokens.createdAt"),
          t("tokens.lastUsedAt"),
          t("tokens.expiresAt"),
          t("common.status"),
        ]}
        row={(token) => <TokenRow token={token} busy={revoke.busy} onRevoke={() => void revoke.run(token.id)} />}
      />
    </section>
  );
}

function TokenRow({ token, busy, onRevoke }: { token: ApiToken; busy: boolean; onRevoke(): void }) {
  const { t, formatDateTime } = useI18n();
  const optionalDate = (iso: string | null) => (iso ? formatDateTime(iso) : "—");
  return (
    <tr>
      <td>{token.name}</td>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>{token.scopes.map((scope) => t(`tokens.scope.${scope}`)).join(", ")}</td>
      <td>{token.unitLimit?.name ?? t("tokens.noUnitLimit")}</td>
      <td>{formatDateTime(token.createdAt)}</td>
      <td>{optionalDate(token.lastUsedAt)}</td>
      <td>{optionalDate(token.expiresAt)}</td>
      <td>
        {token.revokedAt ? (
          t("tokens.revoked", { at: formatDateTime(token.revokedAt) })
        ) : (
          <ConfirmButton
            label={t("tokens.revoke")}
            confirmLabel={t("tokens.confirmRevoke")}
            busy={busy}
            onConfirm={onRevoke}
          />
        )}
      </td>
    </tr>
  );
}

function CreateTokenForm({ onCreated }: { onCreated(token: string): void }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [expiresInDays, setExpiresInDays] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [unitLimitId, setUnitLimitId] = useState("");
  const { units } = useSignedIn().user;
  const toggleScope = (scope: Scope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const create = useAction(
    (body: { name: string; expiresInDays?: number; scopes: Scope[]; unitLimitId: string | null }) =>
      api.post<Schemas["IssuedApiToken"]>("/auth/tokens", body),
  );
  const errors = fieldErrorsOf(create.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await create.run({
      name,
      expiresInDays: expiresInDays ? Number(expiresInDays) : undefined,
      scopes,
      unitLimitId: unitLimitId || null,
    });
    if (!created) return;
    setName("");
    setExpiresInDays("");
    setScopes(["read"]);
    setUnitLimitId("");
    onCreated(created.token);
  };

  return (
    <form onSubmit={submit} className="form form--inline">
      <TextField
        label={t("tokens.name")}
        required
        maxLength={80}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      <TextField
        label={t("tokens.expiresInDays")}
        hint={t("tokens.expiresHint")}
        type="number"
        min={1}
        max={730}
        inputMode="numeric"
        value={expiresInDays}
        onChange={(e) => setExpiresInDays(e.target.value)}
        error={errors.expiresInDays}
      />
      <FieldGroup legend={t("tokens.scopes")} hint={t("tokens.scopesHint")} error={errors.scopes}>
        {SCOPES.map((scope) => (
          <label key={scope}>
            <input
              type="checkbox"
              name="scopes"
              value={scope}
              checked={scopes.includes(scope)}
              onChange={(e) => toggleScope(scope, e.target.checked)}
            />{" "}
            {t(`tokens.scope.${scope}`)}
          </label>
        ))}
      </FieldGroup>
      <SelectField
        label={t("tokens.unitLimit")}
        hint={t("tokens.unitLimitHint")}
        value={unitLimitId}
        onChange={(e) => setUnitLimitId(e.target.value)}
        error={errors.unitLimitId}
      >
        <option value="">{t("tokens.noUnitLimit")}</option>
        {units.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.name}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={create.error} />
      <button type="submit" disabled={create.busy}>
        {t("tokens.create")}
      </button>
    </form>
  );
}
