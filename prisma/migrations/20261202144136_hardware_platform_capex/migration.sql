-- AlterTable
ALTER TABLE "Hardware" ADD COLUMN "platformCapexSource" TEXT;
ALTER TABLE "Hardware" ADD COLUMN "platformCapexUsdPerGpu" REAL;

