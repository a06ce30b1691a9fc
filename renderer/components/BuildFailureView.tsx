/** A failed build: the error, and the Dockerfile around the failing step with its line highlighted. */
import type { BuildFailure } from '../../contract/images';
import type { ApiErrorShape } from '../../contract/apiError';

const isBuildFailure = (d: unknown): d is BuildFailure =>
  typeof d === 'object' && d !== null && 'excerpt' in d && Array.isArray((d as BuildFailure).excerpt);

export function BuildFailureView({ error }: { error: ApiErrorShape }) {
  const failure = isBuildFailure(error.details) ? error.details : undefined;
  return (
    <div className="build-failure" role="alert" data-testid="build-failure">
      <strong>{error.message}</strong>
      {error.hint && <div className="muted">{error.hint}</div>}
      {failure && failure.excerpt.length > 0 && (
        <figure>
          <figcaption className="muted mono">
            {failure.dockerfile}
            {failure.line ? `:${failure.line}` : ''}
            {failure.stage ? ` (stage ${failure.stage})` : ''}
          </figcaption>
          <pre className="code dockerfile-excerpt">
            {failure.excerpt.map((l) => (
              <div
                key={l.line}
                className={l.line === failure.line ? 'failing-line' : undefined}
                data-failing={l.line === failure.line || undefined}
              >
                <span className="line-no">{l.line}</span>
                {l.text || ' '}
              </div>
            ))}
          </pre>
        </figure>
      )}
      {failure?.output && failure.output.length > 0 && (
        <figure>
          <figcaption className="muted">Output of the failing step</figcaption>
          <pre className="code failing-output" data-testid="failing-output">
            {failure.output.join('\n')}
          </pre>
        </figure>
      )}
    </div>
  );
}
