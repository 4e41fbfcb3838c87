import { SelectField, TextAreaField, TextField } from "../../../components/Field";
import { useI18n } from "../../../i18n";
import type { SiteEntryKind } from "../api";
import { ENTRY_FIELDS, type FieldSpec, readPath, writePath } from "./entryFields";
import { DocumentField, PhotosField, type Attachment } from "./AttachmentFields";

type EntryFormProps = {
  kind: SiteEntryKind;
  unitId: string;
  content: Record<string, unknown>;
  onChange(content: Record<string, unknown>): void;
  attachments: Record<string, Attachment>;
  onAttach(id: string, attachment: Attachment): void;
  errors: Record<string, string>;
};

/** The fields of one entry, by its kind; changes go up as the whole new content. */
export function EntryForm({ kind, unitId, content, onChange, attachments, onAttach, errors }: EntryFormProps) {
  const { t } = useI18n();
  const set = (path: string, value: unknown) => onChange(writePath(content, path, value));
  const field = (spec: FieldSpec) => {
    const value = readPath(content, spec.path);
    const common = { label: t(spec.label), error: errors[`content.${spec.path}`] ?? errors[spec.path] };
    switch (spec.type) {
      case "text":
      case "date":
        return (
          <TextField
            {...common}
            type={spec.type}
            value={(value as string | null) ?? ""}
            onChange={(e) => set(spec.path, spec.type === "date" ? e.target.value || null : e.target.value)}
          />
        );
      case "textarea":
        return (
          <TextAreaField
            {...common}
            rows={4}
            value={(value as string | null) ?? ""}
            onChange={(e) => set(spec.path, e.target.value)}
          />
        );
      case "number":
        return (
          <TextField
            {...common}
            type="number"
            step="any"
            value={value === null || value === undefined ? "" : String(value)}
            onChange={(e) => set(spec.path, e.target.value === "" ? null : Number(e.target.value))}
          />
        );
      case "select":
        return (
          <SelectField {...common} value={String(value ?? "")} onChange={(e) => set(spec.path, e.target.value)}>
            {spec.options!.map((option) => (
              <option key={option} value={option}>
                {option.replace("_", " ")}
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
            onChange={(ids) => set(spec.path, ids)}
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
            onChange={(id) => set(spec.path, id)}
          />
        );
    }
  };
  return (
    <>
      {ENTRY_FIELDS[kind].map((spec) => (
        <div key={spec.path}>{field(spec)}</div>
      ))}
    </>
  );
}
