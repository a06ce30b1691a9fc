/** What the stack buttons do; down asks first, and asks again before removing volumes. */
import { api } from '../../api';
import type { ComposeStack, StackAction } from '../../../contract/compose';
import { confirm } from '../../components/ConfirmDialog';
import { attempt } from '../../stores/toastStore';

export function runAction(stack: ComposeStack, action: StackAction, services: string[] = []): void {
  const which = services.length ? ` ${services.join(', ')}` : '';
  void attempt(`Could not ${action} ${stack.name}${which}`, () =>
    api.compose.run({ project: stack.name, action, services }),
  );
}

export function scale(stack: ComposeStack, service: string, replicas: number): void {
  void attempt(`Could not scale ${service}`, () => api.compose.scale({ project: stack.name, service, replicas }));
}

export async function down(stack: ComposeStack): Promise<void> {
  const first = await confirm({
    title: `Down ${stack.name}?`,
    message: 'Stops and removes its containers and networks. Named volumes are kept unless you tick the box.',
    option: 'Also remove volumes',
    confirmLabel: 'Down',
    danger: true,
  });
  if (!first.ok) return;
  if (first.option) {
    const second = await confirm({
      title: `Remove the volumes of ${stack.name}?`,
      message: 'The data in its volumes is deleted for good. This cannot be undone.',
      confirmLabel: 'Remove volumes too',
      danger: true,
    });
    if (!second.ok) return;
  }
  await attempt(`Could not take down ${stack.name}`, () =>
    api.compose.down({ project: stack.name, removeVolumes: first.option }),
  );
}
