-- CreateTable
CREATE TABLE "Hardware" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "memoryGb" REAL NOT NULL,
    "memoryBandwidthTBps" REAL NOT NULL,
    "tflopsBf16" REAL,
    "tflopsFp8" REAL,
    "tflopsFp4" REAL,
    "tdpWatts" REAL,
    "interconnect" TEXT,
    "interconnectGBps" REAL,
    "usdPerGpuHour" REAL,
    "cloudPriceSource" TEXT,
    "purchaseUsdPerGpu" REAL,
    "purchasePriceSource" TEXT,
    "vendorClaim" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "license" TEXT NOT NULL,
    "licenseName" TEXT,
    "iso42001Certified" BOOLEAN NOT NULL DEFAULT false,
    "architecture" TEXT NOT NULL,
    "totalParamsB" REAL NOT NULL,
    "activeParamsB" REAL NOT NULL,
    "numLayers" INTEGER NOT NULL,
    "numAttentionLayers" INTEGER NOT NULL,
    "numSlidingWindowLayers" INTEGER NOT NULL DEFAULT 0,
    "slidingWindowTokens" INTEGER,
    "numKvHeads" INTEGER NOT NULL,
    "headDim" INTEGER NOT NULL,
    "globalNumKvHeads" INTEGER,
    "globalHeadDim" INTEGER,
    "kvLatentDim" INTEGER,
    "ssmStateElementsPerLayer" INTEGER,
    "hiddenSize" INTEGER NOT NULL,
    "numExperts" INTEGER,
    "numExpertsActive" INTEGER,
    "numSharedExperts" INTEGER,
    "nativeContextTokens" INTEGER NOT NULL,
    "nativeWeightPrecision" TEXT NOT NULL,
    "nonExpertWeightPrecision" TEXT,
    "estimate" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiOffering" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "modelId" TEXT,
    "contextWindowTokens" INTEGER,
    "inputUsdPerMtok" REAL NOT NULL,
    "cachedInputUsdPerMtok" REAL,
    "outputUsdPerMtok" REAL NOT NULL,
    "batchDiscountFraction" REAL NOT NULL DEFAULT 0,
    "longContextThresholdTokens" INTEGER,
    "longContextInputUsdPerMtok" REAL,
    "longContextCachedInputUsdPerMtok" REAL,
    "longContextOutputUsdPerMtok" REAL,
    "estimate" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "request" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReferenceDataLoad" (
    "dataVersion" TEXT NOT NULL PRIMARY KEY,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inserted" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "Hardware_vendor_idx" ON "Hardware"("vendor");

-- CreateIndex
CREATE INDEX "Model_vendor_idx" ON "Model"("vendor");

-- CreateIndex
CREATE INDEX "Model_architecture_idx" ON "Model"("architecture");

-- CreateIndex
CREATE INDEX "Model_license_idx" ON "Model"("license");

-- CreateIndex
CREATE INDEX "ApiOffering_provider_idx" ON "ApiOffering"("provider");

-- CreateIndex
CREATE INDEX "Scenario_name_idx" ON "Scenario"("name");

