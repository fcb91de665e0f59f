#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the real console under a virtual X server.
#   scripts/screenshots.sh [project]     default project: a fresh copy of resources/examples
# Environment: PREFLIGHT_BUILD_DIR (default: build), PREFLIGHT_APPEARANCE (light|dark, default: light).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PREFLIGHT_BUILD_DIR:-$root/build}
out_dir=$root/docs/screenshots
binary=$build_dir/app/gui/preflight

if [ ! -x "$binary" ]; then
  echo "screenshots: build the console first (cmake --build $build_dir --target preflight)" >&2
  exit 2
fi

project=${1:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [ -z "$project" ]; then
  # Work on a copy so the shots never touch the shipped examples.
  project=$scratch/d2c-project
  mkdir -p "$project"
  cp "$root"/resources/examples/*.json "$project"/ 2>/dev/null || true
fi

# Environments to show on the Environments page (settings only: no secrets are involved).
config_dir=$scratch/config/preflight
mkdir -p "$config_dir"
cli=$build_dir/app/cli/preflight-cli
if [ -x "$cli" ]; then
  PREFLIGHT_CONFIG_DIR=$config_dir PREFLIGHT_KEYCHAIN=off "$cli" env add staging --region us \
    --apis track-v1,track-v2,app >/dev/null
  PREFLIGHT_CONFIG_DIR=$config_dir PREFLIGHT_KEYCHAIN=off "$cli" env add production-eu --region eu \
    --apis track-v1,track-v2,pipelines,app --production >/dev/null
fi

mkdir -p "$out_dir"
xvfb-run -a -s "-screen 0 1600x1000x24" \
  env QT_QPA_PLATFORM=xcb HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" PREFLIGHT_CONFIG_DIR="$config_dir" \
  PREFLIGHT_DATA_DIR="$scratch/data" PREFLIGHT_KEYCHAIN=off \
  "$binary" --appearance "${PREFLIGHT_APPEARANCE:-light}" --screenshot "$out_dir" "$project"
