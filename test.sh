#!/usr/bin/env bash
# The project's one test command (README). It installs what the tests need on a fresh machine
# (Chromium from Debian, the Node packages of the protocol tests), then runs every test project:
# first the unit, integration and protocol tests, then the slower browser tests (category EndToEnd).
set -euo pipefail
cd "$(dirname "$0")"

bash build/install-test-deps.sh

dotnet build SupportAssistant.sln --configuration Release
dotnet test SupportAssistant.sln --configuration Release --no-build --filter "Category!=EndToEnd" "$@"
dotnet test SupportAssistant.sln --configuration Release --no-build --filter "Category=EndToEnd" "$@"
