/** What an empty table says, from the query it reads itself: loading, nothing matches, or nothing at all. */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createStore } from 'zustand';
import { TableEmpty } from '../../../../renderer/components/TableEmpty';

const say = (text: string, over: { loaded?: boolean; filtered?: boolean } = {}) =>
  renderToString(
    createElement(TableEmpty, {
      loaded: over.loaded ?? true,
      query: createStore(() => ({ text })),
      filtered: over.filtered ?? false,
      noMatch: 'No container matches the filter.',
      none: 'No containers yet.',
    }),
  );

describe('an empty table', () => {
  it('says it is loading until the list came', () => expect(say('web', { loaded: false })).toBe('Loading…'));
  it('says nothing matches when text is typed', () => expect(say('web')).toBe('No container matches the filter.'));
  it('says nothing matches when another filter narrows it', () =>
    expect(say('', { filtered: true })).toBe('No container matches the filter.'));
  it('says there is nothing when nothing narrows it (spaces are not a query)', () =>
    expect(say('  ')).toBe('No containers yet.'));
});
