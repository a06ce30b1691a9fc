/** Image actions that ask first: remove (offering force when containers use it) and prune. */
import { api } from '../../api';
import { toApiError } from '../../common/apiError';
import { confirm } from '../../components/ConfirmDialog';
import { notify } from '../../stores/toastStore';

/** Asks, removes; when containers use the image, names them and asks again before forcing. */
export async function removeImageAsked(ref: string, label: string): Promise<boolean> {
  const first = await confirm({
    title: 'Remove image',
    message: `Remove ${label}? ${ref.startsWith('sha256:') ? 'The image and its layers' : 'The tag'} will be deleted.`,
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!first.ok) return false;
  try {
    await api.images.remove({ ref });
    notify('success', `Removed ${label}`);
    return true;
  } catch (e) {
    const err = toApiError(e);
    if (err.code !== 'conflict') {
      notify('error', `Could not remove ${label}`, err.message, err.hint);
      return false;
    }
    const again = await confirm({
      title: 'Image in use',
      message: `${err.message} Force the removal? Containers keep running on the untagged image.`,
      confirmLabel: 'Force remove',
      danger: true,
    });
    if (!again.ok) return false;
    try {
      await api.images.remove({ ref, force: true });
      notify('success', `Removed ${label}`);
      return true;
    } catch (e2) {
      const err2 = toApiError(e2);
      notify('error', `Could not remove ${label}`, err2.message, err2.hint);
      return false;
    }
  }
}
