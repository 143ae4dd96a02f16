-- CreateTable
CREATE TABLE "ScenarioRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scenarioId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "scheduledFor" DATETIME,
    "scenarioVersion" INTEGER NOT NULL,
    "evaluation" TEXT,
    "summary" TEXT,
    "changes" TEXT,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "ScenarioSchedule" (
    "scenarioId" TEXT NOT NULL PRIMARY KEY,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "nextDueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScenarioSchedule_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScenarioNotify" (
    "scenarioId" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "secret" TEXT,
    "events" TEXT NOT NULL,
    "breakEvenThresholdPercent" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScenarioNotify_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scenarioId" TEXT NOT NULL,
    "runId" TEXT,
    "event" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "signature" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "attemptLog" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ScenarioRun_scenarioId_createdAt_idx" ON "ScenarioRun"("scenarioId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioRun_scenarioId_number_key" ON "ScenarioRun"("scenarioId", "number");

-- CreateIndex
CREATE INDEX "ScenarioSchedule_nextDueAt_idx" ON "ScenarioSchedule"("nextDueAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_status_nextAttemptAt_idx" ON "NotificationDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_scenarioId_createdAt_idx" ON "NotificationDelivery"("scenarioId", "createdAt");

