/**
 * Just enough Dockerfile reading to point at a failing step: the instructions with their line numbers
 * (comments, blank lines and `\` continuations handled), and a step's instruction located in them.
 */
import type { BuildFailure } from '../../../contract/images';

export interface Instruction {
  /** 1-based line where the instruction starts. */
  line: number;
  /** The instruction as the classic builder prints it: continuations joined. */
  text: string;
}

export function parseDockerfile(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!current && (!line || line.startsWith('#'))) return;
    if (current && line.startsWith('#')) return; // comments inside a continuation are dropped
    const continues = /\\$/.test(line);
    const body = continues ? line.slice(0, -1).trim() : line;
    if (current) current.text = `${current.text} ${body}`.trim();
    else current = { line: i + 1, text: body };
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The line of the instruction a "Step N/M : TEXT" points at: matched by text, else the Nth instruction. */
export function locateStep(instructions: Instruction[], step: number | null, text: string | null): number | null {
  if (text) {
    const wanted = normalize(text);
    const matches = instructions.filter((ins) => normalize(ins.text) === wanted);
    if (matches.length === 1) return matches[0]!.line;
    if (matches.length > 1 && step !== null) {
      // The same instruction twice: take the one nearest the step's position.
      const nth = instructions[step - 1]?.line ?? 0;
      return matches.reduce((best, m) => (Math.abs(m.line - nth) < Math.abs(best.line - nth) ? m : best)).line;
    }
  }
  if (step !== null) return instructions[step - 1]?.line ?? null;
  return null;
}

/**
 * The line of a BuildKit step, `[stage n/m] INSTRUCTION`: matched by text inside its stage (BuildKit numbers
 * only the instructions that make a step, so `n` is no index), else anywhere. Stages are named by `AS name`
 * or, unnamed, `stage-<index>`.
 */
export function locateInStage(instructions: Instruction[], stage: string | undefined, text: string): number | null {
  const wanted = normalize(text);
  const stages: Array<{ names: string[]; body: Instruction[] }> = [];
  for (const ins of instructions) {
    const from = /^from\s+(?:--\S+\s+)*\S+(?:\s+as\s+(\S+))?/i.exec(ins.text);
    if (from) stages.push({ names: [`stage-${stages.length}`, ...(from[1] ? [from[1].toLowerCase()] : [])], body: [] });
    stages[stages.length - 1]?.body.push(ins);
  }
  const scope = stage ? stages.find((s) => s.names.includes(stage.toLowerCase()))?.body : undefined;
  for (const list of [scope, instructions]) {
    const hit = list?.find((ins) => normalize(ins.text) === wanted);
    if (hit) return hit.line;
  }
  return null;
}

/** The failure details the UI shows: the Dockerfile around the failing line. */
export function buildFailure(
  dockerfileName: string,
  dockerfileText: string,
  step: number | null,
  instruction: string | null,
  found?: { line?: number | null; stage?: string; output?: string[] },
): BuildFailure {
  const line = found?.line ?? locateStep(parseDockerfile(dockerfileText), step, instruction);
  const all = dockerfileText.replace(/\s+$/, '').split(/\r?\n/);
  const from = line ? Math.max(1, line - 3) : 1;
  const to = line ? Math.min(all.length, line + 3) : Math.min(all.length, 8);
  const excerpt = [];
  for (let n = from; n <= to; n++) excerpt.push({ line: n, text: all[n - 1] ?? '' });
  return {
    step,
    instruction,
    dockerfile: dockerfileName,
    line,
    excerpt,
    ...(found?.output ? { output: found.output } : {}),
    ...(found?.stage ? { stage: found.stage } : {}),
  };
}
