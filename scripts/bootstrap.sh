#!/usr/bin/env bash
# Sets up a Debian 12 machine for Preflight and builds it, then launches the console or runs the tests.
#   scripts/bootstrap.sh launch   install what is missing, build, open the console on the embedded sandbox
#   scripts/bootstrap.sh test     install what is missing, build, run the whole CTest suite
#   scripts/bootstrap.sh build    install what is missing, build
# Environment: PREFLIGHT_BUILD_DIR (default: build), PREFLIGHT_BUILD_TYPE (default: RelWithDebInfo),
# PREFLIGHT_CMAKE_ARGS (extra configure arguments). Under CI=true warnings are errors.
set -euo pipefail

action=${1:-build}
shift || true
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PREFLIGHT_BUILD_DIR:-$root/build}

install_packages() {
  local wanted=() missing=()
  mapfile -t wanted < <(grep -vE '^\s*(#|$)' "$root/scripts/debian-packages.txt")
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# ccache (in the package list) makes a rebuild in another checkout of the same sources cheap: paths are
# hashed relative to the checkout, so clones in different folders share the cache.
compiler_cache_args() {
  command -v ccache >/dev/null || return 0
  echo "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache"
}

configure_and_build() {
  local werror=OFF
  [ "${CI:-}" = "true" ] && werror=ON
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
  # shellcheck disable=SC2086
  cmake -S "$root" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE="${PREFLIGHT_BUILD_TYPE:-RelWithDebInfo}" \
    -DPREFLIGHT_WERROR=$werror $(compiler_cache_args) ${PREFLIGHT_CMAKE_ARGS:-}
  cmake --build "$build_dir" --parallel "$(nproc)"
}

install_packages
configure_and_build

case "$action" in
  build) ;;
  launch)
    exec "$build_dir/app/gui/preflight" "$@" ;;
  test)
    cd "$build_dir"
    exec ctest --output-on-failure --parallel "$(nproc)" "$@" ;;
  *)
    echo "usage: scripts/bootstrap.sh launch|test|build" >&2
    exit 2 ;;
esac
