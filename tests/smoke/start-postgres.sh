#!/usr/bin/env bash
# Starts Siar as the README says for PostgreSQL (DATABASE_URL=... npm start) on a fresh
# database and checks that it becomes ready and the first administrator can sign in.
set -euo pipefail
db="siar_smoke_$$"
admin_url="${DATABASE_URL:?DATABASE_URL must point at a PostgreSQL server}"
base="${admin_url%/*}"
psql "$admin_url" -qc "CREATE DATABASE $db"
log=$(mktemp)
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; }
DATABASE_URL="$base/$db" PORT=3999 SIAR_DATA_DIR="$(mktemp -d)" SIAR_ADMIN_EMAIL=admin@example.go.id \
  SIAR_SESSION_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" SIAR_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
  npm start >"$log" 2>&1 &
pid=$!
trap cleanup EXIT
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:3999/readyz >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:3999/readyz | grep -q '"database":"postgres"' || { cat "$log"; exit 1; }
password=$(grep -o '"temporaryPassword":"[^"]*"' "$log" | cut -d'"' -f4)
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d "{\"email\":\"admin@example.go.id\",\"password\":\"$password\"}" http://127.0.0.1:3999/api/auth/login)
[ "$status" = 200 ] || { echo "first administrator could not sign in ($status)"; cat "$log"; exit 1; }
echo "npm start on PostgreSQL: ready, first administrator signed in"
