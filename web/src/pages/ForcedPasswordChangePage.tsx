import { useNavigate } from "react-router-dom";
import { AuthFrame } from "@web/components/AuthFrame";
import { ChangePasswordForm } from "@web/components/ChangePasswordForm";
import { Page } from "@web/components/Page";
import { useI18n } from "@web/i18n";
import { useSession } from "@web/session/SessionProvider";

/** Shown after signing in with a temporary password; nothing else opens until it is changed. */
export function ForcedPasswordChangePage() {
  const { t } = useI18n();
  const { refresh, logOut } = useSession();
  const navigate = useNavigate();
  return (
    <AuthFrame>
      <Page title={t("password.forcedTitle")}>
        <p>{t("password.forcedIntro")}</p>
        <ChangePasswordForm onChanged={() => refresh().then(() => navigate("/", { replace: true }))} />
        <button type="button" className="button--link" onClick={() => logOut()}>
          {t("layout.logout")}
        </button>
      </Page>
    </AuthFrame>
  );
}
