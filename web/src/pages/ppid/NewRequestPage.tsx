import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { CreateRequestBody } from "./api";
import { api, ApiError, fieldErrorsOf } from "@web/api/client";
import type { InboxItemDetail, InboxSource, RegisteredPpidRequest } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { FieldGroup, SelectField, TextAreaField, TextField } from "@web/components/Field";
import { LabelledOptions } from "@web/components/LabelledOptions";
import { Page } from "@web/components/Page";
import { useAction } from "@web/hooks/useAction";
import { useI18n } from "@web/i18n";
import { ppidApi } from "./api";
import { ACCESS_METHODS, APPLICANT_TYPES, CHANNELS, COPY_FORMS, DELIVERIES, IDENTITY_TYPES } from "./labels";
import { usePpidUnits } from "./useCase";

type Applicant = CreateRequestBody["applicant"];
type Channel = CreateRequestBody["channel"];
const keys = <T extends object>(labels: T) => Object.keys(labels) as (keyof T & string)[];

/** How an inbox item's source maps to the channel the register counts. */
const CHANNEL_OF_SOURCE: Record<InboxSource, Channel> = {
  facebook_comment: "social_media",
  instagram_comment: "social_media",
  facebook_message: "social_media",
  x_mention: "social_media",
  whatsapp_message: "social_media",
  web_report: "web",
  email: "email",
};

const EMPTY: Applicant = {
  applicantType: "person",
  applicantName: "",
  identityType: "nik",
  identityNumber: "",
  occupation: "",
  address: "",
  phone: "",
  email: null,
  information: "",
  purpose: "",
  accessMethod: "copy",
  copyForm: "soft_copy",
  delivery: "pick_up",
};

/** Messages of the fields nested under `prefix` in a failed request ("applicant.identityNumber" → identityNumber). */
function errorsUnder(error: unknown, prefix: string): Record<string, string> {
  const details =
    error instanceof ApiError && Array.isArray(error.details)
      ? (error.details as { path?: string; message?: string }[])
      : [];
  return Object.fromEntries(
    details.flatMap((issue) =>
      issue.path?.startsWith(`${prefix}.`) && issue.message ? [[issue.path.split(".")[1]!, issue.message]] : [],
    ),
  );
}

