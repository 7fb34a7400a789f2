#!/bin/sh
# npm test: the type-check, the mocha suite and the policy matrix side by side,
# failing if any of them fails. The policy table prints after the suite.
set -u
npx tsc --noEmit & typecheck=$!
policy_log=$(mktemp)
npm run -s policy >"$policy_log" 2>&1 & policy=$!
npx mocha; tests=$?
wait "$policy"; policies=$?
cat "$policy_log"; rm -f "$policy_log"
wait "$typecheck"; types=$?
[ "$types" -eq 0 ] && [ "$tests" -eq 0 ] && [ "$policies" -eq 0 ]
