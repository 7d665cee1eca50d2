-- The shop currency, for money on the admin pages without an Admin API call.
ALTER TABLE "ShopSettings" ADD COLUMN "currencyCode" TEXT;
