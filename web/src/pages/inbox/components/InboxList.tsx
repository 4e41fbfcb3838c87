import { Link } from "react-router-dom";
import type { InboxItem } from "@web/api/types";
import { ListStatus, type ListState } from "@web/components/ListTable";
import { useI18n } from "@web/i18n";
import { firstLine } from "@web/pages/inbox/lifecycle";
import { DeadlineState, InboxStatusBadge, SourceLabel, TimeAgo, UrgencyBadge } from "./InboxBadges";

type Selection = {
  selected: ReadonlySet<string>;
  toggle(id: string): void;
  /** Selects every listed item, or none when all already are. */
  toggleAll(): void;
};

/**
 * The inbox as a compact list: each item on two lines (urgency and message; source, sender,
 * place and arrival), with unit and officer, the exact due time and the status beside it. The
 * columns have fixed shares, so nothing is pushed off to the side; on a phone each row is a card.
 * Those who may not act on items (leaders) get no checkboxes.
 */
export function InboxList({
  list,
  caption,
  now,
  currentId,
  onCurrent,
  selection,
}: {
  list: ListState<InboxItem>;
  caption: string;
  now: number;
  currentId: string | undefined;
  onCurrent(item: InboxItem): void;
  selection: Selection | null;
}) {
  const { t } = useI18n();
  const allSelected = list.items.length > 0 && list.items.every((item) => selection?.selected.has(item.id));
  return (
    <>
      {list.items.length > 0 && (
        <table className={`inbox-list${selection ? " inbox-list--selectable" : ""}`} data-testid="inbox-list">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {selection && (
                <th scope="col" className="inbox-list__check">
                  <input
                    type="checkbox"
                    checked={allSelected}
                    onChange={selection.toggleAll}
                    aria-label={t("inbox.selectAll")}
                    data-testid="inbox-select-all"
                  />
                </th>
              )}
              <th scope="col">{t("inbox.message")}</th>
              <th scope="col" className="inbox-list__unit">
                {t("inbox.unitAndAssignee")}
              </th>
              <th scope="col" className="inbox-list__due">
                {t("inbox.deadline")}
              </th>
              <th scope="col" className="inbox-list__status">
                {t("common.status")}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr
                key={item.id}
                id={`inbox-row-${item.id}`}
                data-testid="inbox-row"
                className={[
                  "inbox-row",
                  `inbox-row--${item.urgency ?? "untriaged"}`,
                  item.pinned && "inbox-row--pinned",
                  currentId === item.id && "inbox-row--current",
                ]
                  .filter(Boolean)
                  .join(" ")}
                onClick={() => onCurrent(item)}
              >
                {selection && (
                  <td className="inbox-list__check">
                    <input
                      type="checkbox"
                      checked={selection.selected.has(item.id)}
                      onChange={() => selection.toggle(item.id)}
                      aria-label={t("inbox.selectItem", { name: item.author.name })}
                    />
                  </td>
                )}
                <th scope="row" className="inbox-row__main">
                  <span className="inbox-row__line">
                    <UrgencyBadge urgency={item.urgency} />
                    {item.pinned && <span className="pin">{t("inbox.pinned")}</span>}{" "}
                    <Link to={`/inbox/${item.id}`} className="inbox-row__text" data-testid="inbox-message">
                      {firstLine(item.text)}
                    </Link>
                  </span>
                  <span className="inbox-row__line muted">
                    <SourceLabel source={item.source} channelName={item.channel?.name} /> · {item.author.name}
                    {item.place?.name && ` · ${item.place.name}`} · <TimeAgo iso={item.receivedAt} now={now} />
                  </span>
                </th>
                <td className="inbox-list__unit">
                  <span className="inbox-row__line">{item.unit?.name ?? t("inbox.noUnit")}</span>
                  <span className="inbox-row__line muted">
                    {item.assignee?.name ?? t("inbox.unassigned")}
                    {item.informedUnit && ` · ${t("inbox.informed", { unit: item.informedUnit.name })}`}
                  </span>
                </td>
                <td className="inbox-list__due">
                  <DeadlineState item={item} now={now} />
                </td>
                <td className="inbox-list__status">
                  <InboxStatusBadge status={item.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ListStatus list={list} emptyText={t("inbox.none")} />
    </>
  );
}
