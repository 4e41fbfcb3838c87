-- CreateTable
CREATE TABLE "EarlyWarning" (
    "id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "placeUnitId" UUID,
    "unitId" UUID,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "itemIds" TEXT[],

    CONSTRAINT "EarlyWarning_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EarlyWarning_status_raisedAt_idx" ON "EarlyWarning"("status", "raisedAt");

-- CreateIndex
CREATE INDEX "EarlyWarning_category_placeUnitId_raisedAt_idx" ON "EarlyWarning"("category", "placeUnitId", "raisedAt");

