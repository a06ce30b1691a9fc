/** Hostile YAML for the tests that check Berth refuses it: a "YAML bomb" (billion laughs). */
/** Nine lists, each nine times the one before: 9^9 (387 million) strings once expanded. */
export const YAML_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
  .concat(
    'bcdefghi'.split('').map((l, i) => {
      const prev = 'abcdefghi'[i] ?? 'a';
      return `${l}: &${l} [${Array(9).fill(`*${prev}`).join(',')}]`;
    }),
  )
  .join('\n');
