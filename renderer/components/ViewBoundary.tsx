/**
 * Around the open view: a view whose code could not be loaded (after the loader's own retries), or that
 * threw while rendering, shows in its place what happened and a Retry — the sidebar, the status bar and the
 * other views stay usable, where without a boundary React would unmount the whole page. `onError` lets the
 * caller drop what failed (viewLoaders' forgetView), so Retry, or opening the view again, starts afresh.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** The open view; another view clears the error. */
  view: string;
  /** The view's name as the sidebar shows it. */
  label: string;
  onError(error: Error): void;
  /** Called on each render, so a Retry gets the view anew. */
  children(): ReactNode;
}

interface State {
  view: string;
  error?: Error;
}

/** Vite's and the browsers' words for a chunk or stylesheet that could not be fetched. */
const NOT_LOADED = /dynamically imported module|preload CSS|Importing a module script failed|Loading chunk/i;

export class ViewBoundary extends Component<Props, State> {
  override state: State = { view: this.props.view };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.view === state.view ? null : { view: props.view, error: undefined };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children();
    const notLoaded = NOT_LOADED.test(error.message);
    return (
      <section className="view">
        <div className="empty-state" role="alert" data-testid="view-failed">
          <h2>
            {notLoaded ? `The ${this.props.label} view could not be loaded` : `The ${this.props.label} view stopped`}
          </h2>
          <p>{error.message}</p>
          <p className="muted">
            {notLoaded
              ? 'Its code did not arrive (Berth busy or restarting, or the connection to it dropped). Retry; if it keeps failing, reload the window.'
              : 'It hit an error while showing. Retry opens it again; if this happens again, please report it with what led here.'}
          </p>
          <button type="button" className="primary" onClick={() => this.setState({ error: undefined })}>
            Retry
          </button>
        </div>
      </section>
    );
  }
}
