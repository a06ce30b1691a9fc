/**
 * View and edit an object's YAML. Review asks the API server for a dry-run and shows its diff; Save
 * replaces the object at the resourceVersion it was read at. If it changed meanwhile the dialog shows what
 * changed there and offers: rebase (the edit re-applied on the new version), overwrite, or discard the edit.
 * The API server's validation errors are listed and marked at their lines.
 */
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { toErrorShape } from '../../../common/apiError';
import { FormError, Modal } from '../../../components/Modal';
import { notify } from '../../../stores/toastStore';
import type { ApiErrorShape } from '../../../../contract/errors';
import type { FieldCause, SaveYamlOutcome } from '../../../../contract/kubeActions';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import { refKey } from './refs';
import { DiffView } from './DiffView';
import { YamlText } from './YamlText';

type Conflict = Extract<SaveYamlOutcome, { outcome: 'conflict' }>;
type Review = Extract<SaveYamlOutcome, { outcome: 'dryRun' }>;

export function YamlEditDialog({ object, onClose }: { object: KubeObjectRef; onClose(): void }) {
  const [base, setBase] = useState<string>();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<{ message: string; causes: FieldCause[] }>();
  const [review, setReview] = useState<Review>();
  const [conflict, setConflict] = useState<Conflict>();
  const [error, setError] = useState<ApiErrorShape>();
  const [busy, setBusy] = useState(false);
  const [focusLine, setFocusLine] = useState<number>();

  useEffect(() => {
    let live = true;
    api.kube.objectYaml(object).then(
      (o) => {
        if (!live) return;
        setBase(o.yaml);
        setText(o.yaml);
      },
      (e: unknown) => live && setError(toErrorShape(e)),
    );
    return () => {
      live = false;
    };
    // `refKey` stands for the object: an equal ref on a re-render must not reload (and drop the edit).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refKey(object)]);

  const save = async (dryRun: boolean, overwrite = false) => {
    if (base === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.kube.saveYaml({ ...object, yaml: text, baseYaml: base, dryRun, overwrite });
      setInvalid(undefined);
      setReview(undefined);
      setConflict(undefined);
      if (out.outcome === 'invalid') {
        setInvalid(out);
        setFocusLine(out.causes.find((c) => c.line)?.line);
      } else if (out.outcome === 'conflict') setConflict(out);
      else if (out.outcome === 'dryRun') setReview(out);
      else {
        notify('success', `Saved ${object.name}`);
        onClose();
      }
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  };

  const takeTheirs = (yaml: string, server: string) => {
    setBase(server);
    setText(yaml);
    setConflict(undefined);
    setReview(undefined);
  };

  const title = `${object.resource}/${object.name}${object.namespace ? ` in ${object.namespace}` : ''}`;
  return (
    <Modal
      open
      wide
      title={`Edit ${title}`}
      testId="yaml-edit"
      onClose={onClose}
      onSubmit={() => void save(!review)}
      actions={
        conflict ? (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" onClick={() => takeTheirs(conflict.serverYaml, conflict.serverYaml)}>
              Discard my edit
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void save(false, true)}>
              Overwrite
            </button>
            <button
              type="button"
              className="primary"
              disabled={!conflict.rebasedYaml}
              title={conflict.rebasedYaml ? undefined : 'Both changed the same fields: edit by hand, or overwrite.'}
              onClick={() => conflict.rebasedYaml && takeTheirs(conflict.rebasedYaml, conflict.serverYaml)}
            >
              Rebase my edit
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            {review && (
              <button type="button" onClick={() => setReview(undefined)}>
                Back to editing
              </button>
            )}
            <button type="submit" className="primary" disabled={busy || base === undefined || text === base}>
              {review ? 'Save' : 'Review changes'}
            </button>
          </>
        )
      }
    >
      <div className="yaml-edit-body">
        <FormError error={error} />
        {conflict && (
          <div className="yaml-conflict" role="alert" data-testid="yaml-conflict">
            <p>
              <strong>{conflict.message}</strong>{' '}
              {conflict.rebasedYaml
                ? 'Rebase re-applies your edit on their version; you review it before saving.'
                : `You both changed ${conflict.clashes.join(', ')}: rebase is not possible.`}
            </p>
            <h3>What changed there</h3>
            <DiffView diff={conflict.theirChanges} testId="their-changes" />
          </div>
        )}
        {invalid && (
          <div className="img-form-error" role="alert" data-testid="yaml-invalid">
            {invalid.message}
            <ul className="yaml-causes">
              {invalid.causes.map((c, i) => (
                <li key={i}>
                  {c.line ? (
                    <button type="button" className="link small" onClick={() => setFocusLine(c.line)}>
                      line {c.line}
                    </button>
                  ) : null}{' '}
                  {c.field && <code>{c.field}</code>} {c.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {review && (
          <div data-testid="yaml-review">
            <p className="muted">The API server accepted it (dry-run). What saving changes:</p>
            <DiffView diff={review.diff} testId="yaml-diff" />
          </div>
        )}
        {base === undefined && !error && <p className="muted">Loading…</p>}
        {base !== undefined && !review && !conflict && (
          <YamlText
            label={`YAML of ${object.name}`}
            value={text}
            onChange={(t) => {
              setText(t);
              setReview(undefined);
            }}
            causes={invalid?.causes}
            focusLine={focusLine}
          />
        )}
      </div>
    </Modal>
  );
}
