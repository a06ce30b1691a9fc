/** The kinds of the cluster, grouped as Lens groups them (Workloads, Network, Config, ...), to pick one. */
import { KIND_CATEGORIES } from '../../../../contract/kinds/model';
import type { KubeKindInfo } from '../../../../contract/kubeObjects';

export function KindPicker({
  kinds,
  selected,
  onPick,
}: {
  kinds: KubeKindInfo[];
  selected: string | undefined;
  onPick(id: string): void;
}) {
  return (
    <nav className="kind-picker" aria-label="Kinds" data-testid="kind-picker">
      {KIND_CATEGORIES.map((category) => {
        const inGroup = kinds
          .filter((k) => k.category === category)
          .sort((a, b) => Number(a.custom) - Number(b.custom) || a.title.localeCompare(b.title));
        if (inGroup.length === 0) return null;
        return (
          <section key={category}>
            <h3>{category}</h3>
            {inGroup.map((k) => (
              <button
                key={k.id}
                className={k.id === selected ? 'active' : ''}
                aria-pressed={k.id === selected}
                data-kind={k.id}
                title={`${k.kind} (${k.group ? `${k.group}/` : ''}${k.version})`}
                onClick={() => onPick(k.id)}
              >
                {k.title}
              </button>
            ))}
          </section>
        );
      })}
    </nav>
  );
}
