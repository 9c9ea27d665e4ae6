// Proof of liabilities over HTTP on both databases: the root and totals published on /api/transparency
// (no sign-in) equal the journal's balances; every member's proof from /api/wallet/proof verifies offline,
// in code and with `tokenmall verify-proof FILE`, against that root; any change to it fails; the tree is
// cached per head and rebuilt at most once a minute.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type InclusionProof, verifyInclusionProof } from '../../src/proof/index.js';
import { DIALECTS, startTestMall, type TestMall } from '../support/mall.js';
import {
  key,
  payByGateway,
  placeOrder,
  registerBuyer,
  setUpShop,
  shipDeliverConfirm,
  type TestBuyer,
  type TestShop,
} from '../support/shop.js';

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'bin', 'tokenmall.js');
// The CLI runs from dist/ (npm test builds it first); without a build only the in-process checks run.
const cliBuilt = existsSync(join(repo, 'dist', 'src', 'cli', 'verify-proof.command.js'));
const dir = mkdtempSync(join(tmpdir(), 'tokenmall-proof-http-'));

function verifyProofCli(name: string, proof: unknown): { code: number | null; stdout: string } {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(proof, null, 2));
  const run = spawnSync(process.execPath, [cli, 'verify-proof', file], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout };
}

/** What the journal says the tree must total: points at the price, cash and stable, free and held. */
function journalTotals(t: TestMall) {
  const { economy, balances } = t.mall.ledger.state;
  const totals = { valueFen: 0n, cashFen: 0n, stable: 0n };
  let owed = 0;
  for (const account of economy.accounts.values()) {
    if (account.kind === 'treasury') continue;
    const points = balances.get(`${account.id}:points`, 'upt');
    const valueFen = economy.supply > 0n ? (points * economy.reserve) / economy.supply : 0n;
    const cashFen = balances.get(`${account.id}:cash`, 'fen') + balances.get(`${account.id}:held`, 'fen');
    const stable =
      balances.get(`${account.id}:stable`, 'stable') + balances.get(`${account.id}:held`, 'stable');
    totals.valueFen += valueFen;
    totals.cashFen += cashFen;
    totals.stable += stable;
    if (valueFen + cashFen + stable > 0n) owed += 1;
  }
  return {
    totals: {
      valueFen: totals.valueFen.toString(),
      cashFen: totals.cashFen.toString(),
      stable: totals.stable.toString(),
    },
    leafCount: String(owed),
  };
}

