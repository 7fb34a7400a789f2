#!/bin/sh
# npm test: the type-check beside the mocha suite (which also runs the policy
# pack over every stack and DR mode), failing if either fails.
set -u
npx tsc --noEmit & typecheck=$!
npx mocha; tests=$?
wait "$typecheck"; types=$?
[ "$types" -eq 0 ] && [ "$tests" -eq 0 ]
