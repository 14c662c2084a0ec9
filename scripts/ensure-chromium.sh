#!/usr/bin/env bash
# Makes sure a Chromium for the end-to-end tests exists, installing Debian's when it can.
# Order: $PLAYWRIGHT_CHROMIUM_EXECUTABLE, /usr/bin/chromium, Playwright's own download.
set -euo pipefail
if [ -n "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]; then
	[ -x "$PLAYWRIGHT_CHROMIUM_EXECUTABLE" ] && exit 0
	echo "PLAYWRIGHT_CHROMIUM_EXECUTABLE=$PLAYWRIGHT_CHROMIUM_EXECUTABLE is not executable" >&2
	exit 1
fi
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
	echo "Installing Debian's chromium for the end-to-end tests…"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	exit 0
fi
# Elsewhere (macOS, non-root Linux): Playwright's own browser.
npx playwright install chromium
