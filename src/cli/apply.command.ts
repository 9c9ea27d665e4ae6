import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { type CommandResult, Ledger, parseLedgerLine } from '../ledger/index.js';
import { EXIT_REJECTED } from './exit-codes.js';
import { asCliFailure, databaseUrl } from './store-options.js';

/** Lines in flight before apply waits for the oldest answer (bounds memory on long feeds). */
const IN_FLIGHT_MAX = 20_000;
const BLANK = /^[ \t\r]*$/;

export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('feed economy commands (JSON Lines with "key") to the store; prints ack/reject per line')
    .argument('<file>', 'a .jsonl file, or - for standard input')
    .action(async (file: string) => {
      const ledger = await Ledger.open(databaseUrl()).catch(asCliFailure);
      try {
        const rejected = await applyLines(ledger, file === '-' ? process.stdin : createReadStream(file));
        if (rejected) process.exitCode = EXIT_REJECTED;
      } finally {
        await ledger.close();
      }
    });
}

/** Answers every line in input order; an `ack` is printed only once its batch is committed. */
async function applyLines(ledger: Ledger, input: Readable): Promise<boolean> {
  const answers: Promise<string>[] = [];
  let rejected = false;
  const printOldest = async () => {
    const line = await answers.shift()!;
    if (line.startsWith('reject')) rejected = true;
    process.stdout.write(`${line}\n`);
  };
  for await (const line of splitLines(input)) {
    if (BLANK.test(line.toString('latin1'))) continue;
    answers.push(answer(ledger, line));
    while (answers.length > IN_FLIGHT_MAX) await printOldest();
  }
  while (answers.length > 0) await printOldest();
  return rejected;
}

function answer(ledger: Ledger, line: Buffer): Promise<string> {
  const parsed = parseLedgerLine(line);
  if (!parsed.ok)
    return Promise.resolve(`reject ${parsed.key ?? '-'} BAD_REQUEST ${oneLine(parsed.message)}`);
  const { key } = parsed.value;
  return ledger
    .submit(parsed.value)
    .then((result: CommandResult) =>
      result.kind === 'ack'
        ? `ack ${key} ${result.seq}`
        : `reject ${key} ${result.code} ${oneLine(result.message)}`,
    );
}

/** Messages may quote a rejected id: line breaks of any kind (U+2028, NEL, ...) are written as escapes. */
function oneLine(message: string): string {
  return message.replace(
    /[^\P{White_Space} ]|\p{Cc}/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Raw lines (bytes, not decoded: the parser must see invalid UTF-8), split at LF. */
async function* splitLines(input: Readable): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let newline = data.indexOf(10);
    while (newline >= 0) {
      yield data.subarray(0, newline);
      data = data.subarray(newline + 1);
      newline = data.indexOf(10);
    }
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield rest;
}
