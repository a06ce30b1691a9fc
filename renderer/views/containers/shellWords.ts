/**
 * Splits a command line the way a POSIX shell splits words: spaces separate, single quotes keep
 * everything, double quotes keep spaces and allow \" and \\, a backslash escapes the next character.
 * Returns an error for an unclosed quote.
 */
export function splitShellWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `Unclosed ${quote === '"' ? 'double' : 'single'} quote in the command.` };
  if (inWord) words.push(word);
  return { words };
}
