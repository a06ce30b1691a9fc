/** A running port-forward's page as a link (the user's browser on the desktop), with its Stop button. */
import type { KubePortForward } from '../../../contract/kubePods';
import { openForward, stopForward } from '../../stores/kubeForwards';

export function ForwardLink({ forward }: { forward: KubePortForward }) {
  return (
    <a
      href={forward.url}
      target="_blank"
      rel="noreferrer"
      className="mono"
      data-testid="forward-link"
      onClick={(e) => {
        e.preventDefault();
        openForward(forward.url);
      }}
    >
      {forward.url}
    </a>
  );
}

export function ForwardRow({ forward, showTarget }: { forward: KubePortForward; showTarget?: boolean }) {
  return (
    <li className="forward-row" data-testid="forward" data-local-port={forward.localPort}>
      <ForwardLink forward={forward} />
      <span className="muted">→</span>
      {showTarget ? (
        <span className="mono">
          {forward.kind}/{forward.name}:{forward.port}
          {forward.kind === 'service' && forward.pod ? ` (via ${forward.pod})` : ''}
        </span>
      ) : (
        <span className="mono">:{forward.port}</span>
      )}
      <span
        className="muted"
        title={forward.transport ? `through the API server over ${forward.transport}` : undefined}
      >
        {forward.active} open · {forward.connections} so far
      </span>
      {forward.error && (
        <span className="bad-text ellipsis" title={forward.error} data-testid="forward-error">
          {forward.error}
        </span>
      )}
      <span className="spacer" />
      <button className="small" onClick={() => void stopForward(forward.id)}>
        Stop
      </button>
    </li>
  );
}
