import { useState } from "react";
import type { Locale } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { ChangePasswordForm } from "@web/components/ChangePasswordForm";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { useSession, useSignedIn } from "@web/session/SessionProvider";
import { ApiTokensSection } from "./ApiTokensSection";

export function AccountPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [passwordChanged, setPasswordChanged] = useState(false);
  return (
    <Page title={t("account.title")}>
      <p>
        {user.name} · {user.email}
      </p>
      <section aria-labelledby="password-heading" className="panel">
        <h2 id="password-heading">{t("account.passwordTitle")}</h2>
        {passwordChanged && <Notice>{t("account.passwordChanged")}</Notice>}
        <ChangePasswordForm onChanged={() => setPasswordChanged(true)} />
      </section>
      <LanguagePreference />
      <ApiTokensSection />
    </Page>
  );
}

function LanguagePreference() {
  const { t, language } = useI18n();
  const { saveLanguage } = useSession();
  const save = useAction(saveLanguage);
  const options: { code: Locale; label: string }[] = [
    { code: "id", label: "Bahasa Indonesia" },
    { code: "en", label: "English" },
  ];
  return (
    <section aria-labelledby="language-heading" className="panel">
      <h2 id="language-heading">{t("account.languageTitle")}</h2>
      <fieldset className="choices">
        <legend>{t("language.label")}</legend>
        {options.map(({ code, label }) => (
          <label key={code} lang={code}>
            <input
              type="radio"
              name="language"
              value={code}
              checked={language === code}
              onChange={() => void save.run(code)}
              disabled={save.busy}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={save.error} />
    </section>
  );
}
