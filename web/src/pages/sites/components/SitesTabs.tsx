import { NavList } from "@web/components/NavList";
import { useI18n } from "@web/i18n";
import { SITES_SECTIONS } from "@web/navigation";

/** The unit-site pages' tabs, those the user may open. */
export function SitesTabs() {
  const { t } = useI18n();
  return <NavList label={t("nav.sites")} className="sub-nav" sections={SITES_SECTIONS} />;
}
