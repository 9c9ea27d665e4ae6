import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { dividendPayouts, eventId, eventsOfEntry, type JournalRow, seqOfEventId } from './events.js';
import { newWebhookSecret, webhookHeaders, webhookPayload } from './signing.js';

const entry = (over: Partial<JournalRow>): JournalRow => ({
  seq: 7n,
  time: '2026-03-01T02:00:00.000Z',
  key: 'k',
  command: '{"paramsVersion":"1","type":"sell"}',
  postings: '[]',
  events: '[]',
  hash: 'ab'.repeat(32),
  ...over,
});

describe('events of a journal entry', () => {
  it('publishes each journal event with an id from (seq, index), the entry position and its fields', () => {
    const events = eventsOfEntry(
      entry({
        events:
          '[{"account":"ann","net":"337","points":"3000000","type":"points.sold"},{"member":"bob","net":"5","points":"1","type":"member.exited"}]',
      }),
    );
    expect(events).toEqual([
      {
        id: 'evt_7_0',
        type: 'points.sold',
        seq: '7',
        time: '2026-03-01T02:00:00.000Z',
        hash: 'ab'.repeat(32),
        data: { account: 'ann', net: '337', points: '3000000' },
      },
      expect.objectContaining({
        id: 'evt_7_1',
        type: 'member.exited',
        data: { member: 'bob', net: '5', points: '1' },
      }),
    ]);
    // Pure: the same entry gives the same ids every time.
    expect(eventsOfEntry(entry({ events: '[{"type":"params.changed","version":"2"}]' }))[0]!.id).toBe(
      'evt_7_0',
    );
  });

  it('adds order.completed after the journal events of an order completion', () => {
    const events = eventsOfEntry(
      entry({
        seq: 12n,
        key: 'order:ord_1:complete',
        command:
          '{"amount":"10000","member":"m1","merchant":"shop","paidFrom":"held","paramsVersion":"1","profit":"4000","type":"order"}',
        events: '[{"member":"m1","points":"21000000","type":"points.awarded"}]',
      }),
    );
    expect(events.map((e) => [e.id, e.type])).toEqual([
      ['evt_12_0', 'points.awarded'],
      ['evt_12_1', 'order.completed'],
    ]);
    expect(events[1]!.data).toEqual({
      orderId: 'ord_1',
      member: 'm1',
      merchant: 'shop',
      amountFen: '10000',
      stableFen: '0',
      profitFen: '4000',
    });
    // An order command under another key (a demo feed) is not an order completion.
    expect(
      eventsOfEntry(
        entry({ key: 'o-1', command: '{"amount":"1","member":"a","merchant":"b","type":"order"}' }),
      ),
    ).toEqual([]);
  });

  it('adds one dividend.paid per payout of a dividend run, not for the cascade cash that follows', () => {
    const postings = [
      ['dividend-fund', 'fen', '-300'],
      ['ann:cash', 'fen', '300'],
      ['ann:quota', 'quota', '-300'],
      ['world:quota', 'quota', '300'],
      ['dividend-fund', 'fen', '-200'],
      ['bob:cash', 'fen', '200'],
      ['bob:quota', 'quota', '-200'],
      ['world:quota', 'quota', '200'],
      ['bob:points', 'upt', '-5'],
      ['world:mint', 'upt', '5'],
      ['reserve', 'fen', '-9'],
      ['bob:cash', 'fen', '9'],
    ];
    expect(dividendPayouts(postings)).toEqual([
      ['ann', '300'],
      ['bob', '200'],
    ]);
    const events = eventsOfEntry(
      entry({
        key: 'dividends:2026-03-01',
        command: '{"paramsVersion":"1","type":"dividends"}',
        postings: JSON.stringify(postings),
        events:
          '[{"holders":"2","left":"0","paid":"500","type":"dividends.ran"},{"member":"bob","net":"9","points":"5","type":"member.exited"}]',
      }),
    );
    expect(events.map((e) => `${e.id} ${e.type} ${JSON.stringify(e.data)}`)).toEqual([
      'evt_7_0 dividends.ran {"holders":"2","left":"0","paid":"500"}',
      'evt_7_1 member.exited {"member":"bob","net":"9","points":"5"}',
      'evt_7_2 dividend.paid {"member":"ann","amountFen":"300"}',
      'evt_7_3 dividend.paid {"member":"bob","amountFen":"200"}',
    ]);
  });

  it('reads the seq back from an id and refuses what is not an id', () => {
    expect(seqOfEventId(eventId(123n, 4))).toBe(123n);
    expect(seqOfEventId('evt_0_1')).toBeUndefined();
    expect(seqOfEventId('evt_1_01')).toBeUndefined();
    expect(seqOfEventId('msg_1_1')).toBeUndefined();
    expect(() => eventId(0n, 0)).toThrow();
  });
});

describe('signatures', () => {
  it('verify with the standardwebhooks package', () => {
    const secret = newWebhookSecret();
    const [event] = eventsOfEntry(entry({ events: '[{"merchant":"shop","type":"merchant.created"}]' }));
    const body = webhookPayload(event!);
    const headers = webhookHeaders(secret, event!.id, Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({
      type: 'merchant.created',
      timestamp: '2026-03-01T02:00:00.000Z',
      data: { merchant: 'shop', journalSeq: '7', journalHash: 'ab'.repeat(32) },
    });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});
