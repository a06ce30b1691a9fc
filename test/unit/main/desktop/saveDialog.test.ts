/** The save dialog's options and answers, with a fake of Electron's dialog (the real one needs the app). */
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { askSavePath, saveDialogOptions, type SaveDialog } from '../../../../main/desktop/saveDialog';

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const calls: Array<{ window: unknown; options: SaveDialogOptions }> = [];
  const dialog = {
    showSaveDialog: (a: unknown, b?: SaveDialogOptions) => {
      calls.push(b ? { window: a, options: b } : { window: undefined, options: a as SaveDialogOptions });
      return Promise.resolve({ canceled: answer.canceled, filePath: answer.filePath ?? '' });
    },
  } as unknown as SaveDialog;
  return { dialog, calls };
}

describe('save dialog', () => {
  it('suggests the name in Downloads with its extension as the filter, over the focused window', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/home/u/Downloads/web.log' });
    const win = {} as BrowserWindow;
    const path = await askSavePath(
      dialog,
      win,
      { title: 'Save the whole log', defaultName: 'web/1.log' },
      '/home/u/Downloads',
    );
    expect(path).toBe('/home/u/Downloads/web.log');
    expect(calls[0]?.window).toBe(win);
    expect(calls[0]?.options.defaultPath).toBe('/home/u/Downloads/web_1.log');
    expect(calls[0]?.options.filters?.[0]).toEqual({ name: 'LOG', extensions: ['log'] });
  });

  it('answers null when cancelled, and works without a window', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true });
    expect(await askSavePath(dialog, null, { title: 't', defaultName: 'x.log' })).toBeNull();
    expect(calls[0]?.window).toBeUndefined();
    expect(saveDialogOptions({ title: 't', defaultName: 'noext' }, '/d').filters).toEqual([]);
  });
});
