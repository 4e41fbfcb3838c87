import type { CursorList } from "../hooks/useCursorList";
import { useI18n } from "../i18n";
import { ErrorAlert } from "./Alerts";

/** What follows a paged list: its error, "empty", "loading" or the button for the next page. */
export function ListStatus<T>({ list }: { list: Pick<CursorList<T>, "items" | "loading" | "error" | "hasMore" | "loadMore"> }) {
  const { t } = useI18n();
  return (
    <div className="list-status">
      <ErrorAlert error={list.error} />
      {list.loading && <p role="status">{t("common.loading")}</p>}
      {!list.loading && !list.error && list.items.length === 0 && <p>{t("common.empty")}</p>}
      {list.hasMore && !list.loading && (
        <button type="button" className="button--secondary" onClick={list.loadMore}>
          {t("common.loadMore")}
        </button>
      )}
    </div>
  );
}
