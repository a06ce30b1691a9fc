export function KubernetesView() {
  return (
    <section className="view">
      <header className="view-head">
        <h1>Kubernetes</h1>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
