import { describe, expect, it } from 'vitest';
import { publishTextCounts } from './counts.js';
import type { TextMessageCounts } from './schemas.js';

const raw = (over: Partial<TextMessageCounts>): TextMessageCounts => ({
  sent: 0,
  delivered: 0,
  failed: 0,
  replied: 0,
  optedOut: 0,
  remindersSent: 0,
  confirmed: 0,
  askedForCall: 0,
  ...over,
});

describe('publishTextCounts', () => {
  it('shows counts at or over the threshold and zeros', () => {
    const p = publishTextCounts(
      raw({ sent: 60, delivered: 25, remindersSent: 30, replied: 30, confirmed: 11, askedForCall: 0 }),
      11,
    );
    expect(p).toMatchObject({
      sent: 60,
      delivered: 25,
      remindersSent: 30,
      replied: 30,
      confirmed: 11,
      askedForCall: 0,
      optedOut: 0,
    });
    expect(p.smallCounts).toEqual({ threshold: 11, suppressed: [] });
  });

  it('hides a count under the threshold', () => {
    const p = publishTextCounts(raw({ sent: 60, delivered: 25, remindersSent: 30, optedOut: 3 }), 11);
    expect(p.optedOut).toBeNull();
    expect(p.smallCounts.suppressed).toEqual(['optedOut']);
  });

  it('hides a part whose rest of the total is small, so subtraction gives nothing back', () => {
    // 40 sent, 37 delivered: 3 not delivered would show by subtraction.
    const p = publishTextCounts(raw({ sent: 40, delivered: 37, remindersSent: 20 }), 11);
    expect(p).toMatchObject({ sent: 40, delivered: null, remindersSent: 20 });
    expect(p.smallCounts.suppressed).toEqual(['delivered']);
  });

  it('hides confirmations when the replies left beside them are few', () => {
    // 30 replies, 27 confirmations, no requests to call: the other 3 replies would show by subtraction.
    const p = publishTextCounts(
      raw({ sent: 50, delivered: 50, remindersSent: 50, replied: 30, confirmed: 27, askedForCall: 0 }),
      11,
    );
    expect(p).toMatchObject({ replied: 30, confirmed: null, askedForCall: 0 });
    expect(p.smallCounts.suppressed).toEqual(['confirmed']);
  });

  it('leaves two small parts of a total alone together: neither can be had from the other', () => {
    // 2 requests to call and 2 other replies: their sum (4) shows, not which is which.
    const p = publishTextCounts(
      raw({ sent: 50, delivered: 50, remindersSent: 50, replied: 30, confirmed: 26, askedForCall: 2 }),
      11,
    );
    expect(p).toMatchObject({ replied: 30, confirmed: 26, askedForCall: null });
    expect(p.smallCounts.suppressed).toEqual(['askedForCall']);
  });

  it('never lists the rests it reasons with', () => {
    const p = publishTextCounts(raw({ sent: 12, delivered: 3, remindersSent: 4 }), 5);
    expect(p.smallCounts.suppressed.every((k) => !k.startsWith('~'))).toBe(true);
  });
});
