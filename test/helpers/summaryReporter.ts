/**
 * Names every test that did not run, then prints one plain closing line, `tests: N passed, N failed, N
 * skipped` (a file that fails outside its tests counts as one failed), and for the fault-injection tests
 * (named "fault: …") `faults: N injected, N survived`; with BERTH_TEST_SUMMARY set (test/run-all.sh) it
 * also appends the counts to that file.
 */
import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const notRun: string[] = [];
    let faults = 0;
    let survived = 0;
    const broken: string[] = [];
    for (const m of modules) {
      // A file that fails outside its tests (an import that does not resolve) counts as one failure.
      const errors = m.errors();
      if (errors.length) {
        failed++;
        broken.push(`${m.moduleId.replace(process.cwd() + '/', '')}: ${errors[0]?.message ?? 'error'}`);
      }
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (t.name.startsWith('fault:') && (s === 'passed' || s === 'failed')) {
          faults++;
          if (s === 'passed') survived++;
        }
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else notRun.push(`${m.moduleId.replace(process.cwd() + '/', '')} > ${t.fullName}`);
      }
    }
    // Tests that did not run are named, so a skipped suite never hides a gap.
    for (const name of notRun) process.stdout.write(`not run: ${name}\n`);
    for (const line of broken) process.stdout.write(`failed outside its tests: ${line}\n`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${notRun.length} skipped\n`);
    if (faults) process.stdout.write(`faults: ${faults} injected, ${survived} survived\n`);
    const file = process.env.BERTH_TEST_SUMMARY;
    if (file) appendFileSync(file, `${passed} ${failed} ${notRun.length} ${faults} ${survived}\n`);
  }
}
