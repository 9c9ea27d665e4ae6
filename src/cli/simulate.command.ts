import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { currentPrice, formatYuanPerPoint } from '../economy/index.js';
import { foundingExampleScenario } from '../simulate/founding-example.js';
import { generateWorkload } from '../simulate/generate.js';
import { simulateJson, simulateTable } from '../simulate/report.js';
import { runScenario, ScenarioError } from '../simulate/scenario.js';
import { CliFailure, EXIT_MISUSE, EXIT_REJECTED } from './exit-codes.js';
import { progressBar } from './progress.js';

interface SimulateOptions {
  json?: boolean;
  example?: boolean;
  generate?: string;
  seed?: string;
  holders?: string;
  csv?: string;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run an economy scenario (SPEC.md) without a database')
    .argument('[file]', 'scenario JSON file')
    .option('--json', 'print the final state as JSON (SPEC.md)')
    .option('--example', 'run the founding example: 100 buyers of a 100-yuan bottle, price after each')
    .option('--generate <n>', 'run a random but realistic workload of N events')
    .option('--seed <s>', 'seed of --generate', '1')
    .option('--holders <h>', 'consumers the workload draws from (--generate)', '1000')
    .option('--csv <file>', 'with --generate: one row per event (price, reserve, supply, dividend fund)')
    .action((file: string | undefined, options: SimulateOptions) => {
      if (options.example) return runExample(options);
      if (options.generate !== undefined) return runGenerate(options);
      if (file === undefined)
        throw new CliFailure(EXIT_MISUSE, 'simulate needs a FILE, --example or --generate N');
      runFile(file, options);
    });
}

function runFile(file: string, options: SimulateOptions): void {
  let scenario: unknown;
  try {
    scenario = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliFailure(EXIT_REJECTED, `params: cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const { state, exits } = runScenario(scenario);
    process.stdout.write(options.json ? simulateJson(state, exits) : simulateTable(state, exits));
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliFailure(EXIT_REJECTED, error.message);
    throw error;
  }
}

function runExample(options: SimulateOptions): void {
  const lines: string[] = [];
  const { state, exits } = runScenario(foundingExampleScenario(), {
    afterEvent(index, command, _events, current) {
      const buyer = command.type === 'order' ? command.member : '?';
      lines.push(`${String(index + 1).padStart(3)}  ${buyer}  ${formatYuanPerPoint(currentPrice(current))}`);
    },
  });
  if (options.json) {
    process.stdout.write(simulateJson(state, exits));
    return;
  }
  process.stdout.write('buyer  id    yuan per point after the order\n');
  process.stdout.write(`${lines.join('\n')}\n\n`);
  process.stdout.write(simulateTable(state, exits));
}

function runGenerate(options: SimulateOptions): void {
  const events = positiveInteger(options.generate!, '--generate');
  const holders = positiveInteger(options.holders ?? '1000', '--holders');
  const seed = positiveInteger(options.seed ?? '1', '--seed');
  const csvRows: string[] = [];
  const bar = progressBar('simulate', events);
  const summary = generateWorkload({
    events,
    holders,
    seed,
    onEvent(index, row) {
      if (options.csv !== undefined) csvRows.push(row);
      if ((index & 1023) === 0) bar.update(index);
    },
  });
  bar.finish(events);
  if (options.csv !== undefined) {
    writeFileSync(
      options.csv,
      `event,type,priceFenPerPoint,reserve,supply,dividendFund\n${csvRows.join('\n')}\n`,
    );
  }
  process.stdout.write(summary.text);
}

function positiveInteger(text: string, flag: string): number {
  if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CliFailure(EXIT_MISUSE, `${flag} needs a positive integer, got ${text}`);
  }
  return Number(text);
}
