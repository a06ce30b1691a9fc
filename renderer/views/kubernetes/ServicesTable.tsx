/**
 * The namespace's Services: type, cluster IP, ports (port:targetPort/protocol, node port), ready endpoints
 * from their EndpointSlices, selector; and Open, which port-forwards the Service and opens the page.
 */
import { useMemo } from 'react';
import { DataTable, type Column } from '../../components/DataTable';
import type { KubeService } from '../../../contract/kube';
import { useKubeList } from '../../stores/kubeLists';
import { startForward } from '../../stores/kubeForwards';
import { ageCol, nameCol, nsCol } from './workloadColumns';
import { endpointsByService, forwardablePorts, portLabel, selectorLabel, type Endpoints } from './servicePorts';

function columns(context: string, endpoints: Map<string, Endpoints>): Column<KubeService>[] {
  return [
    nameCol(),
    nsCol(),
    { key: 'type', header: 'Type', width: '90px', render: (s) => s.type, sortValue: (s) => s.type },
    { key: 'ip', header: 'Cluster IP', width: '110px', render: (s) => s.clusterIP ?? '' },
    {
      key: 'ports',
      header: 'Ports',
      width: '1.6fr',
      render: (s) => <span className="mono ellipsis">{s.ports.map(portLabel).join(', ')}</span>,
    },
    {
      key: 'endpoints',
      header: 'Ready endpoints',
      width: '120px',
      render: (s) => {
        const e = endpoints.get(s.id);
        if (!e) return <span className="muted">{Object.keys(s.selector).length ? '0' : 'no selector'}</span>;
        return (
          <span className={e.ready === 0 ? 'bad-text' : ''} data-testid="service-endpoints">
            {e.ready}/{e.total}
          </span>
        );
      },
      sortValue: (s) => endpoints.get(s.id)?.ready ?? -1,
    },
    {
      key: 'selector',
      header: 'Selector',
      width: '1.2fr',
      render: (s) => <span className="mono ellipsis">{selectorLabel(s.selector)}</span>,
    },
    ageCol(),
    {
      key: 'actions',
      header: '',
      width: '130px',
      render: (s) =>
        forwardablePorts(s)
          .slice(0, 2)
          .map((port) => (
            <button
              key={port}
              className="small"
              title={`Port-forward ${s.name}:${port} to a free local port and open it`}
              onClick={() =>
                void startForward(
                  { context, namespace: s.namespace, kind: 'service', name: s.name, port, localPort: 0 },
                  true,
                )
              }
            >
              Open :{port}
            </button>
          )),
    },
  ];
}

export function ServicesTable({ context, namespace }: { context: string; namespace: string }) {
  const services = useKubeList('services', context, namespace);
  const slices = useKubeList('endpointSlices', context, namespace);
  const endpoints = useMemo(() => endpointsByService(slices.items.values()), [slices.items]);
  const cols = useMemo(() => columns(context, endpoints), [context, endpoints]);
  return (
    <DataTable
      testId="kube-services"
      rows={[...services.items.values()]}
      rowKey={(s) => s.id}
      columns={cols}
      empty="No services."
    />
  );
}