/** Staff register a request that came in person, by phone, letter or e-mail, or from an inbox item. */
export function NewRequestPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const fromItem = params.get("fromItem") ?? undefined;
  const units = usePpidUnits();
  const [channel, setChannel] = useState<Channel>("in_person");
  const [unitId, setUnitId] = useState("");
  const [applicant, setApplicant] = useState<Applicant>(EMPTY);
  const [registered, setRegistered] = useState<RegisteredPpidRequest | null>(null);
  const set = <K extends keyof Applicant>(key: K, value: Applicant[K]) =>
    setApplicant((current) => ({ ...current, [key]: value }));
  const save = useAction(() =>
    ppidApi.register({
      channel,
      ...(unitId && { unitId }),
      ...(fromItem && { inboxItemId: fromItem }),
      applicant: { ...applicant, email: applicant.email || null },
    }),
  );
  const errors = fieldErrorsOf(save.error);
  const applicantErrors = errorsUnder(save.error, "applicant");

  // From an inbox item: its author and words to start from, and the channel it came by.
  useEffect(() => {
    if (!fromItem) return;
    void api.get<InboxItemDetail>(`/inbox/${fromItem}`).then(({ item }) => {
      setChannel(CHANNEL_OF_SOURCE[item.source]);
      setApplicant((current) => ({
        ...current,
        applicantName: item.author.name,
        information: item.text,
        email: item.contact?.email ?? null,
        phone: item.contact?.phone ?? "",
      }));
    });
  }, [fromItem]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await save.run();
    if (done) setRegistered(done);
  };

  if (registered)
    return (
      <Page title={t("ppid.new.title")}>
        <Notice>
          {t("ppid.new.registered", { number: registered.request.registrationNumber, code: registered.accessCode })}
        </Notice>
        <p>{t("ppid.new.giveReceipt")}</p>
        <p>
          <a className="button" href={`${registered.trackingPath}/surat/receipt`}>
            {t("ppid.letters.receipt")}
          </a>{" "}
          <Link to={`/ppid/requests/${registered.request.id}`}>{t("ppid.new.open")}</Link>
        </p>
      </Page>
    );

  return (
    <Page title={t("ppid.new.title")}>
      {fromItem && <p className="muted">{t("ppid.new.fromItem")}</p>}
      <form className="form panel" onSubmit={(event) => void submit(event)}>
        <SelectField
          label={t("ppid.field.channel")}
          value={channel}
          onChange={(e) => setChannel(e.target.value as Channel)}
        >
          <LabelledOptions values={keys(CHANNELS)} labels={CHANNELS} />
        </SelectField>
        <SelectField
          label={t("ppid.field.unit")}
          hint={t("ppid.new.unitHint")}
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          error={errors.unitId}
        >
          <option value="">{t("ppid.new.defaultUnit")}</option>
          {(units.data ?? []).map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </SelectField>
        <FieldGroup legend={t("ppid.request.applicant")}>
          <SelectField
            label={t("ppid.field.applicantType")}
            value={applicant.applicantType}
            onChange={(e) => set("applicantType", e.target.value as Applicant["applicantType"])}
          >
            <LabelledOptions values={keys(APPLICANT_TYPES)} labels={APPLICANT_TYPES} />
          </SelectField>
          <TextField
            label={t("ppid.field.applicant")}
            required
            maxLength={100}
            value={applicant.applicantName}
            onChange={(e) => set("applicantName", e.target.value)}
            error={applicantErrors.applicantName}
          />
          <SelectField
            label={t("ppid.field.identityType")}
            value={applicant.identityType}
            onChange={(e) => set("identityType", e.target.value as Applicant["identityType"])}
          >
            <LabelledOptions values={keys(IDENTITY_TYPES)} labels={IDENTITY_TYPES} />
          </SelectField>
          <TextField
            label={t("ppid.field.identityNumber")}
            required
            maxLength={60}
            autoComplete="off"
            value={applicant.identityNumber}
            onChange={(e) => set("identityNumber", e.target.value)}
            error={applicantErrors.identityNumber}
          />
          <TextField
            label={t("ppid.field.occupation")}
            maxLength={100}
            value={applicant.occupation ?? ""}
            onChange={(e) => set("occupation", e.target.value)}
          />
          <TextAreaField
            label={t("ppid.field.address")}
            required
            rows={2}
            maxLength={300}
            value={applicant.address}
            onChange={(e) => set("address", e.target.value)}
            error={applicantErrors.address}
          />
          <TextField
            label={t("ppid.field.phone")}
            type="tel"
            maxLength={25}
            value={applicant.phone ?? ""}
            onChange={(e) => set("phone", e.target.value)}
            error={applicantErrors.phone}
          />
          <TextField
            label={t("ppid.field.email")}
            type="email"
            maxLength={254}
            value={applicant.email ?? ""}
            onChange={(e) => set("email", e.target.value)}
            error={applicantErrors.email}
          />
        </FieldGroup>
        <FieldGroup legend={t("ppid.request.information")}>
          <TextAreaField
            label={t("ppid.field.information")}
            required
            rows={4}
            minLength={10}
            maxLength={5000}
            value={applicant.information}
            onChange={(e) => set("information", e.target.value)}
            error={applicantErrors.information}
          />
          <TextAreaField
            label={t("ppid.field.purpose")}
            required
            rows={2}
            minLength={5}
            maxLength={2000}
            value={applicant.purpose}
            onChange={(e) => set("purpose", e.target.value)}
            error={applicantErrors.purpose}
          />
          <SelectField
            label={t("ppid.field.accessMethod")}
            value={applicant.accessMethod}
            onChange={(e) => set("accessMethod", e.target.value as Applicant["accessMethod"])}
          >
            <LabelledOptions values={keys(ACCESS_METHODS)} labels={ACCESS_METHODS} />
          </SelectField>
          {applicant.accessMethod === "copy" && (
            <SelectField
              label={t("ppid.field.copyForm")}
              value={applicant.copyForm ?? "soft_copy"}
              onChange={(e) => set("copyForm", e.target.value as Applicant["copyForm"])}
            >
              <LabelledOptions values={keys(COPY_FORMS)} labels={COPY_FORMS} />
            </SelectField>
          )}
          <SelectField
            label={t("ppid.field.delivery")}
            value={applicant.delivery}
            onChange={(e) => set("delivery", e.target.value as Applicant["delivery"])}
          >
            <LabelledOptions values={keys(DELIVERIES)} labels={DELIVERIES} />
          </SelectField>
        </FieldGroup>
        <ErrorAlert error={save.error} />
        <div className="actions">
          <button type="submit" disabled={save.busy}>
            {t("ppid.new.submit")}
          </button>
        </div>
      </form>
    </Page>
  );
}
