# Siar application image: Node 20 on Debian, the web app built in, the server run by node with
# tsx's loader (no npx, no npm at run time), as the unprivileged user `node`.
FROM node:20-bookworm-slim
# pg_dump and pg_restore for `npm run backup` / `npm run restore` against PostgreSQL 15.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client-15 \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# Dev dependencies are needed to build the web app; tsx runs the server's TypeScript.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build
# The application stays root's and read-only to the server; only the data and backup folders are its own.
RUN mkdir -p /data /backups && chown node:node /data /backups
USER node
ENV SIAR_DATA_DIR=/data BACKUP_DIR=/backups PORT=3000
VOLUME ["/data", "/backups"]
EXPOSE 3000
# Start-up migrates and may build the dashboard once: give it time before failures count.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Compose adds an init (init: true) as PID 1 that forwards signals and reaps children.
CMD ["node", "--import", "tsx", "server/index.ts"]
