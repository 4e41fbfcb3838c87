import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "@web/api/client";
import type { Channel } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { CHANNEL_KIND_NAMES, CHANNEL_STATUS_LABELS } from "@web/components/labels";
import { ListTable, loadedList } from "@web/components/ListTable";
import { useAction } from "@web/hooks/useAction";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { AdminListPage, RowActions, useEditing } from "./components/AdminList";
import { ChannelConnection } from "./components/ChannelConnection";
import { ChannelForm } from "./components/ChannelForm";
import { ChannelUsagePanel } from "./components/ChannelUsage";
import { WebhookCheck } from "./components/WebhookCheck";
import { SpendState } from "./components/XSpend";
import { MetaPageSelection, OAuthConnectButtons, OAuthOutcome } from "./components/OAuthConnect";

/**
 * The connected platform accounts per unit: connect by signing in on Facebook or X (or by
 * pasting tokens), replace them, disable or enable, see what they spent against their monthly
 * request budget. Platforms send the admin back here with
 * ?oauth=meta&state=… (choose Pages), ?oauthConnected=x or ?oauthError=code.
 */
export function ChannelsPage() {
  const { t } = useI18n();
  const channels = useLoad(async () => (await api.get<{ data: Channel[] }>("/channels")).data, []);
  const units = useAllUnits();
  const editor = useEditing<Channel>();
  const [params, setParams] = useSearchParams();
  const [connectedCount, setConnectedCount] = useState(0);
  const [usageOf, setUsageOf] = useState<Channel | null>(null);
  const activeUnits = (units.data ?? []).filter((unit) => unit.active);
  const metaState = params.get("oauth") === "meta" ? params.get("state") : null;
  const leaveOAuthStep = () => setParams({}, { replace: true });
  const setEnabled = useAction(async (channel: Channel, enabled: boolean) => {
    await api.patch<Channel>(`/channels/${channel.id}`, { status: enabled ? "connected" : "disabled" });
    channels.reload();
  });

  const saved = () => {
    editor.close();
    channels.reload();
  };

  return (
    <AdminListPage
      title={t("admin.channels")}
      newLabel={t("channels.connect")}
      editor={editor}
      form={(channel) => <ChannelForm channel={channel} units={activeUnits} onSaved={saved} onCancel={editor.close} />}
    >
      <OAuthOutcome params={params} />
      <WebhookCheck />
      {connectedCount > 0 && <Notice>{t("channels.pagesConnected", { count: connectedCount })}</Notice>}
      {metaState ? (
        <MetaPageSelection
          state={metaState}
          onCancel={leaveOAuthStep}
          onDone={(count) => {
            setConnectedCount(count);
            leaveOAuthStep();
            channels.reload();
          }}
        />
      ) : (
        editor.editing === null && <OAuthConnectButtons units={activeUnits} />
      )}
      {usageOf && <ChannelUsagePanel key={usageOf.id} channel={usageOf} onClose={() => setUsageOf(null)} />}
      <ErrorAlert error={setEnabled.error} />
      <ListTable
        list={loadedList(channels)}
        caption={t("admin.channels")}
        emptyText={t("channels.none")}
        columns={[t("channels.name"), t("channels.unit"), t("channels.kind"), t("common.status"), t("common.actions")]}
        row={(channel) => (
          <tr className={channel.status === "disabled" ? "row--inactive" : undefined}>
            <th scope="row">
              {channel.name}
              {channel.simulated && <span className="badge badge--simulated">{t("channels.simulated")}</span>}
            </th>
            <td>{channel.unit.name}</td>
            <td>{CHANNEL_KIND_NAMES[channel.kind]}</td>
            <td>
              <span className={`badge channel--${channel.status}`}>{t(CHANNEL_STATUS_LABELS[channel.status])}</span>
              {channel.statusReason && <p className="muted">{channel.statusReason}</p>}
              <ChannelConnection channel={channel} />
              {channel.spend && <SpendState spend={channel.spend} />}
              {channel.warning && (
                <p className="alert alert--error" data-testid="channel-warning">
                  <strong>{t("channels.warning")}</strong> {channel.warning.message}
                </p>
              )}
            </td>
            <td>
              {channel.kind !== "website" && (
                <RowActions
                  editLabel={t("channels.editNamed", { name: channel.name })}
                  onEdit={() => editor.edit(channel)}
                  active={channel.status !== "disabled"}
                  confirmDeactivate={t("channels.confirmDisable", { name: channel.name })}
                  busy={setEnabled.busy}
                  onSetActive={(enabled) => void setEnabled.run(channel, enabled)}
                >
                  <button
                    type="button"
                    className="button--secondary"
                    aria-label={t("channels.usageNamed", { name: channel.name })}
                    onClick={() => setUsageOf(channel)}
                  >
                    {t("channels.usage")}
                  </button>
                </RowActions>
              )}
            </td>
          </tr>
        )}
      />
    </AdminListPage>
  );
}
