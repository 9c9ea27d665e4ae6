import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  finish(done: number): void;
}

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, tests). */
export function progressBar(label: string, total: number): Progress {
  if (!process.stderr.isTTY) return { update() {}, finish() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta}s`,
      stream: process.stderr,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    finish: (done) => {
      bar.update(done);
      bar.stop();
    },
  };
}
