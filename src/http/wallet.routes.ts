import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Mall } from '../mall/mall.js';
import { liabilityTreeOf } from '../proof/index.js';
import { convertPoints, sellPoints, settleStable, transparencyReport, walletView } from '../wallet/index.js';
import { requireMerchantStaff, requireOwnStaff, requireRole } from './auth.js';
import { idempotent } from './idempotency.js';
import { errors, Fen, IdempotencyHeaders, IdParams } from './schemas.js';

const bearer = [{ bearer: [] }];
const tags = ['wallet'];

const Amount = (description: string) => Type.String({ description });

const PointsInput = Type.String({
  pattern: '^(all|0|[1-9][0-9]{0,24})$',
  description: 'equity points in µpt (1 point = 1,000,000 µpt) as a decimal string, or "all"',
});

const PriceFields = {
  priceYuanPerPoint: Amount('yuan per point, rounded half-up to 4 decimals (display only)'),
  priceFenPerPointNum: Amount('the exact price is num / den fen per point'),
  priceFenPerPointDen: Amount('the exact price is num / den fen per point'),
};

const WalletSchema = Type.Object({
  accountId: Type.String(),
  kind: Type.String(),
  pointsMicro: Amount('equity points held, µpt'),
  ...PriceFields,
  valueFen: Amount('floor(points * reserve / supply): their value before the sell fee'),
  quotaFen: Amount('remaining dividend quota'),
  stable: Amount('stable points (1 stable = 1 fen)'),
  cashFen: Amount('cash balance, spendable on orders'),
  heldFen: Amount('cash set aside for open orders'),
  heldStable: Amount('stable points set aside for open orders'),
  status: Type.String({ description: 'active or exited' }),
  level: Type.Object(
    { name: Type.String(), nameEn: Type.String(), minPointsMicro: Type.String() },
    { description: 'the level the points held reach (TOKENMALL_LEVELS)' },
  ),
});

const SaleSchema = Type.Object({
  pointsMicro: Amount('points sold, µpt'),
  grossFen: Amount('floor(points * reserve / supply) before the sale'),
  feeFen: Amount('gross - net; it stays in the reserve'),
  netFen: Amount('added to the cash balance'),
  cashFen: Amount('the cash balance after the sale'),
  pointsLeftMicro: Amount('points held after the sale'),
  status: Type.String(),
  ...PriceFields,
  journalSeq: Type.String(),
});

const ConversionSchema = Type.Object({
  pointsMicro: Amount('points converted, µpt (they go to the treasury)'),
  valueFen: Amount('floor(points * reserve / supply)'),
  feeFen: Amount('value - stable received'),
  stableReceived: Amount('stable points received'),
  stable: Amount('stable points held after the conversion'),
  pointsLeftMicro: Amount('points held after the conversion'),
  journalSeq: Type.String(),
});

const SettlementSchema = Type.Object({
  stableSpent: Amount('stable points turned in'),
  pointsReceivedMicro: Amount('equity points received from the treasury, µpt'),
  pointsMicro: Amount("the merchant's points after the settlement"),
  stable: Amount("the merchant's stable points after the settlement"),
  journalSeq: Type.String(),
});

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: '64 lowercase hex digits' });

const SumsSchema = Type.Object({
  valueFen: Amount('floor(points * price): equity points at the price the tree was built at'),
  cashFen: Amount('cash balance plus cash held for open orders'),
  stable: Amount('stable points, free and held'),
});

const PriceSchema = Type.Object({
  num: Amount('the price valueFen was computed at is num / den fen per µpt'),
  den: Amount('the price valueFen was computed at is num / den fen per µpt'),
});

const LiabilitiesSchema = Type.Object(
  {
    version: Type.Literal(1),
    root: Hash,
    totals: SumsSchema,
    leafCount: Amount('members with a leaf (anything owed)'),
    price: PriceSchema,
    headSeq: Amount('the journal entry the tree was built at'),
    headHash: Hash,
    builtAt: Type.String({ description: 'when the tree was built, UTC ISO' }),
  },
  { description: 'proof of liabilities: the Merkle sum tree root (docs/proof-of-liabilities.md)' },
);

/** The inclusion proof exactly as `tokenmall verify-proof FILE` reads it (docs/proof-of-liabilities.md). */
const InclusionProofSchema = Type.Object({
  version: Type.Literal(1),
  member: Type.String(),
  salt: Hash,
  sums: SumsSchema,
  path: Type.Array(
    Type.Object({
      side: Type.Union([Type.Literal('left'), Type.Literal('right')]),
      hash: Hash,
      sums: SumsSchema,
    }),
  ),
  root: Type.Object({ hash: Hash, sums: SumsSchema }),
  price: PriceSchema,
  headSeq: Type.String(),
  headHash: Hash,
});

