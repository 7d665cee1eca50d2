-- The counts the app last decided on, so the next event can tell stock that arrived from orders that left.
ALTER TABLE "VariantLevel" ADD COLUMN "onHand" INTEGER;
ALTER TABLE "VariantLevel" ADD COLUMN "unexplained" INTEGER NOT NULL DEFAULT 0;
