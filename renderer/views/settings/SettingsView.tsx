export function SettingsView() {
  return (
    <section className="view">
      <header className="view-head">
        <h1>Settings</h1>
      </header>
      <p className="muted">Coming next.</p>
    </section>
  );
}