const TransparencySchema = Type.Object({
  reserveFen: Type.String(),
  supplyMicro: Type.String(),
  mintedMicro: Type.String(),
  burnedMicro: Type.String(),
  supplyCapMicro: Type.String(),
  dividendFundFen: Type.String(),
  ...PriceFields,
  outstandingQuotaFen: Amount("sum of every account's remaining dividend quota"),
  outstandingStable: Amount("sum of every account's stable points"),
  heldStable: Amount('stable points set aside for open orders'),
  treasuryPointsMicro: Type.String(),
  platformPointsMicro: Type.String(),
  accounts: Type.String(),
  paramsVersion: Type.String(),
  sellFeeRate: Amount('basis points'),
  convertFeeRate: Amount('basis points'),
  headSeq: Type.String(),
  headHash: Type.String({ description: "the journal's head hash, for `tokenmall verify --head`" }),
  riskStatement: Type.Object({ zh: Type.String(), en: Type.String() }),
  liabilities: LiabilitiesSchema,
});

const PointsBody = Type.Object({ pointsMicro: PointsInput }, { additionalProperties: false });

const pointsAmount = (text: string): bigint | 'all' => (text === 'all' ? 'all' : BigInt(text));

/** Wallets (points, price, value, quota, balances), selling and converting points, settling stable points. */
export async function registerWalletRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  app.get(
    '/api/wallet',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'My points, their price and value, quota, stable points and cash balance (members)',
        response: { 200: WalletSchema, ...errors(401, 403) },
      },
    },
    async (request) => walletView(mall, requireRole(request, 'consumer').memberId),
  );

  app.get(
    '/api/merchants/:id/wallet',
    {
      schema: {
        tags,
        security: bearer,
        summary: "A merchant's points, stable points and cash balance (its staff, admins)",
        params: IdParams,
        response: { 200: WalletSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      requireMerchantStaff(request, id);
      return walletView(mall, id);
    },
  );

  app.post(
    '/api/wallet/sell',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Sell my points back at the current price less the sell fee; the net goes to my cash balance (members; Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: PointsBody,
        response: { 200: SaleSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const member = requireRole(request, 'consumer');
      const { pointsMicro } = request.body as { pointsMicro: string };
      return idempotent(mall, request, reply, member.memberId, async (tx) => ({
        status: 200,
        body: await sellPoints(tx, member.memberId, pointsAmount(pointsMicro)),
      }));
    },
  );

  app.post(
    '/api/wallet/convert',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Turn my equity points into stable points at their current value (members; Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: PointsBody,
        response: { 200: ConversionSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const member = requireRole(request, 'consumer');
      const { pointsMicro } = request.body as { pointsMicro: string };
      return idempotent(mall, request, reply, member.memberId, async (tx) => ({
        status: 200,
        body: await convertPoints(tx, member.memberId, pointsAmount(pointsMicro)),
      }));
    },
  );

  app.post(
    '/api/merchants/:id/settle',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          "Turn the merchant's stable points into equity points from the treasury (its staff; Idempotency-Key)",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object({ stableFen: Fen }, { additionalProperties: false }),
        response: { 200: SettlementSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const staff = requireOwnStaff(request, id);
      const { stableFen } = request.body as { stableFen: string };
      return idempotent(mall, request, reply, staff.memberId, async (tx) => ({
        status: 200,
        body: await settleStable(tx, id, BigInt(stableFen)),
      }));
    },
  );

  app.post(
    '/api/merchants/:id/sell',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          "Sell the merchant's points back at the current price less the sell fee (its staff; Idempotency-Key)",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: PointsBody,
        response: { 200: SaleSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const staff = requireOwnStaff(request, id);
      const { pointsMicro } = request.body as { pointsMicro: string };
      return idempotent(mall, request, reply, staff.memberId, async (tx) => ({
        status: 200,
        body: await sellPoints(tx, id, pointsAmount(pointsMicro)),
      }));
    },
  );

  app.get(
    '/api/transparency',
    {
      schema: {
        tags,
        summary:
          "The economy's published figures: reserve, supply, price, quota and stable points outstanding, the journal's head, the risk statement and the proof-of-liabilities root (no sign-in)",
        response: { 200: TransparencySchema },
      },
    },
    async () => ({
      ...(await transparencyReport(mall)),
      liabilities: await liabilityTreeOf(mall).published(),
    }),
  );

  app.get(
    '/api/wallet/proof',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'My proof of liabilities: my leaf and its path to the root published on /api/transparency; save it and run `tokenmall verify-proof FILE` (members)',
        response: { 200: InclusionProofSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => liabilityTreeOf(mall).proofFor(requireRole(request, 'consumer').memberId),
  );
}
