#!/usr/bin/env bash
# Runs every CollabCanvas test. Installs what the tests need when it is missing: Debian's chromium for the
# browser tests (Playwright drives it; nothing is downloaded by Playwright itself), postgresql for the Postgres tests
# and redis-server for the several-web-nodes tests.
# Results: test-results/trx/*.trx (read by .ci/run), screenshots in test-results/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is needed (dotnet was not found on PATH)." >&2
  exit 2
fi

# What is missing: chromium for the browser tests, postgresql for the Postgres tests (they start a throwaway server;
# its binaries live in /usr/lib/postgresql/<version>/bin, and the package adds the postgres user they run as under root),
# redis-server for the cluster tests (they start a throwaway one on a free loopback port; the package's own service is
# not needed).
missing=()
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then missing+=(postgresql); fi
if [ ! -x /usr/bin/redis-server ]; then missing+=(redis-server); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing Debian's ${missing[*]} for the tests..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

rm -rf test-results/trx
dotnet test CollabCanvas.sln --results-directory test-results/trx "$@"
