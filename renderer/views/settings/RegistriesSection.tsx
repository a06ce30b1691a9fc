/**
 * Settings › Registries: the registries the user's docker config holds credentials for (whoever signed in:
 * Berth, or `docker login` in a terminal), log in and log out. Logging in goes through the user's docker
 * CLI, so a credential helper keeps the secret where it would anyway. The password field is emptied as soon
 * as the request leaves, whatever the answer: the renderer keeps no copy of it.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import type { ApiError } from '../../../contract/apiError';
import { RegistryLogin, type SignedInRegistry } from '../../../contract/registries';
import { toApiError } from '../../common/apiError';
import { FormError } from '../../components/Modal';
import { notify } from '../../stores/toastStore';
import { confirm } from '../../components/ConfirmDialog';

export function RegistriesSection() {
  const [list, setList] = useState<SignedInRegistry[] | undefined>();
  const [server, setServer] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | { message: string; hint?: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api.images
      .registries()
      .then(setList)
      .catch((e: unknown) => setError(toApiError(e)));
  }, []);
  useEffect(load, [load]);

  const login = async (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = RegistryLogin.safeParse({ server, username, password });
    if (!parsed.success) {
      return setError({ message: parsed.error.issues.map((i) => i.message).join(' ') });
    }
    setPassword('');
    setBusy(true);
    setError(undefined);
    try {
      const signedIn = await api.images.login(parsed.data);
      notify('success', `Logged in to ${signedIn.host}`, `as ${signedIn.username ?? username} (${signedIn.store})`);
      setServer('');
      load();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const logout = async (r: SignedInRegistry) => {
    const { ok } = await confirm({
      title: `Log out of ${r.host}?`,
      message: 'Its credentials are removed from your docker config; pulls and pushes there go anonymous.',
      confirmLabel: 'Log out',
    });
    if (!ok) return;
    try {
      await api.images.logout({ server: r.server });
      load();
    } catch (err) {
      setError(toApiError(err));
    }
  };
  return (
    <div className="registries" data-testid="registries">
      <h2>Registries</h2>
      <p className="muted settings-help">
        Pull, push and builds use these credentials. They live in your docker config (or its credential helper), shared
        with the docker CLI.
      </p>
      {list && list.length === 0 && <p className="muted">Not logged in to any registry.</p>}
      {list && list.length > 0 && (
        <ul className="registry-list" data-testid="registry-list">
          {list.map((r) => (
            <li key={r.host}>
              <span className="mono">{r.host === 'docker.io' ? 'Docker Hub' : r.host}</span>
              <span>{r.username ?? 'unknown user'}</span>
              <span className="muted">{r.store}</span>
              <button className="small" onClick={() => void logout(r)} aria-label={`Log out of ${r.host}`}>
                Log out
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="registry-login" onSubmit={(e) => void login(e)} data-testid="registry-login" noValidate>
        <input
          aria-label="Registry"
          className="mono"
          placeholder="registry.example.com or docker.io"
          value={server}
          onChange={(e) => setServer(e.target.value)}
        />
        <input
          aria-label="User name"
          autoComplete="username"
          placeholder="user name"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <input
          aria-label="Password or token"
          type="password"
          autoComplete="off"
          placeholder="password or token"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <FormError error={error} />
    </div>
  );
}
