/**
 * The window's activity, which the usage poller and the clocks pause and slow down on: active while visible
 * and focused, visible while shown, idle after a while without pointer or key input, and listeners told on
 * each change.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWindowActivity, IDLE_AFTER_MS } from '../../../../renderer/components/windowActivity';

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

function setup() {
  const doc = new FakeDocument();
  const win = new EventTarget();
  const activity = createWindowActivity(() => ({ document: doc, window: win }));
  const heard: boolean[] = [];
  activity.subscribe(() => heard.push(activity.active()));
  const hide = (state: DocumentVisibilityState) => {
    doc.visibilityState = state;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { activity, heard, win, hide };
}

describe('window activity', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('is active while visible and focused, and tells its listeners when that changes', () => {
    const { activity, heard, win, hide } = setup();
    expect(activity.active()).toBe(true);
    win.dispatchEvent(new Event('blur'));
    expect(activity.active()).toBe(false);
    win.dispatchEvent(new Event('focus'));
    hide('hidden');
    hide('hidden'); // no change, nobody told
    expect(activity.active()).toBe(false);
    hide('visible');
    expect(heard).toEqual([false, true, false, true]);
  });

  it('is visible while shown, focused or not, and tells its listeners when that changes alone', () => {
    const { activity, heard, win, hide } = setup();
    win.dispatchEvent(new Event('blur'));
    expect([activity.active(), activity.visible()]).toEqual([false, true]);
    hide('hidden'); // still inactive, now hidden too
    expect(activity.visible()).toBe(false);
    hide('visible');
    expect(activity.visible()).toBe(true);
    expect(heard).toEqual([false, false, false]);
  });

  it('counts the time since the last input, and tells its listeners on the first input after idleness', () => {
    const { activity, heard, win } = setup();
    vi.advanceTimersByTime(5000);
    expect(activity.idleFor()).toBe(5000);
    win.dispatchEvent(new Event('pointermove'));
    expect(activity.idleFor()).toBe(0);
    expect(heard).toEqual([]); // not idle yet: nothing to tell
    vi.advanceTimersByTime(IDLE_AFTER_MS);
    expect(activity.idleFor()).toBe(IDLE_AFTER_MS);
    win.dispatchEvent(new Event('keydown'));
    win.dispatchEvent(new Event('wheel'));
    expect(activity.idleFor()).toBe(0);
    expect(heard).toEqual([true]);
  });

  it('stops telling a listener that unsubscribed', () => {
    const doc = new FakeDocument();
    const win = new EventTarget();
    const activity = createWindowActivity(() => ({ document: doc, window: win }));
    const heard: string[] = [];
    const stop = activity.subscribe(() => heard.push('a'));
    win.dispatchEvent(new Event('blur'));
    stop();
    win.dispatchEvent(new Event('focus'));
    expect(heard).toEqual(['a']);
  });
});
