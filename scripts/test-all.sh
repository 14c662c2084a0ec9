#!/usr/bin/env bash
# `npm test`: every check, each one run even when an earlier one failed; fails if any failed.
#   formatting (prettier) · type checks (svelte-check, engine tsc) · unit tests and the
#   conformance suite (vitest) · end-to-end tests in Chromium against the built static site
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()
run() {
	echo
	echo "▶ $*"
	"$@" || failed+=("$*")
}
run npm run lint
run npm run check
run npm run test:unit
run npm run test:e2e
echo
if [ ${#failed[@]} -gt 0 ]; then
	printf '✗ failed: %s\n' "${failed[@]}"
	exit 1
fi
echo '✓ all checks passed'
