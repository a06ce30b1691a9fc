/**
 * Opens a log session (a container's or a pod container's whole log, kept by main) for as long as the view
 * shows it, and re-opens it whenever `key` changes. The state (line count, following, cap) repaints at most
 * once a frame; closing the view unsubscribes, and main deletes what it kept.
 */
import { useEffect, useRef, useState } from 'react';
import type { StreamHandlers, Subscription } from '../../../contract/define';
import type { ApiErrorShape } from '../../../contract/errors';
import type { LogSessionEvent, LogSessionState } from '../../../contract/logs';
import { frameBatcher } from '../../common/frameBatcher';

export interface LogSessionView {
  /** The session's id once main opened it. */
  session: string | undefined;
  state: LogSessionState | undefined;
  /** The session could not be opened (no such container, the cluster is gone). */
  error: ApiErrorShape | undefined;
}

export function useLogSession(
  open: (handlers: StreamHandlers<LogSessionEvent>) => Subscription,
  key: string,
): LogSessionView {
  const [view, setView] = useState<LogSessionView>({ session: undefined, state: undefined, error: undefined });
  const opener = useRef(open);
  opener.current = open;
  useEffect(() => {
    setView({ session: undefined, state: undefined, error: undefined });
    const states = frameBatcher<LogSessionState>((changes) => {
      const state = changes[changes.length - 1];
      setView((v) => ({ ...v, state }));
    });
    const sub = opener.current({
      onEvent: (e) => {
        if (e.type === 'opened') {
          setView({ session: e.session, state: undefined, error: undefined });
          return;
        }
        states.push(e);
      },
      onEnd: (error) => setView((v) => ({ ...v, error })),
    });
    return () => {
      states.drop();
      sub.unsubscribe();
    };
  }, [key]);
  return view;
}
