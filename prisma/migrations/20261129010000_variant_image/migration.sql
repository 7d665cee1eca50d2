-- AlterTable
ALTER TABLE "TrackedVariant" ADD COLUMN "imageUrl" TEXT;
