-- CreateTable
CREATE TABLE "Hardware" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "memoryGb" DOUBLE PRECISION NOT NULL,
    "memoryBandwidthTBps" DOUBLE PRECISION NOT NULL,
    "tflopsBf16" DOUBLE PRECISION,
    "tflopsFp8" DOUBLE PRECISION,
    "tflopsFp4" DOUBLE PRECISION,
    "tdpWatts" DOUBLE PRECISION,
    "interconnect" TEXT,
    "interconnectGBps" DOUBLE PRECISION,
    "usdPerGpuHour" DOUBLE PRECISION,
    "cloudPriceSource" TEXT,
    "purchaseUsdPerGpu" DOUBLE PRECISION,
    "purchasePriceSource" TEXT,
    "vendorClaim" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Hardware_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "license" TEXT NOT NULL,
    "licenseName" TEXT,
    "iso42001Certified" BOOLEAN NOT NULL DEFAULT false,
    "architecture" TEXT NOT NULL,
    "totalParamsB" DOUBLE PRECISION NOT NULL,
    "activeParamsB" DOUBLE PRECISION NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiOffering" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "modelId" TEXT,
    "contextWindowTokens" INTEGER,
    "inputUsdPerMtok" DOUBLE PRECISION NOT NULL,
    "cachedInputUsdPerMtok" DOUBLE PRECISION,
    "outputUsdPerMtok" DOUBLE PRECISION NOT NULL,
    "batchDiscountFraction" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "longContextThresholdTokens" INTEGER,
    "longContextInputUsdPerMtok" DOUBLE PRECISION,
    "longContextCachedInputUsdPerMtok" DOUBLE PRECISION,
    "longContextOutputUsdPerMtok" DOUBLE PRECISION,
    "estimate" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiOffering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "request" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceDataLoad" (
    "dataVersion" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inserted" INTEGER NOT NULL,

    CONSTRAINT "ReferenceDataLoad_pkey" PRIMARY KEY ("dataVersion")
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

