import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { LedgerError } from '../errors.js';

/**
 * On SQLite one process owns the store for writing (DESIGN.md): a lock file beside the database holds
 * the owner's pid. A second writer is refused with the owner named; a lock whose process is gone is
 * taken over, since a killed writer cannot remove its own file.
 */
export function acquireWriterLock(databasePath: string): () => void {
  const lockPath = `${databasePath}.writer.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new LedgerError(
          'STORE_LOCKED',
          `the store ${databasePath} is being written by process ${owner} (a running tokenmall serve or apply); stop it or send commands through its API`,
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new LedgerError('STORE_LOCKED', `cannot take the writer lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
