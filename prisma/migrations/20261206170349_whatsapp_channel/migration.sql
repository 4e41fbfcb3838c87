-- AlterEnum
ALTER TYPE "ChannelKind" ADD VALUE 'whatsapp';

-- AlterEnum
ALTER TYPE "InboxSource" ADD VALUE 'whatsapp_message';

