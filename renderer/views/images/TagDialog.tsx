/** Tag an image with a new name, and optionally push that tag right away. */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { notify } from '../../stores/toastStore';
import { CancelSubmit } from '../../components/CancelSubmit';
import { FormError, Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { ReferenceField } from './ReferenceField';

interface Props {
  /** What to tag: `repo:tag` or an image id; undefined when closed. */
  source: string | undefined;
  /** Open in "push" mode: the target defaults to the source and pushing is ticked. */
  push: boolean;
  onClose(): void;
}

export function TagDialog({ source, push, onClose }: Props) {
  const [target, setTarget] = useState('');
  const [andPush, setAndPush] = useState(push);
  const { error, setError, busy, run } = useSubmit();
  useEffect(() => {
    setTarget(push && source && !source.startsWith('sha256:') ? source : '');
    setAndPush(push);
    setError(undefined);
  }, [source, push, setError]);
  const submit = async () => {
    if (!source) return;
    await run(async () => {
      const ref = target.trim();
      if (ref !== source) {
        await api.images.tag({ source, target: ref });
        notify('success', `Tagged ${ref}`);
      }
      if (andPush) await api.images.push({ reference: ref });
      onClose();
    });
  };
  return (
    <Modal
      open={source !== undefined}
      title={push ? `Push ${source ?? ''}` : `Tag ${source ?? ''}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="tag-dialog"
      actions={<CancelSubmit onCancel={onClose} submit={andPush ? 'Push' : 'Tag'} disabled={busy || !target.trim()} />}
    >
      <ReferenceField
        caption={push ? 'Push as' : 'New tag'}
        label="Target reference"
        placeholder="127.0.0.1:5000/team/app:1.0"
        value={target}
        onValue={setTarget}
      />
      <label className="check">
        <input type="checkbox" checked={andPush} onChange={(e) => setAndPush(e.target.checked)} />
        Push to its registry
      </label>
      <p className="muted img-small-print">
        To push to a registry, the name starts with its host, e.g. <span className="mono">127.0.0.1:5000/</span>.
      </p>
      <FormError error={error} />
    </Modal>
  );
}
