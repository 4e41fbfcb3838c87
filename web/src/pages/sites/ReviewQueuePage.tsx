import { ErrorAlert } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { sitesApi } from "./api";
import { EntryList } from "./components/EntryList";
import { SitesTabs } from "./components/SitesTabs";

/** What waits for the reviewer: entries of the sites in their scope sent for review. */
export function ReviewQueuePage() {
  const { t } = useI18n();
  const waiting = useLoad(() => sitesApi.entries({ status: "in_review" }), []);
  return (
    <Page title={t("sites.review")}>
      <SitesTabs />
      <ErrorAlert error={waiting.error} />
      {waiting.data && <EntryList entries={waiting.data} />}
    </Page>
  );
}
