#!/usr/bin/env bash
# Loads lyncplan's bash completion script (the built one, or the installed one) and asserts the
# candidates it offers, as bash would ask for them on <TAB>.
set -euo pipefail
script=${1:?usage: completion_test.sh COMPLETION_SCRIPT}
# shellcheck source=/dev/null
source "$script"

candidates() { # the words typed, the last one being completed
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _lyncplan
  echo "${COMPREPLY[*]}"
}
failures=0
expect() {
  local want=$1
  shift
  local got
  got=$(candidates "$@")
  if [[ $got != "$want" ]]; then
    echo "completion_test: '$*<TAB>' gave '$got'; expected '$want'" >&2
    failures=$((failures + 1))
  fi
}

expect "plan" lyncplan pl
expect "table json zone powershell nsupdate pdns nginx haproxy csv svg" lyncplan plan x.yaml --format ""
expect "table json zone powershell nsupdate pdns nginx haproxy csv svg" lyncplan plan x.yaml -f ""
expect "json" lyncplan plan x.yaml --format js
expect "--format" lyncplan plan x.yaml --form
expect "request" lyncplan certs req
expect "--force" lyncplan certs request x.yaml --forc
expect "on-premises hybrid teams-only" lyncplan cutover x.yaml --domain contoso.com --to ""
expect "init import" lyncplan i
expect "--prune" lyncplan apply x.yaml --pru
expect "--simulate" lyncplan report x.yaml --sim
# A file argument completes as a file name.
tmp=$(mktemp -d)
touch "$tmp/contoso.tbxml"
expect "$tmp/contoso.tbxml" lyncplan import "$tmp/con"
expect "$tmp/contoso.tbxml" lyncplan import x --addresses "$tmp/con"
rm -rf "$tmp"
if ((failures)); then
  exit 1
fi
echo "completion_test: all candidates as expected ($script)"
