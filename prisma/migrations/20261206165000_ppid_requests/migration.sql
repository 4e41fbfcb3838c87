-- CreateEnum
CREATE TYPE "PpidChannel" AS ENUM ('web', 'in_person', 'phone', 'letter', 'email', 'social_media');

-- CreateEnum
CREATE TYPE "PpidApplicantType" AS ENUM ('person', 'organisation', 'legal_body');

-- CreateEnum
CREATE TYPE "PpidIdentityType" AS ENUM ('nik', 'deed', 'passport', 'other');

-- CreateEnum
CREATE TYPE "PpidAccessMethod" AS ENUM ('view', 'copy');

-- CreateEnum
CREATE TYPE "PpidCopyForm" AS ENUM ('soft_copy', 'hard_copy');

-- CreateEnum
CREATE TYPE "PpidDelivery" AS ENUM ('pick_up', 'post', 'courier', 'email');

-- CreateEnum
CREATE TYPE "PpidRequestStatus" AS ENUM ('received', 'in_process', 'decided');

-- CreateEnum
CREATE TYPE "PpidDecision" AS ENUM ('granted', 'granted_in_part', 'refused', 'not_held', 'not_yet_documented');

-- CreateEnum
CREATE TYPE "PpidObjectionStatus" AS ENUM ('filed', 'answered');

-- CreateEnum
CREATE TYPE "PpidObjectionOutcome" AS ENUM ('accepted', 'rejected');

-- CreateEnum
CREATE TYPE "PpidDisputeOutcome" AS ENUM ('mediation_agreement', 'granted', 'granted_in_part', 'rejected', 'withdrawn', 'dismissed');

-- CreateTable
CREATE TABLE "PpidRequest" (
    "id" UUID NOT NULL,
    "registrationNumber" TEXT NOT NULL,
    "accessCodeSealed" TEXT NOT NULL,
    "channel" "PpidChannel" NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "unitId" UUID NOT NULL,
    "status" "PpidRequestStatus" NOT NULL DEFAULT 'received',
    "noticeDueOn" DATE NOT NULL,
    "extendedDueOn" DATE,
    "extensionReason" TEXT,
    "extendedAt" TIMESTAMP(3),
    "extendedById" UUID,
    "internalDueOn" DATE,
    "registeredById" UUID,
    "inboxItemId" UUID,
    "applicantType" "PpidApplicantType" NOT NULL,
    "applicantName" TEXT NOT NULL,
    "identityType" "PpidIdentityType" NOT NULL,
    "identityNumberSealed" TEXT NOT NULL,
    "identityNumberMasked" TEXT NOT NULL,
    "occupation" TEXT,
    "address" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "information" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "accessMethod" "PpidAccessMethod" NOT NULL,
    "copyForm" "PpidCopyForm",
    "delivery" "PpidDelivery" NOT NULL,
    "publicSummary" TEXT,
    "decision" "PpidDecision",
    "decidedAt" TIMESTAMP(3),
    "decidedById" UUID,
    "noticeForm" "PpidCopyForm",
    "exemptions" TEXT[],
    "consequenceTest" TEXT,
    "exemptionEndsOn" DATE,
    "redactedParts" TEXT,
    "timeNeeded" TEXT,
    "feeRupiah" INTEGER NOT NULL DEFAULT 0,
    "feeNote" TEXT,
    "whereToAsk" TEXT,
    "decisionNote" TEXT,
    "noticeEmail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PpidRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PpidForwarding" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "fromUnitId" UUID NOT NULL,
    "toUnitId" UUID NOT NULL,
    "internalDueOn" DATE NOT NULL,
    "note" TEXT,
    "byId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PpidForwarding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PpidFile" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "redactedFromId" UUID,
    "redactionNote" TEXT,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" UUID NOT NULL,
    "mimeType" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PpidFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PpidSurvey" (
    "requestId" UUID NOT NULL,
    "satisfaction" INTEGER NOT NULL,
    "timely" BOOLEAN NOT NULL,
    "asRequested" BOOLEAN NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PpidSurvey_pkey" PRIMARY KEY ("requestId")
);

