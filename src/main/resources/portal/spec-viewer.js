// Draws the OpenAPI document named by #specificatie's data-url with Swagger UI (loaded before this file).
// Our own file, not inline script, so the page's Content-Security-Policy can stay script-src 'self'.
window.addEventListener('DOMContentLoaded', function () {
  var target = document.getElementById('specificatie');
  if (!target || !window.SwaggerUIBundle) {
    return;
  }
  window.SwaggerUIBundle({
    url: target.getAttribute('data-url'),
    domNode: target,
    deepLinking: false,
    tryItOutEnabled: target.getAttribute('data-try') === 'true',
    supportedSubmitMethods: target.getAttribute('data-try') === 'true' ? ['get', 'post', 'put', 'patch', 'delete'] : []
  });
});
