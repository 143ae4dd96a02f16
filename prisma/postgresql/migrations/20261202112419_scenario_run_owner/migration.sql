-- AlterTable
ALTER TABLE "ScenarioRun" ADD COLUMN     "ownerKeyId" TEXT;