-- CreateTable
CREATE TABLE "PpidObjection" (
    "id" UUID NOT NULL,
    "registrationNumber" TEXT NOT NULL,
    "requestId" UUID NOT NULL,
    "channel" "PpidChannel" NOT NULL,
    "reasons" TEXT[],
    "statement" TEXT NOT NULL,
    "representativeName" TEXT,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "answerDueOn" DATE NOT NULL,
    "registeredById" UUID,
    "status" "PpidObjectionStatus" NOT NULL DEFAULT 'filed',
    "outcome" "PpidObjectionOutcome",
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answeredById" UUID,
    "answeredByTitle" TEXT,
    "disputeFilingEndsOn" DATE,
    "answerEmail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PpidObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PpidDispute" (
    "id" UUID NOT NULL,
    "objectionId" UUID NOT NULL,
    "filedOn" DATE NOT NULL,
    "caseNumber" TEXT,
    "note" TEXT,
    "outcome" "PpidDisputeOutcome",
    "outcomeOn" DATE,
    "outcomeNote" TEXT,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PpidDispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PpidDisputeHearing" (
    "id" UUID NOT NULL,
    "disputeId" UUID NOT NULL,
    "heldOn" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PpidDisputeHearing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PpidCounter" (
    "scope" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "PpidCounter_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "PpidAnnualReport" (
    "id" UUID NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "unitId" UUID,
    "year" INTEGER NOT NULL,
    "sections" JSONB NOT NULL DEFAULT '{}',
    "updatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PpidAnnualReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PpidRequest_registrationNumber_key" ON "PpidRequest"("registrationNumber");

-- CreateIndex
CREATE UNIQUE INDEX "PpidRequest_inboxItemId_key" ON "PpidRequest"("inboxItemId");

-- CreateIndex
CREATE INDEX "PpidRequest_unitId_status_receivedAt_idx" ON "PpidRequest"("unitId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "PpidRequest_status_noticeDueOn_idx" ON "PpidRequest"("status", "noticeDueOn");

-- CreateIndex
CREATE INDEX "PpidRequest_receivedAt_id_idx" ON "PpidRequest"("receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "PpidForwarding_requestId_at_idx" ON "PpidForwarding"("requestId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "PpidFile_storageKey_key" ON "PpidFile"("storageKey");

-- CreateIndex
CREATE INDEX "PpidFile_requestId_createdAt_idx" ON "PpidFile"("requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PpidObjection_registrationNumber_key" ON "PpidObjection"("registrationNumber");

-- CreateIndex
CREATE INDEX "PpidObjection_requestId_idx" ON "PpidObjection"("requestId");

-- CreateIndex
CREATE INDEX "PpidObjection_status_answerDueOn_idx" ON "PpidObjection"("status", "answerDueOn");

-- CreateIndex
CREATE INDEX "PpidObjection_filedAt_idx" ON "PpidObjection"("filedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PpidDispute_objectionId_key" ON "PpidDispute"("objectionId");

-- CreateIndex
CREATE INDEX "PpidDisputeHearing_disputeId_heldOn_idx" ON "PpidDisputeHearing"("disputeId", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "PpidAnnualReport_scopeKey_key" ON "PpidAnnualReport"("scopeKey");

-- CreateIndex
CREATE INDEX "PpidAnnualReport_year_idx" ON "PpidAnnualReport"("year");

-- AddForeignKey
ALTER TABLE "PpidRequest" ADD CONSTRAINT "PpidRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidRequest" ADD CONSTRAINT "PpidRequest_inboxItemId_fkey" FOREIGN KEY ("inboxItemId") REFERENCES "InboxItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidForwarding" ADD CONSTRAINT "PpidForwarding_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PpidRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidFile" ADD CONSTRAINT "PpidFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PpidRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidFile" ADD CONSTRAINT "PpidFile_redactedFromId_fkey" FOREIGN KEY ("redactedFromId") REFERENCES "PpidFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidSurvey" ADD CONSTRAINT "PpidSurvey_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PpidRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidObjection" ADD CONSTRAINT "PpidObjection_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PpidRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidDispute" ADD CONSTRAINT "PpidDispute_objectionId_fkey" FOREIGN KEY ("objectionId") REFERENCES "PpidObjection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidDisputeHearing" ADD CONSTRAINT "PpidDisputeHearing_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "PpidDispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

