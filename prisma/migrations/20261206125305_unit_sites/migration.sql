-- CreateEnum
CREATE TYPE "SiteEntryKind" AS ENUM ('profile', 'potential', 'project', 'budget', 'download', 'agenda');

-- CreateEnum
CREATE TYPE "SiteEntryStatus" AS ENUM ('draft', 'in_review', 'returned', 'published');

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "siteEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "siteHost" TEXT,
ADD COLUMN     "siteReviewRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "slug" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "siteUnitId" UUID;

-- CreateTable
CREATE TABLE "SiteEntry" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "kind" "SiteEntryKind" NOT NULL,
    "status" "SiteEntryStatus" NOT NULL DEFAULT 'draft',
    "published" JSONB,
    "draft" JSONB,
    "reviewNote" TEXT,
    "submittedById" UUID,
    "submittedAt" TIMESTAMP(3),
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMP(3),
    "verifiedByUnitId" UUID,
    "verifiedAt" TIMESTAMP(3),
    "firstPublishedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "source" TEXT NOT NULL DEFAULT 'siar',
    "entryKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SiteEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteDocument" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "uploadedById" UUID,
    "mimeType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SitePushToken" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "SitePushToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SiteEntry_unitId_kind_publishedAt_idx" ON "SiteEntry"("unitId", "kind", "publishedAt");

-- CreateIndex
CREATE INDEX "SiteEntry_status_updatedAt_idx" ON "SiteEntry"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "SiteEntry_publishedAt_idx" ON "SiteEntry"("publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SiteEntry_unitId_kind_entryKey_key" ON "SiteEntry"("unitId", "kind", "entryKey");

-- CreateIndex
CREATE UNIQUE INDEX "SiteDocument_storageKey_key" ON "SiteDocument"("storageKey");

-- CreateIndex
CREATE INDEX "SiteDocument_unitId_idx" ON "SiteDocument"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "SitePushToken_unitId_key" ON "SitePushToken"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "SitePushToken_tokenHash_key" ON "SitePushToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_siteHost_key" ON "Unit"("siteHost");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_parentId_slug_key" ON "Unit"("parentId", "slug");

-- CreateIndex
CREATE INDEX "Post_siteUnitId_idx" ON "Post"("siteUnitId");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_siteUnitId_fkey" FOREIGN KEY ("siteUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteEntry" ADD CONSTRAINT "SiteEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteDocument" ADD CONSTRAINT "SiteDocument_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SitePushToken" ADD CONSTRAINT "SitePushToken_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

