export function ComposeView() {
  return (
    <section className="view">
      <header className="view-head">
        <h1>Compose</h1>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
