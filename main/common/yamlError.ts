/**
 * The first line of a `yaml` parse error without the position it ends with ("… at line 2, column 12:"):
 * messages add the position once, in their own words.
 */
export function yamlErrorHeadline(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?\s*$/, '').replace(/:$/, '');
}
