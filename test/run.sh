#!/bin/sh
# npm test: the type-check beside the mocha suite (which also runs the policy
# pack over every stack and DR mode), failing if either fails. The type-check
# runs at nice 10: the suite's in-process renders are the critical path. Both
# get a larger young generation (package.json, .mocharc.json): they allocate
# heavily, and GC was a third of tsc.
set -u
nice -n 10 npm run -s typecheck & typecheck=$!
npx mocha; tests=$?
wait "$typecheck"; types=$?
[ "$types" -eq 0 ] && [ "$tests" -eq 0 ]
