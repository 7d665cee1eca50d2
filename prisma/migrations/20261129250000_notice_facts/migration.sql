-- What customer emails need, stored when a line starts waiting and at each full sync, so sending reads nothing.
ALTER TABLE "BackorderLine" ADD COLUMN "customerLocale" TEXT;
ALTER TABLE "BackorderLine" ADD COLUMN "orderUnits" INTEGER;
ALTER TABLE "ShopSettings" ADD COLUMN "shopName" TEXT;
