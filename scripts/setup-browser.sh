#!/usr/bin/env bash
# Headless Chromium for the candidate pages' browser tests (test/e2e/candidate-pages.e2e-spec.ts).
# playwright-core (a devDependency) drives Debian's `chromium` package; it downloads no browser.
# Idempotent: does nothing when a Chromium is already there. Set VIGIE_CHROMIUM to use another one.
set -euo pipefail

chromium=${VIGIE_CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  echo "chromium: $("$chromium" --version 2>/dev/null || echo "$chromium")"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "chromium is missing and apt-get is not available: install Chromium and set VIGIE_CHROMIUM" >&2
  exit 1
fi
sudo=''
if [ "$(id -u)" != 0 ]; then sudo='sudo'; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
echo "chromium: $(/usr/bin/chromium --version)"
