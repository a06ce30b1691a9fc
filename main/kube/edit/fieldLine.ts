/**
 * Where a field the API server names (spec.template.spec.containers[0].image, metadata.labels[app]) is in
 * the YAML the user edited: its line, or the line of its nearest parent that is there.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** The segments of a field path: names, list indexes, and bracketed keys. */
export function fieldSegments(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of field.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/** 1-based line of `field` in `yamlText`, or undefined when not even its first segment is there. */
export function fieldLine(yamlText: string, field: string): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter });
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const seg of fieldSegments(field)) {
    let next: unknown;
    let at: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair && isPair(pair)) {
        next = pair.value;
        at = (pair.key as Node).range?.[0];
      }
    } else if (isSeq(node)) {
      const item =
        typeof seg === 'number' ? node.items[seg] : node.items.find((i) => isMap(i) && String(i.get('name')) === seg);
      if (item) {
        next = item;
        at = (item as Node).range?.[0];
      }
    }
    if (at === undefined) break;
    line = counter.linePos(at).line;
    node = next;
  }
  return line;
}
