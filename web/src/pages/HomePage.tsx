import { Link } from "react-router-dom";
import { Page } from "@web/components/Page";
import { useI18n } from "@web/i18n";
import { SECTIONS } from "@web/navigation";
import { useSignedIn } from "@web/session/SessionProvider";

export function HomePage() {
  const { t } = useI18n();
  const { user, abilities } = useSignedIn();
  const sections = SECTIONS.filter((section) => section.allowed(abilities));
  return (
    <Page title={t("home.title", { name: user.name })}>
      <p>{t("home.units", { units: user.units.map((unit) => unit.name).join(", ") || "—" })}</p>
      <ul className="card-links">
        {sections.map((section) => (
          <li key={section.path}>
            <Link to={section.path}>{t(section.label)}</Link>
          </li>
        ))}
        <li>
          <Link to="/account">{t("nav.account")}</Link>
        </li>
      </ul>
    </Page>
  );
}
