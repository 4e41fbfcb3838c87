import { Link } from "react-router-dom";
import { useI18n } from "@web/i18n";
import { SECTIONS } from "@web/navigation";
import { useSignedIn } from "@web/session/SessionProvider";
import { ROLE_LABELS } from "./labels";
import { Page } from "./Page";

/**
 * What a user sent to a page they may not open sees, at that page's address: that it is not for
 * their role, whom to ask, and the sections they can open instead (no silent redirect).
 */
export function NoAccess() {
  const { t } = useI18n();
  const { user, abilities } = useSignedIn();
  const open = SECTIONS.filter((section) => section.allowed(abilities));
  return (
    <Page title={t("noAccess.title")}>
      <div className="alert alert--error" role="alert" data-testid="no-access">
        <p>{t("noAccess.reason", { role: t(ROLE_LABELS[user.role]) })}</p>
        <p>{t("noAccess.ask")}</p>
      </div>
      <p>{t("noAccess.instead")}</p>
      <ul>
        <li>
          <Link to="/">{t("noAccess.home")}</Link>
        </li>
        {open.map((section) => (
          <li key={section.path}>
            <Link to={section.path}>{t(section.label)}</Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
