import { api, isDesktop } from '../../api';
import type { PortBinding } from '../../../contract/containers';

/** Published ports as links that open in the user's browser. */
export function PortLinks({ ports }: { ports: PortBinding[] }) {
  const published = ports.filter((p) => p.publicPort);
  const seen = new Set<string>();
  return (
    <span className="ports">
      {published.map((p) => {
        const host =
          !p.ip || p.ip === '0.0.0.0' || p.ip === '::' ? 'localhost' : p.ip.includes(':') ? `[${p.ip}]` : p.ip;
        const label = `${p.ip && p.ip !== '0.0.0.0' ? `${p.ip}:` : ''}${p.publicPort}→${p.privatePort}/${p.type}`;
        if (seen.has(label)) return null;
        seen.add(label);
        const url = `http://${host}:${p.publicPort}/`;
        return p.type === 'tcp' ? (
          <a
            key={label}
            href={url}
            target="_blank"
            rel="noreferrer"
            className="port"
            onClick={(e) => {
              if (!isDesktop()) return;
              e.preventDefault();
              void api.system.openExternal({ url });
            }}
          >
            {label}
          </a>
        ) : (
          <span key={label} className="port">
            {label}
          </span>
        );
      })}
    </span>
  );
}
