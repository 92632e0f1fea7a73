#!/usr/bin/env bash
# Installs what the browser, protocol and e-mail tests need, once: Debian's Chromium, Debian's aiosmtpd (the SMTP
# server the e-mail tests start), Debian's nginx (the TLS reverse proxy of the proxy test), and the Node packages.
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

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is required for tests/protocol (DirectLineJS) and to fetch WebChat at build time" >&2
  exit 1
fi

echo "Installing the Node packages of the protocol tests (npm ci in tests/protocol)"
(cd tests/protocol && npm ci --no-audit --no-fund --silent)
