-- CreateTable
CREATE TABLE "BatchJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT NOT NULL DEFAULT 'full',
    "ownerKeyId" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "BatchJobItem" (
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "body" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "index")
);

-- CreateTable
CREATE TABLE "BatchJobResult" (
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "line" TEXT NOT NULL,

    PRIMARY KEY ("jobId", "index")
);

-- CreateIndex
CREATE INDEX "BatchJob_status_idx" ON "BatchJob"("status");

-- CreateIndex
CREATE INDEX "BatchJob_ownerKeyId_idx" ON "BatchJob"("ownerKeyId");

