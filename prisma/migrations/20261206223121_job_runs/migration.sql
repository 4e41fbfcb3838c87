-- CreateTable
CREATE TABLE "JobRun" (
    "name" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "lastFailedAt" TIMESTAMP(3),
    "process" TEXT NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("name")
);

