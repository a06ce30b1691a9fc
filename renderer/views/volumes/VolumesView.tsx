export function VolumesView() {
  return (
    <section className="view">
      <header className="view-head">
        <h1>Volumes</h1>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