describe.each(DIALECTS)('proof of liabilities on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  let members: TestBuyer[];
  let latecomer: TestBuyer;
  beforeAll(async () => {
    t = await startTestMall(dialect);
    shop = await setUpShop(t);
    const alice = await registerBuyer(t);
    const bob = await registerBuyer(t, alice.referralCode);
    const carol = await registerBuyer(t);
    latecomer = await registerBuyer(t);
    members = [alice, bob, carol];
    for (const buyer of members) {
      const orderId = await placeOrder(t, buyer, buyer === carol ? shop.caseSku : shop.wineSku);
      await payByGateway(t, buyer, orderId);
      await shipDeliverConfirm(t, shop, buyer, orderId);
    }
    // Carol's second order is paid but open: the mall holds its cash for her.
    await payByGateway(t, carol, await placeOrder(t, carol, shop.wineSku));
    const sold = await t.call('POST', '/api/wallet/sell', {
      token: alice.token,
      key: key(),
      body: { pointsMicro: '5000000' },
    });
    expect(sold.statusCode, sold.body).toBe(200);
    const converted = await t.call('POST', '/api/wallet/convert', {
      token: bob.token,
      key: key(),
      body: { pointsMicro: '3000000' },
    });
    expect(converted.statusCode, converted.body).toBe(200);
  });
  afterAll(async () => t.closeVerified());

  const transparency = async () => {
    const response = await t.call('GET', '/api/transparency');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const proofOf = async (buyer: TestBuyer): Promise<InclusionProof> => {
    const response = await t.call('GET', '/api/wallet/proof', { token: buyer.token });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('publishes the root and totals next to the reserve, without a sign-in; they equal the journal', async () => {
    const report = await transparency();
    const { economy, head } = t.mall.ledger.state;
    // The existing figures are still there.
    expect(report).toMatchObject({
      reserveFen: economy.reserve.toString(),
      supplyMicro: economy.supply.toString(),
      headSeq: head.seq.toString(),
      headHash: head.hash,
    });
    expect(report.riskStatement.en).toMatch(/not a promise of profit/);
    // The first request waits for the first tree: it is at the head.
    expect(report.liabilities).toEqual({
      version: 1,
      root: expect.stringMatching(/^[0-9a-f]{64}$/),
      ...journalTotals(t),
      price: { num: economy.reserve.toString(), den: economy.supply.toString() },
      headSeq: head.seq.toString(),
      headHash: head.hash,
      builtAt: t.clock.now().toISOString(),
    });
    // The three members who bought are owed something; the latecomer is not (yet).
    expect(report.liabilities.leafCount).toBe('3');
    expect(BigInt(report.liabilities.totals.cashFen)).toBeGreaterThan(0n);
    expect(BigInt(report.liabilities.totals.stable)).toBeGreaterThan(0n);
  });

  it('gives every member a proof that verifies offline against the published root, for their own wallet', async () => {
    const published = (await transparency()).liabilities;
    const { proofSecret } = t.mall.settings;
    for (const [i, buyer] of members.entries()) {
      const proof = await proofOf(buyer);
      expect(verifyInclusionProof(proof)).toEqual({ ok: true });
      expect(proof.root).toEqual({ hash: published.root, sums: published.totals });
      expect(proof).toMatchObject({
        member: buyer.id,
        headSeq: published.headSeq,
        headHash: published.headHash,
      });
      expect(proof.price).toEqual(published.price);
      const salt = createHmac('sha256', proofSecret).update(`${buyer.id}:${published.headSeq}`).digest('hex');
      expect(proof.salt).toBe(salt);
      const wallet = (await t.call('GET', '/api/wallet', { token: buyer.token })).json();
      expect(proof.sums).toEqual({
        valueFen: wallet.valueFen,
        cashFen: (BigInt(wallet.cashFen) + BigInt(wallet.heldFen)).toString(),
        stable: (BigInt(wallet.stable) + BigInt(wallet.heldStable)).toString(),
      });
      if (cliBuilt) {
        const run = verifyProofCli(`${dialect}-${i}.json`, proof);
        expect(run.stdout).toBe(
          `ok member=${buyer.id} root=${published.root} valueFen=${proof.sums.valueFen} cashFen=${proof.sums.cashFen} stable=${proof.sums.stable}\n`,
        );
        expect(run.code).toBe(0);
      }
    }
  });

  it('fails once any leaf value, sum, sibling hash or sibling sum is changed', async () => {
    const proof = await proofOf(members[2]!);
    expect(proof.path.length).toBeGreaterThan(0);
    type Sums = { valueFen: string; cashFen: string; stable: string };
    type Mutable = {
      member: string;
      salt: string;
      sums: Sums;
      path: { side: 'left' | 'right'; hash: string; sums: Sums }[];
      root: { hash: string; sums: Sums };
    };
    const bump = (text: string) => (BigInt(text) + 1n).toString();
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    const tamperings: Array<[string, (p: Mutable) => void]> = [
      ['member', (p) => void (p.member = `${p.member}x`)],
      ['salt', (p) => void (p.salt = flip(p.salt))],
      ['leaf valueFen', (p) => void (p.sums.valueFen = bump(p.sums.valueFen))],
      ['leaf cashFen', (p) => void (p.sums.cashFen = bump(p.sums.cashFen))],
      ['leaf stable', (p) => void (p.sums.stable = bump(p.sums.stable))],
      ['root stable', (p) => void (p.root.sums.stable = bump(p.root.sums.stable))],
      ['root hash', (p) => void (p.root.hash = flip(p.root.hash))],
    ];
    for (let step = 0; step < proof.path.length; step++) {
      const at = (p: Mutable) => p.path[step]!;
      tamperings.push(
        [`path[${step}].hash`, (p) => void (at(p).hash = flip(at(p).hash))],
        [`path[${step}].valueFen`, (p) => void (at(p).sums.valueFen = bump(at(p).sums.valueFen))],
        [`path[${step}].cashFen`, (p) => void (at(p).sums.cashFen = bump(at(p).sums.cashFen))],
        [`path[${step}].stable`, (p) => void (at(p).sums.stable = bump(at(p).sums.stable))],
        [`path[${step}].side`, (p) => void (at(p).side = at(p).side === 'left' ? 'right' : 'left')],
      );
    }
    for (const [what, tamper] of tamperings) {
      const changed = structuredClone(proof) as unknown as Mutable;
      tamper(changed);
      expect({ what, result: verifyInclusionProof(changed).ok }).toEqual({ what, result: false });
    }
    if (cliBuilt) {
      const changed = structuredClone(proof) as unknown as Mutable;
      changed.sums.cashFen = bump(changed.sums.cashFen);
      const run = verifyProofCli(`${dialect}-tampered.json`, changed);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^invalid: .+\n$/);
    }
  });

  it('asks for a sign-in (401), a member (403), and a leaf (404)', async () => {
    const anonymous = await t.call('GET', '/api/wallet/proof');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('UNAUTHENTICATED');
    const staff = await t.call('GET', '/api/wallet/proof', { token: shop.staffToken });
    expect(staff.statusCode).toBe(403);
    const nothingOwed = await t.call('GET', '/api/wallet/proof', { token: latecomer.token });
    expect(nothingOwed.statusCode).toBe(404);
    expect(nothingOwed.json()).toMatchObject({ code: 'NOT_FOUND', details: { member: latecomer.id } });
  });

  it('serves the cached tree until the head moved and a minute passed, then rebuilds outside the request', async () => {
    const before = (await transparency()).liabilities;
    const orderId = await placeOrder(t, latecomer, shop.wineSku);
    await payByGateway(t, latecomer, orderId);
    await shipDeliverConfirm(t, shop, latecomer, orderId);
    const head = t.mall.ledger.state.head.seq.toString();
    expect(head).not.toBe(before.headSeq);

    // The head moved but the tree is less than a minute old: the same tree, and the same proofs.
    t.clock.advance(59_000);
    expect((await transparency()).liabilities).toEqual(before);
    expect((await t.call('GET', '/api/wallet/proof', { token: latecomer.token })).statusCode).toBe(404);

    // A minute on, the request that notices still gets the last tree; the new one follows.
    t.clock.advance(1_000);
    expect((await transparency()).liabilities).toEqual(before);
    await vi.waitFor(async () => expect((await transparency()).liabilities.headSeq).toBe(head));
    const after = (await transparency()).liabilities;
    expect(after.root).not.toBe(before.root);
    expect(after).toMatchObject(journalTotals(t));
    expect(after.builtAt).toBe(t.clock.now().toISOString());

    // New salts with the new tree; the latecomer now has a leaf.
    const proof = await proofOf(latecomer);
    expect(verifyInclusionProof(proof)).toEqual({ ok: true });
    expect(proof.root.hash).toBe(after.root);
    const alice = await proofOf(members[0]!);
    expect(alice.headSeq).toBe(head);
    expect(alice.salt).toBe(
      createHmac('sha256', t.mall.settings.proofSecret).update(`${members[0]!.id}:${head}`).digest('hex'),
    );
  });
});
