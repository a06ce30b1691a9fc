/** Terminal escape sequences (colours, cursor moves) that CLIs and build steps print: stripped for plain text. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export const stripAnsi = (text: string): string => text.replace(ANSI, '');
