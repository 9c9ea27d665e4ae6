#!/usr/bin/env node
// `npm test`'s setup: checks the Debian packages the suite needs (installing them when running as
// root, else printing the exact apt-get line), then builds the CLI that tests run as a child process.
import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Debian packages the test suite needs. PostgreSQL 15 is started by the suite itself
 * (test/support/global-setup.ts) unless TOKENMALL_TEST_DATABASE_URL names a server to use. Chromium is
 * the browser of the web tests (test/support/browser.ts drives /usr/bin/chromium with playwright-core;
 * no browser is ever downloaded), and fonts-noto-cjk lets it render Chinese in their screenshots.
 */
const BROWSER_PACKAGES = ['chromium', 'fonts-noto-cjk'];
const REQUIRED_PACKAGES = [
  ...(process.env.TOKENMALL_TEST_DATABASE_URL ? [] : ['postgresql-15']),
  ...BROWSER_PACKAGES,
];

function missingPackages(packages) {
  return packages.filter((name) => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template.
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

const missing = missingPackages(REQUIRED_PACKAGES);
if (missing.length > 0) {
  const line = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() === 0) {
    console.log(`pretest: installing ${missing.join(', ')}`);
    execFileSync('bash', ['-c', `DEBIAN_FRONTEND=noninteractive ${line}`], { stdio: 'inherit' });
  } else {
    console.error(`pretest: the tests need Debian packages that are missing. Run as root:\n  ${line}`);
    process.exit(1);
  }
}
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
