/** Files to open and views to show, asked for by the desktop shell, kept until someone listens. */
import { describe, expect, it } from 'vitest';
import { ShellRequests } from '../../../../main/settings/openRequests';

describe('shell requests', () => {
  it('keeps a file asked for before anyone listens and hands it over once', () => {
    const hub = new ShellRequests();
    hub.openComposeFile('/a/compose.yaml');
    const first: string[] = [];
    const off = hub.onOpen((r) => first.push(r.path));
    expect(first).toEqual(['/a/compose.yaml']);
    const second: string[] = [];
    hub.onOpen((r) => second.push(r.path));
    expect(second).toEqual([]);
    hub.openComposeFile('/b/compose.yaml');
    expect(first).toEqual(['/a/compose.yaml', '/b/compose.yaml']);
    expect(second).toEqual(['/b/compose.yaml']);
    off();
  });

  it('broadcasts navigation to whoever listens, keeping the last one asked for before the window was up', () => {
    const hub = new ShellRequests();
    hub.navigate('containers');
    hub.navigate('compose');
    const seen: string[] = [];
    hub.onNavigate((r) => seen.push(r.view));
    hub.navigate('images');
    expect(seen).toEqual(['compose', 'images']);
  });
});
