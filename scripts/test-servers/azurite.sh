#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator), pinned by scripts/test-servers/azurite/
# package-lock.json, into scripts/test-servers/azurite/node_modules (gitignored) with `npm ci`.
# Idempotent: it does nothing when that lock file is already installed. Run it or source it
# (scripts/test); the Azure connector tests also run it themselves when Azurite is missing.
# Needs Node.js 20+ and npm, and the npm registry.
_azurite_install() {
  local dir stamp
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/azurite"
  stamp="$dir/node_modules/.headwater-installed"
  if [ -x "$dir/node_modules/.bin/azurite-blob" ] && [ -f "$stamp" ] &&
    [ "$(cat "$stamp")" = "$(sha256sum <"$dir/package-lock.json")" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "headwater tests: npm is missing; install Node.js 20+ and npm to run the Azure tests" >&2
    return 1
  fi
  echo "headwater tests: installing Azurite from npm..." >&2
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >&2 || return 1
  sha256sum <"$dir/package-lock.json" >"$stamp"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _azurite_install
else
  _azurite_install || echo "headwater tests: Azurite is not installed; the Azure tests will fail" >&2
fi
