import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { currentPrice, formatYuanPerPoint, MICRO_PER_POINT } from '../economy/index.js';
import type { Mall } from '../mall/mall.js';

/** The economy as it stands, for anyone: the price and the figures behind it (issue 11 adds more). */
export async function registerEconomyRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  app.get(
    '/api/economy',
    {
      schema: {
        tags: ['economy'],
        summary: 'Reserve, supply and the current price of one equity point',
        response: {
          200: Type.Object({
            reserveFen: Type.String(),
            supplyMicro: Type.String(),
            mintedMicro: Type.String(),
            priceYuanPerPoint: Type.String(),
            priceFenPerPointNum: Type.String(),
            priceFenPerPointDen: Type.String(),
            headSeq: Type.String(),
            headHash: Type.String(),
          }),
        },
      },
    },
    async () => {
      await mall.ledger.catchUp();
      const state = mall.ledger.state;
      const price = currentPrice(state.economy);
      return {
        reserveFen: state.economy.reserve.toString(),
        supplyMicro: state.economy.supply.toString(),
        mintedMicro: state.economy.minted.toString(),
        priceYuanPerPoint: formatYuanPerPoint(price),
        priceFenPerPointNum: (price.num * MICRO_PER_POINT).toString(),
        priceFenPerPointDen: price.den.toString(),
        headSeq: state.head.seq.toString(),
        headHash: state.head.hash,
      };
    },
  );
}
