/** The repeatable rows of the Run dialog: ports, environment variables, mounts. */
import type { ReactNode } from 'react';
import { FieldMessage } from '../../components/Field';
import type { EnvRow, FieldErrors, MountRow, PortRow } from './runForm';

function Err({ errors, path }: { errors: FieldErrors; path: string }) {
  return <FieldMessage message={errors[path]} field={path} />;
}

/** Messages for any field of one row, under the row. */
function RowErrors({ errors, prefix }: { errors: FieldErrors; prefix: string }) {
  const keys = Object.keys(errors).filter((k) => k === prefix || k.startsWith(`${prefix}.`));
  return (
    <>
      {keys.map((k) => (
        <Err key={k} errors={errors} path={k} />
      ))}
    </>
  );
}

interface RowsProps<T> {
  rows: T[];
  errors: FieldErrors;
  onChange(rows: T[]): void;
}

function update<T>(rows: T[], i: number, patch: Partial<T>): T[] {
  return rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
}

function RowShell({ children, onRemove, label }: { children: ReactNode; onRemove(): void; label: string }) {
  return (
    <div className="run-row">
      {children}
      <button type="button" className="small link" aria-label={label} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}

export function PortRows({ rows, errors, onChange }: RowsProps<PortRow>) {
  return (
    <>
      {rows.map((p, i) => (
        <div key={i}>
          <RowShell label={`Remove port ${i + 1}`} onRemove={() => onChange(rows.filter((_, j) => j !== i))}>
            <input
              aria-label={`Host IP ${i + 1}`}
              className="w-ip"
              value={p.hostIp}
              onChange={(e) => onChange(update(rows, i, { hostIp: e.target.value }))}
            />
            <span>:</span>
            <input
              aria-label={`Host port ${i + 1}`}
              className="w-port"
              inputMode="numeric"
              placeholder="auto"
              value={p.hostPort}
              onChange={(e) => onChange(update(rows, i, { hostPort: e.target.value }))}
            />
            <span>→</span>
            <input
              aria-label={`Container port ${i + 1}`}
              className="w-port"
              inputMode="numeric"
              placeholder="80"
              value={p.containerPort}
              onChange={(e) => onChange(update(rows, i, { containerPort: e.target.value }))}
            />
            <select
              aria-label={`Protocol ${i + 1}`}
              value={p.protocol}
              onChange={(e) => onChange(update(rows, i, { protocol: e.target.value as PortRow['protocol'] }))}
            >
              <option value="tcp">tcp</option>
              <option value="udp">udp</option>
            </select>
          </RowShell>
          <RowErrors errors={errors} prefix={`ports.${i}`} />
        </div>
      ))}
    </>
  );
}

export function EnvRows({ rows, errors, onChange }: RowsProps<EnvRow>) {
  return (
    <>
      {rows.map((v, i) => (
        <div key={i}>
          <RowShell label={`Remove variable ${i + 1}`} onRemove={() => onChange(rows.filter((_, j) => j !== i))}>
            <input
              aria-label={`Variable name ${i + 1}`}
              placeholder="NAME"
              className="mono"
              value={v.name}
              onChange={(e) => onChange(update(rows, i, { name: e.target.value }))}
            />
            <span>=</span>
            <input
              aria-label={`Variable value ${i + 1}`}
              placeholder="value"
              className="grow"
              value={v.value}
              onChange={(e) => onChange(update(rows, i, { value: e.target.value }))}
            />
          </RowShell>
          <RowErrors errors={errors} prefix={`env.${i}`} />
        </div>
      ))}
    </>
  );
}

export function MountRows({ rows, errors, onChange }: RowsProps<MountRow>) {
  return (
    <>
      {rows.map((m, i) => (
        <div key={i}>
          <RowShell label={`Remove mount ${i + 1}`} onRemove={() => onChange(rows.filter((_, j) => j !== i))}>
            <select
              aria-label={`Mount type ${i + 1}`}
              value={m.type}
              onChange={(e) => onChange(update(rows, i, { type: e.target.value as MountRow['type'] }))}
            >
              <option value="volume">volume</option>
              <option value="bind">bind</option>
            </select>
            <input
              aria-label={`Mount source ${i + 1}`}
              className="grow"
              placeholder={m.type === 'bind' ? '/path/on/host' : 'volume name (empty: anonymous)'}
              value={m.source}
              onChange={(e) => onChange(update(rows, i, { source: e.target.value }))}
            />
            <span>→</span>
            <input
              aria-label={`Mount target ${i + 1}`}
              className="grow"
              placeholder="/path/in/container"
              value={m.target}
              onChange={(e) => onChange(update(rows, i, { target: e.target.value }))}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={m.readOnly}
                onChange={(e) => onChange(update(rows, i, { readOnly: e.target.checked }))}
              />
              read-only
            </label>
          </RowShell>
          <RowErrors errors={errors} prefix={`mounts.${i}`} />
        </div>
      ))}
    </>
  );
}

export { Err as FieldError };
