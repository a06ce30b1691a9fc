/**
 * The search box's own values, told from the caller's: one it handed on arriving (some skipped in between)
 * keeps what is typed; once its transitions have all committed, none left over is mistaken for a value the
 * caller sets itself.
 */
import { describe, expect, it } from 'vitest';
import { handedOn } from '../../../../renderer/components/handedOn';

describe('the values a search box handed on', () => {
  it('knows its own values arriving in order, some skipped, and a value the caller set', () => {
    const sent = handedOn();
    for (const v of ['r', 're', 'red', 'redi']) sent.sent(v);
    expect(sent.arrived('re')).toBe(true);
    expect(sent.arrived('redi')).toBe(true); // 'red' skipped
    expect(sent.arrived('red')).toBe(false); // not pending any more: the caller set it
    expect(sent.arrived('')).toBe(false);
  });

  it('once settled, forgets values that never arrived (the caller’s value came back to where it was)', () => {
    const sent = handedOn();
    // Typed "a", then erased it: the transitions commit together and the caller's value stays "".
    sent.sent('a');
    sent.sent('');
    sent.settled();
    // Later the caller sets "a" itself (a link to a filtered view): it replaces the text.
    expect(sent.arrived('a')).toBe(false);
  });

  it('not settled, a value still pending is taken as the box’s own', () => {
    const sent = handedOn();
    sent.sent('a');
    sent.sent('');
    expect(sent.arrived('a')).toBe(true);
  });
});
