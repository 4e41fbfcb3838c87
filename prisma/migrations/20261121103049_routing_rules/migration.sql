-- CreateTable
CREATE TABLE "RoutingRule" (
    "id" UUID NOT NULL,
    "category" TEXT,
    "placeUnitId" UUID,
    "unitId" UUID NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoutingRule_priority_idx" ON "RoutingRule"("priority");

