/** Every port-forward main runs (all contexts): where it listens, where it goes, its link and Stop. */
import { useRetained } from '../../stores/useRetained';
import { useKubeForwards } from '../../stores/kubeForwards';
import { ForwardRow } from './ForwardLink';

export function ForwardsTab() {
  useRetained(useKubeForwards);
  const { items, loaded, error } = useKubeForwards();
  const list = [...items.values()].sort((a, b) => a.localPort - b.localPort);
  const contexts = [...new Set(list.map((f) => f.context))];
  return (
    <div className="kube-forwards" data-testid="kube-forwards">
      {error && <p className="bad-text">{error.message}</p>}
      {loaded && list.length === 0 && (
        <p className="muted">
          No port-forwards. Start one from a pod’s “Port forward” tab or a Service’s “Open” button; they keep running
          while Berth runs.
        </p>
      )}
      {contexts.map((context) => (
        <section key={context}>
          <h3>{context}</h3>
          <ul className="forward-list">
            {list
              .filter((f) => f.context === context)
              .map((f) => (
                <ForwardRow key={f.id} forward={f} showTarget />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
