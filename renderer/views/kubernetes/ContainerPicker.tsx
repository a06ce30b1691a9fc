/** Picks one of a pod's containers, init containers included (marked), for logs and the shell. */
import type { KubePod } from '../../../contract/kube';

export function ContainerPicker({
  pod,
  value,
  onChange,
  withInit = true,
}: {
  pod: KubePod;
  value: string;
  onChange(name: string): void;
  withInit?: boolean;
}) {
  const init = withInit ? pod.initContainers : [];
  if (pod.containers.length + init.length < 2) return null;
  return (
    <label className="check">
      Container
      <select aria-label="Container" value={value} onChange={(e) => onChange(e.target.value)}>
        {pod.containers.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
        {init.map((c) => (
          <option key={`init-${c.name}`} value={c.name}>
            {c.name} (init)
          </option>
        ))}
      </select>
    </label>
  );
}

/** The container a pod's tabs start on: the first app container. */
export const defaultContainer = (pod: KubePod | undefined): string => pod?.containers[0]?.name ?? '';

export const findContainer = (pod: KubePod, name: string) =>
  pod.containers.find((c) => c.name === name) ?? pod.initContainers.find((c) => c.name === name);
