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
