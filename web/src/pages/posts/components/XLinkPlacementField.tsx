import { postCreateCharge } from "@server/channels/xBilling";
import type { PlatformPrice } from "@web/api/types";
import { api } from "@web/api/client";
import { FieldGroup } from "@web/components/Field";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n, type MessageKey } from "@web/i18n";
import { channelText, type PostContent, type TargetChannel, type XLinkPlacement } from "@web/publishing/channelRules";

const PLACEMENTS: { value: XLinkPlacement; label: MessageKey }[] = [
  { value: "in_post", label: "compose.xLinkInPost" },
  { value: "reply", label: "compose.xLinkInReply" },
  { value: "omit", label: "compose.xLinkOmitted" },
];

type Props = { channel: TargetChannel; content: PostContent; onChange(placement: XLinkPlacement): void };

/**
 * Where the post's link goes on X, which bills a post with a URL many times a plain one: each
 * choice with what X would charge for it, at the prices admins keep (shown to those who may read them).
 */
export function XLinkPlacementField({ channel, content, onChange }: Props) {
  const { t, formatMoney } = useI18n();
  const prices = useLoad(
    () =>
      api
        .get<{ data: PlatformPrice[] }>("/platform-prices")
        .then((answer) => new Map(answer.data.map((price) => [price.item, price.unitPrice])))
        .catch(() => null),
    [],
  );
  const costOf = (placement: XLinkPlacement): number | null => {
    if (!prices.data) return null;
    const text = channelText(channel, { ...content, xLinkPlacement: placement });
    const charges = [postCreateCharge(text), ...(placement === "reply" ? [postCreateCharge(content.link)] : [])];
    return charges.reduce((sum, charge) => sum + (prices.data!.get(charge.item) ?? 0), 0);
  };
  return (
    <FieldGroup legend={t("compose.xLinkPlacement")} hint={t("compose.xLinkPlacementHint")}>
      {PLACEMENTS.map(({ value, label }) => {
        const cost = costOf(value);
        return (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="x-link-placement"
              value={value}
              checked={content.xLinkPlacement === value}
              onChange={() => onChange(value)}
            />
            {t(label)}
            {cost !== null && (
              <span className="muted"> · {t("compose.xCost", { cost: formatMoney(cost, "USD") })}</span>
            )}
          </label>
        );
      })}
    </FieldGroup>
  );
}
