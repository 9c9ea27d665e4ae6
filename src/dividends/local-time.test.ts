import { describe, expect, it } from 'vitest';
import { localDateTime, minutesOfDay } from './local-time.js';

describe('the operator day', () => {
  it('is the local date and time in the time zone, not UTC', () => {
    expect(localDateTime(new Date('2026-03-01T15:59:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-03-01',
      minutes: 23 * 60 + 59,
    });
    expect(localDateTime(new Date('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-03-02',
      minutes: 0,
    });
    expect(localDateTime(new Date('2026-03-02T03:00:00Z'), 'America/New_York').date).toBe('2026-03-01');
  });

  it('follows daylight saving time: the skipped hour is passed, not waited for', () => {
    // 8 March 2026, New York: 02:00 EST becomes 03:00 EDT.
    expect(localDateTime(new Date('2026-03-08T06:59:00Z'), 'America/New_York').minutes).toBe(60 + 59);
    expect(localDateTime(new Date('2026-03-08T07:00:00Z'), 'America/New_York').minutes).toBe(3 * 60);
    expect(minutesOfDay('02:30')).toBeLessThan(3 * 60);
  });

  it('reads HH:MM', () => {
    expect(minutesOfDay('00:05')).toBe(5);
    expect(minutesOfDay('23:59')).toBe(23 * 60 + 59);
    expect(() => minutesOfDay('24:00')).toThrow();
  });
});
