/** A shell in one of the pod's running containers (the exec API: /bin/bash, else /bin/sh) in XtermSession. */
import { useState } from 'react';
import { api } from '../../api';
import type { KubePod } from '../../../contract/kube';
import { XtermSession, type TerminalBackend } from '../../components/XtermSession';
import { ContainerPicker, defaultContainer, findContainer } from './ContainerPicker';
import { stateLabel } from './containerState';

export function PodShellTab({ context, pod }: { context: string; pod: KubePod }) {
  const [chosen, setChosen] = useState(defaultContainer(pod));
  const container = findContainer(pod, chosen) ?? pod.containers[0];
  const name = container?.name ?? '';
  const running = container?.state === 'running';
  const backend: TerminalBackend = {
    open: (size, handlers) =>
      api.kube.exec.subscribe(
        { context, namespace: pod.namespace, name: pod.name, container: name, ...size },
        handlers,
      ),
    write: (sessionId, data) => api.kube.execWrite({ sessionId, data }),
    resize: (sessionId, cols, rows) => api.kube.execResize({ sessionId, cols, rows }),
  };
  return (
    <div className="pod-shell">
      <div className="toolbar">
        <ContainerPicker pod={pod} value={name} onChange={setChosen} />
      </div>
      {running ? (
        <XtermSession backend={backend} sessionKey={`${pod.uid}/${name}`} />
      ) : (
        <p className="muted" data-testid="shell-not-running">
          The container “{name}” is {container ? stateLabel(container).toLowerCase() : 'not there'}: a shell needs it
          running. Its logs say why it is not.
        </p>
      )}
    </div>
  );
}
