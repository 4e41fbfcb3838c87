import type { Locale } from "@server/i18n/locale.js";
import { isoDateOf, type PpidCalendar } from "@server/ppid/calendar.js";
import { issuerOf, type PpidCase } from "@server/ppid/cases.js";
import {
  ACCESS_METHOD_LABELS,
  CHANNEL_LABELS,
  COPY_FORM_LABELS,
  DECISION_LABELS,
  DELIVERY_LABELS,
  DISPUTE_OUTCOME_LABELS,
  EXEMPTIONS,
  type Exemption,
  IDENTITY_TYPE_LABELS,
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_REASONS,
  type ObjectionReason,
  STATUS_LABELS,
} from "@server/ppid/codes.js";
import { effectiveDueOn, noticeDeadline, objectionWindows } from "@server/ppid/deadlines.js";
import { citizenPage } from "@server/routes/public/citizenPages.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import type { Site } from "@server/routes/public/publicPosts.js";
import { paragraphs } from "@server/routes/public/text.js";
import { applicantFiles, type Opened } from "./access.js";
import { otherLanguageLink } from "./language.js";
import { localized } from "./text.js";
import { PPID_TEXT, type PpidText } from "./applicantText.js";

const DAY_FORMATS = {
  id: new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};

/** "24 Agustus 2026" / "24 August 2026", from a YYYY-MM-DD date. */
export function formatDay(date: string, lang: Locale): string {
  return DAY_FORMATS[lang].format(new Date(`${date}T00:00:00Z`));
}

const row = (label: string, value: SafeMarkup | string | null | undefined) =>
  value ? html`<dt>${label}</dt><dd>${value}</dd>` : html``;

export type CasePageNotices = { justFiled?: boolean; objectionFiled?: string; surveyed?: boolean };

/** The applicant's page for their case: where it stands, its letters, files, objections and the survey. */
export function casePage(
  site: Site,
  lang: Locale,
  { request, base }: Opened,
  calendar: PpidCalendar,
  now: Date,
  notices: CasePageNotices,
): string {
  const t = PPID_TEXT[lang];
  const day = (date: Date | string) => formatDay(typeof date === "string" ? date : isoDateOf(date), lang);
  const deadline = noticeDeadline(request, now, calendar);
  const stateWord = { ok: null, warning: null, overdue: t.overdue, met: t.onTime, late: t.late }[deadline.state];
  const windows = objectionWindows(request, now, calendar).filter((window) => window.open);
  const code = base.split("/").at(-1)!;
  const main = html`${otherLanguageLink(lang, base, t.otherLanguage)}
<h1>${t.caseTitle}</h1>
${notices.justFiled && html`<div class="pemberitahuan" role="status"><p><strong>${t.received}</strong></p><p>${t.keepCode}</p></div>`}
${notices.objectionFiled && html`<div class="pemberitahuan" role="status"><p><strong>${t.objectSent} ${notices.objectionFiled}</strong></p></div>`}
${notices.surveyed && html`<div class="pemberitahuan" role="status"><p>${t.surveyThanks}</p></div>`}
<p class="nomor">${request.registrationNumber}</p>
<dl class="status">
${row(t.accessCode, code)}
${row(t.status, html`<strong>${STATUS_LABELS[request.status][lang]}</strong>`)}
${row(t.handledBy, issuerOf(request.unit))}
${row(t.receivedOn, day(calendar.dateOf(request.receivedAt)))}
${row(t.channel, CHANNEL_LABELS[request.channel][lang])}
${row(t.noticeDue, html`${day(effectiveDueOn(request))}${request.extendedDueOn && html` (${t.extendedTo} ${day(request.extendedDueOn)})`}${stateWord && html` · <strong>${stateWord}</strong>`}`)}
</dl>
<h2>${t.yourRequest}</h2>
<dl class="status">
${row(t.name, request.applicantName)}
${row(t.identity, `${IDENTITY_TYPE_LABELS[request.identityType][lang]}: ${request.identityNumberMasked}`)}
${row(t.information, paragraphs(request.information))}
${row(t.purpose, paragraphs(request.purpose))}
${row(t.accessMethod, `${ACCESS_METHOD_LABELS[request.accessMethod][lang]}${request.copyForm ? ` (${COPY_FORM_LABELS[request.copyForm][lang]})` : ""}`)}
${row(t.delivery, DELIVERY_LABELS[request.delivery][lang])}
</dl>
<h2>${t.letters}</h2>
<ul>
<li><a href="${base}/surat/receipt">${t.receiptLetter}</a></li>
${request.extendedAt && html`<li><a href="${base}/surat/extension">${t.extensionLetter}</a></li>`}
${request.decidedAt && html`<li><a href="${base}/surat/notice">${t.noticeLetter}</a></li>`}
</ul>
${history(request, t, lang, day)}
${decisionSection(request, t, lang, day)}
${request.decision && filesSection(request, base, t)}
${objectionsSection(request, base, t, lang, day)}
<h2>${t.objectTitle}</h2>
<p>${t.objectIntro}</p>
${
  windows.length === 0
    ? html`<p>${t.objectNone}</p>`
    : html`<ul>${windows.map((w) => html`<li>${OBJECTION_REASONS[w.reason][lang]}: ${t.objectUntil} ${day(w.filingEndsOn)}</li>`)}</ul>
<p><a href="${localized(`${base}/keberatan`, lang)}">${t.objectTitle}</a></p>`
}
${request.decision && !request.survey && html`<p><a href="${localized(`${base}/survei`, lang)}">${t.surveyTitle}</a></p>`}`;
  return citizenPage(site, {
    title: `${t.caseTitle} ${request.registrationNumber}`,
    description: t.caseTitle,
    main,
    lang,
  });
}

