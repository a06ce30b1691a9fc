/** The docker and docker-compose CLIs, timed as a user in a terminal runs them. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export async function run(command: string, args: readonly string[]): Promise<string> {
  const { stdout } = await exec(command, [...args], { maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

export const docker = (...args: string[]): Promise<string> => run('docker', args);
