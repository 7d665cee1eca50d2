-- Moving waiting lines to a location that has the units: "off" | "suggest" | "automatic".
ALTER TABLE "ShopSettings" ADD COLUMN "locationMoves" TEXT NOT NULL DEFAULT 'off';
-- Where the line could ship now (from the last variant sync), and where a move was asked for (the engine or the merchant).
ALTER TABLE "BackorderLine" ADD COLUMN "canMoveTo" TEXT;
ALTER TABLE "BackorderLine" ADD COLUMN "moveTo" TEXT;
