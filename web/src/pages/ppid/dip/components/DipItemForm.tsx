import { useState } from "react";
import { fieldErrorsOf } from "@web/api/client";
import type { DipItem, Unit } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { FieldGroup, SelectField, TextAreaField, TextField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { UnitOptions } from "@web/pages/admin/components/UnitOptions";
import { dipApi } from "@web/pages/ppid/dip/api";
import {
  bodyLabel,
  classLabel,
  DIP_BODIES,
  DIP_CLASSES,
  DIP_FORMATS,
  EXEMPTION_LETTERS,
  exemptionLabel,
  formatLabel,
} from "@web/pages/ppid/dip/labels";

type Fields = {
  unitId: string;
  body: string;
  class: DipItem["class"];
  title: string;
  summary: string;
  responsibleOfficial: string;
  madeOn: string;
  year: string;
  period: string;
  formats: DipItem["formats"];
  retention: string;
  exemptionLetter: string;
  consequenceTest: string;
  exemptionEndsOn: string;
};

function fieldsOf(item: DipItem | null, defaultUnitId: string): Fields {
  return {
    unitId: item?.unit.id ?? defaultUnitId,
    body: item?.body ?? "",
    class: item?.class ?? "berkala",
    title: item?.title ?? "",
    summary: item?.summary ?? "",
    responsibleOfficial: item?.responsibleOfficial ?? "",
    madeOn: item?.madeOn ?? "",
    year: String(item?.year ?? new Date().getFullYear()),
    period: item?.period ?? "",
    formats: item?.formats ?? ["softcopy"],
    retention: item?.retention ?? "",
    exemptionLetter: item?.exemption?.letter ?? "",
    consequenceTest: item?.exemption?.consequenceTest ?? "",
    exemptionEndsOn: item?.exemption?.endsOn ?? "",
  };
}

type DipItemFormProps = { item: DipItem | null; units: Unit[]; onSaved(item: DipItem): void };

/** Every column of a DIP entry; an excepted entry also names its exemption, consequence test and end. */
export function DipItemForm({ item, units, onSaved }: DipItemFormProps) {
  const { t, language } = useI18n();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(item, units[0]?.id ?? ""));
  const set = <K extends keyof Fields>(name: K, value: Fields[K]) =>
    setFields((current) => ({ ...current, [name]: value }));
  const unitType =
    (item?.unit.id === fields.unitId ? item?.unit.type : undefined) ??
    units.find((unit) => unit.id === fields.unitId)?.type;
  const excepted = fields.class === "dikecualikan";

  const save = useAction(async () => {
    const body = {
      body: unitType === "desa" && fields.body ? (fields.body as NonNullable<DipItem["body"]>) : null,
      class: fields.class,
      title: fields.title,
      summary: fields.summary,
      responsibleOfficial: fields.responsibleOfficial,
      madeOn: fields.madeOn || null,
      year: Number(fields.year),
      period: fields.period.trim() || null,
      formats: fields.formats,
      retention: fields.retention,
      ...(excepted
        ? {
            exemptionLetter: (fields.exemptionLetter || null) as (typeof EXEMPTION_LETTERS)[number] | null,
            consequenceTest: fields.consequenceTest.trim() || null,
            exemptionEndsOn: fields.exemptionEndsOn || null,
          }
        : {}),
    };
    return item ? dipApi.update(item.id, body) : dipApi.create({ ...body, unitId: fields.unitId });
  });
  const errors = fieldErrorsOf(save.error);

  return (
    <form
      className="form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const saved = await save.run();
        if (saved) onSaved(saved);
      }}
    >
      {!item && (
        <SelectField
          label={t("dip.unit")}
          value={fields.unitId}
          onChange={(e) => set("unitId", e.target.value)}
          error={errors.unitId}
        >
          <UnitOptions units={units} />
        </SelectField>
      )}
      {unitType === "desa" && (
        <SelectField
          label={t("dip.body")}
          hint={t("dip.bodyHint")}
          value={fields.body}
          onChange={(e) => set("body", e.target.value)}
          error={errors.body}
        >
          <option value="">{t("dip.bodyNone")}</option>
          {DIP_BODIES.map((code) => (
            <option key={code} value={code}>
              {bodyLabel(code, language)}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t("dip.class")}
        value={fields.class}
        onChange={(e) => set("class", e.target.value as Fields["class"])}
        error={errors.class}
      >
        {DIP_CLASSES.map((code) => (
          <option key={code} value={code}>
            {classLabel(code, language)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("dip.titleField")}
        required
        maxLength={300}
        value={fields.title}
        onChange={(e) => set("title", e.target.value)}
        error={errors.title}
      />
      <TextAreaField
        label={t("dip.summary")}
        required
        rows={4}
        maxLength={5000}
        value={fields.summary}
        onChange={(e) => set("summary", e.target.value)}
        error={errors.summary}
      />
      <TextField
        label={t("dip.responsibleOfficial")}
        hint={t("dip.responsibleOfficialHint")}
        required
        maxLength={200}
        value={fields.responsibleOfficial}
        onChange={(e) => set("responsibleOfficial", e.target.value)}
        error={errors.responsibleOfficial}
      />
      <TextField
        label={t("dip.madeOn")}
        type="date"
        value={fields.madeOn}
        onChange={(e) => set("madeOn", e.target.value)}
        error={errors.madeOn}
      />
      <TextField
        label={t("dip.year")}
        type="number"
        required
        min={2000}
        max={2099}
        value={fields.year}
        onChange={(e) => set("year", e.target.value)}
        error={errors.year}
      />
      <TextField
        label={t("dip.period")}
        hint={t("dip.periodHint")}
        maxLength={100}
        value={fields.period}
        onChange={(e) => set("period", e.target.value)}
        error={errors.period}
      />
      <FieldGroup legend={t("dip.formats")} error={errors.formats}>
        {DIP_FORMATS.map((code) => (
          <label key={code} className="checkbox">
            <input
              type="checkbox"
              checked={fields.formats.includes(code)}
              onChange={(e) =>
                set(
                  "formats",
                  e.target.checked ? [...fields.formats, code] : fields.formats.filter((format) => format !== code),
                )
              }
            />
            {formatLabel(code, language)}
          </label>
        ))}
      </FieldGroup>
      <TextField
        label={t("dip.retention")}
        hint={t("dip.retentionHint")}
        required
        maxLength={100}
        value={fields.retention}
        onChange={(e) => set("retention", e.target.value)}
        error={errors.retention}
      />
      {excepted && (
        <FieldGroup legend={t("dip.exemption")} hint={t("dip.exemptionHint")}>
          <SelectField
            label={t("dip.exemptionLetter")}
            value={fields.exemptionLetter}
            onChange={(e) => set("exemptionLetter", e.target.value)}
            error={errors.exemptionLetter}
          >
            <option value="">—</option>
            {EXEMPTION_LETTERS.map((letter) => (
              <option key={letter} value={letter}>
                {exemptionLabel(letter, language)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label={t("dip.consequenceTest")}
            hint={t("dip.consequenceTestHint")}
            rows={6}
            maxLength={20_000}
            value={fields.consequenceTest}
            onChange={(e) => set("consequenceTest", e.target.value)}
            error={errors.consequenceTest}
          />
          <TextField
            label={t("dip.exemptionEndsOn")}
            hint={t("dip.exemptionEndsHint")}
            type="date"
            value={fields.exemptionEndsOn}
            onChange={(e) => set("exemptionEndsOn", e.target.value)}
            error={errors.exemptionEndsOn}
          />
        </FieldGroup>
      )}
      <ErrorAlert error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.busy || (!item && !fields.unitId)}>
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}
