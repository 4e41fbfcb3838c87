#!/usr/bin/env bash
# Starts Siar as the README says for PostgreSQL (DATABASE_URL=... npm start) on a fresh
# database and checks that it becomes ready and the first administrator can sign in.
set -euo pipefail
db="siar_smoke_$$"
admin_url="${DATABASE_URL:?DATABASE_URL must point at a PostgreSQL server}"
base="${admin_url%/*}"
psql "$admin_url" -qc "CREATE DATABASE $db"
log=$(mktemp)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# npm start runs a tree of processes (npm → sh → tsx → node): start it in its own process
# group and end the whole group.
cleanup() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; }
data_dir=$(mktemp -d)
DATABASE_URL="$base/$db" PORT=$port SIAR_DATA_DIR="$data_dir" SIAR_ADMIN_EMAIL=admin@example.go.id \
  SIAR_SESSION_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" SIAR_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
  setsid npm start >"$log" 2>&1 &
pid=$!
trap cleanup EXIT
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:$port/readyz >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:$port/readyz | grep -q '"database":"postgres"' || { cat "$log"; exit 1; }
password=$(cat "$data_dir/first-admin-password.txt")
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d "{\"email\":\"admin@example.go.id\",\"password\":\"$password\"}" http://127.0.0.1:$port/api/auth/login)
[ "$status" = 200 ] || { echo "first administrator could not sign in ($status)"; cat "$log"; exit 1; }
echo "npm start on PostgreSQL: ready, first administrator signed in"
