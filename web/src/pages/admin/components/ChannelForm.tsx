import { useState } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import type { Channel, ChannelKind, Unit } from "@web/api/types";
import { FieldGroup, SelectField, TextField } from "@web/components/Field";
import { CHANNEL_KIND_NAMES } from "@web/components/labels";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useI18n, type MessageKey } from "@web/i18n";
import { isConnectedElsewhere, ShareAccountConfirm } from "./ShareAccountConfirm";
import { UnitOptions } from "./UnitOptions";

type InputSpec = { key: string; label: MessageKey; secret?: boolean; type?: "url"; optional?: boolean };
type ConnectableKind = Exclude<ChannelKind, "website">;

/**
 * What each platform needs to connect: one of its credential sets (X takes OAuth 1.0a keys or an
 * OAuth 2.0 user token), the account id where the platform needs one, and non-secret settings.
 */
const CONNECTION: Record<
  ConnectableKind,
  { credentialSets: { label: MessageKey; inputs: InputSpec[] }[]; externalId?: InputSpec; settings: InputSpec[] }
> = {
  facebook: {
    credentialSets: [
      {
        label: "channels.credentials",
        inputs: [{ key: "pageAccessToken", label: "channelField.pageAccessToken", secret: true }],
      },
    ],
    externalId: { key: "pageId", label: "channelField.pageId" },
    settings: [],
  },
  instagram: {
    credentialSets: [
      {
        label: "channels.credentials",
        inputs: [{ key: "accessToken", label: "channelField.accessToken", secret: true }],
      },
    ],
    externalId: { key: "igUserId", label: "channelField.igUserId" },
    settings: [],
  },
  x: {
    credentialSets: [
      {
        label: "channels.xOauth1",
        inputs: [
          { key: "appKey", label: "channelField.appKey", secret: true },
          { key: "appSecret", label: "channelField.appSecret", secret: true },
          { key: "accessToken", label: "channelField.accessToken", secret: true },
          { key: "accessSecret", label: "channelField.accessSecret", secret: true },
        ],
      },
      {
        label: "channels.xOauth2",
        inputs: [{ key: "oauth2UserToken", label: "channelField.oauth2UserToken", secret: true }],
      },
    ],
    settings: [],
  },
  whatsapp: {
    credentialSets: [
      {
        label: "channels.credentials",
        inputs: [{ key: "accessToken", label: "channelField.systemUserToken", secret: true }],
      },
    ],
    externalId: { key: "phoneNumberId", label: "channelField.phoneNumberId" },
    settings: [{ key: "wabaId", label: "channelField.wabaId" }],
  },
  wordpress: {
    credentialSets: [
      {
        label: "channels.credentials",
        inputs: [
          { key: "username", label: "channelField.username" },
          { key: "applicationPassword", label: "channelField.applicationPassword", secret: true },
        ],
      },
    ],
    settings: [{ key: "baseUrl", label: "channelField.baseUrl", type: "url" }],
  },
  email: {
    credentialSets: [
      {
        label: "channels.emailPasswords",
        inputs: [
          { key: "imapPassword", label: "channelField.imapPassword", secret: true },
          { key: "smtpPassword", label: "channelField.smtpPassword", secret: true, optional: true },
        ],
      },
    ],
    settings: [
      { key: "imapHost", label: "channelField.imapHost" },
      { key: "imapPort", label: "channelField.imapPort", optional: true },
      { key: "imapTls", label: "channelField.imapTls", optional: true },
      { key: "imapUser", label: "channelField.imapUser" },
      { key: "address", label: "channelField.address", optional: true },
      { key: "smtpHost", label: "channelField.smtpHost", optional: true },
      { key: "smtpPort", label: "channelField.smtpPort", optional: true },
      { key: "smtpTls", label: "channelField.smtpTls", optional: true },
      { key: "smtpUser", label: "channelField.smtpUser", optional: true },
    ],
  },
};
const CONNECTABLE_KINDS = Object.keys(CONNECTION) as ConnectableKind[];

type ChannelFormProps = { channel?: Channel; units: Unit[]; onSaved(channel: Channel): void; onCancel(): void };

