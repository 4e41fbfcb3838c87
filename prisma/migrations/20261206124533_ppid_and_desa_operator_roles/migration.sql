-- CreateEnum
CREATE TYPE "PpidLevel" AS ENUM ('utama', 'pelaksana');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'ppid';
ALTER TYPE "Role" ADD VALUE 'desa_operator';

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "ppidLevel" "PpidLevel",
ADD COLUMN     "ppidSuperiorId" UUID;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_ppidSuperiorId_fkey" FOREIGN KEY ("ppidSuperiorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

