import { Link } from "react-router-dom";
import type { InboxItemDetail } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { useSignedIn } from "@web/session/SessionProvider";

/**
 * On an inbox item: the information request made from it (the link kept both ways), or, for PPID
 * staff, the way to make one. Others are told to answer with the template that explains how to file.
 */
export function PpidRequestPanel({ itemId, linked }: { itemId: string; linked: InboxItemDetail["ppidRequest"] }) {
  const { t } = useI18n();
  const { abilities } = useSignedIn();
  return (
    <section className="panel" aria-labelledby="ppid-panel-title">
      <h2 id="ppid-panel-title">{t("ppid.inbox.title")}</h2>
      {linked ? (
        <p>
          {t("ppid.inbox.linked")}{" "}
          {linked.readable ? (
            <Link to={`/ppid/requests/${linked.id}`}>{linked.registrationNumber}</Link>
          ) : (
            <strong>{linked.registrationNumber}</strong>
          )}
        </p>
      ) : abilities.registerPpidRequests ? (
        <p>
          <Link className="button button--secondary" to={`/ppid/requests/new?fromItem=${itemId}`}>
            {t("ppid.inbox.make")}
          </Link>
        </p>
      ) : (
        <p className="muted">{t("ppid.inbox.howTo")}</p>
      )}
    </section>
  );
}
