/** What a build task works from once its input was checked, and what it ends with; shared by both builders. */
import type { BuildInput } from '../../../contract/images';

export type CheckedBuildInput = Required<Omit<BuildInput, 'target'>> & { target?: string };

export interface BuildJob {
  input: CheckedBuildInput;
  /** The context folder, absolute and normalised. */
  context: string;
  /** The Dockerfile's absolute path and text. */
  dockerfilePath: string;
  dockerfileText: string;
  /** The tags, normalised (`app` → `app:latest` is left to the engine; the grammar was checked). */
  tags: string[];
}

/** The task's result: the image id (config or manifest digest, per the image store) and its tags. */
export interface BuildResult {
  id: string | null;
  tags: string[];
}
