import { useId, useState, type FormEvent } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import type { Channel, ChannelUsage, PlatformPrice } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { TextField } from "@web/components/Field";
import { ListTable } from "@web/components/ListTable";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n, type MessageKey } from "@web/i18n";

type Spend = NonNullable<ChannelUsage["spend"]>;

const ITEM_LABELS: Record<string, MessageKey> = {
  "x.post_read": "xItem.postRead",
  "x.owned_read": "xItem.ownedRead",
  "x.user_read": "xItem.userRead",
  "x.post_create": "xItem.postCreate",
  "x.post_create_url": "xItem.postCreateUrl",
  "whatsapp.service": "whatsappItem.service",
  "whatsapp.utility": "whatsappItem.utility",
  "whatsapp.marketing": "whatsappItem.marketing",
  "whatsapp.authentication": "whatsappItem.authentication",
};

/** An X channel's estimated spend this month in money, against its money budget, per billed item. */
export function XSpend({ channelId, spend, onChanged }: { channelId: string; spend: Spend; onChanged(): void }) {
  const { t, formatMoney } = useI18n();
  const meterId = useId();
  const money = (amount: number) => formatMoney(amount, spend.currency);
  return (
    <section aria-labelledby={`${meterId}-title`}>
      <h3 id={`${meterId}-title`}>{t("channels.xSpend")}</h3>
      <SpendState spend={spend} />
      {spend.budget !== null && (
        <progress
          id={meterId}
          max={Math.max(spend.budget, 0.01)}
          value={Math.min(spend.spent, spend.budget)}
          aria-label={t("channels.xSpend")}
          style={{ width: "100%" }}
        />
      )}
      <p data-testid="spend-summary">
        {spend.budget === null
          ? t("channels.spentNoBudget", { spent: money(spend.spent) })
          : t("channels.spentOfBudget", { spent: money(spend.spent), budget: money(spend.budget) })}
      </p>
      <ListTable
        list={{ loading: false, error: null, items: spend.byItem.map((row) => ({ id: row.item, ...row })) }}
        caption={t("channels.xSpendByItem")}
        emptyText={t("channels.noCharges")}
        columns={[t("channels.xItem"), t("channels.quantity"), t("channels.unitPrice"), t("channels.amount")]}
        row={(row) => (
          <tr>
            <th scope="row">{ITEM_LABELS[row.item] ? t(ITEM_LABELS[row.item]!) : row.item}</th>
            <td>{row.quantity}</td>
            <td>{money(row.unitPrice)}</td>
            <td>{money(row.amount)}</td>
          </tr>
        )}
      />
      <SpendBudgetForm channelId={channelId} budget={spend.budget} onSaved={onChanged} />
      <PriceTable onSaved={onChanged} />
    </section>
  );
}

/** The warning before the money budget runs out, and the notice once it has. */
export function SpendState({ spend }: { spend: Pick<Spend, "state"> }) {
  const { t } = useI18n();
  if (spend.state === "near_budget")
    return (
      <p className="alert alert--error" data-testid="spend-warning">
        {t("channels.spendNearBudget")}
      </p>
    );
  if (spend.state === "budget_spent")
    return (
      <p className="alert alert--error" data-testid="spend-warning">
        {t("channels.spendBudgetSpent")}
      </p>
    );
  return null;
}

function SpendBudgetForm({
  channelId,
  budget,
  onSaved,
}: {
  channelId: string;
  budget: number | null;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(budget === null ? "" : String(budget));
  const [saved, setSaved] = useState(false);
  const save = useAction((monthlySpendBudget: number | null) =>
    api.patch<Channel>(`/channels/${channelId}`, { monthlySpendBudget }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!(await save.run(value.trim() === "" ? null : Number(value)))) return;
    setSaved(true);
    onSaved();
  };
  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <TextField
        label={t("channels.spendBudget")}
        hint={t("channels.spendBudgetHint")}
        type="number"
        inputMode="decimal"
        min={0}
        step={0.01}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldErrorsOf(save.error).monthlySpendBudget}
      />
      <ErrorAlert error={save.error} />
      {saved && <Notice>{t("channels.budgetSaved")}</Notice>}
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {t("channels.saveSpendBudget")}
        </button>
      </div>
    </form>
  );
}

/** X's prices per billed item, which admins change when X changes them. */
function PriceTable({ onSaved }: { onSaved(): void }) {
  const { t } = useI18n();
  const prices = useLoad(async () => (await api.get<{ data: PlatformPrice[] }>("/platform-prices")).data, []);
  return (
    <>
      <h4>{t("channels.xPrices")}</h4>
      <p className="muted">{t("channels.xPricesHint")}</p>
      <ErrorAlert error={prices.error} />
      {prices.data?.map((price) => (
        <PriceForm
          key={price.item}
          price={price}
          onSaved={() => {
            prices.reload();
            onSaved();
          }}
        />
      ))}
    </>
  );
}

function PriceForm({ price, onSaved }: { price: PlatformPrice; onSaved(): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(String(price.unitPrice));
  const save = useAction((unitPrice: number) =>
    api.patch<PlatformPrice>(`/platform-prices/${price.item}`, { unitPrice }),
  );
  const label = ITEM_LABELS[price.item] ? t(ITEM_LABELS[price.item]!) : price.item;
  return (
    <form
      className="form form--inline"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run(Number(value)).then((done) => done && onSaved());
      }}
    >
      <TextField
        label={t("channels.unitPriceOf", { item: label })}
        type="number"
        inputMode="decimal"
        min={0}
        step={0.001}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldErrorsOf(save.error).unitPrice}
      />
      <button type="submit" className="button--secondary" disabled={save.busy}>
        {t("common.save")}
      </button>
    </form>
  );
}
