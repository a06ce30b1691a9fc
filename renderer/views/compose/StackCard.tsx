/** One compose stack on the engine: its services and containers, live, and what can be done to it. */
import { useState } from 'react';
import type { ComposeStack, StackService } from '../../../contract/compose';
import { PortLinks } from '../containers/PortLinks';
import { LiveStatus } from '../../components/LiveStatus';
import { useCompose } from '../../stores/composeStore';
import { down, runAction, scale } from './stackActions';
import { serviceColor } from './serviceColor';

function ServiceRows({ stack, service }: { stack: ComposeStack; service: StackService }) {
  const [replicas, setReplicas] = useState(service.containers.length);
  const running = service.containers.filter((c) => c.state === 'running').length;
  return (
    <>
      {service.containers.map((c, i) => (
        <tr
          key={c.id}
          data-testid="stack-service"
          data-service={service.name}
          data-state={c.state}
          className={i > 0 ? 'replica' : ''}
        >
          <td>
            {i === 0 && (
              <strong style={{ color: serviceColor(service.name) }} data-testid="stack-service-name">
                {service.name}
              </strong>
            )}
          </td>
          <td className="mono">{c.name}</td>
          <td>
            <span className="cell-name">
              <span className={`state-dot ${c.state}`} aria-hidden />
              <span className={`state ${c.state}`} data-testid="stack-container-status">
                <LiveStatus status={c.status} since={c.since} fallback={c.state} />
              </span>
            </span>
          </td>
          <td>
            <PortLinks ports={c.ports} />
          </td>
          <td>
            {i === 0 && (
              <span className="row-actions">
                <button
                  className="small"
                  title={`Restart ${service.name}`}
                  aria-label={`Restart service ${service.name}`}
                  onClick={() => runAction(stack, 'restart', [service.name])}
                >
                  ↻
                </button>
                <input
                  type="number"
                  min={0}
                  max={100}
                  className="compose-replicas"
                  aria-label={`Replicas of ${service.name}`}
                  value={replicas}
                  onChange={(e) => setReplicas(Math.max(0, Math.min(100, Number(e.target.value) || 0)))}
                />
                <button
                  className="small"
                  disabled={replicas === service.containers.length && replicas === running}
                  onClick={() => scale(stack, service.name, replicas)}
                >
                  Scale
                </button>
              </span>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

export function StackCard({ stack }: { stack: ComposeStack }) {
  const showLogs = useCompose((s) => s.showLogs);
  const logsOf = useCompose((s) => s.logsOf);
  const file = stack.configFiles.join(', ');
  return (
    <article
      className="card stack"
      data-testid="stack"
      data-name={stack.name}
      data-state={stack.state}
      aria-label={`Stack ${stack.name}`}
    >
      <header className="stack-head">
        <span className={`state-dot ${stack.state === 'stopped' ? 'exited' : 'running'}`} aria-hidden />
        <h2 className="stack-name">{stack.name}</h2>
        <span className={`tag ${stack.state === 'partial' ? 'warn' : ''}`}>
          {stack.running}/{stack.total} running
        </span>
        <span className="muted mono ellipsis stack-file" title={file}>
          {file || 'no compose file recorded'}
        </span>
        <span className="spacer" />
        <span className="row-actions">
          {stack.running < stack.total && (
            <button className="small" onClick={() => runAction(stack, 'start')}>
              Start
            </button>
          )}
          {stack.running > 0 && (
            <button className="small" onClick={() => runAction(stack, 'stop')}>
              Stop
            </button>
          )}
          <button className="small" onClick={() => runAction(stack, 'restart')}>
            Restart
          </button>
          <button className="small" onClick={() => runAction(stack, 'pull')}>
            Pull
          </button>
          <button className="small" onClick={() => runAction(stack, 'build')}>
            Build
          </button>
          <button
            className="small"
            aria-pressed={logsOf === stack.name}
            onClick={() => showLogs(logsOf === stack.name ? undefined : stack.name)}
          >
            Logs
          </button>
          <button className="small danger" data-testid="stack-down" onClick={() => void down(stack)}>
            Down
          </button>
        </span>
      </header>
      <table className="stack-services">
        <tbody>
          {stack.services.map((s) => (
            <ServiceRows key={`${s.name}:${s.containers.length}`} stack={stack} service={s} />
          ))}
        </tbody>
      </table>
    </article>
  );
}
