import {
  INBOX_CATEGORIES,
  INBOX_KINDS,
  URGENCIES,
  type InboxItem,
  type InboxTriage,
  type TriageDecision,
  type TriageReason,
  type Unit,
} from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { SelectField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { useAllUnits } from "@web/hooks/useAllUnits";
import { useAction } from "@web/hooks/useAction";
import { useI18n, type MessageKey } from "@web/i18n";
import {
  CATEGORY_LABELS,
  DANGER_LABELS,
  KIND_LABELS,
  REASON_LABELS,
  TRIAGE_SOURCE_LABELS,
  URGENCY_LABELS,
} from "@web/pages/inbox/labels";
import type { ItemWrite } from "@web/pages/inbox/hooks/useInboxItem";
import { inboxApi, type TriageBody } from "@web/pages/inbox/api";

const PLACE_TYPES: readonly Unit["type"][] = ["kecamatan", "desa", "kelurahan"];

type FieldChoice = {
  field: "kind" | "category" | "urgency";
  label: MessageKey;
  values: readonly string[];
  labels: Record<string, MessageKey>;
};

const FIELDS: readonly FieldChoice[] = [
  { field: "kind", label: "inbox.kind", values: INBOX_KINDS, labels: KIND_LABELS },
  { field: "category", label: "inbox.category", values: INBOX_CATEGORIES, labels: CATEGORY_LABELS },
  { field: "urgency", label: "inbox.urgency", values: URGENCIES, labels: URGENCY_LABELS },
];

/** Each triage field with how it was decided and why; staff with the right correct it in place. */
export function TriagePanel({ item, write }: { item: InboxItem; write: ItemWrite }) {
  const { t } = useI18n();
  const act = useAction(write);
  const units = useAllUnits();
  const places = (units.data ?? []).filter((unit) => PLACE_TYPES.includes(unit.type));
  const correct = (body: TriageBody) => void act.run((id) => inboxApi.correctTriage(id, body));
  const editable = item.permissions.handle && !act.busy;

  return (
    <section className="panel triage" aria-labelledby="triage-title">
      <h2 id="triage-title">{t("triage.title")}</h2>
      {item.triage?.spam && <p className="badge">{t("triage.spam")}</p>}
      {FIELDS.map(({ field, label, values, labels }) => (
        <div key={field} className="triage__field">
          <SelectField
            label={t(label)}
            value={item[field] ?? ""}
            disabled={!editable}
            onChange={(e) => correct({ [field]: e.target.value })}
          >
            {!item[field] && <option value="">{t("inbox.untriaged")}</option>}
            <LabelledOptions values={values} labels={labels} />
          </SelectField>
          <TriageExplanation decision={item.triage?.[field]} />
        </div>
      ))}
      <div className="triage__field">
        <SelectField
          label={t("inbox.place")}
          value={item.place?.id ?? ""}
          disabled={!editable}
          onChange={(e) => correct({ placeUnitId: e.target.value || null })}
        >
          <option value="">{t("triage.noPlace")}</option>
          {/* The recognised place stays choosable even when it lies outside the user's units. */}
          {item.place && !places.some((unit) => unit.id === item.place?.id) && (
            <option value={item.place.id}>{item.place.name}</option>
          )}
          {places.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </SelectField>
        <TriageExplanation decision={placeDecision(item.triage?.place)} />
      </div>
      <ErrorAlert error={act.error} />
    </section>
  );
}

/** The place's triage as a decision: a staff correction, or the rule that recognised the name. */
function placeDecision(place: InboxTriage["place"]): TriageDecision | null {
  if (place?.source) return { code: place.code ?? null, source: place.source };
  return place?.reason ? { code: null, source: "rules", reasons: [place.reason] } : null;
}

/** A reason in the UI's language ("Tanda darurat — kebakaran: “api membesar”"), or just its words for older reasons. */
function ReasonText({ reason }: { reason: TriageReason }) {
  const { t } = useI18n();
  const note = reason.note;
  if (!note) return <>“{reason.matched}”</>;
  return (
    <>
      {t(REASON_LABELS[note.code], {
        words: reason.matched,
        danger: note.danger ? t(DANGER_LABELS[note.danger]) : "",
        percent: Math.round((note.probability ?? 0) * 100),
      })}
    </>
  );
}

/** "Model terlatih · skor 0.91" and why: the words that weighed most, the emergency signs, the cues that did not count. */
function TriageExplanation({ decision }: { decision: TriageDecision | null | undefined }) {
  const { t } = useI18n();
  if (!decision) return null;
  return (
    <div className="triage__why">
      <p className="muted">
        {t(TRIAGE_SOURCE_LABELS[decision.source])}
        {decision.score !== undefined && ` · ${t("triage.score", { score: Math.round(decision.score * 100) / 100 })}`}
      </p>
      {decision.reasons && decision.reasons.length > 0 && (
        <ul className="chips" aria-label={t("triage.reasons")}>
          {decision.reasons.map((reason, index) => (
            <li
              key={index}
              className={reason.note?.code === "emergency" ? "chip chip--danger" : "chip"}
              title={reason.rule}
            >
              <ReasonText reason={reason} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
