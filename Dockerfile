# syntax=docker/dockerfile:1
# huurhulp in three stages. `build` installs every dependency and compiles src/ to dist/ (`npm run build`, what
# `npm start` runs first; it also makes dist/prebuilt/, the browser bundles and the parsed YAML); `deps` installs
# the production dependencies only; `runtime` gets those, dist/ and the files the server reads at run time, and
# runs plain JavaScript as the unprivileged `node` user: no TypeScript compiler and no dev tools in the image.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
# The build also bundles the browser code with its strings and parses the YAML ahead of the start (dist/prebuilt/).
COPY content ./content
COPY dialogs ./dialogs
COPY locales ./locales
RUN npm run build

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
COPY --from=build /app/dist ./dist
COPY package.json tsconfig.json ./
COPY content ./content
COPY dialogs ./dialogs
COPY locales ./locales
# The build bundles the browser code (widget.js and the console page) into dist/prebuilt/; the server checks those
# bundles against these sources when it starts and bundles anew with esbuild only if one has changed.
COPY src/shared ./src/shared
COPY src/channels/web/widget ./src/channels/web/widget
COPY src/console/page ./src/console/page
USER node
EXPOSE 3000
# /healthz answers 503 when the store is not reachable.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node directly (exec form), so a stop ends in-flight work cleanly. Accounts:
# `docker compose exec huurhulp-1 node dist/cli/volunteer.js add <name>`.
CMD ["node", "dist/main.js"]
