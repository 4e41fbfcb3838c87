import { useState } from "react";
import { api, fieldErrorsOf } from "@web/api/client";
import { INBOX_CATEGORIES, type InboxCategory, type RoutingRule, type Unit, type UnitType } from "@web/api/types";
import { SelectField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { PanelForm } from "@web/components/PanelForm";
import { useAction } from "@web/hooks/useAction";
import { useI18n, type MessageKey, type MessageVars } from "@web/i18n";
import { CATEGORY_LABELS } from "@web/pages/inbox/labels";
import { UnitOptions } from "./UnitOptions";

// Messages are placed by where the citizen is: a kecamatan or one of its desa/kelurahan.
const PLACE_TYPES: readonly UnitType[] = ["kecamatan", "desa", "kelurahan"];
// The server's bounds (server/routes/api/routingRules/schema.ts).
const PRIORITY_MIN = -1000;
const PRIORITY_MAX = 1000;

/** A rule in words, "Kesehatan, Kecamatan Tayan Hulu", for titles and button names. */
export function describeRule(
  t: (key: MessageKey, vars?: MessageVars) => string,
  rule: Pick<RoutingRule, "category" | "place">,
): string {
  return t("routing.describe", {
    category: rule.category ? t(CATEGORY_LABELS[rule.category]) : t("routing.anyCategory"),
    place: rule.place?.name ?? t("routing.anyPlace"),
  });
}

type RoutingRuleFormProps = { rule?: RoutingRule; units: Unit[]; onSaved(): void; onCancel(): void };

/** Creates a routing rule or changes one; "any" category or place is sent as null. */
export function RoutingRuleForm({ rule, units, onSaved, onCancel }: RoutingRuleFormProps) {
  const { t } = useI18n();
  const [category, setCategory] = useState<InboxCategory | "">(rule?.category ?? "");
  const [placeUnitId, setPlaceUnitId] = useState(rule?.place?.id ?? "");
  const [unitId, setUnitId] = useState(rule?.unit.id ?? "");
  const [priority, setPriority] = useState(String(rule?.priority ?? 0));
  const save = useAction((body: object) =>
    rule ? api.patch<RoutingRule>(`/routing-rules/${rule.id}`, body) : api.post<RoutingRule>("/routing-rules", body),
  );
  const errors = fieldErrorsOf(save.error);
  const activeUnits = units.filter((unit) => unit.active);
  const places = activeUnits.filter((unit) => PLACE_TYPES.includes(unit.type));

  const submit = async () => {
    const saved = await save.run({
      category: category || null,
      placeUnitId: placeUnitId || null,
      unitId,
      priority: Number(priority),
    });
    if (saved) onSaved();
  };

  return (
    <PanelForm
      title={rule ? t("routing.editNamed", { rule: describeRule(t, rule) }) : t("routing.new")}
      error={save.error}
      busy={save.busy}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <SelectField
        label={t("routing.category")}
        value={category}
        onChange={(e) => setCategory(e.target.value as InboxCategory | "")}
        error={errors.category}
      >
        <option value="">{t("routing.anyCategory")}</option>
        <LabelledOptions values={INBOX_CATEGORIES} labels={CATEGORY_LABELS} />
      </SelectField>
      <SelectField
        label={t("routing.place")}
        hint={t("routing.placeHint")}
        value={placeUnitId}
        onChange={(e) => setPlaceUnitId(e.target.value)}
        error={errors.placeUnitId}
      >
        <option value="">{t("routing.anyPlace")}</option>
        <UnitOptions units={places} />
      </SelectField>
      <SelectField
        label={t("routing.unit")}
        required
        value={unitId}
        onChange={(e) => setUnitId(e.target.value)}
        error={errors.unitId}
      >
        <option value="">{t("routing.chooseUnit")}</option>
        <UnitOptions units={activeUnits} />
      </SelectField>
      <TextField
        label={t("routing.priority")}
        hint={t("routing.priorityHint")}
        type="number"
        inputMode="numeric"
        required
        step={1}
        min={PRIORITY_MIN}
        max={PRIORITY_MAX}
        value={priority}
        onChange={(e) => setPriority(e.target.value)}
        error={errors.priority}
      />
    </PanelForm>
  );
}
