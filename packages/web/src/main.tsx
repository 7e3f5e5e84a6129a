/*
 * The entry point decides which bundle a page needs: the public visitor page (`/v/:token`, opened
 * on a visitor's phone from a QR code) loads a small React-only chunk without the UI library,
 * everything else loads the signed-in app.
 */
if (/^\/v\/[^/]+\/?$/.test(window.location.pathname)) {
  void import('./features/visitor/visitorMain');
} else {
  void import('./appMain');
}
