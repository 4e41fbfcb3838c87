-- CreateEnum
CREATE TYPE "DipClass" AS ENUM ('berkala', 'serta_merta', 'setiap_saat', 'dikecualikan');

-- CreateEnum
CREATE TYPE "DipBody" AS ENUM ('pemerintah_desa', 'bpd', 'bum_desa');

-- CreateEnum
CREATE TYPE "DipStatus" AS ENUM ('draft', 'published', 'withdrawn');

-- CreateEnum
CREATE TYPE "DipFormat" AS ENUM ('softcopy', 'hardcopy');

-- CreateEnum
CREATE TYPE "DipFilePurpose" AS ENUM ('information', 'consequence_test');

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "sertaMerta" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DipItem" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "body" "DipBody",
    "class" "DipClass" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "responsibleOfficial" TEXT NOT NULL,
    "madeOn" DATE,
    "year" INTEGER NOT NULL,
    "period" TEXT,
    "formats" "DipFormat"[],
    "retention" TEXT NOT NULL,
    "exemptionLetter" TEXT,
    "consequenceTest" TEXT,
    "exemptionEndsAt" TIMESTAMP(3),
    "exemptionEndRecordedAt" TIMESTAMP(3),
    "status" "DipStatus" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawalReason" TEXT,
    "postId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DipItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DipFile" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "purpose" "DipFilePurpose" NOT NULL DEFAULT 'information',
    "name" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DipFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DipFileVersion" (
    "id" UUID NOT NULL,
    "fileId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DipFileVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PpidProfile" (
    "unitId" UUID NOT NULL,
    "about" TEXT NOT NULL,
    "requestProcedure" TEXT NOT NULL,
    "objectionProcedure" TEXT NOT NULL,
    "serviceStandard" TEXT NOT NULL,
    "serviceHours" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PpidProfile_pkey" PRIMARY KEY ("unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "DipItem_postId_key" ON "DipItem"("postId");

-- CreateIndex
CREATE INDEX "DipItem_status_publishedAt_idx" ON "DipItem"("status", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "DipItem_unitId_status_idx" ON "DipItem"("unitId", "status");

-- CreateIndex
CREATE INDEX "DipItem_updatedAt_id_idx" ON "DipItem"("updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "DipItem_class_exemptionEndsAt_idx" ON "DipItem"("class", "exemptionEndsAt");

-- CreateIndex
CREATE INDEX "DipFile_itemId_idx" ON "DipFile"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "DipFileVersion_storageKey_key" ON "DipFileVersion"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "DipFileVersion_fileId_version_key" ON "DipFileVersion"("fileId", "version");

-- AddForeignKey
ALTER TABLE "DipItem" ADD CONSTRAINT "DipItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DipItem" ADD CONSTRAINT "DipItem_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DipItem" ADD CONSTRAINT "DipItem_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DipFile" ADD CONSTRAINT "DipFile_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "DipItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DipFileVersion" ADD CONSTRAINT "DipFileVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "DipFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DipFileVersion" ADD CONSTRAINT "DipFileVersion_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PpidProfile" ADD CONSTRAINT "PpidProfile_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Full-text search of the DIP in Bahasa Indonesia (the same stemmer as the inbox), over what a
-- citizen reads on the list. Kept out of schema.prisma, which cannot express generated columns;
-- only raw queries use it.
ALTER TABLE "DipItem" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('indonesian', coalesce("title", '')), 'A') ||
    setweight(to_tsvector('indonesian', coalesce("summary", '') || ' ' || coalesce("period", '')), 'B') ||
    setweight(to_tsvector('indonesian', coalesce("responsibleOfficial", '')), 'C')
  ) STORED;
CREATE INDEX "DipItem_search_idx" ON "DipItem" USING GIN ("search");
