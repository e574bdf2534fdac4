# syntax=docker/dockerfile:1
# Basalt: build the TypeScript (and the dashboard, when its sources are there), then copy only what
# runs into a slim image that runs as the unprivileged `node` user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# compilers for the native modules (better-sqlite3, bcrypt) when no prebuilt binary fits the platform
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY ui/ ui/
COPY src/ src/
COPY bin/ bin/
# `npm ci` also compiles src/ to dist/ (the package's prepare script)
RUN npm ci
RUN if [ -f ui/index.html ]; then npm run build --workspace ui; fi && mkdir -p ui/dist
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    BASALT_DIR=/data \
    BASALT_HTTP=0.0.0.0:8090 \
    BASALT_PUBLIC_DIR=/app/public \
    BASALT_HOOKS_DIR=/app/hooks \
    BASALT_MIGRATIONS_DIR=/app/migrations
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules/ ./node_modules/
COPY --from=build /app/dist/ ./dist/
COPY --from=build /app/bin/ ./bin/
COPY --from=build /app/ui/dist/ ./ui/dist/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8090
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["node", "bin/basalt", "healthcheck"]
ENTRYPOINT ["node", "bin/basalt"]
CMD ["serve"]
