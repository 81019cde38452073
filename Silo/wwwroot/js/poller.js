// Refreshes a view while it is shown; the returned function stops it when the view is left.
export function poll(refresh, intervalMs) {
  let stopped = false;
  let timer;
  const tick = async () => {
    if (stopped) return;
    try { await refresh(); } finally { if (!stopped) timer = setTimeout(tick, intervalMs); }
  };
  timer = setTimeout(tick, intervalMs);
  return () => { stopped = true; clearTimeout(timer); };
}
