import { Command, CommanderError } from 'commander';
import { registerApply } from './apply.command.js';
import { registerArchive } from './archive.command.js';
import { CliFailure, EXIT_MISUSE, EXIT_REJECTED } from './exit-codes.js';
import { registerServe } from './serve.command.js';
import { registerSimulate } from './simulate.command.js';
import { registerState } from './state.command.js';
import { registerVerify } from './verify.command.js';
import { registerVerifyProof } from './verify-proof.command.js';

/** Runs `tokenmall <command>` and returns the exit code (CONTRACTS.md "Command line"). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('tokenmall')
    .description('Tokenmall: a token points mall you can own')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerSimulate(program);
  registerServe(program);
  registerArchive(program);
  registerApply(program);
  registerVerify(program);
  registerVerifyProof(program);
  registerState(program);
  try {
    await program.parseAsync(argv as string[]);
    // A command that went on after a rejected input (apply, verify) sets process.exitCode itself.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_MISUSE;
    }
    if (isEnvironmentError(error)) {
      // The database or the file system said no (unreachable server, missing file, SQL constraint):
      // a plain message, not a stack trace. Anything else is a bug and crashes loudly.
      process.stderr.write(`error: ${(error as Error).message}\n`);
      return EXIT_REJECTED;
    }
    throw error;
  }
}

/** Errors from the system or a database driver carry a string `code` (ECONNREFUSED, ENOENT, SQLITE_*, 23505). */
function isEnvironmentError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
