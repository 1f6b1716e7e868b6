# Rituals: a two-stage image. The build stage has the dev dependencies and compiles TypeScript; the
# runtime stage gets only the compiled code and the production dependencies, and runs as a non-root user.
# test/e2e/production.test.ts runs these same steps (build, prune, copy, start, health) without Docker.

FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary; the compilers are the fallback for platforms without one.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build
# Drop the dev dependencies here, so the runtime stage copies the native modules built above as they are.
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/rituals.sqlite \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
COPY migrations ./migrations
COPY scripts/start.mjs scripts/healthcheck.mjs ./scripts/
# The database lives in the volume, owned by the unprivileged user the bot runs as.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME /data
# HTTP mode serves Slack's requests and /healthz on PORT. Socket Mode needs no inbound port for Slack,
# but set HEALTH_PORT so the HEALTHCHECK below has a /healthz to ask.
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# node, not npm: the bot itself is PID 1 and gets SIGTERM directly, so it stops cleanly.
CMD ["node", "scripts/start.mjs"]
