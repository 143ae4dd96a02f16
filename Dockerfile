# syntax=docker/dockerfile:1
# Breakeven production image. Build: docker build -t breakeven .
# Run:   docker run -p 3000:3000 -v breakeven-data:/var/lib/breakeven breakeven
#        (DATABASE_URL=postgresql://... switches to PostgreSQL; see compose.yaml for two instances)
# Every step below is a command CI also runs (npm ci, npm run build); see test/dockerfile.test.ts.

# ---- build stage: compile TypeScript and generate the Prisma client ----
FROM node:26-bookworm-slim AS build
WORKDIR /app
# Toolchain for better-sqlite3 when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev

# ---- runtime stage: only what the service needs to run ----
FROM node:26-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/var/lib/breakeven/breakeven.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations
COPY prisma/postgresql/migrations ./prisma/postgresql/migrations
COPY data/reference ./data/reference
RUN mkdir -p /var/lib/breakeven && chown node:node /var/lib/breakeven
USER node
VOLUME ["/var/lib/breakeven"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The service applies pending migrations and loads the reference data at start, not at build.
CMD ["node", "dist/src/server.js"]
