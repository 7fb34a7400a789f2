// Import first in a command-line entry point. esbuild-register turns source
// maps on; with them on, Node parses the map of every module it loads and
// maps every stack trace the SDK captures (one per resource, for its source
// position): about a tenth of an offline plan. The CLIs report errors in one
// line, so they run without; DEBUG=1 keeps them for readable stack traces.
if (!process.env.DEBUG) process.setSourceMapsEnabled(false);
