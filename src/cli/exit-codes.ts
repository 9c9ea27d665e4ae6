/** CONTRACTS.md "Command line": 0 on success, 1 on a rejected input, 2 on misuse. */
export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_MISUSE = 2;

/** A command's outcome when it cannot go on; main() prints the message and exits with the code. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
