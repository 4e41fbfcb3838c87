import { useState, type FormEvent } from "react";
import { api } from "@web/api/client";
import type { InboxItem } from "@web/api/types";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { FieldGroup, TextField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { InboxStatusBadge, TimeAgo } from "./InboxBadges";
import { firstLine } from "@web/pages/inbox/lifecycle";
import type { ItemWrite } from "@web/pages/inbox/hooks/useInboxItem";
import { inboxApi } from "@web/pages/inbox/api";

const SEARCH_RESULTS = 10;

type MergePanelProps = { item: InboxItem; related: readonly InboxItem[]; write: ItemWrite; now: number };

/**
 * Files this item as a duplicate of another: one from the same thread or author, or one found by
 * searching. The duplicate is resolved and points to the item it repeats.
 */
export function MergePanel({ item, related, write, now }: MergePanelProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<InboxItem[] | null>(null);
  const [intoId, setIntoId] = useState("");
  const search = useAction(async (q: string) =>
    setFound((await api.get<{ data: InboxItem[] }>("/inbox", { q, limit: SEARCH_RESULTS })).data),
  );
  const merge = useAction(write);
  if (!item.permissions.handle || item.mergedIntoId) return null;

  // Each item once (the thread, the author's and the search may overlap); never this one or an item already merged.
  const unique = new Map([...related, ...(found ?? [])].map((other) => [other.id, other]));
  const candidates = [...unique.values()].filter((other) => other.id !== item.id && !other.mergedIntoId);
  const chosen = candidates.find((other) => other.id === intoId);
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) void search.run(query.trim());
  };

  return (
    <section className="panel" aria-labelledby="merge-title">
      <h2 id="merge-title">{t("merge.title")}</h2>
      <p className="muted">{t("merge.intro")}</p>
      <form role="search" onSubmit={submitSearch}>
        <TextField type="search" label={t("merge.search")} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button--secondary" disabled={search.busy || !query.trim()}>
          {t("merge.searchButton")}
        </button>
      </form>
      <ErrorAlert error={search.error} />
      {found && candidates.length === 0 && <p>{t("merge.noCandidates")}</p>}
      {candidates.length > 0 && (
        <FieldGroup legend={t("merge.choose")} className="choices">
          {candidates.map((other) => (
            <label key={other.id}>
              <input
                type="radio"
                name="merge-into"
                value={other.id}
                checked={intoId === other.id}
                onChange={() => setIntoId(other.id)}
              />
              {other.author.name}: {firstLine(other.text)}{" "}
              <span className="muted">
                · <TimeAgo iso={other.receivedAt} now={now} />
              </span>{" "}
              <InboxStatusBadge status={other.status} />
            </label>
          ))}
        </FieldGroup>
      )}
      <ErrorAlert error={merge.error} />
      {chosen && (
        <ConfirmButton
          label={t("merge.submit")}
          confirmLabel={t("merge.confirm", { name: chosen.author.name })}
          busy={merge.busy}
          onConfirm={() => void merge.run((id) => inboxApi.merge(id, { intoId: chosen.id }))}
        />
      )}
    </section>
  );
}
