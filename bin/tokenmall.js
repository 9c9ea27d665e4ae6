#!/usr/bin/env -S node --max-semi-space-size=64
// The `tokenmall` command: runs the compiled CLI (npm install builds it into dist/).
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv);
