-- CreateTable
CREATE TABLE "WhatsAppMessageStatus" (
    "messageId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "errorCode" INTEGER,
    "errorTitle" TEXT,
    "category" TEXT,

    CONSTRAINT "WhatsAppMessageStatus_pkey" PRIMARY KEY ("messageId")
);

