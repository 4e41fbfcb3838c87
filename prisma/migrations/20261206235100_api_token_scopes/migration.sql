-- CreateEnum
CREATE TYPE "ApiTokenScope" AS ENUM ('read', 'inbox', 'publishing', 'ppid', 'admin');

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scopes" "ApiTokenScope"[] DEFAULT ARRAY['read', 'inbox', 'publishing', 'ppid', 'admin']::"ApiTokenScope"[],
ADD COLUMN     "unitLimitId" UUID;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_unitLimitId_fkey" FOREIGN KEY ("unitLimitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

