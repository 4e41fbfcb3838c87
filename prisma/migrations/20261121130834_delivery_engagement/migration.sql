-- CreateTable
CREATE TABLE "DeliveryEngagement" (
    "deliveryId" UUID NOT NULL,
    "reactions" INTEGER NOT NULL DEFAULT 0,
    "comments" INTEGER NOT NULL DEFAULT 0,
    "shares" INTEGER NOT NULL DEFAULT 0,
    "views" INTEGER,
    "fetchedAt" TIMESTAMP(3),
    "lastErrorCode" TEXT,
    "lastErrorMessage" TEXT,
    "lastErrorAt" TIMESTAMP(3),

    CONSTRAINT "DeliveryEngagement_pkey" PRIMARY KEY ("deliveryId")
);

-- AddForeignKey
ALTER TABLE "DeliveryEngagement" ADD CONSTRAINT "DeliveryEngagement_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

