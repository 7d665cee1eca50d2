-- The date the customer was promised for a waiting line, recorded once (ISO date, like shipsOn).
ALTER TABLE "BackorderLine" ADD COLUMN "promisedOn" TEXT;
