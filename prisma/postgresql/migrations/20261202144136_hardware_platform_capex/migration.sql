-- AlterTable
ALTER TABLE "Hardware" ADD COLUMN     "platformCapexSource" TEXT,
ADD COLUMN     "platformCapexUsdPerGpu" DOUBLE PRECISION;

