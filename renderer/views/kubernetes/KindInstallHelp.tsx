/** What to do when kind is not installed. */
import type { ApiError } from '../../../contract/apiError';

export function KindInstallHelp({ error }: { error: ApiError }) {
  return (
    <div className="empty-state kind-help" data-testid="kind-missing">
      <h3>{error.message}</h3>
      <p>Berth uses your own kind CLI to create local clusters. Install it with one of:</p>
      <ul>
        <li>
          <code>go install sigs.k8s.io/kind@latest</code> (Go)
        </li>
        <li>
          <code>brew install kind</code> (macOS, Linux)
        </li>
        <li>
          <code>choco install kind</code> (Windows)
        </li>
      </ul>
      <p className="muted">Then come back here; nothing needs restarting.</p>
    </div>
  );
}
