#!/usr/bin/env bash
# The published shape of nnm works on its own: `npm pack` (which builds dist/ through `prepare`), then
# the tarball installed into a temporary prefix with no dev dependencies, the way a user without the
# clone installs it; its `nnm` must print the version and train on the bundled sample data.
# NOTE: --prefer-offline takes the dependencies from npm's cache, which `npm ci` has just filled, so
# the check adds seconds, not a second download; a cold cache still works (it fetches).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
packed=$SECONDS
# The tarball must carry what the command needs and not the sources' tests.
listing=$(tar -tzf "$tmp/$tarball")
for need in package/bin/nnm.js package/dist/cli/main.js package/sample-data/iris.csv package/templates/classify/iris.csv; do
  grep -qx "$need" <<<"$listing" || { echo "pack-check: $tarball lacks $need" >&2; exit 1; }
done
if grep -q '^package/\(test\|src\|\.ci\)/' <<<"$listing"; then
  echo "pack-check: $tarball carries test/, src/ or .ci/ (check \"files\" in package.json)" >&2
  exit 1
fi
npm install --global --prefix "$tmp/prefix" --omit=dev --prefer-offline --no-audit --no-fund "$tmp/$tarball" >/dev/null
installed=$SECONDS
nnm="$tmp/prefix/bin/nnm"
version=$("$nnm" --version)
[ "$version" = "$(node -p 'require("./package.json").version')" ] || { echo "pack-check: nnm --version printed '$version'" >&2; exit 1; }
# No dev dependency may have come along (vitest, typescript ... are the test side only).
if [ -d "$tmp/prefix/lib/node_modules/nnm/node_modules/vitest" ] || [ -d "$tmp/prefix/lib/node_modules/nnm/node_modules/typescript" ]; then
  echo "pack-check: dev dependencies were installed" >&2
  exit 1
fi
# Train from another folder, on the sample data the package ships, as a user of the tarball would.
(cd "$tmp" && NO_COLOR=1 "$nnm" train "$tmp/prefix/lib/node_modules/nnm/sample-data/iris.csv" --out "$tmp/run" --json --quiet > "$tmp/metrics.json")
node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!(m.test.accuracy >= 0.8)) { console.error(`pack-check: accuracy ${m.test.accuracy} < 0.8`); process.exit(1); }
  console.log(`pack-check: installed ${process.argv[2]} without dev dependencies; nnm ${process.argv[3]} trained iris, accuracy ${m.test.accuracy}`);
' "$tmp/metrics.json" "$tarball" "$version"
[ -f "$tmp/run/model.nnm.json" ] || { echo "pack-check: no model.nnm.json in the run folder" >&2; exit 1; }
# The ONNX export needs only runtime dependencies (protobufjs), not onnxruntime (a dev dependency).
NO_COLOR=1 "$nnm" export "$tmp/run/model.nnm.json" --format onnx --quiet
[ -s "$tmp/run/model.onnx" ] && [ -s "$tmp/run/model.onnx.json" ] || { echo "pack-check: nnm export wrote no model.onnx" >&2; exit 1; }
echo "pack-check: ${SECONDS} s in all (pack with its build ${packed} s, install $((installed - packed)) s, version and train $((SECONDS - installed)) s)"
