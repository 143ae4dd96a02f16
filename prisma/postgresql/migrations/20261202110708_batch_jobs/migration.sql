-- CreateTable
CREATE TABLE "BatchJob" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT NOT NULL DEFAULT 'full',
    "ownerKeyId" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BatchJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchJobItem" (
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "BatchJobItem_pkey" PRIMARY KEY ("jobId","index")
);

-- CreateTable
CREATE TABLE "BatchJobResult" (
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "line" TEXT NOT NULL,

    CONSTRAINT "BatchJobResult_pkey" PRIMARY KEY ("jobId","index")
);

-- CreateIndex
CREATE INDEX "BatchJob_status_idx" ON "BatchJob"("status");

-- CreateIndex
CREATE INDEX "BatchJob_ownerKeyId_idx" ON "BatchJob"("ownerKeyId");

