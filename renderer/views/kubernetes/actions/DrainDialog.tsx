/**
 * Drain a node: the plan first (what is evicted, skipped, and what blocks it), the options that unblock
 * (force, delete emptyDir data), then a task in the task center with one step per pod and cancel.
 */
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { toApiError } from '../../../common/apiError';
import { CancelSubmit } from '../../../components/CancelSubmit';
import { FormError, Modal } from '../../../components/Modal';
import { notify } from '../../../stores/toastStore';
import { useSubmit } from '../../../components/useSubmit';
import type { DrainPlan } from '../../../../contract/kubeActions';
import type { KubeTarget } from '../../../../contract/kubeBase';

export function DrainDialog({ target, node, onClose }: { target: KubeTarget; node: string; onClose(): void }) {
  const [force, setForce] = useState(false);
  const [deleteEmptyDirData, setDeleteEmptyDirData] = useState(false);
  const [plan, setPlan] = useState<DrainPlan>();
  const { error, setError, run } = useSubmit();
  const options = { ...target, node, force, deleteEmptyDirData };
  useEffect(() => {
    api.kube.drainPlan(options).then(setPlan, (e: unknown) => setError(toApiError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target.context, target.kubeconfig, node, force, deleteEmptyDirData]);
  const submit = () =>
    run(async () => {
      await api.kube.drain(options);
      notify('info', `Draining ${node}`, 'Follow it in the task center.');
      onClose();
    });
  return (
    <Modal
      open
      wide
      title={`Drain node ${node}?`}
      testId="drain-node"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <CancelSubmit
          onCancel={onClose}
          submit="Drain"
          submitClass="danger"
          disabled={!plan || plan.blocked.length > 0}
        />
      }
    >
      <p>The node is cordoned, then its pods are evicted; PodDisruptionBudgets are honoured.</p>
      {plan && (
        <ul className="drain-plan" data-testid="drain-plan">
          <li>{plan.evict.length} pod(s) to evict</li>
          {plan.skipped.map((p) => (
            <li key={`s${p.namespace}/${p.name}`} className="muted">
              Skipped {p.namespace}/{p.name}: {p.reason}
            </li>
          ))}
          {plan.blocked.map((p) => (
            <li key={`b${p.namespace}/${p.name}`} className="bad-text">
              Blocks: {p.namespace}/{p.name}: {p.reason}
            </li>
          ))}
        </ul>
      )}
      <label className="check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force: also delete pods no controller recreates
      </label>
      <label className="check">
        <input type="checkbox" checked={deleteEmptyDirData} onChange={(e) => setDeleteEmptyDirData(e.target.checked)} />
        Delete emptyDir data
      </label>
      <FormError error={error} />
    </Modal>
  );
}
