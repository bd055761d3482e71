# syntax=docker/dockerfile:1
# huurhulp: two stages. `deps` installs the production dependencies from the lock file; `runtime` copies
# them with the sources and runs as the unprivileged `node` user. tsx runs the TypeScript directly (as
# `npm start` does) and esbuild builds the widget at start, so both are production dependencies.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY content ./content
COPY dialogs ./dialogs
COPY locales ./locales
USER node
EXPOSE 3000
# /healthz answers 503 when the store is not reachable.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node directly (exec form), so a stop ends in-flight work cleanly.
CMD ["node", "--import", "tsx", "src/main.ts"]
