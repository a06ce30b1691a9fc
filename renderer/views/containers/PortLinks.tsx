import { api, isDesktop } from '../../api';
import type { PortBinding } from '../../../contract/containers';
import { publishedPorts } from './portLabel';

/** Published ports as links that open in the user's browser. */
export function PortLinks({ ports }: { ports: PortBinding[] }) {
  return (
    <span className="ports">
      {publishedPorts(ports).map(({ label, url, port }) =>
        port.type === 'tcp' ? (
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
        ),
      )}
    </span>
  );
}
