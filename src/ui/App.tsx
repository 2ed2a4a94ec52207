// The app shell. The live cluster diagram, editor and terminal come in later issues; for now the
// page says what Clusterlab is and what is running underneath.

export function App() {
  return (
    <main className="shell" data-testid="app">
      <header>
        <h1>Clusterlab</h1>
        <p className="tagline">A Kubernetes cluster, shaped like a fresh AKS cluster, that runs in this browser tab.</p>
      </header>
      <section aria-labelledby="whats-here">
        <h2 id="whats-here">What is here so far</h2>
        <p>
          The simulated cluster runs headless: an API server with an etcd-like store, the scheduler, the
          controller-manager and a kubelet per node, all on one virtual clock. Point a real
          <code> kubectl </code> at it with <code>npm run cluster</code> (coming next), or run the tests with <code>npm test</code>.
        </p>
      </section>
    </main>
  );
}
