import { useState } from "react";
import { SelectField, TextAreaField, TextField } from "@web/components/Field";
import { useI18n } from "@web/i18n";
import { codeLabel } from "@web/pages/sites/labels";
import { groupRupiah, parseRupiah } from "@web/pages/sites/rupiah";
import { type Attachment, DocumentField, PhotosField } from "./AttachmentFields";
import type { FieldSpec } from "./entryFields";

/** A change to a value, given the value as it is when the change lands (uploads finish late). */
export type ValueUpdate = (current: unknown) => unknown;

export type FieldControlProps = {
  spec: FieldSpec;
  value: unknown;
  onChange(update: ValueUpdate): void;
  error?: string;
  unitId: string;
  attachments: Record<string, Attachment>;
  onAttach(id: string, attachment: Attachment): void;
};

/** The control of one field of an entry or one cell of a list row, by the field's type. */
export function FieldControl({ spec, value, onChange, error, unitId, attachments, onAttach }: FieldControlProps) {
  const { t, language } = useI18n();
  const common = { label: t(spec.label), error };
  const set = (next: unknown) => onChange(() => next);
  switch (spec.type) {
    case "text":
    case "date":
      return (
        <TextField
          {...common}
          type={spec.type}
          value={(value as string | null | undefined) ?? ""}
          onChange={(e) => set(spec.type === "date" ? e.target.value || null : e.target.value)}
        />
      );
    case "textarea":
      return (
        <TextAreaField
          {...common}
          rows={4}
          value={(value as string | null | undefined) ?? ""}
          onChange={(e) => set(e.target.value)}
        />
      );
    case "number":
    case "percent":
      return (
        <TextField
          {...common}
          type="number"
          step={spec.type === "percent" || spec.integer ? 1 : "any"}
          min={spec.type === "percent" ? 0 : spec.min}
          max={spec.type === "percent" ? 100 : spec.max}
          value={value === null || value === undefined ? "" : String(value)}
          onChange={(e) => set(e.target.value === "" ? null : Number(e.target.value))}
        />
      );
    case "rupiah":
      return <RupiahField {...common} value={value} onChange={set} />;
    case "select":
      return (
        <SelectField
          {...common}
          value={String(value ?? "")}
          // The option as the content holds it (the semester is a number).
          onChange={(e) => set(spec.options!.find((option) => String(option) === e.target.value))}
        >
          {spec.options!.map((option) => (
            <option key={option} value={String(option)}>
              {spec.optionLabels ? codeLabel(spec.optionLabels, option, language) : String(option)}
            </option>
          ))}
        </SelectField>
      );
    case "photos":
      return (
        <PhotosField
          {...common}
          unitId={unitId}
          ids={(value as string[] | undefined) ?? []}
          attachments={attachments}
          onAttach={onAttach}
          onChange={(update) => onChange((current) => update((current as string[] | undefined) ?? []))}
        />
      );
    case "document":
      return (
        <DocumentField
          {...common}
          unitId={unitId}
          id={(value as string | null) ?? null}
          attachments={attachments}
          onAttach={onAttach}
          onChange={set}
        />
      );
  }
}

/**
 * Rupiah typed the Indonesian way ("1.250.000") and shown grouped once typed. What cannot be read
 * as an amount stays in the form as typed, for the checks to point out.
 */
function RupiahField({
  label,
  error,
  value,
  onChange,
}: {
  label: string;
  error?: string;
  value: unknown;
  onChange(value: number | string | null): void;
}) {
  // While typing, the text as typed; otherwise the amount, grouped.
  const [typing, setTyping] = useState<string | null>(null);
  const shown = typing ?? (typeof value === "number" ? groupRupiah(value) : String(value ?? ""));
  return (
    <TextField
      label={label}
      error={error}
      inputMode="numeric"
      placeholder="1.250.000"
      autoComplete="off"
      value={shown}
      onFocus={() => setTyping(shown)}
      onBlur={() => setTyping(null)}
      onChange={(e) => {
        setTyping(e.target.value);
        onChange(parseRupiah(e.target.value));
      }}
    />
  );
}
