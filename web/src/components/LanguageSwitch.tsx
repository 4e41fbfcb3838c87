import { useState } from "react";
import type { Locale } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { useSession } from "@web/session/SessionProvider";
import { ErrorAlert } from "./Alerts";

const LANGUAGES: { code: Locale; short: string; name: string }[] = [
  { code: "id", short: "ID", name: "Bahasa Indonesia" },
  { code: "en", short: "EN", name: "English" },
];

/** ID/EN toggle; when signed in the choice is also saved to the account. */
export function LanguageSwitch() {
  const { language, t } = useI18n();
  const { saveLanguage } = useSession();
  const [error, setError] = useState<unknown>(null);

  const choose = (code: Locale) => {
    setError(null);
    saveLanguage(code).catch(setError);
  };

  return (
    <div className="language-switch" role="group" aria-label={t("language.label")}>
      {LANGUAGES.map(({ code, short, name }) => (
        <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => choose(code)}>
          {short}
          <span className="visually-hidden"> ({name})</span>
        </button>
      ))}
      <ErrorAlert error={error} />
    </div>
  );
}
