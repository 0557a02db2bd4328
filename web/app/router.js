// Hash-based routing (#/home, #/system/users ...): the server only has to
// serve index.html, and reloading a page keeps the user where they were.
const { ref } = Vue;

function current() {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h.split('?')[0] : '/home';
}

export const route = ref(current());
window.addEventListener('hashchange', () => { route.value = current(); });

export function navigate(path) {
  if (window.location.hash !== '#' + path) window.location.hash = path;
  route.value = path;
}

// Query parameters of the current hash route (#/cases/detail?id=12 -> {id: '12'}).
// Detail pages take their record id this way, so the menu still matches the
// path without the query.
export function routeQuery() {
  const h = window.location.hash.replace(/^#/, '');
  const q = h.indexOf('?');
  return q < 0 ? {} : Object.fromEntries(new URLSearchParams(h.slice(q + 1)));
}
