-- AlterTable
ALTER TABLE "Scenario" ADD COLUMN     "nameLower" TEXT NOT NULL DEFAULT '';

-- Backfill (written by hand): existing names lower-cased by the database; the service writes
-- nameLower itself (String.prototype.toLowerCase) on every create and replace.
UPDATE "Scenario" SET "nameLower" = lower("name");
