import type { PpidRequest } from "@web/api/types";
import { useI18n } from "@web/i18n";
import { COPY_FORMS, DECISIONS, EXEMPTIONS, type EXEMPTION_LETTERS } from "@web/pages/ppid/labels";
import { useDay } from "./DeadlineBadge";

/** What the written notice states, as issued. */
export function NoticeDetails({ request }: { request: PpidRequest }) {
  const { t, formatDateTime } = useI18n();
  const day = useDay();
  const notice = request.notice!;
  const rows: [string, string | null][] = [
    [t("ppid.decide.decision"), t(DECISIONS[notice.decision])],
    [t("ppid.notice.decidedAt"), notice.decidedAt && `${formatDateTime(notice.decidedAt)} · ${notice.by?.name ?? ""}`],
    [t("ppid.decide.noticeForm"), notice.noticeForm && t(COPY_FORMS[notice.noticeForm])],
    [
      t("ppid.decide.exemptions"),
      notice.exemptions
        .map((letter) => `${letter}. ${t(EXEMPTIONS[letter as (typeof EXEMPTION_LETTERS)[number]])}`)
        .join("; ") || null,
    ],
    [t("ppid.decide.consequenceTest"), notice.consequenceTest],
    [t("ppid.decide.exemptionEndsOn"), notice.exemptionEndsOn && day(notice.exemptionEndsOn)],
    [t("ppid.decide.redactedParts"), notice.redactedParts],
    [t("ppid.decide.timeNeeded"), notice.timeNeeded],
    [t("ppid.decide.fee"), notice.feeRupiah > 0 ? `Rp${notice.feeRupiah.toLocaleString("id-ID")}` : null],
    [t("ppid.decide.whereToAsk"), notice.whereToAsk],
    [t("ppid.decide.note"), notice.note],
    [
      t("ppid.notice.email"),
      notice.email
        ? notice.email.status === "sent"
          ? t("ppid.notice.emailSent")
          : t("ppid.notice.emailFailed", { reason: notice.email.reason ?? "" })
        : null,
    ],
  ];
  return (
    <section className="panel">
      <h2>{t("ppid.notice.title")}</h2>
      <dl className="ppid-facts">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="citizen-text">{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
