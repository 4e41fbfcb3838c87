import { useEffect, useState } from "react";
import type { Schemas } from "@web/api/types";
import { api } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { ConfirmButton } from "@web/components/ConfirmButton";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";

/** The demo's made-up month of posts and inbox items: how much there is, and removing it in one action. */
export function DemoDataPage() {
  const { t } = useI18n();
  const [counts, setCounts] = useState<Schemas["DemoData"] | null>(null);
  const [removed, setRemoved] = useState<Schemas["DemoData"] | null>(null);
  useEffect(() => {
    void api.get<Schemas["DemoData"]>("/demo-data").then(setCounts);
  }, []);
  const remove = useAction(async () => {
    const answer = await api.delete<Schemas["RemovedDemoData"]>("/demo-data");
    setRemoved(answer.removed);
    setCounts({ inboxItems: 0, posts: 0 });
  });

  return (
    <Page title={t("admin.demoData")}>
      <p>{t("demoData.intro")}</p>
      {counts && (
        <p data-testid="demo-data-counts">{t("demoData.counts", { items: counts.inboxItems, posts: counts.posts })}</p>
      )}
      {removed && (
        <p className="alert alert--info" role="status">
          {t("demoData.removed", { items: removed.inboxItems, posts: removed.posts })}
        </p>
      )}
      <ErrorAlert error={remove.error} />
      {counts && counts.inboxItems + counts.posts > 0 && (
        <ConfirmButton
          label={t("demoData.remove")}
          confirmLabel={t("demoData.confirm")}
          busy={remove.busy}
          onConfirm={() => void remove.run()}
        />
      )}
    </Page>
  );
}
