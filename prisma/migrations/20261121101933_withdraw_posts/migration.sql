-- AlterEnum
ALTER TYPE "PostStatus" ADD VALUE 'withdrawn';

-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'removed';

