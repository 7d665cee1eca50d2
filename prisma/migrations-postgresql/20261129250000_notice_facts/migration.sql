-- AlterTable
ALTER TABLE "BackorderLine" ADD COLUMN     "customerLocale" TEXT,
ADD COLUMN     "orderUnits" INTEGER;

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "shopName" TEXT;

