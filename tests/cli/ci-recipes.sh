#!/bin/bash
# Runs the preflight-cli commands of docs/ci.md's GitHub Actions and GitLab CI jobs, as written there, in a
# temporary git repository holding the examples: `main` on a remote, and a branch that removes a property
# journeys filter on (a breaking change made on purpose). Checks each command's exit code and output.
#   ci-recipes.sh PATH/TO/preflight-cli docs/ci.md resources/examples
set -euo pipefail
CLI=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DOC=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
EXAMPLES=$(cd "$3" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PATH="$(dirname "$CLI"):$PATH" PREFLIGHT_SANDBOX_ORIGIN=in-process
git_() { git -c user.name=CI -c user.email=ci@example.com -c init.defaultBranch=main "$@"; }

# The commands of one job: every line from `preflight-cli` to its end, between two headings.
commands() { sed -n "/^## $1/,/^## /p" "$DOC" | grep -o 'preflight-cli .*'; }

git_ init -q --bare "$WORK/origin.git"
git_ clone -q "$WORK/origin.git" "$WORK/repo" 2>/dev/null
cd "$WORK/repo"
mkdir -p resources && cp -r "$EXAMPLES" resources/examples
git_ add resources && git_ commit -qm "the plan on main" && git_ push -q origin HEAD:main
git_ checkout -qb feature
sed -i 's/"name": "cart_value"/"name": "basket_value"/' resources/examples/d2c.plan.json
git_ commit -qam "rename cart_value"
git_ fetch -q origin main

check() { # name expected-exit command...
  local name=$1 expected=$2
  shift 2
  set +e
  bash -c "$*" > "$WORK/out" 2> "$WORK/err"
  local status=$?
  set -e
  if [ "$status" != "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected: $*"; cat "$WORK/out" "$WORK/err"; exit 1
  fi
  echo "ok   $name (exit $status): $*"
}

for job in "GitHub Actions" "GitLab CI"; do
  found=0
  while IFS= read -r line; do
    found=$((found + 1))
    line=${line//'${{ github.base_ref }}'/main}
    line=${line//'$CI_MERGE_REQUEST_TARGET_BRANCH_NAME'/main}
    case "$line" in
      *" lint "*)
        # The journeys still filter on cart_value: lint fails the branch too.
        check "$job lint" 1 "$line"
        grep -q "unknown_property_reference" "$WORK/out" || { echo "FAIL $job lint missed the journey"; exit 1; } ;;
      *" diff "*)
        check "$job diff" 1 "$line"
        grep -q "property_removed" "$WORK/out" || { echo "FAIL $job diff names no property_removed"; exit 1; }
        grep -q "cart_recovery trigger filter cart_value" "$WORK/out" ||
          { echo "FAIL $job diff names no journey"; exit 1; } ;;
      *" run "*)
        # late-purchase.scenario.json fails on purpose.
        check "$job run" 1 "$line"
        grep -q '<testsuite' report.xml || { echo "FAIL $job run wrote no JUnit report"; exit 1; }
        if [[ "$line" == *"--format sarif"* ]]; then
          grep -q '"version": "2.1.0"' run.sarif || { echo "FAIL $job run wrote no SARIF"; exit 1; }
        fi ;;
      *) echo "FAIL $job: a command this script does not know: $line"; exit 1 ;;
    esac
  done < <(commands "$job")
  [ "$found" -ge 3 ] || { echo "FAIL $job: expected lint, diff and run in docs/ci.md, found $found"; exit 1; }
done
echo "docs/ci.md: every command ran as documented"
