import { Link } from "react-router-dom";
import { Page } from "@web/components/Page";
import { useI18n } from "@web/i18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t("notFound.title")}>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </Page>
  );
}
