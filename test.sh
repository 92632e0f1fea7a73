#!/usr/bin/env bash
# The project's one test command (README). It installs what the tests need on a fresh machine
# (Chromium from Debian, the Node packages of the protocol tests), then runs every test project:
# first the unit, integration and protocol tests, then the slower browser tests (category EndToEnd).
set -euo pipefail
cd "$(dirname "$0")"

bash build/install-test-deps.sh

dotnet build SupportAssistant.sln --configuration Release
# The bot tests start several hundred in-process hosts; one test process keeps too much of each of them (about 60 MB
# a test, over 24 GB by the end), so they run in three processes of about a third each.
bot_groups=(
  "Intake Channel Turns SemanticKernel"
  "Admin Auth Fuzz Metrics RateLimits Security Hosting"
)
dotnet test SupportAssistant.sln --configuration Release --no-build --filter "Category!=EndToEnd&FullyQualifiedName!~Assistant.Bot.Tests." "$@"
rest="Category!=EndToEnd"
for group in "${bot_groups[@]}"; do
  filter=""
  for ns in $group; do
    filter="${filter:+$filter|}FullyQualifiedName~Assistant.Bot.Tests.$ns."
    rest="$rest&FullyQualifiedName!~Assistant.Bot.Tests.$ns."
  done
  dotnet test tests/Assistant.Bot.Tests --configuration Release --no-build --filter "Category!=EndToEnd&($filter)" "$@"
done
dotnet test tests/Assistant.Bot.Tests --configuration Release --no-build --filter "$rest" "$@"
dotnet test SupportAssistant.sln --configuration Release --no-build --filter "Category=EndToEnd" "$@"
