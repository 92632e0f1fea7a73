#!/usr/bin/env bash
# Installs what the browser and protocol tests need, once: Debian's Chromium, and the Node packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is required for tests/protocol (DirectLineJS) and to fetch WebChat at build time" >&2
  exit 1
fi

echo "Installing the Node packages of the protocol tests (npm ci in tests/protocol)"
(cd tests/protocol && npm ci --no-audit --no-fund --silent)
