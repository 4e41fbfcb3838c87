-- CreateTable
CREATE TABLE "UsedFormToken" (
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsedFormToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "UsedFormToken_expiresAt_idx" ON "UsedFormToken"("expiresAt");

