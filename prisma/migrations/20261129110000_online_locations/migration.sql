-- Units sold below zero that no waiting online order accounts for.
ALTER TABLE "TrackedVariant" ADD COLUMN "unexplainedUnits" INTEGER NOT NULL DEFAULT 0;
