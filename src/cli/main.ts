import { Command, CommanderError } from 'commander';
import { CliFailure, EXIT_MISUSE } from './exit-codes.js';
import { registerServe } from './serve.command.js';
import { registerSimulate } from './simulate.command.js';

/** Runs `tokenmall <command>` and returns the exit code (CONTRACTS.md "Command line"). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('tokenmall')
    .description('Tokenmall: a token points mall you can own')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerSimulate(program);
  registerServe(program);
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_MISUSE;
    }
    throw error;
  }
}
