import { useId } from "react";
import { CHANNEL_KINDS, type Channel } from "@web/api/types";
import { FieldGroup } from "@web/components/Field";
import { CHANNEL_KIND_NAMES, CHANNEL_STATUS_LABELS } from "@web/components/labels";
import { useI18n } from "@web/i18n";

type ChannelPickerProps = {
  channels: readonly Channel[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  error?: string;
};

/** The channels to publish to, grouped by platform; one that must be reconnected cannot be chosen and says why. */
export function ChannelPicker({ channels: all, selected, onChange, error }: ChannelPickerProps) {
  const { t } = useI18n();
  const channels = oneChannelPerAccount(all, selected);
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...selected, id] : selected.filter((existing) => existing !== id));
  return (
    <FieldGroup legend={t("compose.channels")} error={error} className="channel-picker">
      {channels.length === 0 && <p>{t("compose.noChannels")}</p>}
      {CHANNEL_KINDS.map((kind) => {
        const ofKind = channels.filter((channel) => channel.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <div key={kind} className="channel-picker__group" role="group" aria-label={CHANNEL_KIND_NAMES[kind]}>
            <p className="channel-picker__kind">{CHANNEL_KIND_NAMES[kind]}</p>
            {ofKind.map((channel) => (
              <ChannelOption
                key={channel.id}
                channel={channel}
                checked={selected.includes(channel.id)}
                onToggle={(checked) => toggle(channel.id, checked)}
              />
            ))}
          </div>
        );
      })}
    </FieldGroup>
  );
}

/**
 * An account connected by two units before Siar refused that (channel_connected_elsewhere) is listed
 * once: the chosen channel, else a connected one, else the first.
 */
function oneChannelPerAccount(channels: readonly Channel[], selected: readonly string[]): Channel[] {
  const rank = (channel: Channel) => (selected.includes(channel.id) ? 0 : channel.status === "connected" ? 1 : 2);
  const best = new Map<string, Channel>();
  for (const channel of channels) {
    const key = `${channel.kind}:${channel.externalId}`;
    const current = best.get(key);
    if (!current || rank(channel) < rank(current)) best.set(key, channel);
  }
  const kept = new Set(best.values());
  return channels.filter((channel) => kept.has(channel));
}

function ChannelOption({
  channel,
  checked,
  onToggle,
}: {
  channel: Channel;
  checked: boolean;
  onToggle(checked: boolean): void;
}) {
  const { t } = useI18n();
  const reasonId = useId();
  const unavailable = channel.status !== "connected";
  return (
    <div className="channel-option">
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={unavailable && !checked}
          aria-describedby={unavailable ? reasonId : undefined}
          onChange={(e) => onToggle(e.target.checked)}
        />
        <span>
          {CHANNEL_KIND_NAMES[channel.kind]} · {channel.name} <span className="muted">({channel.unit.name})</span>
        </span>
        <span className={`badge channel--${channel.status}`}>{t(CHANNEL_STATUS_LABELS[channel.status])}</span>
      </label>
      {unavailable && (
        <p id={reasonId} className="field__hint">
          {channel.statusReason ?? t(CHANNEL_STATUS_LABELS[channel.status])}
        </p>
      )}
    </div>
  );
}
