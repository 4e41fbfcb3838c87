import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { fieldErrorsOf } from "@web/api/client";
import type { PpidProfile } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { TextAreaField, TextField } from "@web/components/Field";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n, type MessageKey } from "@web/i18n";
import { ppidProfileApi } from "./api";

const TEXTS = [
  "about",
  "requestProcedure",
  "objectionProcedure",
  "serviceStandard",
  "serviceHours",
  "address",
] as const;
type Fields = Record<(typeof TEXTS)[number] | "phone" | "email", string>;

const LABELS: Record<keyof Fields, MessageKey> = {
  about: "ppid.about",
  requestProcedure: "ppid.requestProcedure",
  objectionProcedure: "ppid.objectionProcedure",
  serviceStandard: "ppid.serviceStandard",
  serviceHours: "ppid.serviceHours",
  address: "ppid.address",
  phone: "ppid.phone",
  email: "ppid.email",
};

/** One PPID's public profile (/ppid or /ppid/<code>): about, procedures, service standard, hours, contact. */
export function PpidProfilePage() {
  const { t } = useI18n();
  const { unitId } = useParams();
  const loaded = useLoad(() => ppidProfileApi.get(unitId!), [unitId]);
  return (
    <Page title={loaded.data ? t("ppid.profileOf", { unit: loaded.data.unit.name }) : t("ppid.profiles")}>
      <p>
        <Link to="/ppid/profiles">{t("ppid.backToProfiles")}</Link>
      </p>
      <ErrorAlert error={loaded.error} />
      {loaded.data && <ProfileForm key={loaded.data.unit.id} entry={loaded.data} />}
    </Page>
  );
}

function ProfileForm({ entry }: { entry: PpidProfile }) {
  const { t } = useI18n();
  const [fields, setFields] = useState<Fields>(() => ({
    about: entry.profile?.about ?? "",
    requestProcedure: entry.profile?.requestProcedure ?? "",
    objectionProcedure: entry.profile?.objectionProcedure ?? "",
    serviceStandard: entry.profile?.serviceStandard ?? "",
    serviceHours: entry.profile?.serviceHours ?? "",
    address: entry.profile?.address ?? "",
    phone: entry.profile?.phone ?? "",
    email: entry.profile?.email ?? "",
  }));
  const save = useAction(() =>
    ppidProfileApi.save(entry.unit.id, {
      ...fields,
      phone: fields.phone.trim() || null,
      email: fields.email.trim() || null,
    }),
  );
  const errors = fieldErrorsOf(save.error);
  const [saved, setSaved] = useState(false);
  const set = (name: keyof Fields, value: string) => setFields((current) => ({ ...current, [name]: value }));

  return (
    <form
      className="form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(Boolean(await save.run()));
      }}
    >
      <p>
        {t("ppid.publicPage")}:{" "}
        <a href={entry.publicUrl} target="_blank" rel="noopener">
          {entry.publicUrl}
        </a>
      </p>
      {TEXTS.map((name) =>
        name === "serviceHours" || name === "address" ? (
          <TextField
            key={name}
            label={t(LABELS[name])}
            required
            value={fields[name]}
            onChange={(e) => set(name, e.target.value)}
            error={errors[name]}
          />
        ) : (
          <TextAreaField
            key={name}
            label={t(LABELS[name])}
            required
            rows={5}
            value={fields[name]}
            onChange={(e) => set(name, e.target.value)}
            error={errors[name]}
          />
        ),
      )}
      <TextField
        label={t(LABELS.phone)}
        type="tel"
        value={fields.phone}
        onChange={(e) => set("phone", e.target.value)}
        error={errors.phone}
      />
      <TextField
        label={t(LABELS.email)}
        type="email"
        value={fields.email}
        onChange={(e) => set("email", e.target.value)}
        error={errors.email}
      />
      {saved && !save.error && <Notice>{t("dip.saved")}</Notice>}
      <ErrorAlert error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}
