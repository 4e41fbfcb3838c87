-- CreateTable
CREATE TABLE "SignInFailureCount" (
    "key" TEXT NOT NULL,
    "firstFailureAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "SignInFailureCount_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SignInKnownAddress" (
    "accountKey" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInKnownAddress_pkey" PRIMARY KEY ("accountKey","ip")
);

-- CreateIndex
CREATE INDEX "SignInFailureCount_firstFailureAt_idx" ON "SignInFailureCount"("firstFailureAt");

-- CreateIndex
CREATE INDEX "SignInKnownAddress_lastSuccessAt_idx" ON "SignInKnownAddress"("lastSuccessAt");