/** Connects a channel by pasted tokens, or replaces a channel's name and credentials; secrets are never shown back. */
export function ChannelForm({ channel, units, onSaved, onCancel }: ChannelFormProps) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState(channel?.unit.id ?? units[0]?.id ?? "");
  const [kind, setKind] = useState<ConnectableKind>(channel && channel.kind !== "website" ? channel.kind : "facebook");
  const [name, setName] = useState(channel?.name ?? "");
  const [setIndex, setSetIndex] = useState(0);
  const [values, setValues] = useState<Record<string, string>>({});
  const [shareAccount, setShareAccount] = useState(false);
  const connection = CONNECTION[kind];
  const credentialSet = connection.credentialSets[setIndex] ?? connection.credentialSets[0]!;
  const save = useAction((body: object) =>
    channel ? api.patch<Channel>(`/channels/${channel.id}`, body) : api.post<Channel>("/channels", body),
  );
  const errors = fieldErrorsOf(save.error);

  const filled = (inputs: InputSpec[]) =>
    Object.fromEntries(inputs.map(({ key }) => [key, values[key]?.trim() ?? ""]).filter(([, value]) => value));
  const submit = async () => {
    const credentials = filled(credentialSet.inputs);
    const settings = filled(connection.settings);
    // When editing, empty credential fields keep the stored ones.
    const changes = {
      name: name.trim() || undefined,
      credentials: Object.keys(credentials).length > 0 ? credentials : undefined,
      settings: Object.keys(settings).length > 0 ? settings : undefined,
    };
    const externalId = connection.externalId && values[connection.externalId.key]?.trim();
    const saved = await save.run(
      channel ? changes : { ...changes, unitId, kind, externalId: externalId || undefined, credentials, shareAccount },
    );
    if (saved) onSaved(saved);
  };

  const input = (spec: InputSpec, required: boolean) => (
    <TextField
      key={spec.key}
      label={t(spec.label)}
      type={spec.secret ? "password" : (spec.type ?? "text")}
      autoComplete="off"
      spellCheck={false}
      required={required}
      value={values[spec.key] ?? ""}
      onChange={(e) => setValues((current) => ({ ...current, [spec.key]: e.target.value }))}
      error={errors[spec.key]}
    />
  );

  return (
    <PanelForm
      title={channel ? t("channels.editNamed", { name: channel.name }) : t("channels.connect")}
      error={save.error}
      busy={save.busy}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <SelectField
        label={t("channels.unit")}
        value={unitId}
        disabled={Boolean(channel)}
        onChange={(e) => setUnitId(e.target.value)}
        error={errors.unitId}
      >
        <UnitOptions units={units} />
      </SelectField>
      <SelectField
        label={t("channels.kind")}
        value={kind}
        disabled={Boolean(channel)}
        onChange={(e) => {
          setKind(e.target.value as ConnectableKind);
          setSetIndex(0);
        }}
        error={errors.kind}
      >
        {CONNECTABLE_KINDS.map((option) => (
          <option key={option} value={option}>
            {CHANNEL_KIND_NAMES[option]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("channels.name")}
        hint={t("channels.nameHint")}
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      {!channel && connection.externalId && input(connection.externalId, true)}
      {connection.settings.map((spec) => input(spec, !channel && !spec.optional))}
      {connection.credentialSets.length > 1 && (
        <FieldGroup legend={t("channels.authMethod")}>
          {connection.credentialSets.map((set, index) => (
            <label key={set.label} className="checkbox">
              <input
                type="radio"
                name="credential-set"
                checked={index === setIndex}
                onChange={() => setSetIndex(index)}
              />
              {t(set.label)}
            </label>
          ))}
        </FieldGroup>
      )}
      <FieldGroup
        legend={t(credentialSet.label)}
        hint={t(channel ? "channels.replaceHint" : "channels.secretHint")}
        error={errors.credentials}
      >
        {credentialSet.inputs.map((spec) => input(spec, !channel && !spec.optional))}
      </FieldGroup>
      {(shareAccount || isConnectedElsewhere(save.error)) && (
        <ShareAccountConfirm checked={shareAccount} onChange={setShareAccount} />
      )}
    </PanelForm>
  );
}
