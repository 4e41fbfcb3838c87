-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "areaCode" TEXT,
ADD COLUMN     "officialName" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Unit_areaCode_key" ON "Unit"("areaCode");

