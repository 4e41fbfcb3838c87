-- CreateTable
CREATE TABLE "CalendarChange" (
    "id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "change" TEXT NOT NULL,
    "kind" TEXT,
    "name" TEXT,
    "decree" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "decree" TEXT NOT NULL,
    "confirmedById" UUID,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarChange_date_key" ON "CalendarChange"("date");

