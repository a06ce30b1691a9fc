/** The opened compose file before anything runs: its services and what they need, the CLI's verdict, and Up. */
import type { ComposeFile } from '../../../contract/compose';
import { useCompose } from '../../stores/composeStore';
import { UpForm } from './UpForm';
import { CodeText } from '../../components/CodeText';

function Services({ file }: { file: ComposeFile }) {
  return (
    <table className="compose-services" data-testid="compose-services">
      <thead>
        <tr>
          <th>Service</th>
          <th>Image / build</th>
          <th>Ports</th>
          <th>Volumes</th>
          <th>Depends on</th>
        </tr>
      </thead>
      <tbody>
        {file.services.map((s) => (
          <tr key={s.name} data-testid="compose-service" data-service={s.name}>
            <td>
              <strong>{s.name}</strong>
              {s.profiles.map((p) => (
                <span key={p} className="tag">
                  {p}
                </span>
              ))}
            </td>
            <td className="mono">
              {s.image && <div>{s.image}</div>}
              {s.build && (
                <div className={s.build.exists ? '' : 'bad-text'} title={s.build.context}>
                  build{' '}
                  {s.build.context.startsWith(file.dir)
                    ? `.${s.build.context.slice(file.dir.length)}`
                    : s.build.context}
                  {s.build.dockerfile ? ` (${s.build.dockerfile})` : ''}
                  {!s.build.exists && ' — folder not found'}
                </div>
              )}
            </td>
            <td className="mono">{s.ports.join(', ') || '—'}</td>
            <td className="mono">{s.volumes.join(', ') || '—'}</td>
            <td>{s.dependsOn.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FilePreview() {
  const { file, validation, openError, close } = useCompose();
  if (openError) {
    return (
      <div className="compose-error" role="alert" data-testid="compose-open-error">
        <strong>{openError.message}</strong>
        {typeof (openError.details as { snippet?: unknown } | undefined)?.snippet === 'string' && (
          <pre className="mono">{(openError.details as { snippet: string }).snippet}</pre>
        )}
        {openError.hint && (
          <div className="muted">
            <CodeText text={openError.hint} />
          </div>
        )}
      </div>
    );
  }
  if (!file) return null;
  return (
    <section className="card compose-file" data-testid="compose-file" aria-label={`Compose file ${file.path}`}>
      <header className="compose-file-head">
        <h2 className="mono">{file.path}</h2>
        <span className="spacer" />
        <button className="small link" onClick={close} aria-label="Close file">
          ✕
        </button>
      </header>
      <Services file={file} />
      <p className="muted compose-extra">
        {file.volumes.length > 0 && <>Volumes: {file.volumes.join(', ')}. </>}
        {file.networks.length > 0 && <>Networks: {file.networks.join(', ')}.</>}
      </p>
      {validation === undefined ? (
        <p className="muted" data-testid="compose-validation" data-state="checking">
          Checking the file with the compose CLI…
        </p>
      ) : validation.ok ? (
        <p className="ok-text" data-testid="compose-validation" data-state="ok">
          ✓ The compose CLI accepts this file.
        </p>
      ) : (
        <pre className="compose-error" role="alert" data-testid="compose-validation" data-state="refused">
          {validation.message}
        </pre>
      )}
      <UpForm key={file.path} file={file} blocked={validation !== undefined && !validation.ok} />
    </section>
  );
}
