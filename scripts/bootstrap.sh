#!/usr/bin/env bash
# Sets up a Debian 12 machine for Preflight and builds it, then launches the console or runs the tests.
#   scripts/bootstrap.sh launch   install what is missing, build, open the console on the embedded sandbox
#   scripts/bootstrap.sh test     install what is missing, build, run the whole CTest suite
#   scripts/bootstrap.sh build    install what is missing, build
# `test` then builds the suite again with clang under AddressSanitizer and UndefinedBehaviorSanitizer, with
# the libFuzzer targets of tests/fuzz, in build-sanitize/, and runs it: the whole suite, then each fuzz
# target over its corpus and PREFLIGHT_FUZZ_SECONDS (default 20) of mutation.
# Environment: PREFLIGHT_BUILD_DIR (default: build), PREFLIGHT_BUILD_TYPE (default: RelWithDebInfo),
# PREFLIGHT_CMAKE_ARGS (extra configure arguments), PREFLIGHT_SANITIZE_BUILD_DIR (default: build-sanitize),
# PREFLIGHT_SANITIZED_SUITE=0 (skip the sanitizer build, for a quick local run; CI never sets it).
# Under CI=true warnings are errors.
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

# npm installs the pinned client libraries of tests/conformance. Debian ships it as a package of its own;
# a Node.js from elsewhere (NodeSource) brings its own npm and conflicts with Debian's, so it is only
# installed when there is none.
install_npm() {
  command -v npm >/dev/null && return 0
  echo "bootstrap: installing npm"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends npm
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

# The same suite built by clang with ASan+UBSan and libFuzzer coverage, plus the fuzz targets.
sanitized_build_and_test() {
  local dir=${PREFLIGHT_SANITIZE_BUILD_DIR:-$root/build-sanitize}
  local werror=OFF
  [ "${CI:-}" = "true" ] && werror=ON
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
  # shellcheck disable=SC2046
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DPREFLIGHT_FUZZ=ON -DPREFLIGHT_BUILD_BENCH=OFF \
    -DPREFLIGHT_FUZZ_SECONDS="${PREFLIGHT_FUZZ_SECONDS:-20}" -DPREFLIGHT_WERROR=$werror $(compiler_cache_args)
  cmake --build "$dir" --parallel "$(nproc)"
  echo "bootstrap: the suite under ASan+UBSan, then the fuzz targets"
  (cd "$dir" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 LSAN_OPTIONS=suppressions="$root/tests/fuzz/lsan.supp" \
    ctest --output-on-failure --parallel "$(nproc)" "$@")
}

install_packages
install_npm
configure_and_build

case "$action" in
  build) ;;
  launch)
    exec "$build_dir/app/gui/preflight" "$@" ;;
  test)
    (cd "$build_dir" && ctest --output-on-failure --parallel "$(nproc)" "$@")
    [ "${PREFLIGHT_SANITIZED_SUITE:-1}" = 0 ] || sanitized_build_and_test "$@" ;;
  *)
    echo "usage: scripts/bootstrap.sh launch|test|build" >&2
    exit 2 ;;
esac
