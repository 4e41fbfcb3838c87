import type { SiteEntryKind } from "@web/pages/sites/api";
import type { Attachment } from "./AttachmentFields";
import { ENTRY_FIELDS, readPath, writePath } from "./entryFields";
import { FieldControl } from "./FieldControl";
import { ListEditor } from "./ListEditor";

type Content = Record<string, unknown>;

type EntryFormProps = {
  kind: SiteEntryKind;
  unitId: string;
  content: Content;
  /** A change to the content, given the content as it is when the change lands. */
  onChange(update: (content: Content) => Content): void;
  attachments: Record<string, Attachment>;
  onAttach(id: string, attachment: Attachment): void;
  /** Messages by content path: "title", "stages" (the list), "stages.0.progress" (a cell). */
  errors: Record<string, string>;
};

/** The fields of one entry, by its kind, lists included. */
export function EntryForm({ kind, unitId, content, onChange, attachments, onAttach, errors }: EntryFormProps) {
  const update = (path: string, change: (value: unknown) => unknown) =>
    onChange((current) => writePath(current, path, change(readPath(current, path))));
  const shared = { unitId, attachments, onAttach };
  return (
    <>
      {ENTRY_FIELDS[kind].map((spec) => (
        <div key={spec.path}>
          {spec.type === "list" ? (
            <ListEditor
              {...shared}
              spec={spec}
              rows={(readPath(content, spec.path) as Content[] | undefined) ?? []}
              onChange={(change) => update(spec.path, (rows) => change((rows as Content[] | undefined) ?? []))}
              errors={errorsUnder(errors, spec.path)}
            />
          ) : (
            <FieldControl
              {...shared}
              spec={spec}
              value={readPath(content, spec.path)}
              onChange={(change) => update(spec.path, change)}
              error={errors[spec.path]}
            />
          )}
        </div>
      ))}
    </>
  );
}

/** The messages of one list, by "<row>.<column>", its own under "". */
function errorsUnder(errors: Record<string, string>, path: string): Record<string, string> {
  const under: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === path) under[""] = message;
    else if (key.startsWith(`${path}.`)) under[key.slice(path.length + 1)] = message;
  }
  return under;
}
