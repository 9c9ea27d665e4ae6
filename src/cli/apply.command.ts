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
        const rejected = await applyLines(
          ledger,
          file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 }),
        );
        if (rejected) process.exitCode = EXIT_REJECTED;
      } finally {
        await ledger.close();
      }
    });
}

/** An answer in input order: its text once known (an `ack` only after its batch committed). */
interface Answer {
  text: string | undefined;
  readonly ready: Promise<void>;
}

/** Answers every line in input order, writing every answer that is ready in one write. */
async function applyLines(ledger: Ledger, input: Readable): Promise<boolean> {
  const answers: Answer[] = [];
  let first = 0;
  let rejected = false;
  const flushReady = () => {
    let out = '';
    while (first < answers.length && answers[first]!.text !== undefined) {
      const text = answers[first++]!.text!;
      if (text.startsWith('reject')) rejected = true;
      out += `${text}\n`;
    }
    if (out !== '') process.stdout.write(out);
    if (first > 65_536) {
      answers.splice(0, first);
      first = 0;
    }
  };
  for await (const line of splitLines(input)) {
    if (BLANK.test(line.toString('latin1'))) continue;
    const next = answer(ledger, line);
    answers.push(next);
    // Print each answer as soon as it and all before it are known: a client may wait for its ack.
    void next.ready.then(flushReady, () => undefined);
    if (answers.length - first > IN_FLIGHT_MAX) {
      await answers[first]!.ready;
      flushReady();
    }
  }
  while (first < answers.length) {
    await answers[first]!.ready;
    flushReady();
  }
  return rejected;
}

function answer(ledger: Ledger, line: Buffer): Answer {
  const parsed = parseLedgerLine(line);
  if (!parsed.ok) {
    return {
      text: `reject ${parsed.key ?? '-'} BAD_REQUEST ${oneLine(parsed.message)}`,
      ready: Promise.resolve(),
    };
  }
  const { key } = parsed.value;
  const pending: Answer = {
    text: undefined,
    ready: ledger.submit(parsed.value).then((result: CommandResult) => {
      pending.text =
        result.kind === 'ack'
          ? `ack ${key} ${result.seq}`
          : `reject ${key} ${result.code} ${oneLine(result.message)}`;
    }),
  };
  return pending;
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
