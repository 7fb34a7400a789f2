#!/bin/sh
# npm test: the type-check beside the mocha suite (which also runs the policy
# pack over every stack and DR mode), failing if either fails. Both get a
# larger young generation: they allocate heavily, and GC was a third of tsc.
set -u
nice -n 10 node --max-semi-space-size=256 node_modules/typescript/bin/tsc --noEmit & typecheck=$!
npx mocha; tests=$?
wait "$typecheck"; types=$?
[ "$types" -eq 0 ] && [ "$tests" -eq 0 ]
