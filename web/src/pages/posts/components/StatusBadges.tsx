import type { Delivery, PostStatus } from "@web/api/types";
import { CHANNEL_KIND_NAMES, DELIVERY_STATUS_LABELS, POST_STATUS_LABELS } from "@web/components/labels";
import { useI18n } from "@web/i18n";

export function PostStatusBadge({ status }: { status: PostStatus }) {
  const { t } = useI18n();
  return <span className={`badge status--${status}`}>{t(POST_STATUS_LABELS[status])}</span>;
}

/** One chip per channel: its platform, name and how its delivery stands. */
export function DeliveryChips({ deliveries }: { deliveries: readonly Delivery[] }) {
  const { t } = useI18n();
  return (
    <ul className="chips">
      {deliveries.map((delivery) => (
        <li key={delivery.id} className={`chip delivery--${delivery.status}`} title={delivery.channel.name}>
          {CHANNEL_KIND_NAMES[delivery.channel.kind]}: {t(DELIVERY_STATUS_LABELS[delivery.status])}
        </li>
      ))}
    </ul>
  );
}
