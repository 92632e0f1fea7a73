#!/usr/bin/env bash
# Installs what the browser, protocol and e-mail tests need, once: Debian's Chromium, Debian's aiosmtpd (the SMTP
# server the e-mail tests start), Debian's nginx (the TLS reverse proxy of the proxy test), Debian's PostgreSQL and
# Redis (the storage tests start throwaway servers of their own), and the Node packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# The e-mail tests run Debian's python3 (not a pyenv one) with its aiosmtpd module.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "Installing Debian's python3-aiosmtpd for the e-mail tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3-aiosmtpd >/dev/null
fi

# The proxy test runs nginx itself, with its own configuration in a temporary folder (no service is started).
if [ ! -x /usr/sbin/nginx ]; then
  echo "Installing Debian's nginx for the reverse proxy test"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx >/dev/null
fi

# The PostgreSQL storage tests run initdb and pg_ctl from /usr/lib/postgresql/<version>/bin on a temporary folder
# (tests/Assistant.Ticketing.Tests/Support/PostgresServer.cs); the cluster the package may create is not used.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing Debian's postgresql for the PostgreSQL storage tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

# Redis for the scale-out tests (live delivery across instances): started on a free port by the tests themselves.
if [ ! -x /usr/bin/redis-server ]; then
  echo "Installing Debian's redis-server for the scale-out tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
fi

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is required for tests/protocol (DirectLineJS) and to fetch WebChat at build time" >&2
  exit 1
fi

echo "Installing the Node packages of the protocol tests (npm ci in tests/protocol)"
(cd tests/protocol && npm ci --no-audit --no-fund --silent)
