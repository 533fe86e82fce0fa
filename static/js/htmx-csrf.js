// The CSRF token for htmx requests comes from a meta tag, not from hx-headers on <body>:
// an attribute there would be inherited by any markup a user managed to inject. A request
// from inside an hx-disable container (where user-written text is shown) is dropped, as a
// second line behind htmx's own check.
document.addEventListener("htmx:configRequest", (event) => {
  const source = event.detail.elt;
  if (source && source.closest && source.closest("[hx-disable], [data-hx-disable]")) {
    event.preventDefault();
    return;
  }
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.content;
  }
});
