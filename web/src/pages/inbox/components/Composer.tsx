import { useRef, useState, type FormEvent } from "react";
import { api, ApiError } from "@web/api/client";
import type { CannedResponse, InboxItem, WhatsAppReplyOptions } from "@web/api/types";
import { ErrorAlert, Notice } from "@web/components/Alerts";
import { FieldGroup, SelectField, TextAreaField } from "@web/components/Field";
import { useAction } from "@web/hooks/useAction";
import { useLoad } from "@web/hooks/useLoad";
import { useI18n } from "@web/i18n";
import { useSession } from "@web/session/SessionProvider";
import { fillResponse, responsesFor } from "@web/pages/inbox/cannedResponses";
import { useShortcuts } from "@web/pages/inbox/hooks/keyboard";
import { REPLY_DESTINATION } from "@web/pages/inbox/labels";
import type { ItemWrite } from "@web/pages/inbox/hooks/useInboxItem";
import { inboxApi } from "@web/pages/inbox/api";
import { initialTemplate, WhatsAppReplyChoice } from "./WhatsAppReply";

type Mode = "reply" | "note";

/** Why a platform refused a reply, in its own plain words (422 reply_rejected). */
function rejectionReason(error: unknown): string | null {
  const reason = error instanceof ApiError ? (error.details as { reason?: unknown } | null)?.reason : null;
  return typeof reason === "string" ? reason : null;
}

/** Answers the citizen on their channel, or leaves a note only staff see; "r" jumps here to reply. */
export function Composer({
  item,
  whatsapp,
  write,
  onTyping,
}: {
  item: InboxItem;
  /** WhatsApp items: the service window and the templates listed for the number. */
  whatsapp: WhatsAppReplyOptions | null;
  write: ItemWrite;
  onTyping(typing: boolean): void;
}) {
  const { t } = useI18n();
  const act = useAction(write);
  const [mode, setMode] = useState<Mode>("reply");
  const [text, setText] = useState("");
  const [sent, setSent] = useState<Mode | null>(null);
  const [previewed, setPreviewed] = useState<CannedResponse | null>(null);
  const [whatsappTemplate, setWhatsappTemplate] = useState(() => initialTemplate(whatsapp));
  // Outside the window only a template can go: without one listed, there is nothing to send.
  const replyBlocked = mode === "reply" && !!whatsapp && !whatsapp.windowOpen && !whatsappTemplate;
  const form = useRef<HTMLFormElement>(null);
  const cannedResponses = useLoad(
    async () => (await api.get<{ data: CannedResponse[] }>("/canned-responses", { forItem: item.id })).data,
    [item.id],
  );
  const site = useSession().session!.instance;
  const templates = responsesFor(cannedResponses.data ?? [], item, site);

  useShortcuts({
    r: () => {
      setMode("reply");
      form.current?.querySelector("textarea")?.focus();
    },
  });

  const edit = (value: string) => {
    setText(value);
    setSent(null);
    onTyping(value.length > 0);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      !(await act.run((id) =>
        mode === "reply"
          ? inboxApi.reply(id, { text, ...(whatsappTemplate ? { templateId: whatsappTemplate } : {}) })
          : inboxApi.note(id, { text }),
      ))
    )
      return;
    setSent(mode);
    setText("");
    onTyping(false);
  };
  const reason = rejectionReason(act.error);

  return (
    <form ref={form} className="panel form composer-box" onSubmit={submit} aria-labelledby="composer-title">
      <h2 id="composer-title">{t("composer.title")}</h2>
      <FieldGroup legend={t("composer.mode")} className="choices composer-box__modes">
        {(["reply", "note"] as const).map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="composer-mode"
              value={option}
              checked={mode === option}
              onChange={() => setMode(option)}
            />
            {t(option === "reply" ? "composer.reply" : "composer.note")}
          </label>
        ))}
      </FieldGroup>
      {mode === "reply" && templates.length > 0 && (
        <SelectField
          label={t("composer.template")}
          value={previewed?.id ?? ""}
          onChange={(e) => setPreviewed(templates.find((template) => template.id === e.target.value) ?? null)}
        >
          <option value="">{t("composer.chooseTemplate")}</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.title} ({template.language.toUpperCase()})
            </option>
          ))}
        </SelectField>
      )}
      {mode === "reply" && previewed && (
        <section className="template-preview" aria-label={t("composer.templatePreview")}>
          <p className="muted">{t("composer.templatePreview")}</p>
          <p className="template-preview__text" data-testid="template-preview">
            {fillResponse(previewed, item, site)}
          </p>
          <button
            type="button"
            className="button--secondary"
            onClick={() => {
              edit(fillResponse(previewed, item, site));
              setPreviewed(null);
            }}
          >
            {t("composer.useTemplate")}
          </button>
        </section>
      )}
      {mode === "reply" && whatsapp && (
        <WhatsAppReplyChoice
          item={item}
          options={whatsapp}
          templateId={whatsappTemplate}
          onTemplate={setWhatsappTemplate}
          text={text}
        />
      )}
      <TextAreaField
        label={t(mode === "reply" ? "composer.replyText" : "composer.noteText")}
        hint={mode === "reply" ? t(REPLY_DESTINATION[item.source]) : t("composer.noteHint")}
        rows={5}
        required
        value={text}
        onChange={(e) => edit(e.target.value)}
        onBlur={() => onTyping(false)}
      />
      <ErrorAlert error={act.error} />
      {reason && <p className="alert alert--error">{reason}</p>}
      {sent && <Notice>{t(sent === "reply" ? "composer.replySent" : "composer.noteSaved")}</Notice>}
      <button
        type="submit"
        className={mode === "note" ? "button--secondary" : undefined}
        disabled={act.busy || !text.trim() || replyBlocked}
      >
        {t(mode === "reply" ? "composer.sendReply" : "composer.saveNote")}
      </button>
    </form>
  );
}
