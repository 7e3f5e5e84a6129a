/*
 * The entry point decides which bundle a page needs: the public pages opened on a phone from a QR
 * code — the visitor page (`/v/:token`) and the mourners' register (`/m/:token`) — load a small
 * React-only chunk without the UI library, everything else loads the signed-in app.
 */
const path = window.location.pathname;
if (/^\/v\/[^/]+\/?$/.test(path)) {
  void import('./features/visitor/visitorMain');
} else if (/^\/m\/[^/]+\/?$/.test(path)) {
  void import('./features/mourner/mournerMain');
} else {
  void import('./appMain');
}
