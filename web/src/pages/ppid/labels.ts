import type {
  PpidAccessMethod,
  PpidApplicantType,
  PpidChannel,
  PpidCopyForm,
  PpidDecision,
  PpidDelivery,
  PpidDisputeOutcome,
  PpidIdentityType,
  PpidObjectionOutcome,
  PpidRequestStatus,
} from "@server/db/generated/enums";
import { EXEMPTION_LETTERS, type Exemption, OBJECTION_REASON_LETTERS, type ObjectionReason } from "@server/ppid/codes";
import type { DeadlineState } from "@server/ppid/deadlines";
import type { ObjectionLetter, RequestLetter } from "@server/ppid/letters";
import type { ObjectionView, RequestView } from "@server/ppid/listing";
import type { MessageKey } from "@web/i18n";

// Message keys for the PPID's codes (server/ppid/codes.ts words them for the public pages and PDFs).

export const CHANNELS: Record<PpidChannel, MessageKey> = {
  web: "ppid.channel.web",
  in_person: "ppid.channel.in_person",
  phone: "ppid.channel.phone",
  letter: "ppid.channel.letter",
  email: "ppid.channel.email",
  social_media: "ppid.channel.social_media",
};
export const APPLICANT_TYPES: Record<PpidApplicantType, MessageKey> = {
  person: "ppid.applicantType.person",
  organisation: "ppid.applicantType.organisation",
  legal_body: "ppid.applicantType.legal_body",
};
export const IDENTITY_TYPES: Record<PpidIdentityType, MessageKey> = {
  nik: "ppid.identityType.nik",
  deed: "ppid.identityType.deed",
  passport: "ppid.identityType.passport",
  other: "ppid.identityType.other",
};
export const ACCESS_METHODS: Record<PpidAccessMethod, MessageKey> = {
  view: "ppid.accessMethod.view",
  copy: "ppid.accessMethod.copy",
};
export const COPY_FORMS: Record<PpidCopyForm, MessageKey> = {
  soft_copy: "ppid.copyForm.soft_copy",
  hard_copy: "ppid.copyForm.hard_copy",
};
export const DELIVERIES: Record<PpidDelivery, MessageKey> = {
  pick_up: "ppid.delivery.pick_up",
  post: "ppid.delivery.post",
  courier: "ppid.delivery.courier",
  email: "ppid.delivery.email",
};
export const STATUSES: Record<PpidRequestStatus, MessageKey> = {
  received: "ppid.status.received",
  in_process: "ppid.status.in_process",
  decided: "ppid.status.decided",
};
export const DECISIONS: Record<PpidDecision, MessageKey> = {
  granted: "ppid.decision.granted",
  granted_in_part: "ppid.decision.granted_in_part",
  refused: "ppid.decision.refused",
  not_held: "ppid.decision.not_held",
  not_yet_documented: "ppid.decision.not_yet_documented",
};
export const OBJECTION_OUTCOMES: Record<PpidObjectionOutcome, MessageKey> = {
  accepted: "ppid.objectionOutcome.accepted",
  rejected: "ppid.objectionOutcome.rejected",
};
export const DISPUTE_OUTCOMES: Record<PpidDisputeOutcome, MessageKey> = {
  mediation_agreement: "ppid.disputeOutcome.mediation_agreement",
  granted: "ppid.disputeOutcome.granted",
  granted_in_part: "ppid.disputeOutcome.granted_in_part",
  rejected: "ppid.disputeOutcome.rejected",
  withdrawn: "ppid.disputeOutcome.withdrawn",
  dismissed: "ppid.disputeOutcome.dismissed",
};
export const DEADLINE_STATES: Record<DeadlineState, MessageKey> = {
  ok: "ppid.deadline.ok",
  warning: "ppid.deadline.warning",
  overdue: "ppid.deadline.overdue",
  met: "ppid.deadline.met",
  late: "ppid.deadline.late",
};
/** Pasal 17 a–j and Pasal 35(1) a–g, in the staff's words. */
export const EXEMPTIONS = Object.fromEntries(
  EXEMPTION_LETTERS.map((letter) => [letter, `ppid.exemption.${letter}`]),
) as Record<Exemption, MessageKey>;
export const REASONS = Object.fromEntries(
  OBJECTION_REASON_LETTERS.map((letter) => [letter, `ppid.reason.${letter}`]),
) as Record<ObjectionReason, MessageKey>;
export { EXEMPTION_LETTERS, OBJECTION_REASON_LETTERS };

export const REQUEST_VIEW_LABELS: Record<RequestView, MessageKey> = {
  all: "ppid.requests.view.all",
  open: "ppid.requests.view.open",
  due_soon: "ppid.requests.view.due_soon",
  overdue: "ppid.requests.view.overdue",
  decided: "ppid.requests.view.decided",
};
export const OBJECTION_VIEW_LABELS: Record<ObjectionView, MessageKey> = {
  mine: "ppid.objections.view.mine",
  open: "ppid.objections.view.open",
  overdue: "ppid.objections.view.overdue",
  answered: "ppid.objections.view.answered",
  all: "ppid.objections.view.all",
};
export const LETTER_LABELS: Record<RequestLetter | ObjectionLetter, MessageKey> = {
  receipt: "ppid.letters.receipt",
  notice: "ppid.letters.notice",
  extension: "ppid.letters.extension",
  answer: "ppid.letters.answer",
};