function history(request: PpidCase, t: PpidText, lang: Locale, day: (d: Date | string) => string): SafeMarkup {
  const events: { at: Date; text: string }[] = [
    { at: request.receivedAt, text: t.historyReceived },
    ...request.forwardings.map((f) => ({ at: f.at, text: `${t.historyForwarded} PPID` })),
    ...(request.extendedAt
      ? [{ at: request.extendedAt, text: `${t.historyExtended}: ${request.extensionReason ?? ""}` }]
      : []),
    ...(request.decidedAt && request.decision
      ? [{ at: request.decidedAt, text: `${t.historyDecided}: ${DECISION_LABELS[request.decision][lang]}` }]
      : []),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return html`<h2>${t.history}</h2>
<ol class="linimasa">${events.map((event) => html`<li><p class="meta"><time datetime="${event.at.toISOString()}">${day(event.at)}</time></p><p>${event.text}</p></li>`)}</ol>`;
}

function decisionSection(request: PpidCase, t: PpidText, lang: Locale, day: (d: Date | string) => string): SafeMarkup {
  if (!request.decision) return html``;
  return html`<h2>${t.decision}</h2>
<dl class="status">
${row(t.decision, html`<strong>${DECISION_LABELS[request.decision][lang]}</strong>`)}
${request.exemptions.length > 0 && row(t.exemptions, html`<ul>${request.exemptions.map((letter) => html`<li>${letter}: ${EXEMPTIONS[letter as Exemption][lang]}</li>`)}</ul>`)}
${row(t.consequenceTest, request.consequenceTest && paragraphs(request.consequenceTest))}
${row(t.exemptionUntil, request.exemptionEndsOn && day(request.exemptionEndsOn))}
${row(t.redactedParts, request.redactedParts && paragraphs(request.redactedParts))}
${row(t.whereToAsk, request.whereToAsk)}
${row(t.copyForm, request.noticeForm && COPY_FORM_LABELS[request.noticeForm][lang])}
${row(t.timeNeeded, request.timeNeeded)}
${request.decision !== "refused" && request.decision !== "not_held" && request.decision !== "not_yet_documented" && row(t.fee, request.feeRupiah > 0 ? `Rp${request.feeRupiah.toLocaleString("id-ID")}${request.feeNote ? ` (${request.feeNote})` : ""}` : t.free)}
${row(t.decisionNote, request.decisionNote && paragraphs(request.decisionNote))}
</dl>`;
}

function filesSection(request: PpidCase, base: string, t: PpidText): SafeMarkup {
  const files = applicantFiles(request);
  return html`<h2>${t.files}</h2>
${
  files.length === 0
    ? html`<p>${t.noFiles}</p>`
    : html`<ul>${files.map((file) => html`<li><a href="${base}/berkas/${file.id}" download>${t.download}: ${file.originalName}</a> (${Math.max(1, Math.round(file.bytes / 1024))} KB)</li>`)}</ul>`
}`;
}

function objectionsSection(
  request: PpidCase,
  base: string,
  t: PpidText,
  lang: Locale,
  day: (d: Date | string) => string,
): SafeMarkup {
  if (request.objections.length === 0) return html``;
  return html`<h2>${t.objections}</h2>
<ol class="linimasa">${request.objections.map(
    (objection) => html`<li>
<p><strong>${objection.registrationNumber}</strong> · ${t.objectionFiled} ${day(objection.filedAt)}</p>
<ul>${objection.reasons.map((letter) => html`<li>${OBJECTION_REASONS[letter as ObjectionReason][lang]}</li>`)}</ul>
<p><a href="${base}/keberatan/${objection.registrationNumber}/surat/receipt">${t.objectionLetter}</a></p>
${
  objection.answeredAt && objection.outcome
    ? html`<p>${t.answered} ${day(objection.answeredAt)}: <strong>${OBJECTION_OUTCOME_LABELS[objection.outcome][lang]}</strong></p>
${paragraphs(objection.answer ?? "")}
<p><a href="${base}/keberatan/${objection.registrationNumber}/surat/answer">${t.answerLetter}</a></p>
${objection.disputeFilingEndsOn && html`<p>${t.disputeUntil} ${day(objection.disputeFilingEndsOn)}.</p>`}`
    : html`<p>${t.notAnswered}. ${t.answerDue}: ${day(objection.answerDueOn)}</p>`
}
${objection.dispute && html`<p>${t.disputeFiled}: ${day(objection.dispute.filedOn)}${objection.dispute.outcome && html` · ${DISPUTE_OUTCOME_LABELS[objection.dispute.outcome][lang]}`}</p>`}
</li>`,
  )}</ol>`;
}
