/** The environment checklist: one row per tool with found/missing, version and how to fix what is missing. */
import { useEffect } from 'react';
import type { EnvironmentCheck } from '../../contract/system';
import { checkEnvironment, useEnvironment } from '../stores/environmentStore';
import { CodeText } from './CodeText';
import './FirstRun.css';

const STATUS_TEXT: Record<EnvironmentCheck['status'], string> = {
  ok: 'Found',
  missing: 'Missing',
  problem: 'Not working',
};

function CheckRow({ check }: { check: EnvironmentCheck }) {
  return (
    <li className={`env-check ${check.status}`} data-testid={`env-${check.id}`} data-status={check.status}>
      <span className={`env-mark ${check.status}`} aria-hidden>
        {check.status === 'ok' ? '✓' : check.status === 'missing' ? '✕' : '!'}
      </span>
      <div className="env-body">
        <div className="env-title">
          <strong>{check.label}</strong>
          <span className="env-state" data-testid="env-state">
            {STATUS_TEXT[check.status]}
          </span>
          {check.version && (
            <span className="badge mono" data-testid="env-version">
              {check.version}
            </span>
          )}
          {!check.required && <span className="muted env-optional">optional</span>}
        </div>
        <div className="muted env-used">
          <CodeText text={check.usedFor} />
        </div>
        {check.detail && <div className="muted mono ellipsis">{check.detail}</div>}
        {check.path && check.status === 'ok' && <div className="muted mono ellipsis">{check.path}</div>}
        {check.hint && (
          <div className="env-hint">
            <CodeText text={check.hint} />
          </div>
        )}
        {check.fix && (
          <div className="env-fix" data-testid="env-fix">
            <span>
              <CodeText text={check.fix.text} />
            </span>
            {check.fix.command && <code className="mono env-command">{check.fix.command}</code>}
            {check.fix.url && (
              <a href={check.fix.url} target="_blank" rel="noreferrer">
                {new URL(check.fix.url).host}
              </a>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

export function FirstRunChecklist() {
  const { report, checking, error } = useEnvironment();
  useEffect(() => {
    if (!useEnvironment.getState().report) void checkEnvironment();
  }, []);
  return (
    <div className="env-checklist" data-testid="env-checklist" aria-busy={checking}>
      <div className="toolbar">
        <button onClick={() => void checkEnvironment(true)} disabled={checking}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
        {report && (
          <span className="muted">
            Checked {new Date(report.checkedAt).toLocaleTimeString()} on {report.platform}
          </span>
        )}
      </div>
      {error && <p className="bad-text">{error}</p>}
      {!report && checking && <p className="muted">Looking for Docker, compose, kind and kubectl…</p>}
      {report && (
        <ul className="env-list">
          {report.checks.map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
        </ul>
      )}
    </div>
  );
}
