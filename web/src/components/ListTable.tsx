import { Fragment, type ReactNode } from "react";
import type { Loaded } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { ErrorAlert } from "./Alerts";

/** What a list table needs to know; a paged list (useCursorList) also offers the next page. */
export type ListState<T> = {
  items: readonly T[];
  loading: boolean;
  error: unknown;
  hasMore?: boolean;
  loadMore?(): void;
};

/** A list read whole through useLoad, as a ListState. */
export function loadedList<T>(loaded: Loaded<T[]>): ListState<T> {
  return { items: loaded.data ?? [], loading: loaded.loading, error: loaded.error };
}

type ListTableProps<T> = {
  list: ListState<T>;
  caption: string;
  columns: readonly string[];
  className?: string;
  emptyText?: string;
  row(item: T): ReactNode;
};

/** A list as a table (one row per item), followed by its error, "empty", "loading" or the button for the next page. */
export function ListTable<T extends { id: string }>({
  list,
  caption,
  columns,
  className,
  emptyText,
  row,
}: ListTableProps<T>) {
  const { t } = useI18n();
  return (
    <>
      {list.items.length > 0 && (
        <div className="table-scroll">
          <table className={className}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <Fragment key={item.id}>{row(item)}</Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="list-status">
        <ErrorAlert error={list.error} />
        {list.loading && <p role="status">{t("common.loading")}</p>}
        {!list.loading && !list.error && list.items.length === 0 && <p>{emptyText ?? t("common.empty")}</p>}
        {list.hasMore && !list.loading && list.loadMore && (
          <button type="button" className="button--secondary" onClick={list.loadMore}>
            {t("common.loadMore")}
          </button>
        )}
      </div>
    </>
  );
}
