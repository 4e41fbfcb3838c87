import { useI18n } from "@web/i18n";
import { codeLabel } from "@web/pages/sites/labels";
import { formatRupiah } from "@web/pages/sites/rupiah";
import type { Attachment } from "./AttachmentFields";
import type { FieldSpec } from "./entryFields";

const EMPTY = "—";

/** A value as a reader should see it: amounts in rupiah, codes by name, dates written out, photos. */
export function FieldValue({
  spec,
  value,
  attachments,
}: {
  spec: FieldSpec | undefined;
  value: unknown;
  attachments: Record<string, Attachment>;
}) {
  const { language, intlLocale } = useI18n();
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0))
    return <>{EMPTY}</>;
  switch (spec?.type) {
    case "rupiah":
      return <>{typeof value === "number" ? formatRupiah(value, intlLocale) : String(value)}</>;
    case "percent":
      return <>{`${String(value)}%`}</>;
    case "select":
      return <>{spec.optionLabels ? codeLabel(spec.optionLabels, value, language) : String(value)}</>;
    case "date":
      return <>{formatDay(String(value), intlLocale)}</>;
    case "photos":
    case "document": {
      const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
      return (
        <span className="change-files">
          {ids.map((id) => {
            const file = attachments[id];
            if (!file) return <span key={id}>{id}</span>;
            return spec.type === "photos" ? (
              <img key={id} src={file.url} alt={file.name} title={file.name} />
            ) : (
              <a key={id} href={file.url} target="_blank" rel="noreferrer">
                {file.name}
              </a>
            );
          })}
        </span>
      );
    }
    default:
      return <>{typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value)}</>;
  }
}

/** A calendar day ("2026-05-12") written out: "12 Mei 2026". */
function formatDay(day: string, intlLocale: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(intlLocale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}
