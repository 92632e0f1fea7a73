// One script tag on a customer site adds a chat button that opens this server's chat page in a panel:
//   <script src="https://support.example.com/embed.js" data-operator="icosnet" async></script>
// The page runs in an iframe on our origin, so tokens and cookies never touch the host page.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var origin = new URL(script.src).origin;
  var operatorId = (script.getAttribute('data-operator') || '').toLowerCase();
  var label = script.getAttribute('data-label') || "Besoin d'aide ?";
  var pageUrl = origin + '/' + encodeURIComponent(operatorId);

  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483646;padding:12px 18px;' +
    'border:0;border-radius:24px;background:#1f3b63;color:#fff;font:600 15px system-ui,sans-serif;' +
    'box-shadow:0 2px 10px rgba(0,0,0,.25);cursor:pointer';

  var panel = null;

  button.addEventListener('click', function () {
    if (!panel) {
      panel = document.createElement('iframe');
      panel.src = pageUrl;
      panel.title = label;
      panel.style.cssText = 'position:fixed;right:20px;bottom:76px;z-index:2147483647;width:380px;' +
        'max-width:calc(100vw - 40px);height:560px;max-height:calc(100vh - 100px);border:0;border-radius:12px;' +
        'box-shadow:0 4px 24px rgba(0,0,0,.3);background:#fff';
      document.body.appendChild(panel);
      button.setAttribute('aria-expanded', 'true');
      return;
    }
    var open = panel.style.display !== 'none';
    panel.style.display = open ? 'none' : 'block';
    button.setAttribute('aria-expanded', open ? 'false' : 'true');
  });

  document.body.appendChild(button);
})();
