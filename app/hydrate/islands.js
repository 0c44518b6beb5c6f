// Hydrates the islands of a page, and loads the WebAssembly only for a page that has an
// island with work to do: a form that posts, or a text area with a counter. A file of its
// own (not an inline script), so the CSP needs no nonce and every page is cacheable.
const me = document.getElementById('islands');
const islands = [...document.querySelectorAll('leptos-island')];
const work = document.querySelector('form[method="post"], textarea[data-counter]');
if (me && islands.length && work) {
  const glue = await import(me.dataset.js);
  await glue.default({ module_or_path: me.dataset.wasm });
  glue.hydrate();
  for (const island of islands) {
    const hydrate = glue[island.dataset.component];
    if (hydrate) hydrate(island);
  }
}
