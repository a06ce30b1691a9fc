export function NetworksView() {
  return (
    <section className="view">
      <header className="view-head">
        <h1>Networks</h1>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
