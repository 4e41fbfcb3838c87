import { useEffect, useState } from "react";
import type { Letterhead } from "@web/api/types";
import { api, uploadFile } from "@web/api/client";
import { ErrorAlert } from "@web/components/Alerts";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";

/** The office's letterhead on every PDF it hands on: address and contact lines, and the logo. */
export function LetterheadPage() {
  const { t } = useI18n();
  const [letterhead, setLetterhead] = useState<Letterhead | null>(null);
  const [address, setAddress] = useState("");
  const [contact, setContact] = useState("");
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void api.get<Letterhead>("/organisation/letterhead").then((loaded) => {
      setLetterhead(loaded);
      setAddress(loaded.address);
      setContact(loaded.contact);
    });
  }, []);
  const save = useAction(async () => {
    setLetterhead(await api.patch<Letterhead>("/organisation/letterhead", { address, contact }));
    setSaved(true);
  });
  const upload = useAction(async (file: File) =>
    setLetterhead(await uploadFile<Letterhead>("/organisation/letterhead/logo", file)),
  );
  const removeLogo = useAction(async () =>
    setLetterhead(await api.delete<Letterhead>("/organisation/letterhead/logo")),
  );

  return (
    <Page title={t("admin.letterhead")}>
      <p>{t("letterhead.intro")}</p>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void save.run();
        }}
      >
        <label>
          {t("letterhead.address")}
          <input value={address} maxLength={300} onChange={(event) => setAddress(event.target.value)} />
        </label>
        <label>
          {t("letterhead.contact")}
          <input value={contact} maxLength={200} onChange={(event) => setContact(event.target.value)} />
        </label>
        <ErrorAlert error={save.error} />
        {saved && (
          <p className="alert alert--info" role="status">
            {t("letterhead.saved")}
          </p>
        )}
        <button type="submit" disabled={save.busy}>
          {t("common.save")}
        </button>
      </form>
      <h2>{t("letterhead.logo")}</h2>
      {letterhead?.logoUrl ? (
        <p>
          <img src={letterhead.logoUrl} alt={t("letterhead.logo")} height={64} />{" "}
          <button type="button" onClick={() => void removeLogo.run()} disabled={removeLogo.busy}>
            {t("letterhead.removeLogo")}
          </button>
        </p>
      ) : (
        <p className="muted">{t("letterhead.noLogo")}</p>
      )}
      <label>
        {t("letterhead.uploadLogo")}
        <input
          type="file"
          accept="image/png,image/jpeg"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void upload.run(file);
            event.target.value = "";
          }}
        />
      </label>
      <ErrorAlert error={upload.error ?? removeLogo.error} />
    </Page>
  );
}
