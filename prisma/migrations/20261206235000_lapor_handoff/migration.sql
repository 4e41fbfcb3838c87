-- CreateTable
CREATE TABLE "LaporHandoff" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "direction" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "followUpClass" TEXT NOT NULL,
    "handedAt" TIMESTAMP(3) NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LaporHandoff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LaporHandoff_itemId_key" ON "LaporHandoff"("itemId");

-- CreateIndex
CREATE INDEX "LaporHandoff_status_idx" ON "LaporHandoff"("status");

-- AddForeignKey
ALTER TABLE "LaporHandoff" ADD CONSTRAINT "LaporHandoff_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InboxItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

