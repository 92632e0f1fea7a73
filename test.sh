#!/usr/bin/env bash
# The project's one test command (README). It installs what the tests need on a fresh machine
# (Chromium from Debian, the Node packages of the protocol tests), then runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

bash build/install-test-deps.sh

dotnet test SupportAssistant.sln --configuration Release --logger "console;verbosity=normal" "$@"
