#!/usr/bin/env bash
# PostgreSQL for the team-store tests (test/contract/postgres.test.ts, test/integration/postgres*):
# Debian's package, only when initdb is missing. The tests start their own private cluster on a free
# port in a temporary directory (as root, via `runuser -u postgres`); nothing here starts a server.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
