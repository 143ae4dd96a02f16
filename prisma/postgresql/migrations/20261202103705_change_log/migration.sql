-- AlterTable
ALTER TABLE "Hardware" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ApiOffering" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ChangeRecord" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "requestId" TEXT,
    "entityKind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "version" INTEGER,
    "changes" TEXT NOT NULL,
    "record" TEXT,
    "source" TEXT,
    "valueAsOf" TEXT,
    "effectiveAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeRecord_entityKind_entityId_id_idx" ON "ChangeRecord"("entityKind", "entityId", "id");

-- CreateIndex
CREATE INDEX "ChangeRecord_entityKind_effectiveAt_idx" ON "ChangeRecord"("entityKind", "effectiveAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_at_idx" ON "ChangeRecord"("at");

-- CreateIndex
CREATE INDEX "ChangeRecord_actor_idx" ON "ChangeRecord"("actor");

