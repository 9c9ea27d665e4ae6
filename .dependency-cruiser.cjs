/** Layering (STYLE.md): http, cli -> domains -> ledger -> economy. Nothing imports http or cli. */
module.exports = {
  forbidden: [
    {
      name: 'economy-is-pure',
      comment: 'src/economy holds the rules of SPEC.md: no I/O, no other layer.',
      severity: 'error',
      from: { path: '^src/economy' },
      to: { pathNot: '^src/economy', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'economy-no-node-io',
      severity: 'error',
      from: { path: '^src/economy' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nothing-imports-http-or-cli',
      severity: 'error',
      from: { pathNot: '^src/(http|cli)' },
      to: { path: '^src/(http|cli)' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
