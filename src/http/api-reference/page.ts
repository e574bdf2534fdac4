/**
 * The API reference page at /_/docs: Swagger UI (the swagger-ui-dist package, served from this
 * server, never from a CDN) reading /api/openapi.json. The document is fetched with the token a
 * dashboard session keeps in localStorage (`pocketbase_auth`, as the SDK stores it), so a signed-in
 * superuser sees the whole API; anyone else sees what they may call.
 */
export const REFERENCE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<link rel="stylesheet" href="/_/docs/swagger-ui.css">
<style>body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
<div id="reference"></div>
<script src="/_/docs/swagger-ui-bundle.js"></script>
<script src="/_/docs/reference.js"></script>
</body>
</html>
`;

export const REFERENCE_SCRIPT = `(function () {
  function storedToken() {
    try {
      var saved = JSON.parse(window.localStorage.getItem('pocketbase_auth') || 'null');
      return saved && typeof saved.token === 'string' ? saved.token : '';
    } catch (e) {
      return '';
    }
  }
  var token = storedToken();
  window.reference = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    persistAuthorization: true,
    requestInterceptor: function (req) {
      if (token && !req.headers.Authorization) req.headers.Authorization = token;
      return req;
    },
  });
})();
`;
